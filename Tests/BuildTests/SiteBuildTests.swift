import ContentLoading
import Diagnostics
import Foundation
import SiteModel
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// Builds the real content/ into a temporary folder and reads the HTML back.
@Suite(.serialized) struct SiteBuildTests {
    @Test func buildsEveryPageTheContentCallsFor() throws {
        let fixture = try TestSite()
        let report = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let (site, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))
        #expect(site.articles.count >= 5)
        #expect(report.articles == site.articles.count)

        let files = try TestSite.tree(fixture.output)
        for required in ["index.html", "feed.xml", "sitemap.xml", "robots.txt", "404.html", "organizations/index.html", "countries/index.html"] {
            #expect(files[required] != nil, "missing \(required)")
        }
        for article in site.articles {
            let page = try fixture.read("articles/\(article.slug)/index.html")
            #expect(page.contains(escaped(article.title)), "\(article.slug) lacks its title")
        }
        for id in site.organizations.keys { #expect(files["organizations/\(id)/index.html"] != nil, "missing page for \(id)") }
        for country in site.countriesWithArticles { #expect(files["countries/\(country.pathComponent)/index.html"] != nil) }
    }

    @Test func organisationAndCountryPagesListExactlyTheirArticles() throws {
        let fixture = try TestSite()
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let (site, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))

        func listedArticles(_ folder: String) throws -> Set<String> {
            var slugs = Set<String>()
            var page = 1
            while true {
                let path = page == 1 ? "\(folder)/index.html" : "\(folder)/page/\(page)/index.html"
                guard let html = try? fixture.read(path) else { break }
                let main = html.components(separatedBy: "<main").last ?? html
                for href in HTML.attributeValues("href", in: main) {
                    guard let target = HTML.resolve(href, from: path), target.hasPrefix("articles/") else { continue }
                    slugs.insert(String(target.dropFirst("articles/".count).dropLast("/index.html".count)))
                }
                page += 1
            }
            return slugs
        }
        for id in site.organizations.keys {
            let expected = Set(site.articles.filter { $0.organizationIDs.contains(id) }.map(\.slug))
            #expect(try listedArticles("organizations/\(id)") == expected, "organisation \(id)")
        }
        for country in site.countriesWithArticles {
            let expected = Set(site.articles.filter { $0.countryCodes.contains(country.code) }.map(\.slug))
            #expect(try listedArticles("countries/\(country.pathComponent)") == expected, "country \(country.code)")
        }
    }

    @Test func everyInternalLinkResolvesAndEveryPageIsRightToLeftArabic() throws {
        let fixture = try TestSite()
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let files = try TestSite.tree(fixture.output)
        var checked = 0
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"), "\(path) is not RTL Arabic")
            guard path != "404.html" else { continue } // served at arbitrary depths: it links absolutely
            for href in HTML.links(in: html) {
                guard let target = HTML.resolve(href, from: path) else { continue }
                #expect(files[target] != nil, "\(path) links to \(href), which does not exist")
                checked += 1
            }
        }
        #expect(checked > 50)
    }

    @Test func markupInTitlesAndNamesIsEscaped() throws {
        let fixture = try TestSite()
        try fixture.write("content/articles/hostile.md", """
        ---
        title: "<script>alert('x')</script> شراكة & تعاون"
        slug: hostile
        summary: "ملخص <b>عريض</b>"
        organizations: ["منصة \\"الغد\\" <i>"]
        ---
        نص <script>alert(1)</script> و[رابط](javascript:alert(1)).
        """)
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let page = try fixture.read("articles/hostile/index.html")
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;"))
        #expect(page.contains("شراكة &amp; تعاون"))
        #expect(!page.contains("<b>عريض</b>"))
        #expect(!page.contains("<i>"))
        #expect(!page.contains("javascript:"))
        let home = try fixture.read("index.html")
        #expect(!home.contains("<script>alert"))
    }

    @Test func aBrokenArticleFailsWithFileAndLineAndLeavesTheOldSiteUntouched() throws {
        let fixture = try TestSite()
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let before = try TestSite.tree(fixture.output)
        let datesBefore = try TestSite.modificationDates(fixture.output)
        try fixture.write("content/articles/broken.md", "---\ntitle: خبر\ndate: 2024-02-30\norganisations: [كتارا]\n---\nنص\n")
        do {
            _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
            Issue.record("the build should fail")
        } catch {
            let locations = error.diagnostics.map(\.location)
            #expect(locations.contains(SourceLocation(file: "content/articles/broken.md", line: 3, column: 7)))
            #expect(locations.contains(SourceLocation(file: "content/articles/broken.md", line: 4, column: 1)))
        }
        #expect(try TestSite.tree(fixture.output) == before)
        #expect(try TestSite.modificationDates(fixture.output) == datesBefore)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: fixture.root.path).sorted()
        #expect(siblings == [".taawun", "content", "public", "templates"], "the build state only, nothing beside public/")
    }

    @Test func outputIsDeterministicAndIncrementalEqualsClean() throws {
        let fixture = try TestSite()
        let incremental = fixture.output
        // The preview's in-memory cache must not change a byte either.
        let cache = BuildCache()
        _ = try SiteBuild(options: BuildOptions(root: fixture.root), cache: cache).run()
        let articles = fixture.layout.articleFiles()
        #expect(articles.count >= 3)

        // Edit one article, add one, rename one, delete one.
        var edited = try String(contentsOf: articles[0], encoding: .utf8)
        edited = edited.replacingOccurrences(of: "\n---\n", with: "\n---\nفقرة جديدة أضافها المحرر.\n\n")
        try Data(edited.utf8).write(to: articles[0])
        try fixture.write("content/articles/new.md", "---\ntitle: خبر جديد عن كتارا\ndate: 2025-05-01\norganizations: [كتارا]\ncountries: [QA]\n---\nنص.\n")
        try FileManager.default.moveItem(at: articles[1], to: articles[1].deletingLastPathComponent().appendingPathComponent("renamed.md"))
        try FileManager.default.removeItem(at: articles[2])

        let report = try SiteBuild(options: BuildOptions(root: fixture.root), cache: cache).run()
        #expect(report.unchanged > 0)
        let clean = fixture.root.appendingPathComponent("clean")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: clean)).run()
        #expect(try TestSite.tree(incremental) == TestSite.tree(clean))

        let again = fixture.root.appendingPathComponent("again")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: again)).run()
        #expect(try TestSite.tree(again) == TestSite.tree(clean))

        // A rebuild with no change writes nothing.
        let noChange = try SiteBuild(options: BuildOptions(root: fixture.root, output: clean)).run()
        #expect(noChange.written == 0 && noChange.rendered == 0)
    }

    /// The preview's rebuild after an edit that keeps every article in its place updates the last
    /// plan instead of planning the site anew (`SiteBuild.update`); one that moves an article, or
    /// shifts the lines its names are on, plans anew. Either way the output — manifest, warnings
    /// and all — is a clean build's, with or without the watcher's list of changed files.
    @Test(arguments: [false, true]) func aPreviewRebuildAfterAnEditEqualsACleanBuild(knowingTheChangedFiles: Bool) throws {
        let fixture = try TestSite()
        let cache = BuildCache()
        let options = BuildOptions(root: fixture.root, includeDrafts: true)
        _ = try SiteBuild(options: options, cache: cache).run()
        let files = fixture.layout.articlePaths()
        func file(_ named: String) throws -> Int { try #require(files.firstIndex { $0.display.contains(named) }) }
        let (katara, office, morocco) = (try file("كتارا"), try file("مكتب-الاتصال"), try file("المغرب"))
        let edits: [(what: String, file: Int, edit: (String) -> String, updatesThePlan: Bool)] = [
            ("a new paragraph", morocco, { $0 + "\nفقرة جديدة أضافها المحرر.\n" }, true),
            ("the summary, on every card", katara, { $0.replacingOccurrences(of: "\nsummary: \"", with: "\nsummary: \"تحديث: ") }, true),
            ("the title, so the address", katara, { $0.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"عاجل: ") }, false),
            ("a line before the names", office, { $0.replacingOccurrences(of: "\norganizations:", with: "\nkicker: عاجل\norganizations:") }, false),
            ("another paragraph", office, { $0 + "\nوفقرة أخرى.\n" }, true),
        ]
        for (number, edit) in edits.enumerated() {
            let text = try String(contentsOfFile: files[edit.file].path, encoding: .utf8)
            #expect(edit.edit(text) != text, "\(edit.what): the edit changes nothing")
            try Data(edit.edit(text).utf8).write(to: URL(fileURLWithPath: files[edit.file].path))
            let report = try SiteBuild(options: options, cache: cache,
                                       changedFiles: knowingTheChangedFiles ? [files[edit.file].display] : nil).run()
            #expect(report.updatedThePlan == edit.updatesThePlan, "\(edit.what)")
            #expect(report.written > 0, "\(edit.what)")
            let clean = fixture.root.appendingPathComponent("clean-\(number)")
            let cleanReport = try SiteBuild(options: BuildOptions(root: fixture.root, output: clean, includeDrafts: true)).run()
            #expect(report.warnings == cleanReport.warnings, "\(edit.what)")
            #expect(try TestSite.tree(fixture.output) == TestSite.tree(clean), "\(edit.what)")
        }
    }

    /// A failed rebuild's edits are not lost to the next one, which the watcher tells only about
    /// the files changed since the failure.
    @Test func aPreviewRebuildAfterAFailedOneSeesEveryEditSinceTheLastGoodBuild() throws {
        let fixture = try TestSite()
        let cache = BuildCache()
        let options = BuildOptions(root: fixture.root, includeDrafts: true)
        _ = try SiteBuild(options: options, cache: cache).run()
        let files = fixture.layout.articlePaths()
        let edited = try #require(files.first { $0.display.contains("المغرب") })
        let broken = try #require(files.first { $0.display.contains("كتارا") })
        let text = try String(contentsOfFile: edited.path, encoding: .utf8)
        try Data((text + "\nفقرة لم تنشر بعد.\n").utf8).write(to: URL(fileURLWithPath: edited.path))
        let good = try String(contentsOfFile: broken.path, encoding: .utf8)
        try Data(good.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"\"").utf8).write(to: URL(fileURLWithPath: broken.path))
        #expect(throws: DiagnosticsError.self) {
            try SiteBuild(options: options, cache: cache, changedFiles: [edited.display, broken.display]).run()
        }
        try Data(good.utf8).write(to: URL(fileURLWithPath: broken.path))
        _ = try SiteBuild(options: options, cache: cache, changedFiles: [broken.display]).run()
        let clean = fixture.root.appendingPathComponent("clean")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: clean, includeDrafts: true)).run()
        #expect(try TestSite.tree(fixture.output) == TestSite.tree(clean))
        #expect(try TestSite.tree(fixture.output).values.contains { String(decoding: $0, as: UTF8.self).contains("فقرة لم تنشر بعد") })
    }

    @Test func articleImagesArePublishedBesideThePages() throws {
        let fixture = try TestSite()
        try fixture.write("content/images/توقيع.png", "PNG")
        try fixture.write("content/articles/photo.md", "---\ntitle: صورة التوقيع\nslug: photo\n---\n![التوقيع](../../images/توقيع.png)\n")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        #expect(try fixture.read("images/توقيع.png") == "PNG")
        let page = try fixture.read("articles/photo/index.html")
        let sources = HTML.attributeValues("src", in: page).compactMap { HTML.resolve($0, from: "articles/photo/index.html") }
        #expect(sources.contains("images/توقيع.png"))

        // A picture removed while an article still shows it: the build refuses, as taawun check does.
        try fixture.remove("content/images/توقيع.png")
        #expect(throws: DiagnosticsError.self) { try SiteBuild(options: BuildOptions(root: fixture.root)).run() }
        #expect(try fixture.read("images/توقيع.png") == "PNG")
        try fixture.write("content/articles/photo.md", "---\ntitle: صورة التوقيع\nslug: photo\n---\nبلا صورة.\n")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        #expect((try? fixture.read("images/توقيع.png")) == nil)
    }

    @Test func draftsOnlyWithTheFlag() throws {
        let fixture = try TestSite()
        try fixture.write("content/articles/draft.md", "---\ntitle: مسودة خبر\nslug: draft-one\ndraft: true\n---\nنص.\n")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        #expect((try? fixture.read("articles/draft-one/index.html")) == nil)
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, includeDrafts: true)).run()
        #expect(try fixture.read("articles/draft-one/index.html").contains("مسودة خبر"))
    }

    @Test func refusesAnOutputFolderThatHoldsTheContent() throws {
        let fixture = try TestSite()
        #expect(throws: DiagnosticsError.self) { try SiteBuild(options: BuildOptions(root: fixture.root, output: fixture.root)).run() }
        #expect(throws: DiagnosticsError.self) {
            try SiteBuild(options: BuildOptions(root: fixture.root, output: fixture.root.appendingPathComponent("content"))).run()
        }
        #expect(FileManager.default.fileExists(atPath: fixture.root.appendingPathComponent("content/site.yaml").path))
    }

    func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
