import ContentLoading
import Diagnostics
import Foundation
import TaawunTesting
import Testing

/// Front matter as a careless, tired or malicious editor might write it. Every case must end in
/// either a parsed article or located errors that say what to fix — never a crash, never a hang.
@Suite struct FrontMatterHostileTests {
    let path = "content/articles/x.md"

    func errors(_ text: String) -> [Diagnostic] {
        do {
            _ = try ArticleLoader.parse(text, path: path)
            return []
        } catch {
            return error.diagnostics.errors
        }
    }

    // MARK: - the frame

    @Test func unterminatedFrontMatterIsLocatedAtTheOpeningLine() {
        let found = errors("---\ntitle: خبر\ndate: 2024-02-28\n\nنص الخبر بلا سطر إغلاق.\n")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: path, line: 1, column: 1))
        #expect(found.text.contains("never closed"))
    }

    @Test func noFrontMatterAtAll() {
        for text in ["", "\n", "نص فقط", "title: خبر\n---\n", " ---\ntitle: خبر\n---\n"] {
            let found = errors(text)
            #expect(found.count == 1, "\(text.debugDescription)")
            #expect(found.text.contains("does not start with front matter"), "\(text.debugDescription)")
        }
    }

    @Test func onlyDashesIsAnArticleWithoutATitle() {
        let found = errors("---\n---\n")
        #expect(found.count == 1)
        #expect(found.text.contains("no title"))
    }

    @Test func splitKeepsLineNumbersForTheBody() throws {
        let split = try FrontMatter.split("---\ntitle: a\nslug: b\n---\nline five\n---\nstill body\n", file: path)
        #expect(split.yaml == "title: a\nslug: b")
        #expect(split.bodyFirstLine == 5)
        #expect(split.body == "line five\n---\nstill body\n")
    }

    @Test func crlfAndBOMAreReadAsPlainText() throws {
        let data = Data([0xEF, 0xBB, 0xBF]) + Data("---\r\ntitle: خبر\r\ndate: 2024-02-28\r\n---\r\nنص\r\n".utf8)
        let text = try TextFile.decode(data, displayPath: path)
        let article = try ArticleLoader.parse(text, path: path)
        #expect(article.title == "خبر")
        #expect(article.date == Day(year: 2024, month: 2, day: 28))
    }

    // MARK: - YAML mistakes

    @Test func aTabInTheIndentationIsLocatedWithAHintAboutTabs() {
        let found = errors("---\ntitle: خبر\nhighlights:\n\t- أول\n---\nنص\n")
        #expect(found.count == 1)
        #expect(found.first?.location.line == 4)
        #expect(found.first?.hint?.contains("tabs") == true, "\(found.text)")
    }

    @Test func aDuplicatedKeyIsAnErrorNamingTheKey() {
        let found = errors("---\ntitle: خبر أول\ndate: 2024-02-28\ntitle: خبر ثان\n---\nنص\n")
        // At both places: the editor sees which two lines to reconcile.
        #expect(found.map(\.location.line) == [2, 4], "\(found.text)")
        #expect(found.allSatisfy { $0.message.contains("\"title\" is written more than once") }, "\(found.text)")
    }

    @Test func anUnknownKeySuggestsTheRightOne() {
        let found = errors("---\ntitle: خبر\norganisations: [كتارا]\n---\nنص\n")
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: path, line: 3, column: 1))
        #expect(found.first?.hint?.contains("did you mean \"organizations\"") == true)
    }

    @Test(arguments: [
        ("title: 2030", "must be text"),
        ("title: 12.5", "must be text"),
        ("title: true", "must be text"),
        ("title: [خبر, آخر]", "not a list"),
        ("title: {a: b}", "single text"),
        ("highlights: سطر واحد", "must be a list"),
        ("organizations: كتارا", "must be a list"),
        ("countries: QA", "must be a list"),
        ("highlights: [[متداخل]]", "single text"),
        ("draft: \"yes\"", "true or false"),
        ("draft: نعم", "true or false"),
        ("title_generated: 1", "true or false"),
        ("date: [2024-02-28]", "single value"),
        ("kicker: {x: 1}", "single text"),
    ])
    func aValueOfTheWrongTypeIsLocatedAtThatField(line: String, message: String) {
        let text = line.hasPrefix("title:") ? "---\n\(line)\n---\nنص\n" : "---\ntitle: خبر\n\(line)\n---\nنص\n"
        let found = errors(text)
        #expect(!found.isEmpty, "\(line) was accepted")
        #expect(found.text.contains(message), "\(line): \(found.text)")
        let expectedLine = line.hasPrefix("title:") ? 2 : 3
        #expect(found.allSatisfy { $0.location.file == path && $0.location.line == expectedLine }, "\(line): \(found.text)")
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "24-02-28", "2024-2-8",
                      "2024/02/28", "28-02-2024", "٢٠٢٤-٠٢-٣٠", "2024-02-28T10:00:00", "9999999999-01-01", "-2024-01-01"])
    func aDayThatDoesNotExistIsAnError(date: String) {
        let found = errors("---\ntitle: خبر\ndate: \(date)\n---\nنص\n")
        #expect(found.count == 1, "\(date) was accepted")
        #expect(found.first?.location.line == 3, "\(date): \(found.text)")
        #expect(found.text.contains("not a date") || found.text.contains("single value") || found.text.contains("cannot be read"),
                "\(date): \(found.text)")
    }

    @Test(arguments: ["2024-02-29", "2000-02-29", "٢٠٢٤-٠٢-٢٨", "\"2024-12-31\""])
    func realDaysAreAccepted(date: String) throws {
        let article = try ArticleLoader.parse("---\ntitle: خبر\ndate: \(date)\n---\nنص\n", path: path)
        #expect(article.date != nil)
    }

    // MARK: - resource exhaustion

    /// "Billion laughs": nine levels of anchors, each a list of nine aliases of the one below,
    /// would expand to 9^9 (387 million) copies of the string. Nothing here may expand it: the
    /// editor gets an error that names the anchors, and the test finishing at all shows that no
    /// expansion happened (387 million nodes cannot be walked in a test's lifetime).
    @Test func billionLaughsFailsWithAClearError() {
        var yaml = "title: خبر\nkicker: &a \"lol\"\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            // Anchored lists hidden in a field that takes a list of texts.
            yaml += "x_\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = level
        }
        yaml += "highlights: [*i, *i, *i, *i, *i, *i, *i, *i, *i]\n"
        let found = errors("---\n" + yaml + "---\nنص\n")
        #expect(!found.isEmpty)
        #expect(found.count < 50, "one error per node would mean the aliases were expanded: \(found.count)")
        #expect(found.text.contains("alias") || found.text.contains("anchor"), "\(found.text)")
    }

    /// The laughs as a mapping key. Composing YAML compares mapping keys for duplicates, and
    /// comparing or hashing an alias key walks its whole expansion: with Yams this costs about ten
    /// times more per level (measured before anchors were refused, debug build: 6 levels 0.6 s,
    /// 7 levels 6.5 s, 9 levels about 2 minutes). Anchors are now refused before composing, so nine
    /// levels are refused at once; should that guard go, this test takes minutes and then fails.
    @Test func billionLaughsAsAKeyIsRefusedBeforeItIsExpanded() {
        var yaml = "title: خبر\nkicker: &a \"lol\"\n"
        var previous = "a"
        for level in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            yaml += "x_\(level): &\(level) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
            previous = level
        }
        yaml += "? *i\n: 1\n? [*i]\n: 2\n"
        let found = errors("---\n" + yaml + "---\nنص\n")
        #expect(!found.isEmpty)
        #expect(found.count < 50)
        #expect(found.text.contains("alias") || found.text.contains("anchor"), "\(found.text)")
    }

    /// The same guard covers the site settings and the registries.
    @Test func anchorsAreRefusedInTheSiteSettingsAndRegistriesToo() throws {
        let site = try TestSite(.settings("title: &t تعاون\ndescription: *t\nbase_url: https://example.org/\n"),
                                articles: ["a.md": TestSite.articleText("slug: a")])
        defer { site.remove() }
        try site.write("content/organizations.yaml", "- &o {id: a, name: منصة}\n- *o\n")
        let found = site.buildErrors()
        #expect(found.contains { $0.location.file == "content/site.yaml" && ($0.message.contains("alias") || $0.message.contains("anchor")) },
                "\(found.text)")
        #expect(found.contains { $0.location.file == "content/organizations.yaml" && ($0.message.contains("alias") || $0.message.contains("anchor")) },
                "\(found.text)")
    }

    /// A recursive alias (an anchor used inside itself) is a YAML error, not an infinite loop.
    @Test func aSelfReferencingAliasIsAnError() {
        let found = errors("---\ntitle: خبر\nhighlights: &x [*x]\n---\nنص\n")
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.location.file == path })
    }

    @Test func deeplyNestedFlowCollectionsAreAnErrorNotAStackOverflow() {
        let depth = 10_000
        let found = errors("---\ntitle: خبر\nhighlights: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n---\nنص\n")
        #expect(!found.isEmpty)
    }

    /// A 50 MB article (a paste gone wrong) goes all the way through: read, parsed, rendered by
    /// cmark and the templates, written whole.
    @Test func aFiftyMegabyteArticleIsBuiltWhole() throws {
        let paragraph = String(repeating: "تعاون إعلامي بين المؤسسات العربية. ", count: 2_000) + "\n\n"
        let count = 50_000_000 / paragraph.utf8.count + 1
        var text = "---\ntitle: خبر طويل جدا\ndate: 2024-02-28\nslug: big\n---\n"
        text.reserveCapacity(count * paragraph.utf8.count + text.utf8.count + 100)
        for _ in 0..<count { text += paragraph }
        text += "الفقرة الأخيرة.\n"
        #expect(text.utf8.count >= 50_000_000)

        let article = try ArticleLoader.parse(try TextFile.decode(Data(text.utf8), displayPath: path), path: path)
        #expect(article.title == "خبر طويل جدا")
        #expect(article.body.utf8.count == count * paragraph.utf8.count + "الفقرة الأخيرة.\n".utf8.count)
        #expect(article.bodyFirstLine == 6)

        let site = try TestSite(.minimal, articles: ["big.md": text])
        defer { site.remove() }
        try site.build()
        let page = try Data(contentsOf: site.output.appendingPathComponent("articles/big/index.html"))
        #expect(page.count > 50_000_000)
        #expect(String(decoding: page.suffix(20_000), as: UTF8.self).contains("الفقرة الأخيرة."))
    }

    // MARK: - bytes that are not text

    @Test func invalidUTF8IsLocatedAtTheFirstBadByte() {
        var data = Data("---\ntitle: خبر\nsummary: ".utf8)
        data += Data([0xD9, 0x85, 0xC3, 0x28]) // م, then a broken two-byte sequence
        data += Data("\n---\nنص\n".utf8)
        #expect {
            _ = try TextFile.decode(data, displayPath: path)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.location == SourceLocation(file: path, line: 3, column: 11)
                && diagnostic.message.contains("not valid UTF-8")
        }
    }

    @Test(arguments: [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] as [[UInt8]])
    func everyKindOfMalformedUTF8IsRefused(bytes: [UInt8]) {
        let data = Data("---\ntitle: ".utf8) + Data(bytes) + Data("\n---\n".utf8)
        #expect(throws: Diagnostic.self) { _ = try TextFile.decode(data, displayPath: path) }
    }

    @Test func windows1256ArabicIsRefusedWithAnEncodingHint() {
        // "خبر" in Windows-1256.
        let data = Data("---\ntitle: ".utf8) + Data([0xCE, 0xC8, 0xD1]) + Data("\n---\n".utf8)
        #expect {
            _ = try TextFile.decode(data, displayPath: path)
        } throws: { error in
            (error as? Diagnostic)?.hint?.contains("UTF-8") == true
        }
    }

    @Test func aNulByteIsLocated() {
        let data = Data("---\ntitle: خبر\n---\nنص".utf8) + Data([0]) + Data("بعد\n".utf8)
        #expect {
            _ = try TextFile.decode(data, displayPath: path)
        } throws: { error in
            guard let diagnostic = error as? Diagnostic else { return false }
            return diagnostic.location == SourceLocation(file: path, line: 4, column: 3) && diagnostic.message.contains("NUL")
        }
    }

    @Test func controlCharactersInsideYAMLAreAnErrorNotACrash() {
        for control in ["\u{1}", "\u{7}", "\u{1B}", "\u{FFFE}"] {
            let found = errors("---\ntitle: خبر\(control)\n---\nنص\n")
            // YAML forbids C0 controls other than tab, LF, CR; either refuse or keep them as text, never crash.
            #expect(found.allSatisfy { $0.location.file == path }, "\(control.unicodeScalars.first!.value)")
        }
    }

    // MARK: - the whole pipeline

    @Test func aBrokenArticleInABuildNamesItsFile() throws {
        let site = try TestSite(.minimal, articles: [
            "good.md": TestSite.articleText(),
            "nul.md": "---\ntitle: خبر\n---\nنص\0",
            "open.md": "---\ntitle: خبر\n",
        ])
        defer { site.remove() }
        try site.write("content/articles/latin1.md", Data("---\ntitle: caf".utf8) + Data([0xE9]) + Data("\n---\n".utf8))
        let found = site.buildErrors()
        let files = Set(found.map(\.location.file))
        #expect(files == ["content/articles/nul.md", "content/articles/open.md", "content/articles/latin1.md"], "\(found.text)")
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }
}
