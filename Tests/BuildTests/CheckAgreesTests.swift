import Authoring
import BuildState
import ContentLoading
import Diagnostics
import Foundation
import Pipeline
import SiteModel
import TaawunTesting
import Testing

/// `taawun check` and `taawun build` agree (issue #16, "Trust"): on a copy of the real content/
/// with broken files added, both report the same errors, every problem of a file at once, with
/// content's control characters made visible; and a build with errors writes nothing.
@Suite struct CheckAgreesTests {
    static let brokenFile = "content/articles/خبر-معطوب.md"

    func check(_ site: TestSite) -> [Diagnostic] {
        SiteCheck(root: site.root).run().diagnostics
    }

    func buildErrors(_ site: TestSite) -> [Diagnostic]? {
        do {
            _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
            return nil
        } catch {
            return error.diagnostics.errors
        }
    }

    func located(_ found: [Diagnostic], _ line: Int, _ column: Int, in file: String = brokenFile) -> [Diagnostic] {
        found.filter { $0.location == SourceLocation(file: file, line: line, column: column) }
    }

    @Test func theSameBrokenSiteGivesTheSameErrorsAndTheBuildWritesNothing() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let before = try TestSite.tree(site.output)
        try site.write(Self.brokenFile, """
        ---
        title: "خبر فيه رابط معطوب وصورة غائبة"
        date: 2024-03-01
        ---
        انظر [خبرًا لا وجود له](../لا-وجود-له/).

        ![صورة](../../images/غائبة.jpg)

        ![صورة من موقع آخر](/elsewhere/photo.jpg)
        """)
        let checked = check(site).errors
        #expect(checked.count == 3, "\(checked)")
        let built = try #require(buildErrors(site), "the build succeeded")
        #expect(built == checked)
        #expect(try TestSite.tree(site.output) == before, "a failed build changed public/")
    }

    @Test func aSlugTooLongForTheFileSystemIsCaughtAtItsLine() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let slug = String(repeating: "ب", count: 140) // 280 bytes
        try site.write(Self.brokenFile, "---\ntitle: \"خبر بعنوان عادي\"\ndate: 2024-03-01\nslug: \(slug)\n---\nنص.\n")
        let found = located(check(site).errors, 4, 7)
        #expect(found.count == 1, "\(check(site))")
        #expect(found.first?.message.contains("280 bytes") == true)
        #expect(found.first?.hint?.contains("shorten") == true)
        #expect(buildErrors(site) == found)
    }

    @Test func aDerivedSlugAlwaysFits() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let word = String(repeating: "ت", count: 200)
        try site.write(Self.brokenFile, "---\ntitle: \"\(word) \(word)\"\ndate: 2024-03-01\n---\nنص.\n")
        #expect(check(site).errors.isEmpty, "\(check(site))")
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
    }

    @Test func aBadDateDoesNotHideTheCountryAndTheLink() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write(Self.brokenFile, """
        ---
        title: "خبر بثلاثة أخطاء"
        date: 2024-02-30
        countries: [أطلانطس]
        ---
        انظر [خبرًا لا وجود له](../لا-وجود-له/).
        """)
        let found = check(site).errors
        #expect(located(found, 3, 7).first?.message.contains("not a date") == true, "\(found)")
        #expect(located(found, 4, 13).first?.message.contains("unknown country") == true, "\(found)")
        #expect(found.contains { $0.location.line == 6 && $0.message.contains("no article has that address") }, "\(found)")
        #expect(found.count == 3, "\(found)")
        #expect(buildErrors(site) == found)
    }

    @Test func aDuplicateKeyIsReportedAtBothLinesAndTheRestIsChecked() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write(Self.brokenFile, """
        ---
        title: "خبر أول"
        date: 2024-03-01
        title: "خبر ثان"
        countries: [أطلانطس]
        ---
        نص.
        """)
        let found = check(site).errors
        #expect(located(found, 2, 1).first?.message.contains("\"title\" is written more than once (again on line 4)") == true, "\(found)")
        #expect(located(found, 4, 1).first?.message.contains("\"title\" is written more than once (first on line 2)") == true, "\(found)")
        #expect(located(found, 5, 13).first?.message.contains("unknown country") == true, "\(found)")
        #expect(found.count == 3, "\(found)")
    }

    @Test func oneBrokenRegistryEntryIsReportedAndTheOthersStillResolve() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let unknown = { (found: [Diagnostic]) in found.filter { $0.message.contains("is not in content/organizations.yaml") } }
        let baseline = unknown(check(site))
        let registry = try String(contentsOf: site.root.appendingPathComponent("content/organizations.yaml"), encoding: .utf8)
        var lines = registry.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let second = try #require(lines.indices.filter { lines[$0].hasPrefix("- id:") }.dropFirst().first)
        lines.insert(contentsOf: ["- id: broken-entry", "  name: مؤسسة: بلا علامات تنصيص", ""], at: second)
        try site.write("content/organizations.yaml", lines.joined(separator: "\n"))

        let found = check(site)
        let broken = found.errors.filter { $0.location.file == "content/organizations.yaml" }
        #expect(broken.count == 1, "\(found)")
        #expect(broken.first?.location.line == second + 2, "\(found)")
        #expect(unknown(found) == baseline, "the other organisations no longer resolve")
        #expect(found.errors == broken, "\(found)")
    }

    @Test func controlCharactersFromContentAreShownEscaped() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        try site.write(Self.brokenFile, """
        ---
        title: "خبر \\e[31mأحمر\\a"
        date: 2024-03-01
        slug: "أحمر\\e[31m\\r\\u202E"
        countries: ["أطلانطس\\e]0;title\\a"]
        ---
        نص.
        """)
        let found = check(site).errors
        let slug = try #require(located(found, 4, 7).first, "\(found)")
        #expect(slug.message.contains("«أحمر\\u{1B}[31m\\u{D}\\u{202E}»"), "\(slug.message)")
        let country = try #require(located(found, 5, 13).first, "\(found)")
        #expect(country.message.contains("أطلانطس\\u{1B}]0;title\\u{7}"), "\(country.message)")
        for diagnostic in found {
            #expect(!diagnostic.description.unicodeScalars.contains { VisibleText.needsEscaping($0) && $0 != "\n" })
        }
        // JSON for tools: valid, and the escapes are the same text.
        let json = try JSONEncoder().encode(found)
        let decoded = try JSONDecoder().decode([Diagnostic].self, from: json)
        #expect(decoded == found)
        #expect(!json.contains(0x1B))
    }

    @Test func anArticleLinkedFromOutsideTheSiteIsRefused() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-outside-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: outside) }
        try Data("---\ntitle: \"سر من خارج الموقع\"\ndate: 2024-03-01\n---\nسر.\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content/articles/link.md"), withDestinationURL: outside)
        // A link to a file inside the site folder is an article like any other.
        try site.write("drafts/inside.md", "---\ntitle: \"خبر من داخل الموقع\"\ndate: 2024-03-01\n---\nنص.\n")
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content/articles/inside.md"),
                                                   withDestinationURL: site.root.appendingPathComponent("drafts/inside.md"))

        let found = check(site).errors
        #expect(found.count == 1, "\(found)")
        #expect(found.first?.location == SourceLocation(file: "content/articles/link.md"))
        #expect(found.first?.message.contains("outside the site folder") == true)
        #expect(found.first?.hint?.contains("copy the file into content/articles/") == true)
        #expect(buildErrors(site) == found)
        #expect(!FileManager.default.fileExists(atPath: site.output.path))

        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/articles/link.md"))
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        #expect(try site.read("articles/خبر-من-داخل-الموقع/index.html").contains("خبر من داخل الموقع"))
    }

    /// An edit that moves no article is rebuilt the quick way (the build record, the preview's
    /// update): a dead link it adds is refused there too.
    @Test func aDeadLinkAddedByAQuickEditIsRefused() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        let cache = BuildCache()
        let preview = site.root.appendingPathComponent("preview")
        _ = try SiteBuild(options: BuildOptions(root: site.root, output: preview), cache: cache).run()
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let before = try TestSite.tree(site.output)
        let article = try #require(site.layout.articlePaths().first)
        let text = try String(contentsOfFile: article.path, encoding: .utf8)
        try site.write(article.display, text + "\n\nانظر [خبرًا لا وجود له](../لا-وجود-له/).\n")

        let checked = check(site).errors
        #expect(checked.count == 1, "\(checked)")
        #expect(buildErrors(site) == checked)
        #expect(try TestSite.tree(site.output) == before)
        do {
            _ = try SiteBuild(options: BuildOptions(root: site.root, output: preview), cache: cache, changedFiles: [article.display]).run()
            Issue.record("the preview's rebuild took the dead link")
        } catch {
            #expect(error.diagnostics.errors == checked)
        }
    }

    /// A quick edit that links to an existing article stays quick (the link check looks up only
    /// the articles linked to) and publishes what a clean build would.
    @Test func aLiveLinkAddedByAQuickEditKeepsTheEditQuick() throws {
        let site = try TestSite()
        defer { try? FileManager.default.removeItem(at: site.root) }
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let files = site.layout.articlePaths()
        let target = try #require(try SiteBuilder.build(ContentLoader.load(site.layout, includeDrafts: false)).site.articles
            .first { $0.path != files[0].display })
        let text = try String(contentsOfFile: files[0].path, encoding: .utf8)
        try site.write(files[0].display, text + "\n\nانظر [الخبر الآخر](../\(target.slug)/).\n")
        let report = try SiteBuild(options: BuildOptions(root: site.root)).run()
        #expect(report.updatedThePlan, "the edit went through the build record")
        let clean = site.root.appendingPathComponent("clean")
        _ = try SiteBuild(options: BuildOptions(root: site.root, output: clean)).run()
        #expect(try TestSite.tree(site.output) == TestSite.tree(clean))
    }
}
