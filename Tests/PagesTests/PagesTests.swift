import ContentLoading
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TaawunTesting
import Testing
@testable import Pages
@testable import SiteModel
@testable import Templates

@Suite struct PlanTests {
    let site = SiteSample.site()

    @Test func everyFileOfTheSiteIsPlannedOnceAtItsAddress() {
        let paths = PagePlanner(site: site).pages().map(\.path)
        #expect(Set(paths).count == paths.count)
        let expected = [
            "index.html", "page/2/index.html", "page/3/index.html", "page/4/index.html",
            "articles/qmc-katara/index.html", "articles/تيك-توك-في-الدوحة/index.html", "articles/draft-piece/index.html",
            "organizations/index.html", "organizations/katara/index.html", "organizations/jrtv/index.html",
            "organizations/katara/feed.xml", "organizations/tiktok/index.html",
            "countries/index.html", "countries/qa/index.html", "countries/qa/page/2/index.html", "countries/qa/feed.xml",
            "countries/jo/index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html",
        ]
        for path in expected { #expect(paths.contains(path), "missing \(path)") }
        #expect(!paths.contains("page/5/index.html"))
        #expect(!paths.contains("page/1/index.html"))
    }

    @Test func planningIsDeterministic() {
        #expect(PagePlanner(site: site).pages() == PagePlanner(site: SiteSample.site()).pages())
    }

    @Test func eachArticleCardIsTheSameValueWhereverItIsShown() {
        let pages = PagePlanner(site: site).pages()
        func cards(_ path: String) -> [TemplateValue] {
            guard case .template(_, let values)? = pages.first(where: { $0.path == path })?.content,
                  case .list(let cards) = values["cards"] else { return [] }
            return cards
        }
        let katara = cards("organizations/katara/index.html")
        #expect(katara.count == 2)
        #expect(katara.first.map(cards("index.html").contains) == true)
        #expect(katara.first?["href"] == "articles/qmc-katara/index.html")
    }
}

@Suite struct RenderedSiteTests {
    let site = SiteSample.site()
    let files: [String: String]

    init() throws {
        files = try SiteSample.render(site)
    }

    var htmlPages: [(path: String, html: String)] {
        files.filter { $0.key.hasSuffix(".html") }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    @Test func everyInternalLinkAndAssetResolves() {
        let targets = Set(files.keys).union(SiteSample.assetPaths)
        #expect(SiteSample.assetPaths.contains("assets/style.css"))
        var checked = 0
        for (path, html) in htmlPages {
            for link in HTML.attributeValues("href", in: html) + HTML.attributeValues("src", in: html) {
                guard let target = HTML.resolve(link, from: path, basePath: "/digest/") else { continue }
                #expect(targets.contains(target), "\(path) links to \(link) → \(target), which is not part of the site")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    @Test func internalLinksAreRelativeAndNameTheirFile() {
        for (path, html) in htmlPages where path != "404.html" {
            for link in HTML.attributeValues("href", in: html) where !link.contains("://") {
                #expect(!link.hasPrefix("/"), "\(path): \(link) is root-relative")
                // A link to the search page filtered to a facet names its file before the query.
                let link = String(link.split(separator: "?", maxSplits: 1).first ?? "")
                #expect(link.hasSuffix("index.html") || link.hasSuffix(".xml") || link.hasPrefix("assets/") || link.contains("assets/")
                        || link.hasPrefix("#"), "\(path): \(link) does not name its file, so it fails from disk")
            }
        }
        let article = files["articles/qmc-katara/index.html"] ?? ""
        #expect(article.contains("href=\"../../organizations/katara/index.html\""))
        #expect(article.contains("href=\"../../\(SiteSample.stylesheet)\""))
        let second = files["page/2/index.html"] ?? ""
        #expect(second.contains("href=\"../../articles/\(encoded("تيك-توك-في-الدوحة"))/index.html\""))
    }

    @Test func everyPageIsAnAccessibleRightToLeftArabicDocument() {
        for (path, html) in htmlPages {
            #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"ar\" dir=\"rtl\">"), "\(path)")
            #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), "\(path)")
            #expect(HTML.matches("<h1[ >]", in: html).count == 1, "\(path) must have exactly one h1")
            for landmark in ["<header", "<nav", "<main id=\"main\"", "<footer"] { #expect(html.contains(landmark), "\(path) lacks \(landmark)") }
            #expect(html.contains("<a class=\"skip-link\" href=\"#main\">"), "\(path)")
            let ids = HTML.attributeValues("id", in: html)
            #expect(Set(ids).count == ids.count, "\(path) repeats an id: \(ids)")
            let levels = HTML.matches("<h([1-6])[ >]", in: html).compactMap { Int($0) }
            for (previous, next) in zip(levels, levels.dropFirst()) {
                #expect(next <= previous + 1, "\(path) skips a heading level: \(levels)")
            }
            // Only the search page runs a script (its own, assets/search.js).
            #expect(!html.contains("<script") || (path == "search/index.html" && html.components(separatedBy: "<script").count == 2),
                    "\(path) contains a script")
            #expect(!html.contains("false"), "\(path) shows a raw absent value")
        }
    }

    @Test func markupInTitlesNamesAndSummariesIsEscaped() {
        let hostile = files["articles/hostile/index.html"] ?? ""
        #expect(hostile.contains("<h1>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; شراكة &amp; تعاون</h1>"))
        #expect(hostile.contains("منصة &quot;الغد&quot; &lt;i&gt;"))
        #expect(hostile.contains("content=\"ملخص &lt;b&gt;عريض&lt;/b&gt; &amp; &quot;مقتبس&quot;\""))
        for (path, text) in files { #expect(!text.contains("<script>alert"), "\(path)") }
        #expect((files["organizations/index.html"] ?? "").contains("منصة &quot;الغد&quot; &lt;i&gt;"))
        #expect((files["page/2/index.html"] ?? "").contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; شراكة &amp; تعاون</a>"))
        // A website that is not http(s) is shown, never linked.
        #expect(!(files["organizations/gco/index.html"] ?? "").contains("javascript:"))
    }

    @Test func theArticlePageShowsEverythingAboutTheArticle() {
        let page = files["articles/qmc-katara/index.html"] ?? ""
        #expect(page.contains("<p class=\"kicker\">قمة الويب قطر 2024</p>"))
        #expect(page.contains("<h1>المدينة الإعلامية قطر وكتارا توقعان مذكرة تفاهم</h1>"))
        #expect(page.contains("<li>تدريب مئة صحفي</li>"))
        #expect(page.contains("<span class=\"dateline\">الدوحة</span>"))
        #expect(page.contains("<time datetime=\"2024-03-05\">5 مارس، 2024</time>"))
        #expect(page.contains("<a href=\"https://example.com/news/123?a=1&amp;b=2\" rel=\"external noopener\">وكالة الأنباء القطرية</a>"))
        #expect(page.contains("<p>نص الخبر عن qmc-katara.</p>"))
        #expect(page.contains("<link rel=\"canonical\" href=\"https://example.org/digest/articles/qmc-katara/\">"))
        #expect(page.contains("<meta property=\"og:type\" content=\"article\">"))
        // A source without a name shows its address as the link text.
        #expect((files["articles/sba-wam/index.html"] ?? "").contains(">wam.ae/ar/details/1</a>"))

        for article in site.articles {
            let html = files["articles/\(article.slug)/index.html"] ?? ""
            let related = html.components(separatedBy: "<section class=\"related\"").dropFirst().first ?? ""
            let count = HTML.matches("<article class=\"card\">", in: related).count
            #expect((3...5).contains(count), "\(article.slug) shows \(count) related articles")
            #expect(!HTML.linkedArticles(in: "<main" + related, at: "articles/\(article.slug)/index.html").contains(article.slug))
        }
    }

    @Test func aDraftIsMarkedAndKeptOutOfFeedsAndTheSitemap() {
        let draft = files["articles/draft-piece/index.html"] ?? ""
        #expect(draft.contains("<p class=\"badge badge-draft\">مسودة</p>"))
        #expect(draft.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!(files["articles/qmc-katara/index.html"] ?? "").contains("badge-draft\">مسودة</p>"))
        #expect(!(files["feed.xml"] ?? "").contains("draft-piece"))
        #expect(!(files["organizations/qatar-media-city/feed.xml"] ?? "").contains("draft-piece"))
        #expect(!(files["sitemap.xml"] ?? "").contains("draft-piece"))
    }

    @Test func homePagesArePaginatedAndLinkToEachOther() {
        let first = files["index.html"] ?? ""
        #expect(first.contains("rel=\"next\" href=\"page/2/index.html\""))
        #expect(!first.contains("rel=\"prev\""))
        let second = files["page/2/index.html"] ?? ""
        #expect(second.contains("rel=\"prev\" href=\"../../index.html\""))
        #expect(second.contains("rel=\"next\" href=\"../../page/3/index.html\""))
        #expect(second.contains("aria-current=\"page\">2</a>"))
        let last = files["page/4/index.html"] ?? ""
        #expect(last.contains("rel=\"prev\" href=\"../../page/3/index.html\""))
        #expect(!last.contains("rel=\"next\""))

        var listed: [String] = []
        for path in ["index.html", "page/2/index.html", "page/3/index.html", "page/4/index.html"] {
            let main = files[path]?.components(separatedBy: "<main").last ?? ""
            listed += HTML.attributeValues("href", in: main).filter { $0.contains("articles/") }
                .compactMap { HTML.resolve($0, from: path, basePath: "/") }
                .map { String($0.dropFirst("articles/".count).dropLast("/index.html".count)) }
        }
        #expect(listed == site.articles.map(\.slug), "the home pages list every article once, newest first")
    }

    @Test func organisationAndCountryPagesListExactlyTheArticlesThatNameThem() {
        func listed(_ folder: String) -> Set<String> {
            var slugs = Set<String>()
            var number = 1
            while let html = files[number == 1 ? "\(folder)/index.html" : "\(folder)/page/\(number)/index.html"] {
                slugs.formUnion(HTML.linkedArticles(in: html, at: number == 1 ? "\(folder)/index.html" : "\(folder)/page/\(number)/index.html"))
                number += 1
            }
            return slugs
        }
        for id in site.organizations.keys {
            let expected = Set(site.articles.filter { $0.organizationIDs.contains(id) }.map(\.slug))
            #expect(listed("organizations/\(id)") == expected, "\(id)")
        }
        for country in site.countries.values {
            let expected = Set(site.articles.filter { $0.countryCodes.contains(country.code) }.map(\.slug))
            #expect(listed("countries/\(country.pathComponent)") == expected, "\(country.code)")
        }
        #expect(files["countries/qa/page/2/index.html"] != nil)
        #expect(files["countries/qa/page/3/index.html"] == nil)
    }

    @Test func anOrganisationPageShowsItsDetailsAndPartnersWithCounts() {
        let page = files["organizations/katara/index.html"] ?? ""
        #expect(page.contains("<h1>المؤسسة العامة للحي الثقافي (كتارا)</h1>"))
        #expect(page.contains("<dd><a href=\"../../countries/qa/index.html\">قطر</a></dd>"))
        #expect(page.contains("<dd>خبران</dd>"))
        #expect(page.contains("href=\"../../organizations/qatar-media-city/index.html\">المدينة الإعلامية قطر <span class=\"chip-count\">1</span>"))
        #expect(page.contains("href=\"../../organizations/al-ghad/index.html\">منصة &quot;الغد&quot; &lt;i&gt; <span class=\"chip-count\">1</span>"))
        let qmc = files["organizations/qatar-media-city/index.html"] ?? ""
        #expect(qmc.contains("<a href=\"https://qmc.qa/\" rel=\"external noopener\" dir=\"ltr\">qmc.qa</a>"))
        #expect(qmc.contains("<p class=\"lead\">منطقة حرة للإعلام في الدوحة.</p>"))
        let empty = files["organizations/jrtv/index.html"] ?? ""
        #expect(empty.contains("لا أخبار هنا بعد."))
    }

    @Test func theOrganisationsIndexGroupsByCountryInArabicOrder() {
        let page = files["organizations/index.html"] ?? ""
        let groups = HTML.matches("<h2>(?:<a [^>]*>)?([^<]+)", in: page)
        let named = site.countries.values.filter { code in site.organizations.values.contains { $0.country == code.code } }
            .map(\.name).sorted(by: ArabicCollation.less)
        #expect(groups == named + ["دون بلد محدد"])
        let qatar = page.components(separatedBy: "<h2><a href=\"../countries/qa/index.html\">قطر</a></h2>").last ?? ""
        let inQatar = HTML.matches("<li><a href=\"[^\"]*\">([^<]+)</a>", in: qatar.components(separatedBy: "</section>")[0])
        #expect(inQatar == ["المدينة الإعلامية قطر", "المؤسسة العامة للحي الثقافي (كتارا)", "مكتب الاتصال الحكومي"].sorted(by: ArabicCollation.less))
        #expect(page.contains("مكتب الاتصال الحكومي</a> <span class=\"count-note\">خبر واحد</span>"))
    }

    @Test func aCountryPageShowsItsOrganisationsAndPartnerCountries() {
        let index = files["countries/index.html"] ?? ""
        #expect(index.contains("<a href=\"../countries/qa/index.html\">قطر</a> <span class=\"count-note\">4 أخبار</span>"))
        #expect(!index.contains("الأردن"), "a country without articles is not listed")
        let qatar = files["countries/qa/index.html"] ?? ""
        #expect(qatar.contains("aria-label=\"مؤسسات مقرها في قطر\""))
        #expect(qatar.contains("href=\"../../countries/eg/index.html\">مصر <span class=\"chip-count\">1</span>"))
        let jordan = files["countries/jo/index.html"] ?? ""
        #expect(jordan.contains("مؤسسة الإذاعة والتلفزيون الأردنية"))
    }

    @Test func theNotFoundPageReachesTheSiteFromAnyDepth() {
        let page = files["404.html"] ?? ""
        #expect(page.contains("href=\"/digest/\(SiteSample.stylesheet)\""))
        #expect(page.contains("href=\"/digest/organizations/index.html\""))
        #expect(page.contains("<meta name=\"robots\" content=\"noindex\">"))
        #expect(!page.contains("rel=\"canonical\""))
        for link in HTML.attributeValues("href", in: page) where !link.contains("://") && !link.hasPrefix("#") {
            #expect(link.hasPrefix("/digest/"), "\(link)")
        }
    }

    @Test func feedsAreWellFormedAtomDatedByTheArticles() throws {
        let feed = try XMLDocument(xmlString: files["feed.xml"] ?? "", options: [])
        let root = try #require(feed.rootElement())
        #expect(root.name == "feed")
        func text(_ xpath: String, _ node: XMLNode) throws -> [String] { try node.nodes(forXPath: xpath).compactMap(\.stringValue) }
        #expect(try text("*[local-name()='id']", root) == ["https://example.org/digest/feed.xml"])
        #expect(try text("*[local-name()='title']", root) == ["تعاون"])
        // The newest published article's day, not the draft's and not the build's.
        #expect(try text("*[local-name()='updated']", root) == ["2024-03-05T00:00:00Z"])
        let entries = try root.nodes(forXPath: "*[local-name()='entry']")
        #expect(entries.count == site.articles.count - 1)
        let titles = try entries.flatMap { try text("*[local-name()='title']", $0) }
        #expect(titles.contains(SiteSample.hostileTitle))
        let ids = try entries.flatMap { try text("*[local-name()='id']", $0) }
        #expect(ids.contains("https://example.org/digest/articles/\(encoded("تيك-توك-في-الدوحة"))/"))
        for entry in entries { #expect(try text("*[local-name()='updated']", entry).count == 1) }
        // Relative links in a body resolve against the article's address, not the feed's.
        let contentBases = try entries.flatMap { try text("*[local-name()='content']/@*[local-name()='base']", $0) }
        #expect(contentBases.count == entries.count)
        #expect(contentBases.contains("https://example.org/digest/articles/qmc-katara/"))

        for path in files.keys where path.hasSuffix("/feed.xml") {
            let document = try XMLDocument(xmlString: files[path]!, options: [])
            #expect(document.rootElement()?.name == "feed", "\(path)")
        }
        let katara = try XMLDocument(xmlString: files["organizations/katara/feed.xml"] ?? "", options: [])
        #expect(try katara.nodes(forXPath: "//*[local-name()='entry']").count == 2)
        #expect(try text("//*[local-name()='feed']/*[local-name()='updated']", katara) == ["2024-03-05T00:00:00Z"])
    }

    @Test func theSitemapListsEveryPublishedPageAndRobotsPointsAtIt() throws {
        let sitemap = try XMLDocument(xmlString: files["sitemap.xml"] ?? "", options: [])
        let locations = try sitemap.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
        #expect(locations.contains("https://example.org/digest/"))
        #expect(locations.contains("https://example.org/digest/page/2/"))
        #expect(locations.contains("https://example.org/digest/organizations/katara/"))
        #expect(locations.contains("https://example.org/digest/articles/\(encoded("تيك-توك-في-الدوحة"))/"))
        #expect(locations.allSatisfy { $0.hasPrefix("https://example.org/digest/") && $0.allSatisfy(\.isASCII) })
        #expect(!locations.contains { $0.contains("404") })
        let htmlCount = files.keys.filter { $0.hasSuffix(".html") }.count
        #expect(locations.count == htmlCount - 2, "every HTML page but the draft and the 404 page")
        #expect(files["robots.txt"] == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/digest/sitemap.xml\n")
    }

    @Test func renderingIsDeterministic() throws {
        #expect(try SiteSample.render(SiteSample.site()) == files)
    }
}

@Suite struct LocaleTests {
    @Test func datesUseGregorianArabicMonthsWithTheLocalesDigits() throws {
        let egypt = try SiteSample.render(SiteSample.site(locale: "ar-EG"))
        #expect((egypt["articles/qmc-katara/index.html"] ?? "").contains("<time datetime=\"2024-03-05\">٥ مارس، ٢٠٢٤</time>"))
        #expect((egypt["countries/index.html"] ?? "").contains("٤ أخبار"))
        #expect((egypt["page/2/index.html"] ?? "").contains("aria-current=\"page\">٢</a>"))

        // ar-SA's default calendar is the Hijri one: the site still shows the Gregorian date.
        let saudi = ArabicFormat(locale: "ar-SA").day(Day(year: 2024, month: 3, day: 5)!)
        #expect(saudi.contains("مارس") && saudi.contains("٢٠٢٤"), "\(saudi)")
        #expect(ArabicFormat(locale: "ar").day(Day(year: 2023, month: 12, day: 1)!) == "1 ديسمبر، 2023")
    }

    @Test func countsAgreeWithArabicPluralRules() {
        let format = ArabicFormat(locale: "ar")
        #expect(format.count(0, .article) == "لا أخبار")
        #expect(format.count(1, .article) == "خبر واحد")
        #expect(format.count(2, .article) == "خبران")
        #expect(format.count(3, .article) == "3 أخبار")
        #expect(format.count(11, .article) == "11 خبرًا")
        #expect(format.count(100, .article) == "100 خبر")
        #expect(format.count(103, .article) == "103 أخبار")
        #expect(ArabicFormat(locale: "ar-EG").count(25, .organization) == "٢٥ مؤسسةً")
    }

    @Test func aSiteAtTheDomainRootLinksThe404PageFromTheRoot() throws {
        let files = try SiteSample.render(SiteSample.site(baseURL: "https://example.org/"))
        #expect((files["404.html"] ?? "").contains("href=\"/\(SiteSample.stylesheet)\""))
        #expect((files["robots.txt"] ?? "").contains("Sitemap: https://example.org/sitemap.xml"))
    }
}

@Suite struct RendererTests {
    @Test func theCompiledRendererGivesSwiftMustachesBytesForEveryPage() throws {
        let templates = try TemplateSet.load(from: Repository.templates)
        #expect(templates.isCompiled)
        for locale in ["ar", "ar-EG"] {
            for page in PagePlanner(site: SiteSample.site(locale: locale)).pages() {
                guard case .template(let name, let values) = page.content else { continue }
                #expect(try templates.render(name, values) == templates.renderWithSwiftMustache(name, values), "\(page.path)")
            }
        }
    }

    @Test func aMissingTemplateIsADiagnosticNamingIt() throws {
        let templates = try TemplateSet(sources: ["home": "x"], required: [])
        let renderer = PageRenderer(templates: templates)
        do {
            _ = try renderer.render(Page(path: "countries/index.html", content: .template("countries", [:])))
            Issue.record("rendering with a missing template should fail")
        } catch {
            #expect(error.location.file == "templates/countries.mustache")
        }
    }

    @Test func controlCharactersNeverReachTheOutput() throws {
        var articles = SiteSample.articles
        articles[0].title = "عنوان\u{1}\u{8}فيه\u{85}محارف\u{FFFE}تحكم"
        let files = try SiteSample.render(SiteSample.site(articles: articles))
        #expect((files["articles/qmc-katara/index.html"] ?? "").contains("<h1>عنوانفيهمحارفتحكم</h1>"))
        _ = try XMLDocument(xmlString: files["feed.xml"] ?? "", options: [])
    }

    /// The page renderer drops them on UTF-8 bytes; every Unicode scalar, next to every other
    /// kind of byte sequence, must come out as the scalar-by-scalar definition says.
    @Test func forbiddenCharactersAreDroppedExactlyOnTheBytes() {
        func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.value {
            case 0x09, 0x0A, 0x0D: return false
            case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF: return true
            default: return false
            }
        }
        var all = String.UnicodeScalarView()
        for value in UInt32(0)...0x10FFFF {
            if let scalar = Unicode.Scalar(value) { all.append(scalar); all.append("ب") }
        }
        var bytes = Array(String(all).utf8)
        ForbiddenCharacters.remove(from: &bytes)
        var expected = String.UnicodeScalarView()
        expected.append(contentsOf: all.filter { !isForbidden($0) })
        #expect(bytes == Array(String(expected).utf8))
        // At every offset of a word, among the tabs and newlines a word may hold and still go by.
        for offset in 0..<16 {
            for forbidden in ["\u{1}", "\u{7F}", "\u{85}", "\u{FFFE}"] {
                var lines = Array((String(repeating: "\t\n\n", count: offset) + forbidden + "\r\n\n\n\n\n\n\n\n").utf8)
                ForbiddenCharacters.remove(from: &lines)
                #expect(lines == Array((String(repeating: "\t\n\n", count: offset) + "\r\n\n\n\n\n\n\n\n").utf8))
            }
        }
        var clean = Array("نص عربي نظيف\tوسطر\n".utf8)
        let before = clean
        ForbiddenCharacters.remove(from: &clean)
        #expect(clean == before)
    }

    @Test func anEmptySiteStillHasEveryPage() throws {
        let files = try SiteSample.render(SiteSample.site(articles: []))
        for path in ["index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "organizations/index.html", "countries/index.html"] {
            #expect(files[path] != nil, "missing \(path)")
        }
        #expect((files["index.html"] ?? "").contains("لا أخبار هنا بعد."))
        let feed = try XMLDocument(xmlString: files["feed.xml"] ?? "", options: [])
        #expect(try feed.nodes(forXPath: "//*[local-name()='updated']").compactMap(\.stringValue) == ["1970-01-01T00:00:00Z"])
    }
}

/// Percent-encoding as the pages must write it, made independently of the code under test.
func encoded(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
}


@Suite struct SitemapTests {
    @Test func aLargeSiteGetsASitemapIndex() throws {
        let plan = Plan(shared: SharedValues(site: SiteSample.site()), related: [])
        let entries = (0..<5).map { SitemapEntry(path: SitePath(["p\($0)"]), lastModified: nil) }
        let pages = plan.sitemapAndRobots(entries, limit: 2)
        #expect(pages.map(\.path) == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "robots.txt"])
        let renderer = PageRenderer(templates: try TemplateSet.load(from: Repository.templates))
        let index = try XMLDocument(data: try renderer.render(pages[0].page), options: [])
        #expect(index.rootElement()?.name == "sitemapindex")
        #expect(try index.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue)
                == (1...3).map { "https://example.org/digest/sitemap-\($0).xml" })
        let last = try XMLDocument(data: try renderer.render(pages[3].page), options: [])
        #expect(try last.nodes(forXPath: "//*[local-name()='loc']").compactMap(\.stringValue) == ["https://example.org/digest/p4/"])
    }
}
