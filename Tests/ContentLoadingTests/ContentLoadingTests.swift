import Diagnostics
import Foundation
import Support
import Testing
@testable import ContentLoading

@Suite struct FrontMatterTests {
    @Test func parsesAllFieldsWithLocations() throws {
        let text = """
        ---
        title: "كتارا تحتضن اجتماع الجمعية العمومية"
        date: 2020-01-20
        kicker: بمشاركة رؤساء وفود
        highlights:
          - أولاً
          - ثانياً
        organizations: [كتارا, جامعة قطر]
        countries:
          - QA
          - تركيا
        ---
        النص **هنا**.
        """
        let article = try ArticleLoader.parse(text, path: "content/articles/a.md")
        #expect(article.title == "كتارا تحتضن اجتماع الجمعية العمومية")
        #expect(article.date == Day(year: 2020, month: 1, day: 20))
        #expect(article.highlights == ["أولاً", "ثانياً"])
        #expect(article.organizations.map(\.value) == ["كتارا", "جامعة قطر"])
        #expect(article.countries.map(\.location.line) == [10, 11])
        #expect(article.bodyFirstLine == 13)
        #expect(article.body == "النص **هنا**.")
    }

    private func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try ArticleLoader.parse(text, path: "a.md")
            return []
        } catch {
            return error.diagnostics
        }
    }

    @Test func unknownKeyNamesTheAllowedKeys() {
        let found = errors("---\ntitle: ت\norganisations: [كتارا]\n---\n")
        #expect(found.count == 1)
        #expect(found[0].location.line == 3)
        #expect(found[0].message.contains("organisations"))
        #expect(found[0].hint?.contains("did you mean \"organizations\"") == true)
    }

    @Test func duplicateKeyIsAnError() {
        let found = errors("---\ntitle: أ\ntitle: ب\n---\n")
        #expect(found.first?.message.contains("more than once") == true)
        #expect(found.first?.location.line == 2)
    }

    @Test func impossibleDateIsAnError() {
        let found = errors("---\ntitle: أ\ndate: 2024-02-30\n---\n")
        #expect(found.map(\.location.line) == [3])
        #expect(found[0].message.contains("2024-02-30"))
    }

    @Test func wrongTypesAreErrorsWithFixes() {
        let found = errors("---\ntitle: 2030\ncountries: QA\n---\n")
        #expect(found.count == 2)
        #expect(found[0].hint?.contains("quotes") == true)
        #expect(found[1].message.contains("must be a list"))
    }

    @Test func unterminatedFrontMatterAndMissingTitle() {
        #expect(errors("---\ntitle: أ\nالنص")[0].message.contains("never closed"))
        #expect(errors("---\ndate: 2024-01-01\n---\n")[0].message.contains("no title"))
        #expect(errors("بلا حقول")[0].message.contains("does not start with front matter"))
    }

    /// A quotation mark opened and never closed: Yams notices only at the end of the fields, so
    /// the error must point back at the quotation mark and say what to do.
    @Test func anUnclosedQuotationMarkIsLocatedWhereItOpens() {
        let found = errors("---\ntitle: \"خبر بلا إغلاق\ndate: 2024-03-01\ncountries: [QA]\n---\nنص.\n")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: "a.md", line: 2, column: 8))
        #expect(found.first?.hint?.contains("quotation mark is opened and never closed") == true)
    }

    @Test func tabsAndBadYAMLPointAtTheLine() {
        let found = errors("---\ntitle: أ\n\tcountries: [QA]\n---\n")
        #expect(found.count == 1)
        #expect(found[0].location.line == 3)
    }

    @Test func javascriptSourceURLIsRefused() {
        let found = errors("---\ntitle: أ\nsource_url: javascript:alert(1)\n---\n")
        #expect(found.first?.message.contains("source_url") == true)
    }

    @Test func billionLaughsFailsFast() {
        var yaml = "---\ntitle: أ\na0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
        for i in 1...9 {
            yaml += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ",") + "]\n"
        }
        yaml += "---\n"
        let found = errors(yaml)
        #expect(found.count == 1)
        #expect(found[0].location.line == 3)
        #expect(found[0].message.contains("anchors"))
    }

    @Test func anchorsAreToldApartFromAmpersandsAndStarsInText() {
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "title: AT&T و R&D\nkicker: \"*عاجل\"\nsummary: 5 * 3 & more\n") == nil)
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "summary: |\n  &not an anchor\ntitle: 'it''s *ok*'\n") == nil)
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "title: x # &comment\n") == nil)
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "title: &a x\n")! == (1, 8))
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "highlights:\n  - *a\n")! == (2, 5))
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "countries: [QA, *a]\n")! == (1, 17))
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "? *g\n: 1\n")! == (1, 3))
        #expect(YAMLAliasGuard.firstAnchorOrAlias(in: "\"key\": &b v\n")! == (1, 8))
    }
}

@Suite struct TextFileTests {
    @Test func stripsBOMAndCRLF() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("أ\r\nب\r\n".utf8)
        #expect(try TextFile.decode(data, displayPath: "x") == "أ\nب\n")
    }

    @Test func invalidUTF8AndNULAreLocated() {
        #expect(throws: Diagnostic.self) { try TextFile.decode(Data("أب\n".utf8) + Data([0xC3, 0x28]), displayPath: "x") }
        do {
            _ = try TextFile.decode(Data("سطر\nأب".utf8) + Data([0xFF]), displayPath: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.location.line == 2)
            #expect(error.location.column == 3)
        }
        do {
            _ = try TextFile.decode(Data("a\u{0}b".utf8), displayPath: "x")
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("NUL"))
        }
    }
}

/// The build's cache files are read back with `ByteReader`: a string that is not UTF-8 — a
/// damaged file — reads as nothing, never as repaired text.
@Suite struct ByteReaderTests {
    func read(_ bytes: [UInt8]) -> String? {
        var writer = ByteWriter()
        writer.write(bytes.count)
        writer.write(raw: bytes)
        return writer.bytes.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            return reader.string()
        }
    }

    @Test func readsTextAsWritten() {
        for text in ["", "a", "مكتب الاتصال الحكومي", "«تعاون» 😀 e\u{301}"] {
            #expect(read(Array(text.utf8)) == text)
            #expect(read(Array(text.utf8)).map { Array($0.utf8) } == Array(text.utf8), "the same bytes, not an equivalent text")
        }
    }

    @Test(arguments: [[0xC3, 0x28], [0xFF], [0x61, 0xF0, 0x9F, 0x98], [0xF0, 0x9F, 0x98, 0x61], [0xC0, 0xAF],
                      [0xED, 0xA0, 0x80], [0xE2, 0x82], [0x80]] as [[UInt8]])
    func refusesWhatIsNotUTF8(_ bytes: [UInt8]) {
        #expect(read(bytes) == nil)
        #expect(read(Array("أب".utf8) + bytes + Array("ج".utf8)) == nil)
    }
}

@Suite struct DayTests {
    @Test func validatesRealDays() {
        #expect(Day(iso: "2024-02-29") != nil)
        #expect(Day(iso: "2023-02-29") == nil)
        #expect(Day(iso: "2024-13-01") == nil)
        #expect(Day(iso: "24-1-1") == nil)
        #expect(Day(year: 2020, month: 1, day: 20)!.description == "2020-01-20")
    }
}

/// The article files a build finds: the listing reads folders as bytes and sorts the paths there.
@Suite struct ArticleListingTests {
    /// content/articles with subfolders, hidden entries, other files, Arabic names and links.
    private func makeSite() throws -> URL {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("taawun-listing-\(UUID().uuidString)", isDirectory: true)
        let articles = root.appendingPathComponent("content/articles", isDirectory: true)
        for folder in ["a", "a/b", ".hidden-folder", "تقارير", "folder-target"] {
            try fm.createDirectory(at: articles.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["b.md", "a-c.md", "a/z.md", "a/b/deep.md", ".hidden.md", ".hidden-folder/x.md", "notes.txt",
                     "UPPER.MD", "تعاون.md", "تقارير/اتفاقية.md", "folder-target/inside.txt", "md", ".md"] {
            try Data("---\ntitle: ت\n---\n".utf8).write(to: articles.appendingPathComponent(file))
        }
        try fm.createSymbolicLink(atPath: articles.appendingPathComponent("alias.md").path, withDestinationPath: "b.md")
        try fm.createSymbolicLink(atPath: articles.appendingPathComponent("dangling.md").path, withDestinationPath: "missing.md")
        try fm.createSymbolicLink(atPath: articles.appendingPathComponent("folder.md").path, withDestinationPath: "folder-target")
        return root
    }

    @Test func listsMarkdownFilesInByteOrderWithStamps() throws {
        let root = try makeSite()
        defer { try? FileManager.default.removeItem(at: root) }
        let layout = SiteLayout(root: root)
        let files = layout.stampedArticleFiles()

        // Hidden files and folders, other extensions and the link to a folder are left out; a
        // dangling link is listed (reading it reports the problem) without a stamp.
        let expected = ["UPPER.MD", "a-c.md", "a/b/deep.md", "a/z.md", "alias.md", "b.md", "dangling.md",
                        "تعاون.md", "تقارير/اتفاقية.md"].map { "content/articles/" + $0 }
        #expect(files.map(\.display) == expected)
        // The order is the paths' bytes: "-" (0x2D) before "/" (0x2F), Latin before Arabic.
        #expect(expected.map { Array($0.utf8) } == expected.map { Array($0.utf8) }.sorted { $0.lexicographicallyPrecedes($1) })
        #expect(files.map(\.path) == expected.map { layout.root.path + "/" + $0 })
        for file in files {
            #expect((file.stamp == nil) == file.display.hasSuffix("dangling.md"), "\(file.display)")
        }
        // A stamp is the file's own (a link's is its target's).
        let b = try #require(files.first { $0.display.hasSuffix("/b.md") }?.stamp)
        let alias = try #require(files.first { $0.display.hasSuffix("/alias.md") }?.stamp)
        #expect(alias == b && b.size == Int64("---\ntitle: ت\n---\n".utf8.count))

        // Listing without stamps finds the same files.
        #expect(layout.articlePaths().map(\.display) == expected)
    }

    @Test func aSiteWithoutAnArticlesFolderListsNothing() {
        let layout = SiteLayout(root: FileManager.default.temporaryDirectory.appendingPathComponent("taawun-none-\(UUID().uuidString)"))
        #expect(layout.stampedArticleFiles().isEmpty)
    }
}
