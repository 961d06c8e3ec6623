import ContentLoading
import Foundation
@testable import Pages
@testable import SiteModel
import TaawunTesting
import Templates
import Testing

/// A rebuild renders only the pages whose key changed, so a key must change whenever the page's
/// bytes do. Each test edits the sample site one way and compares every page of both versions:
/// an unchanged key with changed bytes is a stale page on the published site.
@Suite struct PageKeyTests {
    typealias Edit = @Sendable (inout [Article], inout [String: Organization], inout SiteConfig) -> Void

    static let edits: [(String, Edit)] = [
        ("body", { a, _, _ in a[1].bodyHTML += "<p>تحديث: فقرة جديدة.</p>\n" }),
        ("title", { a, _, _ in a[0].title = "عنوان جديد للخبر" }),
        ("summary", { a, _, _ in a[2].summary = "ملخص آخر" }),
        ("kicker", { a, _, _ in a[3].kicker = "عاجل" }),
        ("highlights", { a, _, _ in a[0].highlights.append("نقطة ثالثة") }),
        ("source", { a, _, _ in a[1].source = "وكالة أخرى" }),
        ("source_url", { a, _, _ in a[1].sourceURL = "https://example.net/other" }),
        ("dateline", { a, _, _ in a[4].dateline = "عمّان" }),
        ("date", { a, _, _ in a[4].date = Day(iso: "2024-05-01") }),
        ("undate", { a, _, _ in a[0].date = nil }),
        ("slug", { a, _, _ in a[2].slug = "عنوان-آخر" }),
        ("organisation added", { a, _, _ in a[3].organizationIDs.append("jrtv") }),
        ("organisation removed", { a, _, _ in a[0].organizationIDs.removeLast() }),
        ("country added", { a, _, _ in a[1].countryCodes.append("JO") }),
        ("country removed", { a, _, _ in a[3].countryCodes.removeLast() }),
        ("published draft", { a, _, _ in a[6].draft = false }),
        ("made draft", { a, _, _ in a[1].draft = true }),
        ("article added", { a, _, _ in
            a.append(SiteSample.article("new-one", "خبر جديد عن الأردن", "2024-03-01", organizations: ["jrtv"], countries: ["JO"]))
        }),
        ("article removed", { a, _, _ in a.remove(at: 3) }),
        ("organisation renamed", { _, o, _ in o["katara"]?.name = "كتارا" }),
        ("organisation described", { _, o, _ in o["wam"]?.description = "وكالة الأنباء الرسمية" }),
        ("site title", { _, _, c in c.title = "تعاون الإعلامي" }),
        ("base_url", { _, _, c in c.baseURL = "https://example.org/other/" }),
        ("page size", { _, _, c in c.pageSize = 3 }),
        ("locale", { _, _, c in c.locale = "ar-EG" }),
    ]

    static func site(_ edit: Edit?) -> Site {
        var articles = SiteSample.articles
        var organizations = SiteSample.organizations
        var config = SiteSample.site().config
        edit?(&articles, &organizations, &config)
        return Site(config: config, articles: articles, organizations: organizations, countries: SiteSample.countries)
    }

    static func rendered(_ site: Site) throws -> [String: (key: UInt64, bytes: Data)] {
        let templates = try TemplateSet.load(from: Repository.templates, displayPrefix: "templates/")
        let renderer = PageRenderer(templates: templates)
        var files: [String: (UInt64, Data)] = [:]
        for planned in PagePlanner(site: site).plan() {
            files[planned.path] = (planned.key, try renderer.render(planned.page))
        }
        return files
    }

    @Test(arguments: edits.indices)
    func aPageWhoseKeyIsUnchangedRendersTheSameBytes(_ index: Int) throws {
        let (name, edit) = Self.edits[index]
        let before = try Self.rendered(Self.site(nil))
        let after = try Self.rendered(Self.site(edit))
        var changedBytes = 0
        for (path, page) in after {
            guard let old = before[path] else { continue }
            if old.bytes != page.bytes {
                changedBytes += 1
                #expect(old.key != page.key, "\(name): \(path) changed but kept its key")
            }
        }
        // Every edit shows somewhere (or the test would prove nothing about it).
        #expect(changedBytes > 0 || Set(after.keys) != Set(before.keys), "\(name) changed no page")
    }

    @Test func aBodyEditChangesOnlyTheArticleAndTheFeedsThatCarryIt() throws {
        let before = try Self.rendered(Self.site(nil))
        let after = try Self.rendered(Self.site(Self.edits[0].1))
        let all = after.keys.filter { before[$0]?.key != after[$0]?.key }.sorted()
        // The search index changes in the shards of the words that came or went and the article's chunk.
        let changed = all.filter { !$0.hasPrefix("search/") }
        let search = all.filter { $0.hasPrefix("search/") }
        #expect(search.contains("search/docs/0.json") && search.allSatisfy { $0.hasPrefix("search/shards/") || $0.hasPrefix("search/docs/") })
        let slug = SiteSample.articles[1].slug
        #expect(changed == ["articles/\(slug)/index.html", "countries/qa/feed.xml", "feed.xml",
                            "organizations/gco/feed.xml", "organizations/tiktok/feed.xml"].sorted())
    }

    @Test func keysAreTheSameFromPlanToPlan() throws {
        let first = PagePlanner(site: Self.site(nil)).plan().map { [$0.path: $0.key] }
        let second = PagePlanner(site: Self.site(nil)).plan().map { [$0.path: $0.key] }
        #expect(first == second)
    }

    @Test func theRelatedTableIsReusedOnlyWhileArticlesRelateTheSameWay() throws {
        let site = Self.site(nil)
        let table = PagePlanner(site: site).related
        #expect(table.lists.count == site.articles.count && table.lists.allSatisfy { $0.count >= 3 })
        // A body edit keeps the table; a new organisation on an article does not.
        let edited = Self.site(Self.edits[0].1)
        #expect(RelatedArticles.key(of: edited) == table.key)
        let retagged = Self.site(Self.edits.first { $0.0 == "organisation added" }!.1)
        #expect(RelatedArticles.key(of: retagged) != table.key)
        let wrong = RelatedArticles(key: table.key, lists: table.lists.map { _ in [0, 1, 2] })
        #expect(PagePlanner(site: retagged, related: wrong).related.lists == PagePlanner(site: retagged).related.lists)
        #expect(PagePlanner(site: edited, related: table).plan().map(\.key) == PagePlanner(site: edited).plan().map(\.key))
    }

    /// A plan updated after in-place edits (`SitePlan.updating`) is the plan of the edited site,
    /// key for key and byte for byte: the pages it did not plan again show nothing that changed.
    @Test(arguments: ["body", "title", "summary", "kicker", "highlights", "source", "source_url", "dateline"])
    func anUpdatedPlanIsTheEditedSitesPlan(edit name: String) throws {
        let edit = try #require(Self.edits.first { $0.0 == name }).1
        let before = Self.site(nil), after = Self.site(edit)
        let edited = after.articles.indices.filter { after.articles[$0] != before.articles[$0] }
        #expect(edited.count == 1)
        let site = before.replacingArticles(Dictionary(uniqueKeysWithValues: edited.map { ($0, after.articles[$0]) }))
        let (updated, replanned) = PagePlanner(site: before).sitePlan().updating(site: site, edited: edited)
        let fresh = PagePlanner(site: after).plan()
        let pages = try #require(updated.pages)
        #expect(pages.map(\.path) == fresh.map(\.path))
        #expect(pages.map(\.key) == fresh.map(\.key))
        #expect(replanned.count < fresh.count)

        let renderer = PageRenderer(templates: try TemplateSet.load(from: Repository.templates, displayPrefix: "templates/"))
        for (page, expected) in zip(pages, fresh) {
            #expect(try renderer.render(page.page) == renderer.render(expected.page), "\(name): \(page.path)")
        }

        // A plan made without its pages (a new `taawun build` process's) plans the same pages again.
        let (unplanned, replannedAlone) = PagePlanner(site: before).updatablePlan().updating(site: site, edited: edited)
        #expect(unplanned.pages == nil)
        #expect(replannedAlone.count == replanned.count)
        #expect(Dictionary(uniqueKeysWithValues: replannedAlone.map { ($0.path, $0.key) })
            == Dictionary(uniqueKeysWithValues: replanned.map { ($0.path, $0.key) }))
    }
}
