import ContentLoading
import Foundation
import Output
import Pages
import SiteModel
import TaawunTesting
import Templates
import Testing
@testable import BuildState
@testable import Pipeline

/// `taawun build` keeps what it made (`BuildRecord`) so that the next process updates it after an
/// edit instead of building the site again. Whatever it keeps, the output is a clean build's.
@Suite struct BuildRecordTests {
    func clean(_ fixture: TestSite, includeDrafts: Bool) throws -> (tree: [String: Data], report: BuildReport) {
        let folder = fixture.root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try SiteBuild(options: BuildOptions(root: fixture.root, output: folder, includeDrafts: includeDrafts)).run()
        return (try TestSite.tree(folder), report)
    }

    func edit(_ file: String, _ change: (String) -> String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(change(text) != text, "the edit changes nothing")
        try Data(change(text).utf8).write(to: URL(fileURLWithPath: file))
    }

    /// One edit after another, each built by a new `SiteBuild` with no cache handed in, as the
    /// command line builds: those that keep every article in its place update the build record
    /// (the last one's, itself an update), the others build in full; the folder — manifest,
    /// warnings and all — is a clean build's every time.
    @Test(arguments: [false, true]) func aBuildAfterAnEditUpdatesTheBuildRecord(includeDrafts: Bool) throws {
        let fixture = try TestSite()
        let options = BuildOptions(root: fixture.root, includeDrafts: includeDrafts)
        _ = try SiteBuild(options: options).run()
        let files = fixture.layout.articlePaths()
        func file(_ named: String) throws -> String { try #require(files.first { $0.display.contains(named) }).path }
        let (katara, office, morocco) = (try file("كتارا"), try file("مكتب-الاتصال"), try file("المغرب"))
        let edits: [(what: String, file: String, change: (String) -> String, updates: Bool)] = [
            ("a new paragraph", morocco, { $0 + "\nفقرة جديدة أضافها المحرر.\n" }, true),
            ("another paragraph, over an updated build record", morocco, { $0 + "\nوفقرة ثانية.\n" }, true),
            ("the summary, on every card", katara, { $0.replacingOccurrences(of: "\nsummary: \"", with: "\nsummary: \"تحديث: ") }, true),
            ("the title, so the address", katara, { $0.replacingOccurrences(of: "\ntitle: \"", with: "\ntitle: \"عاجل: ") }, false),
            ("a paragraph after a full build", office, { $0 + "\nوفقرة أخرى.\n" }, true),
            ("a line before the names", office, { $0.replacingOccurrences(of: "\norganizations:", with: "\nkicker: عاجل\norganizations:") }, false),
        ]
        for edit in edits {
            try self.edit(edit.file, edit.change)
            let report = try SiteBuild(options: options).run()
            #expect(report.updatedThePlan == edit.updates, "\(edit.what)")
            #expect(report.written > 0, "\(edit.what)")
            let clean = try clean(fixture, includeDrafts: includeDrafts)
            #expect(report.warnings == clean.report.warnings, "\(edit.what)")
            #expect(report.files == clean.report.files, "\(edit.what)")
            #expect(try TestSite.tree(fixture.output) == clean.tree, "\(edit.what)")
        }
        // And nothing changed: nothing is written.
        let again = try SiteBuild(options: options).run()
        #expect(again.written == 0 && !again.updatedThePlan)
    }

    /// What is kept is the site as built: every article with its body, organisation and country.
    @Test func theKeptSiteIsTheBuiltSite() throws {
        let fixture = try TestSite()
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let built = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false)).site
        let files = fixture.layout.stampedArticleFiles()
        var sourceBefore = try #require(ContentLoader.load(fixture.layout, includeDrafts: true).articles.first { $0.path == files[0].display })
        sourceBefore.body = ""

        let options = BuildOptions(root: fixture.root)
        let binary = try #require(BuildInputs.binaryFingerprint())
        let others = try #require(BuildInputs.otherInputs(fixture.layout, options: options, binary: binary))
        let cache = BuildCache()
        func restore(_ files: [ArticleFile]) -> BuildRecord.Found {
            BuildRecord.restore(into: cache, binary: binary, layout: fixture.layout, options: options,
                              articleFiles: files, others: others, manifest: { BuildManifest.Listing.read(from: fixture.state) },
                              templates: { try? TemplateSet.load(from: fixture.layout.templates, displayPrefix: "templates/") })
        }
        // Before the edit, nothing changed: the files' fingerprints as recorded.
        guard case .unchanged(let hashes) = restore(files) else { Issue.record("expected no change"); return }
        #expect(hashes == BuildInputs.articleHashes(files, known: ArticleCache()).map { $0! })
        try edit(files[0].path) { $0 + "\nفقرة.\n" }
        guard case .updatable(let kept) = restore(fixture.layout.stampedArticleFiles()) else {
            Issue.record("expected a build record to update")
            return
        }
        let site = kept.last.plan.site
        #expect(site.articles.isRead, "the articles are read from the build record as pages need them")
        #expect(site.articles == built.articles && !built.articles.isEmpty)
        #expect(site.indexes == built.indexes)
        for organization in built.organizations.keys {
            #expect(site.partners(ofOrganization: organization).map(\.organization) == built.partners(ofOrganization: organization).map(\.organization))
            #expect(site.partners(ofOrganization: organization).map(\.count) == built.partners(ofOrganization: organization).map(\.count))
        }
        #expect(site.articles.allSatisfy { $0.body.archived != nil }, "bodies are read from the bodies file")
        #expect(site.organizations == built.organizations && site.countries == built.countries)
        #expect(site.articlesByOrganization == built.articlesByOrganization)
        #expect(kept.last.plan.articleKeys == PagePlanner(site: built).planKeepingKeys().keys)
        #expect(kept.last.articleFiles.map(\.display) == files.map(\.display))
        #expect(kept.fileRecords.count == files.count)
        // The edited file's front matter as it was, for the update to compare; only its own.
        let stamp = try #require(files[0].stamp)
        let before = try #require(cache.articles.result(for: files[0].display, stamp: stamp))
        #expect(try before.get() == sourceBefore)
        #expect(cache.articles.parsedArticles.count == 1)
    }

    /// An update writes only what it changed, into the patch beside the build record, which the
    /// next build reads over it; a patch that is damaged, or that belongs to another build record,
    /// is not used, and the output is a clean build's all the same.
    @Test func anUpdateWritesOnlyAPatch() throws {
        let fixture = try TestSite()
        let options = BuildOptions(root: fixture.root)
        let kept = fixture.state.appendingPathComponent("cache/last")
        let patch = fixture.state.appendingPathComponent("cache/last.patch")
        let files = fixture.layout.articlePaths().map(\.path)
        func identity() throws -> String {
            var info = stat()
            guard stat(kept.path, &info) == 0 else { return "none" }
            return "\(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
        }
        func expectClean(_ what: String) throws {
            #expect(try TestSite.tree(fixture.output) == clean(fixture, includeDrafts: false).tree, "\(what)")
        }
        _ = try SiteBuild(options: options).run()
        let whole = try identity()
        #expect(!FileManager.default.fileExists(atPath: patch.path))

        // Edits of two files, one after the other: both are in the patch, and the build record is as it was.
        for (n, file) in [files[0], files[1], files[0]].enumerated() {
            try edit(file) { $0 + "\nفقرة رقم \(n).\n" }
            #expect(try SiteBuild(options: options).run().updatedThePlan)
            try expectClean("edit \(n)")
            #expect(try identity() == whole, "edit \(n) left the build record as it was")
            #expect(FileManager.default.fileExists(atPath: patch.path))
        }

        // A damaged patch: the build runs in full, and writes the build record whole.
        let bytes = try Data(contentsOf: patch)
        try bytes.prefix(bytes.count - 3).write(to: patch)
        try edit(files[1]) { $0 + "\nفقرة أخرى.\n" }
        #expect(try !SiteBuild(options: options).run().updatedThePlan)
        try expectClean("a damaged patch")
        #expect(try identity() != whole)
        #expect(!FileManager.default.fileExists(atPath: patch.path))

        // A patch of an earlier build record.
        try edit(files[1]) { $0 + "\nوفقرة.\n" }
        #expect(try SiteBuild(options: options).run().updatedThePlan)
        let earlier = try Data(contentsOf: patch)
        let template = try #require(BuildInputs.files(under: fixture.layout.templates).first { $0.pathExtension == "mustache" })
        try (try String(contentsOf: template, encoding: .utf8) + "\n").write(to: template, atomically: true, encoding: .utf8)
        #expect(try !SiteBuild(options: options).run().updatedThePlan, "a template changed: a full build")
        try earlier.write(to: patch)
        try edit(files[1]) { $0 + "\nوفقرة ثالثة.\n" }
        #expect(try !SiteBuild(options: options).run().updatedThePlan)
        try expectClean("the patch of an earlier build record")
        try edit(files[1]) { $0 + "\nوفقرة رابعة.\n" }
        #expect(try SiteBuild(options: options).run().updatedThePlan, "and the next edit updates again")
        try expectClean("after all that")
    }

    /// A build record is used only for the folder, options and inputs it was made with, as its
    /// own build left the folder; damaged, it is ignored. The output is a clean build's.
    @Test func aBuildRecordThatDoesNotFitIsNotUsed() throws {
        let fixture = try TestSite()
        let options = BuildOptions(root: fixture.root)
        let kept = fixture.state.appendingPathComponent("cache/last")
        let article = try #require(fixture.layout.articlePaths().first).path
        var paragraph = 0
        func editAndBuild(_ options: BuildOptions = BuildOptions(root: fixture.root)) throws -> BuildReport {
            paragraph += 1
            try edit(article) { $0 + "\nفقرة رقم \(paragraph).\n" }
            return try SiteBuild(options: options).run()
        }
        func expectClean(_ what: String) throws {
            #expect(try TestSite.tree(fixture.output) == clean(fixture, includeDrafts: false).tree, "\(what)")
        }
        _ = try SiteBuild(options: options).run()
        #expect(FileManager.default.fileExists(atPath: kept.path))

        // Cut short.
        let bytes = try Data(contentsOf: kept)
        try bytes.prefix(bytes.count / 2).write(to: kept)
        #expect(try !editAndBuild().updatedThePlan)
        try expectClean("cut short")
        #expect(try editAndBuild().updatedThePlan, "a full build keeps its build again")

        // A template changed.
        let template = try #require(BuildInputs.files(under: fixture.layout.templates).first { $0.pathExtension == "mustache" })
        try (try String(contentsOf: template, encoding: .utf8) + "\n").write(to: template, atomically: true, encoding: .utf8)
        #expect(try !editAndBuild().updatedThePlan)
        try expectClean("a template changed")

        // Built with other options.
        #expect(try !editAndBuild(BuildOptions(root: fixture.root, includeDrafts: true)).updatedThePlan)
        #expect(try !editAndBuild().updatedThePlan)
        try expectClean("other options")

        // The manifest replaced by someone else (a copy: another file).
        let manifest = fixture.state.appendingPathComponent("manifest")
        let copy = try Data(contentsOf: manifest)
        try FileManager.default.removeItem(at: manifest)
        try copy.write(to: manifest)
        #expect(try !editAndBuild().updatedThePlan)
        try expectClean("the manifest replaced")

        // The bodies file gone.
        try FileManager.default.removeItem(at: fixture.state.appendingPathComponent("cache/bodies"))
        #expect(try !editAndBuild().updatedThePlan)
        try expectClean("the bodies gone")
        #expect(try editAndBuild().updatedThePlan)
        try expectClean("after all that")
    }
}
