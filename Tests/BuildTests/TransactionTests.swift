import ContentLoading
import Diagnostics
import Foundation
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// Every build publishes the old site or the whole new one: a failed build, full or
/// incremental, leaves `public/` byte for byte and time for time as it was, and nothing of a
/// draft ever lands there (the build state lives in `.taawun/`).
@Suite(.serialized) struct TransactionTests {
    /// Every file and folder under `folder`, hidden ones included, with its bytes, modification
    /// time and inode.
    static func snapshot(_ folder: URL) throws -> [String: Entry] {
        var entries: [String: Entry] = [:]
        let walk = FileManager.default.enumerator(atPath: folder.path)!
        while let relative = walk.nextObject() as? String {
            var info = stat()
            let path = folder.appendingPathComponent(relative).path
            guard lstat(path, &info) == 0 else { continue }
            entries[relative] = Entry(bytes: FileManager.default.contents(atPath: path), seconds: info.st_mtim.tv_sec,
                                      nanoseconds: info.st_mtim.tv_nsec, inode: info.st_ino)
        }
        return entries
    }

    struct Entry: Equatable {
        var bytes: Data?
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt
    }

    func build(_ fixture: TestSite, drafts: Bool = false) throws -> BuildReport {
        try SiteBuild(options: BuildOptions(root: fixture.root, includeDrafts: drafts)).run()
    }

    func expectFailure(_ fixture: TestSite, leaves before: [String: Entry], _ comment: Comment) throws {
        #expect(throws: DiagnosticsError.self, comment) { try build(fixture) }
        let after = try Self.snapshot(fixture.output)
        #expect(after == before, comment)
        let beside = Set(try FileManager.default.contentsOfDirectory(atPath: fixture.root.path))
        #expect(beside.isSubset(of: [".taawun", "content", "public", "templates"]), "nothing is left beside public/: \(beside.sorted())")
    }

    var longSlugArticle: String {
        "---\ntitle: \"خبر بعنوان طويل\"\ndate: 2024-03-01\nslug: \(String(repeating: "ب", count: 140))\n---\nنص الخبر.\n"
    }

    /// A new title for the first article: its address, and every list showing it, change.
    func editTitle(_ fixture: TestSite, to title: String = "عنوان جديد تماما للخبر") throws {
        let file = try #require(fixture.layout.articlePaths().first).path
        let lines = try String(contentsOfFile: file, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("title: ") } && !lines.contains { $0.hasPrefix("slug: ") })
        let edited = lines.map { $0.hasPrefix("title: ") ? "title: \"\(title)\"" : $0 }
        try edited.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
    }

    /// Replaces a folder of the second tree (`path` in the build state) with a symbolic link to
    /// an empty folder outside it, as anyone with access to the trees could; returns that folder.
    func plantLinkOutside(_ fixture: TestSite, replacing path: String) throws -> URL {
        let outside = fixture.root.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.removeItem(at: fixture.state.appendingPathComponent(path))
        try FileManager.default.createSymbolicLink(at: fixture.state.appendingPathComponent(path), withDestinationURL: outside)
        return outside
    }

    /// The failure the trust report found: an edited title and a name too long for the file
    /// system. A full build (no build state) and an incremental one both leave public/ as it was.
    @Test(arguments: [false, true])
    func aFailedBuildLeavesPublicExactlyAsItWas(incremental: Bool) throws {
        let fixture = try TestSite()
        _ = try build(fixture)
        try editTitle(fixture, to: "عنوان أول")
        _ = try build(fixture) // both trees exist: the next build goes through the second one
        #expect(FileManager.default.fileExists(atPath: fixture.state.appendingPathComponent("previous/index.html").path))
        if !incremental { try FileManager.default.removeItem(at: fixture.state) }
        let before = try Self.snapshot(fixture.output)
        try editTitle(fixture)
        try fixture.write("content/articles/long.md", longSlugArticle)
        try expectFailure(fixture, leaves: before, "a 280-byte name, \(incremental ? "incremental" : "full") build")

        // Fixed, the next build publishes the edit, and a clean build agrees with it.
        try fixture.remove("content/articles/long.md")
        _ = try build(fixture)
        let clean = fixture.root.appendingPathComponent("clean")
        _ = try SiteBuild(options: BuildOptions(root: fixture.root, output: clean)).run()
        #expect(try TestSite.tree(fixture.output) == TestSite.tree(clean))
    }

    /// A file-system error in the build state (here: `.taawun` is a file, so nothing can be
    /// made in it) fails the build before public/ changes.
    @Test func aFileSystemErrorLeavesPublicExactlyAsItWas() throws {
        let fixture = try TestSite()
        _ = try build(fixture)
        let before = try Self.snapshot(fixture.output)
        try editTitle(fixture)
        try FileManager.default.removeItem(at: fixture.state)
        try Data("not a folder".utf8).write(to: fixture.state)
        #expect(throws: DiagnosticsError.self) { try build(fixture) }
        #expect(try Self.snapshot(fixture.output) == before)
    }

    /// An edit that plans the whole site (a new title moves the article) fails at the file
    /// system while it writes the second tree: here a folder of it replaced by a symbolic link.
    @Test func aFileSystemErrorInTheSecondTreeLeavesPublicExactlyAsItWas() throws {
        let fixture = try TestSite()
        _ = try build(fixture)
        try editTitle(fixture, to: "عنوان أول")
        _ = try build(fixture) // the second tree is made
        let before = try Self.snapshot(fixture.output)
        let outside = try plantLinkOutside(fixture, replacing: "previous/organizations")
        try editTitle(fixture, to: "عنوان ثان")
        #expect(throws: DiagnosticsError.self) { try build(fixture) }
        #expect(try Self.snapshot(fixture.output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing written through the link")
    }

    /// The one-article edit (the build record's fast path) fails the same way when it cannot write
    /// the second tree: here a symbolic link planted in it, which no build writes through.
    @Test func aFailedOneArticleEditLeavesPublicExactlyAsItWas() throws {
        let fixture = try TestSite()
        _ = try build(fixture)
        let file = try #require(fixture.layout.articlePaths().first).path
        try (try String(contentsOfFile: file, encoding: .utf8) + "\nفقرة أولى.\n").write(toFile: file, atomically: true, encoding: .utf8)
        _ = try build(fixture)
        try (try String(contentsOfFile: file, encoding: .utf8) + "\nفقرة ثانية.\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try build(fixture).updatedThePlan, "the edit goes through the build record")
        let before = try Self.snapshot(fixture.output)

        let outside = try plantLinkOutside(fixture, replacing: "previous/articles")
        try (try String(contentsOfFile: file, encoding: .utf8) + "\nفقرة ثالثة.\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: DiagnosticsError.self) { try build(fixture) }
        #expect(try Self.snapshot(fixture.output) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing written through the link")
    }

    /// A draft's title, body and organisation are in no byte of any file under public/, hidden
    /// ones included: after a build without drafts, after one with them followed by one without,
    /// and after the draft is deleted.
    @Test func nothingOfADraftIsPublished() throws {
        let fixture = try TestSite()
        let title = "مسودة سرية عن اتفاق لم يعلن"
        let body = "هذه فقرة لم تنشر بعد عن التفاوض"
        let organization = "هيئة الإعلام الافتراضية للاختبار"
        try fixture.write("content/articles/draft.md", """
            ---
            title: "\(title)"
            date: 2024-05-01
            summary: "ملخص المسودة السرية"
            organizations: ["\(organization)"]
            countries: [QA]
            draft: true
            ---
            \(body).
            """)
        func published() throws -> [String] {
            var found: [String] = []
            for (path, data) in try TestSite.tree(fixture.output) {
                for secret in [title, body, organization] where data.range(of: Data(secret.utf8)) != nil { found.append("\(path): \(secret)") }
            }
            return found
        }
        _ = try build(fixture)
        #expect(try published().isEmpty)
        _ = try build(fixture, drafts: true)
        #expect(try !published().isEmpty, "the search finds the draft where it is published")
        _ = try build(fixture)
        #expect(try published().isEmpty)
        try fixture.remove("content/articles/draft.md")
        _ = try build(fixture)
        #expect(try published().isEmpty)
        // public/ holds only what a web server should serve.
        let hidden = try FileManager.default.subpathsOfDirectory(atPath: fixture.output.path)
            .filter { $0.split(separator: "/").contains { $0.hasPrefix(".") } }
        #expect(hidden.isEmpty, "\(hidden)")
    }

    /// A failed build says which of its steps stopped it: the content, the templates, or
    /// publishing the pages (here, the build state is a file, so the second tree cannot be made).
    @Test func aFailedBuildNamesTheStepItStoppedAt() throws {
        func stoppedAt(_ fixture: TestSite) -> String? {
            do {
                _ = try build(fixture)
                return "no failure"
            } catch let error as DiagnosticsError {
                return error.step
            } catch {
                return "\(error)"
            }
        }
        let broken = try TestSite()
        try broken.write("content/articles/broken.md", "---\ntitle: \"خبر\"\ndate: 2024-02-30\n---\nنص.\n")
        #expect(stoppedAt(broken) == "reading and modelling the content")

        let template = try TestSite()
        try template.write("templates/article.mustache", "{{#article}}{{title}}")
        #expect(stoppedAt(template) == "reading the templates")

        let fileSystem = try TestSite()
        _ = try build(fileSystem)
        try editTitle(fileSystem)
        try FileManager.default.removeItem(at: fileSystem.state)
        try Data("not a folder".utf8).write(to: fileSystem.state)
        #expect(stoppedAt(fileSystem) == "rendering and publishing the pages")
    }
}
