import ContentLoading
import Foundation
import Network
import Pages
import SiteModel
import TaawunTesting
import Templates
import Testing
@testable import BuildState
@testable import Pipeline

/// The pictures through edits: the whole network is laid out once per graph and kept in the
/// build state, an edit that moves nothing reuses it, and every update gives what a build from
/// scratch gives.
@Suite(.serialized) struct IncrementalTests {
    static func stamp(_ url: URL) throws -> [AnyHashable] {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return [attributes[.systemFileNumber] as? AnyHashable, attributes[.modificationDate] as? AnyHashable, attributes[.size] as? AnyHashable]
            .compactMap { $0 }
    }

    @Test func anEditOfTheNewestArticleReusesTheKeptLayoutAndEqualsACleanBuild() throws {
        let fixture = try Corpus.make(articles: 300)
        defer { fixture.remove() }
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let kept = PictureFile.url(state: fixture.state)
        #expect(FileManager.default.fileExists(atPath: kept.path))
        let before = try Self.stamp(kept)

        let (site, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))
        let newest = fixture.root.appendingPathComponent(site.articles[0].path)
        let text = try String(contentsOf: newest, encoding: .utf8)
        try Data((text + "\nفقرة جديدة أضافها المحرر.\n").utf8).write(to: newest)
        // A new process, as `taawun build` after an edit: the build record's plan, updated.
        let report = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        #expect(report.updatedThePlan)
        #expect(report.written > 0)
        // Nothing new was drawn: the kept pictures were enough.
        #expect(try Self.stamp(kept) == before)

        let clean = fixture.root.appendingPathComponent("clean")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: clean)).run()
        #expect(try TestSite.tree(fixture.output) == TestSite.tree(clean))

        // An edit that names another organisation plans the site anew: the pictures follow it.
        let second = fixture.root.appendingPathComponent(site.articles[1].path)
        var retagged = try String(contentsOf: second, encoding: .utf8)
        let other = try #require(site.organizations.values.map(\.name).sorted().first)
        retagged = retagged.replacingOccurrences(of: "\norganizations:\n", with: "\norganizations:\n  - \"\(other)\"\n")
        try Data(retagged.utf8).write(to: second)
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let cleanAgain = fixture.root.appendingPathComponent("clean-2")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: cleanAgain)).run()
        #expect(try TestSite.tree(fixture.output) == TestSite.tree(cleanAgain))
    }

    /// `SitePlan.updating` after an edit that moves nothing gives the pages with pictures — the
    /// home page, the network page, organisation and country pages — exactly as a plan from
    /// scratch, whether the pictures come from the kept memo or are drawn again.
    @Test func anUpdatedPlanShowsThePicturesAPlanFromScratchShows() throws {
        let fixture = try Corpus.make(articles: 200)
        defer { fixture.remove() }
        let (before, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))
        var article = before.articles[0]
        article.bodyHTML += "<p>فقرة جديدة.</p>\n"
        article.summary = "ملخص جديد"
        let after = before.replacingArticles([0: article])
        let memo = PictureMemo()
        let (updated, replanned) = PagePlanner(site: before, pictures: memo).sitePlan().updating(site: after, edited: [0])
        let fresh = PagePlanner(site: after).plan()
        let pages = try #require(updated.pages)
        let templates = try TemplateSet.load(from: Repository.templates, displayPrefix: "templates/")
        let renderer = PageRenderer(templates: templates)
        let byPath = Dictionary(uniqueKeysWithValues: fresh.map { ($0.path, $0) })
        var checked = 0
        for planned in pages where planned.path == "index.html" || planned.path.hasPrefix("network/")
            || (planned.path.hasPrefix("organizations/") || planned.path.hasPrefix("countries/")) && planned.path.hasSuffix("index.html") {
            let expected = try #require(byPath[planned.path])
            #expect(planned.page.key(templates: templates.fingerprint) == expected.page.key(templates: templates.fingerprint), "\(planned.path)")
            checked += 1
        }
        #expect(checked > 50)
        // The replanned home page draws from the memo, and renders as the fresh one.
        let home = try #require(replanned.first { $0.path == "index.html" })
        let html = String(decoding: try renderer.render(home.page), as: UTF8.self)
        #expect(html == String(decoding: try renderer.render(byPath["index.html"]!.page), as: UTF8.self))
        #expect(html.contains("<svg "))
        #expect(!replanned.contains { $0.path.hasPrefix("network/") })
    }

    @Test func theSamePicturesComeOutByteForByte() throws {
        let fixture = try Corpus.make(articles: 150)
        defer { fixture.remove() }
        let (site, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))
        let templates = try TemplateSet.load(from: Repository.templates, displayPrefix: "templates/")
        let renderer = PageRenderer(templates: templates)
        func network(_ memo: PictureMemo?) throws -> String {
            let page = try #require(PagePlanner(site: site, pictures: memo).plan().first { $0.path == "network/index.html" })
            return String(decoding: try renderer.render(page.page), as: UTF8.self)
        }
        let memo = PictureMemo()
        let first = try network(memo)
        #expect(try network(nil) == first)
        // Kept and read back, as the build state keeps them.
        let bytes = memo.encoded(stamp: 7)
        let restored = PictureMemo()
        bytes.withUnsafeBytes { restored.restore($0, stamp: 7) }
        #expect(try network(restored) == first)
        #expect(!restored.hasNewPictures)
        let other = PictureMemo()
        bytes.withUnsafeBytes { other.restore($0, stamp: 8) }
        _ = try network(other)
        #expect(other.hasNewPictures)
    }
}
