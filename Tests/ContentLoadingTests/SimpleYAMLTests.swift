import Diagnostics
import Foundation
import TaawunTesting
import Testing
@testable import ContentLoading
import Yams

/// The fast front-matter reader (`SimpleYAML`) against the reference (Yams): for every input,
/// the same article and the same diagnostics, and the fast reader taken where it should be.
@Suite struct SimpleYAMLTests {
    static let path = "content/articles/x.md"

    enum Outcome: Equatable {
        case article(ArticleSource)
        case diagnostics([Diagnostic])
    }

    /// What the reference gives: the article or its diagnostics.
    static func reference(_ text: String, path: String) -> Outcome {
        do {
            var article = try ArticleLoader.read(ArticleLoader.split(text, path: path), path: path)
            article.fingerprint = ArticleLoader.fingerprint(of: text) // as `parse` gives it, whichever reader read it
            return .article(article)
        } catch {
            return .diagnostics(error.diagnostics)
        }
    }

    static func parse(_ text: String, path: String) -> Outcome {
        do {
            return .article(try ArticleLoader.parse(text, path: path))
        } catch {
            return .diagnostics(error.diagnostics)
        }
    }

    /// Asserts that `ArticleLoader.parse` answers as the reference does and, when `SimpleYAML`
    /// reads the front matter, that the field checks on its reading give the reference's article
    /// and diagnostics (even those `parse` leaves to the reference). Returns whether it read it.
    @discardableResult
    static func differential(_ text: String, path: String = path, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Bool {
        let expected = reference(text, path: path)
        #expect(parse(text, path: path) == expected, "\(text)", sourceLocation: sourceLocation)
        guard let frontMatter = try? ArticleLoader.split(text, path: path) else { return false }
        guard var fast = YAMLFields(simpleYAML: frontMatter.yaml, file: path, firstLine: frontMatter.yamlFirstLine,
                                    allowedKeys: ArticleSource.fields, what: "front matter") else { return false }
        var slow = YAMLFields(yaml: frontMatter.yaml, file: path, firstLine: frontMatter.yamlFirstLine,
                              allowedKeys: ArticleSource.fields, what: "front matter")
        let fastArticle = ArticleLoader.article(from: &fast, frontMatter: frontMatter, path: path)
        let slowArticle = ArticleLoader.article(from: &slow, frontMatter: frontMatter, path: path)
        #expect(fastArticle == slowArticle, "\(text)", sourceLocation: sourceLocation)
        #expect(fast.diagnostics == slow.diagnostics, "\(text)", sourceLocation: sourceLocation)
        #expect(fast.parsed == slow.parsed, "\(text)", sourceLocation: sourceLocation)
        return true
    }

    static func article(_ yaml: String) -> String {
        "---\n\(yaml)\n---\nالنص.\n"
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Sentences of the seed texts (content/sources/*.txt), as editors and the importer meet them.
    static func seedLines() throws -> [String] {
        let sources = Repository.seeds
        let files = try FileManager.default.contentsOfDirectory(at: sources, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "txt" }.sorted { $0.path < $1.path }
        #expect(files.count >= 5)
        return try files.flatMap { url in
            try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map {
                String($0).trimmingCharacters(in: .whitespaces)
            }.filter { !$0.isEmpty && !$0.contains("\t") && !$0.contains("\r") }
        }
    }

    @Test func theRepositorysArticlesAreReadFastAndTheSame() throws {
        let folder = Repository.articles
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }
        #expect(files.count >= 5)
        for url in files {
            let text = try TextFile.read(url, displayPath: "content/articles/" + url.lastPathComponent)
            // Every article the importer wrote is the simple kind: the fast reader must take it.
            #expect(Self.differential(text, path: "content/articles/" + url.lastPathComponent), "\(url.lastPathComponent)")
        }
    }

    /// The front matter bench/corpus.py writes, on the seed sentences.
    @Test func theBenchmarkCorpusStyleIsReadFastAndTheSame() throws {
        let lines = try Self.seedLines()
        for (i, line) in lines.enumerated() {
            let words = line.split(separator: " ")
            let organizations = stride(from: 0, to: min(words.count, 12), by: 4).map { words[$0..<min(words.count, $0 + 3)].joined(separator: " ") }
            let yaml = """
            title: \(Self.quoted(line))
            date: 20\(10 + i % 20)-0\(1 + i % 9)-1\(i % 10)
            summary: \(Self.quoted(String(line.prefix(160))))
            source: \(Self.quoted(String(words.last ?? "x")))
            dateline: الدوحة
            organizations:
            \(organizations.map { "  - \($0)" }.joined(separator: "\n"))
            countries: [QA, SA, AE]
            """
            let fast = Self.differential(Self.article(yaml))
            // Plain list items that look like YAML syntax (": ", "#", a leading "-") go to Yams.
            let simple = organizations.allSatisfy { !$0.contains(": ") && !$0.hasSuffix(":") && !$0.contains(" #")
                && !SimpleYAML.isIndicator($0.utf8.first!) }
            if simple { #expect(fast, "\(yaml)") }
        }
    }

    /// Each seed sentence as every kind of value: plain, quoted, in lists both ways.
    @Test func everySeedSentenceInEveryStyleIsTheSame() throws {
        for line in try Self.seedLines() {
            let single = "'" + line.replacingOccurrences(of: "'", with: "''") + "'"
            for value in [line, Self.quoted(line), single] {
                Self.differential(Self.article("title: \(value)\ndate: 2024-02-28"))
                Self.differential(Self.article("title: x\nhighlights:\n  - \(value)\n  - \(value)"))
                Self.differential(Self.article("title: x\norganizations: [\(value), \(value)]"))
            }
        }
    }

    static let fastCases: [String] = [
        "title: عنوان",
        "title: عنوان   ",
        "title:    عنوان مع مسافات   ",
        "title: عنوان # تعليق",
        "title: C#  # a comment after a hash inside",
        "title: \"الدوحة: توقيع اتفاقية\"",
        "title: 'الدوحة: توقيع'",
        "title: \"قال \\\"نعم\\\" و\\\\ ثم\"",
        "title: \"tab\\there\\nnew line\\/slash\\\\\"",
        "title: \"escapes \\0\\a\\b\\v\\f\\r\\e\\ \\N\\_\\L\\P end\"",
        "title: 'it''s ''quoted'''",
        "title: \"  spaces inside  \"",
        "title: \"\"",
        "title: ''",
        "title: x\nkicker:",
        "title: x\nkicker:   # empty with a comment",
        "title: x\nkicker: ~",
        "title: x\nkicker: null",
        "title: x\nkicker: Null",
        "title: x\nkicker: NULL",
        "title: 2030",
        "title: \"2030\"",
        "title: 12.5",
        "title: 0x1F",
        "title: 0o17",
        "title: 017",
        "title: 1_000",
        "title: 1:30",
        "title: .inf",
        "title: .NaN",
        "title: +12",
        "title: 1e5",
        "title: 2024-02-28",
        "title: 2024-2-3 10:00:00",
        "title: yes",
        "title: No",
        "title: ON",
        "title: off",
        "title: true",
        "title: FALSE",
        "title: y",
        "title: n",
        "title: Yes please",
        "title: truely",
        "title: <<",
        "title: =",
        "title: ~x",
        "title: x\ndraft: true",
        "title: x\ndraft: false",
        "title: x\ndraft: yes",
        "title: x\ndraft: no",
        "title: x\ndraft: On",
        "title: x\ndraft: OFF",
        "title: x\ndraft: \"true\"",
        "title: x\ndraft: 'yes'",
        "title: x\ndraft: YeS",
        "title: x\ndraft: 1",
        "title: x\ndraft: maybe",
        "title: x\ndraft:",
        "title: x\ndraft:\n",
        "title: x\ndraft:\n# trailing comment",
        "title: x\ndraft:\n\n",
        "title: x\ndraft: ~",
        "title: x\ndraft:\ndate: 2024-02-28",
        "title: x\ntitle_generated: true",
        "title: x\ntitle_generated: True",
        "title: x\ndate:  # not found in the text: write it as YYYY-MM-DD",
        "title: x\ndate: 2024-02-30",
        "title: x\ndate: ٢٠٢٤-٠٢-٢٨",
        "title: x\ndate: \"2024-02-28\"",
        "title: x\ndate: [2024-02-28]",
        "title: x\nslug: my-slug",
        "title: x\nslug: 123",
        "title: x\nsource_url: https://example.org/a?b=c#frag",
        "title: x\nsource_url: \"javascript:alert(1)\"",
        "title: x\nsource_url: ftp://example.org",
        "title: x\ncountries: [QA, \"SA\", 'AE']",
        "title: x\ncountries: []",
        "title: x\ncountries: [ ]",
        "title: x\ncountries: [  QA  ,SA]",
        "title: x\ncountries: [QA] # comment",
        "title: x\ncountries: [قطر, المملكة العربية السعودية]",
        "title: x\ncountries: [QA, ~]",
        "title: x\ncountries: [QA, null, 12, true]",
        "title: x\ncountries: QA",
        "title: x\ncountries: ~",
        "title: x\ncountries:",
        "title: x\ncountries:\n  - QA\n  - \"SA\"\n  - 'AE'",
        "title: x\ncountries:\n    - QA\n    - SA",
        "title: x\ncountries:\n  - QA\n\n  # a comment\n  - SA\n# another\ndraft: false",
        "title: x\ncountries:\n  -   QA   \n  - SA # a comment",
        "title: x\ncountries:\n  - ~\n  - QA",
        "title: x\ncountries:\n  - \"\"\n  - QA",
        "title: x\nhighlights:\n  - أولاً\n  - ثانياً\norganizations: [كتارا, جامعة قطر]",
        "title: [a, b]",
        "title:\n  - a",
        "title:",
        "title: ~",
        "title: \"   \"",
        "kicker: x",
        "",
        "# only a comment",
        "\n\n",
        "title: x\nunknown: y",
        "title: x\ntitel: y",
        "title: x\nyes: y",
        "title: x\nsource-url: y",
        "title: AT&T و R&D *مهم* !",
        "title: a 'b' \"c\" [d] {e} | > @",
        "title: x:y http://z",
        "title: x\nsummary: 𝔸 emoji 🙂 beyond the BMP",
        "title: x\n\n\nsummary: after blank lines\n",
        "# imported by taawun from a.txt\ntitle: x\n# comment\n  # indented comment\nsummary: y",
    ]

    static let yamsCases: [String] = [
        "title: |\n  block",
        "title: >\n  folded",
        "title: multi\n  line plain",
        "title: multi\n\n  line after blank",
        "title: \"multi\n  line quoted\"",
        "title: 'multi\n  line'",
        "title: &a anchored",
        "title: *a",
        "title: !!str 2030",
        "title: ! x",
        "title: x\nnested:\n  key: value",
        "title: x\ncountries:\n- QA\n- SA",
        "title: x\ncountries:\n  - QA\n   - SA",
        "title: x\ncountries:\n  - QA\n  SA",
        "title: x\ncountries:\n  -\n  - SA",
        "title: x\ncountries:\n  - \n  - SA",
        "title: x\ncountries:\n  - - QA",
        "title: x\ncountries:\n  - a: b",
        "title: x\ncountries:\n  - [QA]",
        "? title\n: x",
        "title: x\ntitle: y",
        "title: x\ndraft: true\ndraft: false",
        "title:\tx",
        "\ttitle: x",
        "title: x\r",
        "title: {a: b}",
        "title: x\ncountries: {QA: 1}",
        "%YAML 1.1\ntitle: x",
        "title: x: y",
        "title: x:",
        "title: \"unclosed",
        "title: 'unclosed",
        "title: \"a\" b",
        "title: \"a\": b",
        "title: \"a\"# no space",
        "title: \"\\x41\"",
        "title: \"\\u0041\"",
        "title: \"\\U00000041\"",
        "title: \"\\'\"",
        "title: \"\\q\"",
        "title: @x",
        "title: `x`",
        "title: %x",
        "title: -x",
        "title: - x",
        "title: -5",
        "title: ?x",
        "title: :x",
        "title: ,x",
        "title: x\ncountries: [QA, SA",
        "title: x\ncountries: [QA,\n  SA]",
        "title: x\ncountries: [QA, ]",
        "title: x\ncountries: [QA,, SA]",
        "title: x\ncountries: [, QA]",
        "title: x\ncountries: [QA] x",
        "title: x\ncountries: [a: b]",
        "title: x\ncountries: [a:b]",
        "title: x\ncountries: [[QA]]",
        "title: x\ncountries: [QA #c]",
        "title: x\ncountries: [it's]",
        "title: x\ncountries: [\"a\" b]",
        "title: x\ncountries: [QA]]",
        " title: x",
        "title : x",
        "title:x",
        "\"title\": x",
        "- title: x",
        "title: x\n- a",
        "title: x\n  more: y",
        "عنوان: x",
        "title: x\u{FEFF}",
        "\u{FEFF}title: x",
        "title: x\u{85}y",
        "title: x\u{2028}y",
        "title: x\u{7}",
        "title: x\u{0}",
        "title: x\u{FFFE}",
        "title: x\ndate: &d 2024-01-01",
    ]

    @Test func trickyFrontMatterTheFastReaderTakesIsTheSame() {
        for yaml in Self.fastCases {
            #expect(Self.differential(Self.article(yaml)), "the fast reader should take: \(yaml)")
        }
    }

    @Test func trickyFrontMatterIsLeftToYamsAndTheSame() {
        for yaml in Self.yamsCases {
            #expect(!Self.differential(Self.article(yaml)), "the fast reader should leave to Yams: \(yaml)")
        }
    }

    /// Positions are in Unicode scalars, as libYAML counts them, whatever the script.
    @Test func locationsCountUnicodeScalars() throws {
        let text = Self.article("title: \"é́ عنوان\"\nslug: \"s\"\ncountries: [قطر, \"مصر\"]\norganizations:\n  - كتارا")
        #expect(Self.differential(text))
        let article = try ArticleLoader.parse(text, path: Self.path)
        #expect(article.slug?.location == Diagnostics.SourceLocation(file: Self.path, line: 3, column: 7))
        #expect(article.countries.map(\.location.column) == [13, 18])
        #expect(article.organizations.map(\.location) == [Diagnostics.SourceLocation(file: Self.path, line: 6, column: 5)])
    }

    /// The pure-Swift trimming gives what Foundation's does, for every scalar of the BMP at
    /// either end (all whitespace and newline characters are there).
    @Test func trimmingIsFoundationsTrimming() {
        for set in [CharacterSet.whitespacesAndNewlines, .whitespaces] {
            for value in UInt32(0)...0xFFFF {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let c = String(Character(scalar))
                for text in ["\(c)a\(c)", "\(c)", "\(c)\(c) \(c)", " a\(c)b "] {
                    #expect(text.trimming(set) == text.trimmingCharacters(in: set), "U+\(String(value, radix: 16))")
                }
            }
        }
    }

    /// The shortcuts of tag resolution give what Yams' resolver gives.
    @Test func resolvedTagsAreYamsTags() {
        let strings = ["2024-02-28", "2024-2-28", "2024-02-2", "20240-02-28", "2024-02-28 ", "2024-02-28x", "٢٠٢٤-٠٢-٢٨",
                       "2024_02_28", "2024-02-28T10:00:00Z", "1234-56-78", "0000-00-00", "2030", "-1", "+1", ".5", "~",
                       "", "null", "yes", "y", "Yes", "nO", "on", "OFF", "true", "<<", "=", "title", "draft", "عنوان",
                       "0x1F", "1:30", "1e5", ".inf", ".NaN", "a", "z", "Z", "9", "ترو"]
        for string in strings {
            let scalar = YAMLScalar(string: string, style: .plain, tag: .implicit, position: nil)
            #expect(scalar.resolvedTag == Resolver.default.resolveTag(of: .scalar(.init(string))), "\(string)")
        }
    }

    /// The file stem cut from the path is URL's.
    @Test func fileStemsAreURLs() throws {
        var names = try FileManager.default.contentsOfDirectory(atPath: Repository.articles.path)
        names += ["000123.md", "a b.md", "a#b.md", "a?b.md", "é́.md", "🙂.md", "x.md.md", "x.txt", ".md", "a.b.md", "%41.md",
                  "~x.md", "x.MD", "x.md/", "a\\b.md", "x;y.md", "x:y.md"]
        for name in names {
            for path in [name, "content/articles/" + name, "/abs/" + name] {
                #expect(ArticleLoader.fileStem(path) == URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent, "\(path)")
            }
        }
    }

    /// The split on bytes gives what the split on Characters gives.
    @Test func theByteSplitIsTheCharacterSplit() throws {
        let folder = Repository.articles
        var texts = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .map { try TextFile.read($0, displayPath: $0.lastPathComponent) }
        texts += ["---\ntitle: x\n---\n", "---\ntitle: x\n---", "---  \ntitle: é́\n...\nbody\n\n", "---\n---\n",
                  "---\n\n---\nب", "--- \ntitle: x\n--- \t\nنص\n---\nnot a marker"]
        for text in texts {
            let bytes = try FrontMatter.split(text, file: "a.md")
            let characters = try FrontMatter.splitCharacters(text, file: "a.md")
            #expect(bytes.yaml == characters.yaml, "\(text)")
            #expect(bytes.body == characters.body, "\(text)")
            #expect(bytes.yamlFirstLine == characters.yamlFirstLine, "\(text)")
            #expect(bytes.bodyFirstLine == characters.bodyFirstLine, "\(text)")
        }
    }
}
