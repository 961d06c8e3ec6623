import ContentLoading
import Foundation
@testable import Pages
@testable import SiteModel
import TaawunTesting
import Templates

/// A small digest as editors would write it: Arabic titles and slugs, one hostile title and one
/// organisation name with a quotation mark, an undated article, a draft, an organisation with no
/// country and one with no articles.
enum SiteSample {
    static let hostileTitle = "<script>alert('x')</script> شراكة & تعاون"
    static let quotedName = "منصة \"الغد\" <i>"

    static func article(_ slug: String, _ title: String, _ date: String?, organizations: [String], countries: [String],
                        kicker: String? = nil, highlights: [String] = [], summary: String = "",
                        source: String? = nil, sourceURL: String? = nil, dateline: String? = nil, draft: Bool = false) -> Article {
        Article(slug: slug, path: "content/articles/\(slug).md", title: title, titleGenerated: false,
                date: date.flatMap(Day.init(iso:)), kicker: kicker, highlights: highlights,
                summary: summary.isEmpty ? "ملخص خبر \(title)" : summary, source: source, sourceURL: sourceURL,
                dateline: dateline, organizationIDs: organizations, countryCodes: countries, draft: draft,
                bodyHTML: "<p>نص الخبر عن \(slug).</p>\n<h2>تفاصيل</h2>\n<p>فقرة ثانية.</p>\n")
    }

    static let articles = [
        article("qmc-katara", "المدينة الإعلامية قطر وكتارا توقعان مذكرة تفاهم", "2024-03-05",
                organizations: ["qatar-media-city", "katara"], countries: ["QA"], kicker: "قمة الويب قطر 2024",
                highlights: ["تدريب مئة صحفي", "إنتاج مشترك"], source: "وكالة الأنباء القطرية",
                sourceURL: "https://example.com/news/123?a=1&b=2", dateline: "الدوحة"),
        article("تيك-توك-في-الدوحة", "مكتب الاتصال الحكومي يوقع مذكرة تفاهم مع تيك توك", "2024-02-28",
                organizations: ["gco", "tiktok"], countries: ["QA"], source: "مكتب الاتصال الحكومي"),
        article("hostile", hostileTitle, "2024-01-10", organizations: ["al-ghad"], countries: ["EG"],
                summary: "ملخص <b>عريض</b> & \"مقتبس\""),
        article("sba-wam", "وكالة الأنباء السعودية ووكالة أنباء الإمارات تتفقان على تبادل الأخبار", "2023-12-01",
                organizations: ["sba", "wam"], countries: ["SA", "AE"], sourceURL: "https://www.wam.ae/ar/details/1"),
        article("katara-egypt", "كتارا ومنصة الغد تطلقان جائزة للصحافة الثقافية", "2023-11-11",
                organizations: ["katara", "al-ghad"], countries: ["QA", "EG"]),
        article("undated-note", "وكالة أنباء الإمارات تفتتح مكتبًا جديدًا", nil, organizations: ["wam"], countries: ["AE"]),
        article("draft-piece", "مسودة عن المدينة الإعلامية", "2024-04-01", organizations: ["qatar-media-city"],
                countries: ["QA"], draft: true),
    ]

    static let organizations: [String: Organization] = Dictionary(uniqueKeysWithValues: [
        Organization(id: "qatar-media-city", name: "المدينة الإعلامية قطر", country: "QA", website: "https://qmc.qa/",
                     description: "منطقة حرة للإعلام في الدوحة.", isRegistered: true),
        Organization(id: "katara", name: "المؤسسة العامة للحي الثقافي (كتارا)", country: "QA", isRegistered: true),
        Organization(id: "gco", name: "مكتب الاتصال الحكومي", country: "QA", website: "javascript:alert(1)", isRegistered: true),
        Organization(id: "tiktok", name: "تيك توك", isRegistered: true),
        Organization(id: "al-ghad", name: quotedName, country: "EG", isRegistered: false),
        Organization(id: "sba", name: "وكالة الأنباء السعودية", country: "SA", isRegistered: true),
        Organization(id: "wam", name: "وكالة أنباء الإمارات", country: "AE", isRegistered: true),
        Organization(id: "jrtv", name: "مؤسسة الإذاعة والتلفزيون الأردنية", country: "JO", isRegistered: true),
    ].map { ($0.id, $0) })

    static let countries: [String: Country] = Dictionary(uniqueKeysWithValues: [
        ("QA", "قطر"), ("EG", "مصر"), ("SA", "السعودية"), ("AE", "الإمارات"), ("JO", "الأردن"),
    ].map { ($0, Country(code: $0, name: $1)) })

    static func site(locale: String = "ar", baseURL: String = "https://example.org/digest/", pageSize: Int = 2,
                     articles: [Article] = articles) -> Site {
        Site(config: SiteConfig(title: "تعاون", description: "موجز أخبار التعاون الإعلامي", baseURL: baseURL,
                                locale: locale, pageSize: pageSize),
             articles: articles, organizations: organizations, countries: countries)
    }

    /// Every page of `site` rendered with the real theme, by output path.
    static func render(_ site: Site) throws -> [String: String] {
        let templates = try TemplateSet.load(from: Repository.templates, displayPrefix: "templates/")
        let renderer = PageRenderer(templates: templates)
        var files: [String: String] = [:]
        for page in PagePlanner(site: site).pages() {
            files[page.path] = String(decoding: try renderer.render(page), as: UTF8.self)
        }
        // TAAWUN_DUMP_SITE=/some/folder keeps a copy to look at in a browser or run a validator on.
        if let folder = ProcessInfo.processInfo.environment["TAAWUN_DUMP_SITE"] {
            let root = URL(fileURLWithPath: folder).appendingPathComponent(site.config.locale)
            for (path, text) in files {
                let url = root.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(text.utf8).write(to: url)
            }
            try? FileManager.default.removeItem(at: root.appendingPathComponent("assets"))
            try FileManager.default.copyItem(at: Repository.templates.appendingPathComponent("assets"), to: root.appendingPathComponent("assets"))
        }
        return files
    }

    /// The theme's assets as Build publishes them: "assets/style.css", and each under its hashed name too.
    static var assetPaths: Set<String> {
        let files = AssetNames.files(in: Repository.templates.appendingPathComponent("assets"))
        return Set(files.map(\.path) + files.map { AssetNames.hashed($0.path, data: $0.data) })
    }

    /// The stylesheet's published, content-hashed path ("assets/style.<hash>.css"), the one pages link to.
    static var stylesheet: String {
        let file = AssetNames.files(in: Repository.templates.appendingPathComponent("assets")).first { $0.path == "assets/style.css" }!
        return AssetNames.hashed(file.path, data: file.data)
    }
}

extension HTML {
    /// The slugs of the articles a list page links to inside its <main>.
    static func linkedArticles(in html: String, at path: String) -> Set<String> {
        let main = html.components(separatedBy: "<main").last?.components(separatedBy: "</main>").first ?? ""
        var slugs = Set<String>()
        for href in attributeValues("href", in: main) {
            guard let target = resolve(href, from: path, basePath: "/"), target.hasPrefix("articles/") else { continue }
            slugs.insert(String(target.dropFirst("articles/".count).dropLast("/index.html".count)))
        }
        return slugs
    }
}

extension PlannedPage {
    /// The page's key as a build computes it (`Page.key`), templates aside.
    var key: UInt64 { page.key(templates: 0) }
}

extension PagePlanner {
    /// Every file of the site with its values: what the tests read back.
    func pages() -> [Page] { plan().map(\.page) }
}
