import Foundation
import TaawunTesting
import Testing
@testable import Markdown

/// The renderer against `ReferenceMarkdownRenderer` (the Character-split, `range(of:)` one):
/// same HTML, first paragraph, links and images with the same lines and columns.
@Suite struct MarkdownDifferentialTests {
    static func seedTexts() throws -> [String] {
        let files = try FileManager.default.contentsOfDirectory(at: Repository.articles, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "md" }.sorted { $0.path < $1.path }
        return try files.map { try String(contentsOf: $0, encoding: .utf8) }
    }

    func expectSame(_ markdown: String, sourceLocation: SourceLocation = #_sourceLocation) {
        for unsafe in [false, true] {
            let fast = MarkdownRenderer.render(markdown, allowUnsafeHTML: unsafe)
            let reference = ReferenceMarkdownRenderer.render(markdown, allowUnsafeHTML: unsafe)
            #expect(fast == reference, "\(markdown.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test func seedArticlesRenderAsBefore() throws {
        let texts = try Self.seedTexts()
        #expect(texts.count >= 5)
        for text in texts {
            expectSame(text)
            // The body alone, as the site builder passes it.
            let parts = text.components(separatedBy: "\n---\n")
            if parts.count > 1 { expectSame(parts.dropFirst().joined(separator: "\n---\n")) }
        }
    }

    @Test func linksNextToCombiningMarksEmojiAndCanonicalEquivalents() {
        let cases = [
            "نص [أ](a) وa\u{301} ثم a",                     // the URL's text before, with a combining mark
            "a\u{301}\n\n[x](a)\n",
            "\u{600}ab [x](ab)\n",                          // a prepended number sign before the URL's text
            "x\u{212A}y [x](K)\n",                          // Kelvin sign ≡ K
            "\u{212A} قبل\n\nنص [x](K)\n",
            "👍🏽 [👍](👍) و👍\n",
            "👨‍👩‍👧 [x](👨)\n",
            "e\u{301} [x](\u{e9}) \u{e9}\n",                // NFD text, NFC URL
            "[x](a&amp;b) a&b\n",                           // an entity: the URL's text is not in the source
            "[x](a\\_b)\n\nلاحقا a_b\n",                     // a backslash escape
            "[x]()\n",
            "[x](<>)\n",
            "أ [مرجع][r] ب\n\n[r]: https://example.org/ref\n", // reference links point at the definition
            "<https://example.org/auto> و<mail@example.org>\n",
            "السطر\r\nالثاني [x](u)\n",                     // CRLF: "\r\n" is one Character, not a line split
            "أ\rب [x](u)\n",
            "الحكوميَّة [x](https://example.org/a?b=1&c=2#d) الحكوميَّة\n",
            "![صورة](images/a.jpg \"عنوان\") و[رابط](../other/)\n",
            "[a](u) [b](u) [c](uu)\n",
            "[أ](u) الحكوميَّة [ب](v) 👍🏽 [ج](w) e\u{301} [د](u2)\n\n[هـ](v)\n",  // columns counted on from the last link
            "- بند [x](../a/)\n  - [y](../b/)\n\n> [z](../c/)\n",
            "```\n[x](code)\n```\n\n[x](code)\n",
            "`code` أول\n\nثان\n",
            "  \n\n**عريض** و`شيفرة`  \nسطر\n",
        ]
        for markdown in cases { expectSame(markdown) }
    }

    /// The old renderer trapped here (cmark counts "\r\n" lines, the Character split does not);
    /// now the reference falls back to the block's line.
    @Test func crlfLinesPastTheCharacterSplitFallBackToTheBlock() {
        let result = MarkdownRenderer.render("أ\r\nب\r\n\r\n[y](u)\r\n")
        #expect(result.links == [MarkdownReference(url: "u", line: 4, column: 1)])
    }

    @Test func generatedArticlesRenderAsBefore() {
        var random = SplitMix64(seed: 0x7A4A_5755)
        let words = ["قطر", "الحكوميَّة", "مُذكِّرة", "e\u{301}", "\u{e9}", "a", "ab", "K", "\u{212A}", "👍", "👍🏽",
                     "\u{600}", "\u{64B}", "u", "x_y", "https://example.org/n", "(", ")", "*", "_", "`", "<", "&amp;", "\\"]
        let urls = ["u", "ab", "a", "K", "https://example.org/n", "../a/", "images/x.jpg", "👍", "\u{e9}", "مدينة", "a&amp;b", ""]
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<random.next(below: 12) {
                switch random.next(below: 10) {
                case 0: text += "\n"
                case 1: text += "\n\n"
                case 2: text += "[\(words[random.next(below: words.count)])](\(urls[random.next(below: urls.count)]))"
                case 3: text += "![ص](\(urls[random.next(below: urls.count)]))"
                case 4: text += ["# ", "## ", "- ", "> ", "1. ", "    "][random.next(below: 6)]
                default: text += words[random.next(below: words.count)]
                }
                text += random.next(below: 3) == 0 ? "" : " "
            }
            expectSame(text)
        }
    }
}

/// A small deterministic generator, so every run tests the same inputs.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}

@Suite struct TrimmingTests {
    /// Against Foundation's own trimming, on every kind of space and newline at either end.
    @Test func trimsWhatFoundationTrims() {
        let pieces = [" ", "\t", "\n", "\r", "\u{85}", "\u{A0}", "\u{2028}", "\u{2029}", "\u{3000}", "\u{200B}", "\u{FEFF}",
                      "\u{180E}", "\u{2009}", "\u{1680}", "\u{0B}", "\u{0C}", "\u{202F}", "نص", "a", "\u{301}", "👍🏽", "\r\n"]
        var random = SplitMix64(seed: 42)
        for _ in 0..<2000 {
            var text = ""
            for _ in 0..<random.next(below: 6) { text += pieces[random.next(below: pieces.count)] }
            #expect(MarkdownRenderer.trimmedOfWhitespace(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(text.debugDescription)")
            #expect(MarkdownRenderer.trimmedOfWhitespace(text).unicodeScalars.elementsEqual(text.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars))
        }
    }
}

@Suite struct CharacterCountTests {
    static let scalars = (UInt32(0)...0xFFFF).compactMap { Unicode.Scalar($0) }.filter { CharacterCount.kind($0.value) != .other }

    /// Break rules among these scalars are pairwise (no context rule applies to them), so checking
    /// every pair against Swift's own Characters proves the count.
    @Test func everyPairBreaksAsSwiftBreaksIt() {
        #expect(Self.scalars.count > 400)
        var wrong: [(UInt32, UInt32)] = []
        for a in Self.scalars {
            for b in Self.scalars {
                var pair = String.UnicodeScalarView()
                pair.append(a)
                pair.append(b)
                let expected = CharacterCount.kind(b.value) == .joins ? 1 : 2
                if String(pair).count != expected { wrong.append((a.value, b.value)) }
            }
            if CharacterCount.kind(a.value) == .joins, String(Character(a)).count != 1 { wrong.append((a.value, 0)) }
        }
        #expect(wrong.isEmpty, "\(wrong.prefix(10))")
    }

    @Test func countsRealTextAsSwiftCounts() throws {
        let seedLines = try MarkdownDifferentialTests.seedTexts().flatMap { $0.split(separator: "\n").map(String.init) }
        var countedLines = 0
        defer { #expect(countedLines > 20) }
        for text in seedLines + ["\u{64B}قطر", "e\u{301}\u{301}x", "", "👍", "a\u{600}b", "\r\n"] {
            var text = text
            if text.withUTF8({ CharacterCount.of($0) }) != nil { countedLines += 1 }
            let counted = text.withUTF8 { CharacterCount.of($0) }
            if let counted { #expect(counted == text.count) } else { #expect(text.unicodeScalars.contains { CharacterCount.kind($0.value) == .other }) }
        }
    }
}
