import ContentLoading
import Foundation
import Markdown
import SiteModel
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// `taawun build` records every article file as parsed and its body as rendered (`BuildRecord`,
/// in `.taawun/cache/`), and a next build that is not an update reads them back instead of
/// parsing and rendering again. Whatever state the record is in, the site must come out as a
/// clean build makes it.
@Suite struct RecordedFilesTests {
    /// Builds without a handed-in cache, as the command line does.
    func build(_ fixture: TestSite, output: URL? = nil) throws -> BuildReport {
        try SiteBuild(options: BuildOptions(root: fixture.root, output: output)).run()
    }

    func clean(_ fixture: TestSite) throws -> [String: Data] {
        let folder = fixture.root.appendingPathComponent("clean-\(UUID().uuidString)")
        _ = try build(fixture, output: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        return try TestSite.tree(folder)
    }

    func restored(_ fixture: TestSite) throws -> BuildCache {
        let cache = BuildCache()
        BuildRecord.restoreCache(into: cache, state: fixture.state, binary: try #require(BuildInputs.binaryFingerprint()),
                                 allowUnsafeHTML: false)
        return cache
    }

    @Test func theRecordHoldsEveryArticleAsParsedAndItsBodyAsRendered() throws {
        let fixture = try TestSite()
        _ = try build(fixture)
        let cache = try restored(fixture)
        let fresh = ContentLoader.load(fixture.layout, includeDrafts: true)
        let stored = Dictionary(uniqueKeysWithValues: cache.articles.parsedArticles.map { ($0.path, $0.article) })
        #expect(stored.count == fresh.articles.count && !stored.isEmpty)
        // The registries as parsed, and the names' Arabic order.
        let registries = ContentLoader.loadRegistries(fixture.layout)
        #expect(cache.articles.registries.organizations?.records == registries.organizations && !registries.organizations.isEmpty)
        #expect(cache.articles.registries.countries?.records ?? [] == registries.countries)
        #expect(!cache.model.collation.sortedLists.isEmpty)
        let bodies = cache.model.allBodies
        for article in fresh.articles {
            var withoutBody = article
            withoutBody.body = ""
            #expect(stored[article.path] == withoutBody, "\(article.path)")
            let rendered = MarkdownRenderer.render(article.body)
            #expect(bodies[article.path]?.html.html == rendered.html, "\(article.path)")
            #expect(bodies[article.path]?.html.archived != nil, "\(article.path) was not read from the bodies file")
            #expect(bodies[article.path]?.firstParagraph == rendered.firstParagraph)
        }
    }

    @Test func editsAfterARestoredRecordGiveTheCleanSite() throws {
        let fixture = try TestSite()
        _ = try build(fixture)
        let articles = fixture.layout.articleFiles()
        var text = try String(contentsOf: articles[0], encoding: .utf8)
        text += "\nفقرة أضيفت بعد النشر.\n"
        try Data(text.utf8).write(to: articles[0])
        let edit = try build(fixture)
        #expect(edit.written > 0 && edit.written < edit.files / 2)
        #expect(try TestSite.tree(fixture.output) == clean(fixture))

        // Added, renamed and deleted files, over a cache that already had appended bodies.
        try fixture.write("content/articles/new.md", "---\ntitle: خبر جديد عن كتارا\ndate: 2025-05-01\norganizations: [كتارا]\ncountries: [QA]\n---\nنص جديد.\n")
        try FileManager.default.moveItem(at: articles[1], to: articles[1].deletingLastPathComponent().appendingPathComponent("renamed.md"))
        try FileManager.default.removeItem(at: articles[2])
        _ = try build(fixture)
        #expect(try TestSite.tree(fixture.output) == clean(fixture))
        let cache = try restored(fixture)
        #expect(cache.articles.parsedArticles.count == fixture.layout.articleFiles().count)
    }

    @Test func aDamagedRecordIsIgnored() throws {
        // A record cut short in its files' records: nothing of it is restored, and the next
        // build reads every file.
        let fixture = try TestSite()
        _ = try build(fixture)
        let record = fixture.state.appendingPathComponent("cache/last")
        var bytes = try Data(contentsOf: record)
        bytes.removeLast(bytes.count * 2 / 3)
        try bytes.write(to: record)
        #expect(try restored(fixture).articles.parsedArticles.isEmpty)
        let articles = fixture.layout.articleFiles()
        try Data((try String(contentsOf: articles[0], encoding: .utf8) + "\nتحديث.\n").utf8).write(to: articles[0])
        _ = try build(fixture)
        #expect(try TestSite.tree(fixture.output) == clean(fixture))
        #expect(try restored(fixture).articles.parsedArticles.count == articles.count)

        // A bodies file cut short: the offsets no longer fit in it, so nothing is restored.
        let other = try TestSite()
        _ = try build(other)
        try Data("قصير".utf8).write(to: other.state.appendingPathComponent("cache/bodies"))
        #expect(try restored(other).model.allBodies.isEmpty)
        let otherArticles = other.layout.articleFiles()
        try Data((try String(contentsOf: otherArticles[1], encoding: .utf8) + "\nتحديث.\n").utf8).write(to: otherArticles[1])
        _ = try build(other)
        #expect(try TestSite.tree(other.output) == clean(other))
    }

    @Test func switchingUnsafeHTMLRendersEveryBodyAgain() throws {
        let fixture = try TestSite()
        try fixture.write("content/articles/raw.md", "---\ntitle: خبر فيه وسم\ndate: 2025-01-01\n---\nنص <mark>مهم</mark>.\n")
        _ = try build(fixture)
        #expect(try !fixture.read("articles/خبر-فيه-وسم/index.html").contains("<mark>"))
        let settings = try fixture.read("content/site.yaml", in: fixture.root)
        try fixture.write("content/site.yaml", settings + "\nunsafe_html: true\n")
        _ = try build(fixture)
        #expect(try fixture.read("articles/خبر-فيه-وسم/index.html").contains("<mark>مهم</mark>"))
        #expect(try TestSite.tree(fixture.output) == clean(fixture))
    }

    /// A kept article has no Markdown: a draft left out of one build (so never rendered) must be
    /// read again when the next build includes drafts, from a kept cache or the stored one.
    @Test func draftsLeftOutOfOneBuildAreRenderedByTheNext() throws {
        let fixture = try TestSite()
        try fixture.write("content/articles/draft.md", "---\ntitle: مسودة عن كتارا\ndate: 2025-02-01\ndraft: true\n---\nنص المسودة **كاملًا**.\n")
        let cleanDrafts = fixture.root.appendingPathComponent("clean-drafts")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: cleanDrafts, includeDrafts: true)).run()
        #expect(try fixture.read("articles/مسودة-عن-كتارا/index.html", in: cleanDrafts).contains("<strong>كاملًا</strong>"))

        // The command line: the record of a build without drafts.
        _ = try build(fixture)
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, includeDrafts: true)).run()
        #expect(try TestSite.tree(fixture.output) == TestSite.tree(cleanDrafts))

        // The preview's kept cache, the same way.
        let kept = BuildCache()
        let output = fixture.root.appendingPathComponent("kept")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: output), cache: kept).run()
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: output, includeDrafts: true), cache: kept).run()
        #expect(try TestSite.tree(output) == TestSite.tree(cleanDrafts))
    }
}
