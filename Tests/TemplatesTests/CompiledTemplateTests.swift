import Testing
@testable import Templates

/// The escaping the SWAR scan must match: one byte at a time.
func referenceEscape(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    for byte in bytes {
        switch byte {
        case UInt8(ascii: "&"): out += "&amp;".utf8
        case UInt8(ascii: "<"): out += "&lt;".utf8
        case UInt8(ascii: ">"): out += "&gt;".utf8
        case UInt8(ascii: "\""): out += "&quot;".utf8
        case UInt8(ascii: "'"): out += "&#39;".utf8
        default: out.append(byte)
        }
    }
    return out
}

func escaped(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = []
    bytes.withUnsafeBufferPointer { HTMLEscaping.append($0, to: &out) }
    return out
}

@Suite struct HTMLEscapingTests {
    /// Every character at every offset of texts up to three words long, in Latin and Arabic
    /// text, alone and beside another one.
    @Test func escapesEachCharacterAtEveryOffset() {
        let special = Array("&<>\"'#a".utf8)
        for filler in [Array("abcdefgh".utf8), Array("نص عربي".utf8)] {
            for length in 0...26 {
                let text = (0..<length).map { filler[$0 % filler.count] }
                #expect(escaped(text) == referenceEscape(text))
                for offset in 0..<length {
                    for byte in special {
                        var one = text
                        one[offset] = byte
                        #expect(escaped(one) == referenceEscape(one), "\(byte) at \(offset) of \(length)")
                        var two = one
                        two[(offset + 1) % length] = UInt8(ascii: "<")
                        #expect(escaped(two) == referenceEscape(two), "\(byte) and < at \(offset) of \(length)")
                    }
                }
            }
        }
    }

    /// The word test has no false negatives, and its only false positive is '#'.
    @Test func theWordTestFindsExactlyTheEscapedBytesAndNumberSign() {
        let flagged = Set("&<>\"'#".utf8)
        for byte in UInt8.min...UInt8.max {
            for position in 0..<8 {
                var bytes = Array(repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = byte
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                #expect(HTMLEscaping.mayHoldEscapedByte(word) == flagged.contains(byte), "byte \(byte) at \(position)")
            }
        }
    }

    @Test func escapesWholeValuesLikeMustache() {
        for (text, expected) in [("نص <a href=\"x\">'&'</a>", "نص &lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"),
                                 ("", ""), ("<", "&lt;"), ("بلا شيء", "بلا شيء"), ("a&&b>", "a&amp;&amp;b&gt;"),
                                 ("#لون #0a5f5a", "#لون #0a5f5a")] {
            var out: [UInt8] = []
            TemplateValue.text(text).appendRenderedText(to: &out, escaped: true)
            #expect(out == Array(expected.utf8))
        }
    }
}

@Suite struct TemplateCompilerTests {
    @Test func partialsAndBlocksWithoutIndentationAreExpandedIntoOneText() throws {
        let templates = try TemplateSet(sources: [
            "base": "<html>{{$content}}default{{/content}}</html>\n",
            "page": "{{< base}}{{$content}}a{{> part}}b{{/content}}{{/base}}",
            "part": "x\ny\n",
        ], required: [])
        let page = try #require(templates.compiled("page"))
        #expect(page.instructions == [.text(0..<page.text.count)])
        #expect(String(decoding: page.text, as: UTF8.self) == "<html>ax\ny\nb</html>\n")
    }

    @Test func contentTypesStayInTheTemplateThatSetsThem() throws {
        let templates = try TemplateSet(sources: [
            "page": "{{x}}{{> text}}{{x}}",
            "text": "{{% CONTENT_TYPE: TEXT}}{{x}}",
        ], required: [])
        let page = try #require(templates.compiled("page"))
        let escapes = page.instructions.compactMap { instruction -> Bool? in
            if case .variable(_, let escaped) = instruction { return escaped }
            return nil
        }
        #expect(escapes == [true, false, true])
        #expect(try templates.render("page", ["x": "<"]) == "&lt;<&lt;")
    }

    @Test func aBlockThatOverridesItselfIsLeftToSwiftMustache() throws {
        let templates = try TemplateSet(sources: [
            "base": "{{$content}}{{/content}}",
            "page": "{{< base}}{{$content}}a{{$content}}b{{/content}}{{/content}}{{/base}}",
        ], required: [])
        #expect(!templates.isCompiled)
    }
}

/// Nesting the real theme does not use, rendered both ways.
@Suite struct CompiledNestingTests {
    static let sources: [String: String] = [
        "outer": "<main>\n  {{> middle}}\n</main>\n{{#groups}}\n    {{> middle}}\n{{/groups}}\n",
        "middle": "<ul>\n  {{#items}}\n  {{> leaf}}\n  {{/items}}\n  {{^items}}\n  {{> leaf}}\n  {{/items}}\n</ul>\n",
        "leaf": "<li>{{name}}\n{{#tags}}\n  <b>{{.}}</b>\n{{/tags}}\n</li>\n",
        "frame": "<div>\n  {{$body}}\n  <p>default</p>\n  {{/body}}\n  {{$aside}}{{/aside}}\n</div>\n",
        "framed": "{{< frame}}{{$body}}\n  {{> leaf}}\n  {{#items}}{{> leaf}}{{/items}}\n{{/body}}{{/frame}}\n",
        "reframed": "{{< framed}}{{$aside}}\n<aside>{{name}}</aside>\n{{/aside}}{{/framed}}\n",
        "arabic": "  {{> leaf}}\nنص {{name}} {{{name}}} {{#groups}}«{{name}}»{{/groups}}\n",
        "empty": "{{#items}}{{/items}}{{^items}}{{/items}}",
        // Lookups remember where they found a name: values pushed since must still shadow it.
        "shadowing": "{{name}}|{{#items}}{{name}}{{#tags}}({{name}}{{#items}}{{name}}{{/items}}){{/tags}};{{/items}}|{{name}}"
            + "|{{#groups}}{{name}}{{#items}}[{{name}}]{{/items}}{{^items}}{{name}}{{/items}}{{/groups}}|{{name}}",
    ]

    static let values: [TemplateValue] = [
        ["name": "أ & <ب>", "items": [["name": "واحد", "tags": ["x", "<y>"]], ["name": "'اثنان'", "tags": []]],
         "groups": [["name": "مجموعة", "items": [["name": "ج"]]], ["items": []]], "tags": ["z"]],
        ["name": "", "items": [], "groups": [], "tags": false],
        ["items": [[:], ["name": "2", "tags": [["items": [[:], ["name": "2.1"]]], "t"]], [:], ["tags": [["name": "4.1"], [:]]]],
         "groups": [[:], ["name": "g", "items": [[:], ["name": "i"], [:]]], ["items": []], ["name": "h"]]],
        [:],
    ]

    @Test func rendersTheSameBytesAsSwiftMustache() throws {
        let templates = try TemplateSet(sources: Self.sources, required: [])
        #expect(templates.isCompiled)
        for name in Self.sources.keys.sorted() {
            for (i, value) in Self.values.enumerated() {
                let reference = templates.renderWithSwiftMustache(name, value)
                #expect(try templates.renderUTF8(name, value) == reference.map { Array($0.utf8) }, "\(name) with value \(i)")
            }
        }
    }
}
