import ContentLoading
import Diagnostics
import Foundation
import Output
import Pipeline
import SiteModel
import TaawunTesting
import Testing

/// Slugs, ids and file names that try to leave the output folder. Each case ends in a clear,
/// located error or a safe slug, and no file appears anywhere but in the output folder.
@Suite struct PathHostileTests {
    static let hostileSlugs = [
        "../../etc", "..", ".", "/abs", "/etc/passwd", "a/b", "a\\b", "%2e%2e", "%2E%2E%2Fetc", "..%2f..%2fetc",
        "a b", "slug\0nul", "~root", "C:\\Windows", "slug?x=1", "slug#top", "<script>", "\"quoted\"",
        "a..b/../..", "‮evil", "\u{202E}gpj.exe", String(repeating: "a", count: 300),
    ]

    /// One build per hostile slug: each is refused at its line, nothing is written anywhere.
    @Test(arguments: hostileSlugs)
    func aHostileSlugIsRefusedAndNothingIsWritten(slug: String) throws {
        let yamlSlug = "\"" + slug.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\0", with: "\\0") + "\""
        let site = try TestSite(.minimal, articles: ["hostile.md": TestSite.articleText("slug: \(yamlSlug)")])
        defer { site.remove() }
        let before = try site.outsideOutput()
        let found = site.buildErrors()
        #expect(found.count == 1, "\(slug): \(found.text)")
        #expect(found.first?.location == SourceLocation(file: "content/articles/hostile.md", line: 4, column: 7), "\(slug): \(found.text)")
        #expect(found.text.contains("cannot be used as a web address"), "\(slug): \(found.text)")
        #expect(try site.outsideOutput() == before, "\(slug) wrote outside the output folder")
        #expect(!FileManager.default.fileExists(atPath: site.output.path), "\(slug): a failed build created public/")
    }

    /// An empty or blank slug is no slug: the title gives one.
    @Test(arguments: ["\"\"", "\"   \"", "\"\t\"", "", "~", "null"])
    func anEmptySlugFallsBackToTheTitle(written: String) throws {
        let site = try TestSite(.minimal, articles: ["x.md": TestSite.articleText(title: "مذكرة تفاهم بين كتارا وتيك توك", "slug: \(written)")])
        defer { site.remove() }
        try site.build()
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("articles/مذكرة-تفاهم-بين-كتارا-وتيك-توك/index.html").path))
    }

    @Test func twoArticlesWithOneSlugIsAnErrorNamingTheOther() throws {
        let site = try TestSite(.minimal, articles: [
            "a.md": TestSite.articleText("slug: same"),
            "b.md": TestSite.articleText(title: "خبر آخر", "slug: same"),
        ])
        defer { site.remove() }
        let found = site.buildErrors()
        #expect(found.count == 1, "\(found.text)")
        #expect(found.first?.location.file == "content/articles/b.md")
        #expect(found.text.contains("content/articles/a.md"))
    }

    @Test func twoTitlesThatSlugTheSameAreAnErrorNotAnOverwrite() throws {
        // Harakat and punctuation are dropped from slugs: these two titles make one address.
        let site = try TestSite(.minimal, articles: [
            "a.md": TestSite.articleText(title: "اتفاقية تعاون"),
            "b.md": TestSite.articleText(title: "\"اتّفاقيّة: تعاون!\""),
        ])
        defer { site.remove() }
        let found = site.buildErrors()
        #expect(found.count == 1, "\(found.text)")
        #expect(found.text.contains("already used by"))
    }

    /// File names with spaces, Arabic letters and dots give a safe slug when the title has no word.
    @Test(arguments: [
        ("خبر جديد.md", "خبر-جديد"),
        ("my article (2).md", "my-article-2"),
        ("x..y.md", "x-y"),
        ("مذكرة تفاهم – نسخة ٢.md", "مذكرة-تفاهم-نسخة-2"),
    ])
    func aFileNameGivesASafeSlug(file: String, slug: String) throws {
        // A title with no letter or digit gives no slug: the file name must.
        let site = try TestSite(.minimal, articles: [file: TestSite.articleText(title: "\"!!! ؟؟؟ …\"")])
        defer { site.remove() }
        try site.build()
        let articles = try TestSite.tree(site.output).keys.filter { $0.hasPrefix("articles/") }.sorted()
        #expect(articles == ["articles/\(slug)/index.html"], "\(file)")
    }

    @Test func anArticleFileThatIsASymlinkOutsideTheSiteIsNotFollowedIntoOutput() throws {
        let site = try TestSite(.minimal, articles: ["a.md": TestSite.articleText()])
        defer { site.remove() }
        let secret = site.sandbox.appendingPathComponent("secret.txt")
        try Data("---\ntitle: سر\nslug: secret\n---\nكلمة السر\n".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(at: site.root.appendingPathComponent("content/articles/link.md"), withDestinationURL: secret)
        let before = try site.outsideOutput()
        _ = site.buildErrors()
        #expect(try site.outsideOutput() == before)
    }

    // MARK: - the writer's own guard

    @Test(arguments: ["../x", "../../etc/passwd", "/abs", "a/../../b", "a//b", "./a", "a/.", "", "a\\..\\b", "a\0b", ".."])
    func theWriterRefusesEveryPathThatCouldLeaveTheFolder(path: String) throws {
        #expect(!OutputPath.isContained(path))
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: sandbox) }
        try FileManager.default.createDirectory(at: sandbox, withIntermediateDirectories: true)
        let writer = SiteWriter(output: sandbox.appendingPathComponent("out/public"), state: sandbox.appendingPathComponent("out/.taawun"))
        #expect(throws: SiteWriter.Failure.self) {
            try writer.write([
                OutputFile(path: "index.html", inputFingerprint: 1, data: Data("ok".utf8)),
                OutputFile(path: path, inputFingerprint: 2, data: Data("pwned".utf8)),
            ])
        }
        let left = try FileManager.default.subpathsOfDirectory(atPath: sandbox.path)
        #expect(left.isEmpty, "\(path): \(left)")
    }

    @Test func theWriterKeepsPercentAndArabicNamesAsLiteralFileNames() throws {
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: sandbox) }
        let output = sandbox.appendingPathComponent("public")
        let paths = ["%2e%2e/index.html", "articles/مذكرة-تفاهم/index.html", "a b/index.html", "...x/index.html"]
        _ = try SiteWriter(output: output, state: sandbox.appendingPathComponent(".taawun")).write(paths.enumerated().map {
            OutputFile(path: $0.element, inputFingerprint: UInt64($0.offset), data: Data($0.element.utf8))
        })
        for path in paths {
            #expect(FileManager.default.contents(atPath: output.appendingPathComponent(path).path) == Data(path.utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: sandbox.path).sorted() == [".taawun", "public"])
        let written = try FileManager.default.subpathsOfDirectory(atPath: output.path)
        #expect(written.filter { $0.hasSuffix("index.html") }.sorted() == paths.sorted(), "nothing but the site in public/")
    }

    @Test func theWriterWillNotReplaceAFolderItDidNotMake() throws {
        let sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: sandbox) }
        let documents = sandbox.appendingPathComponent("documents")
        try FileManager.default.createDirectory(at: documents, withIntermediateDirectories: true)
        try Data("thesis".utf8).write(to: documents.appendingPathComponent("thesis.txt"))
        #expect(throws: SiteWriter.Failure.self) {
            try SiteWriter(output: documents, state: sandbox.appendingPathComponent(".taawun")).write([OutputFile(path: "index.html", inputFingerprint: 1, data: Data())])
        }
        #expect(FileManager.default.contents(atPath: documents.appendingPathComponent("thesis.txt").path) == Data("thesis".utf8))
    }

    @Test func anOrganisationNameThatLooksLikeAPathGetsASafeID() throws {
        for name in ["../../etc", "/", "..", "%2e%2e", "a/b", "منصة/../../الغد"] {
            if let organization = OrganizationDirectory.unregistered(named: name) {
                #expect(OutputPath.isContained("organizations/\(organization.id)/index.html"), "\(name) → \(organization.id)")
                #expect(!organization.id.contains("/") && !organization.id.contains(".."), "\(name) → \(organization.id)")
            }
        }
    }

    @Test func hostileOrganisationNamesAndCountriesBuildInsideTheOutput() throws {
        let site = try TestSite(.minimal, articles: [
            "a.md": TestSite.articleText("organizations: [\"../../etc\", \"منصة/../../الغد\", \"%2e%2e\"]\ncountries: [\"../QA\"]"),
            "b.md": TestSite.articleText(title: "خبر ثان", "organizations: [\"منصة/../../الغد\"]"),
        ])
        defer { site.remove() }
        let before = try site.outsideOutput()
        let found = site.buildErrors()
        #expect(found.contains { $0.message.contains("../QA") }, "\(found.text)")
        #expect(try site.outsideOutput() == before)
    }
}
