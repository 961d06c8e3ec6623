import CMark
import Foundation

/// A link or image target written in Markdown, with where it was written (1-based, relative to
/// the Markdown text) so `taawun check` can point at it.
public struct MarkdownReference: Sendable, Hashable {
    public var url: String
    public var line: Int
    public var column: Int

    public init(url: String, line: Int, column: Int) {
        self.url = url
        self.line = line
        self.column = column
    }
}

/// What the site needs from an article body.
public struct RenderedMarkdown: Sendable, Hashable {
    /// HTML from cmark. Headings sit under the page's title, the only h1 (see `HeadingOutline`).
    public var html: String
    /// Plain text of the first paragraph, for summaries.
    public var firstParagraph: String
    public var links: [MarkdownReference]
    public var images: [MarkdownReference]
}

/// CommonMark through cmark, the reference C implementation.
public enum MarkdownRenderer {
    /// Renders `markdown`. In the default safe mode cmark drops raw HTML and `javascript:`,
    /// `vbscript:`, `file:` and `data:` links; `allowUnsafeHTML` is the site's explicit opt-in.
    public static func render(_ markdown: String, allowUnsafeHTML: Bool = false) -> RenderedMarkdown {
        let options = CMARK_OPT_DEFAULT | (allowUnsafeHTML ? CMARK_OPT_UNSAFE : 0)
        var markdown = markdown
        // cmark reads the String's own UTF-8 storage: no copy for native strings.
        guard let document = markdown.withUTF8({ buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map { cmark_parse_document($0, chars.count, options) } ?? cmark_parse_document("", 0, options)
            }
        }) else {
            return RenderedMarkdown(html: "", firstParagraph: "", links: [], images: [])
        }
        defer { cmark_node_free(document) }

        var firstParagraph: String?
        var collecting = false
        var paragraphBytes: [UInt8] = []
        var links: [MarkdownReference] = []
        var images: [MarkdownReference] = []
        var blockLine = 1
        var outline = HeadingOutline()
        var source: SourceLines? // built at the first link or image only

        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node))
            if line > 0 { blockLine = line }
            switch (type, event) {
            case (CMARK_NODE_HEADING, CMARK_EVENT_ENTER):
                cmark_node_set_heading_level(node, Int32(outline.fit(Int(cmark_node_get_heading_level(node)))))
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_ENTER) where firstParagraph == nil:
                collecting = true
                paragraphBytes.removeAll(keepingCapacity: true)
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT) where collecting:
                collecting = false
                // cmark's literals are valid UTF-8 (it replaces invalid input), so one decode of
                // the joined bytes equals joining the decoded pieces.
                let trimmed = Self.trimmedOfWhitespace(String(decoding: paragraphBytes, as: UTF8.self))
                if !trimmed.isEmpty { firstParagraph = trimmed }
            case (CMARK_NODE_TEXT, _), (CMARK_NODE_CODE, _):
                if collecting, let literal = cmark_node_get_literal(node) {
                    literal.withMemoryRebound(to: UInt8.self, capacity: 1) { paragraphBytes.append(contentsOf: UnsafeBufferPointer(start: $0, count: strlen(literal))) }
                }
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                if collecting { paragraphBytes.append(UInt8(ascii: " ")) }
            case (CMARK_NODE_LINK, CMARK_EVENT_ENTER), (CMARK_NODE_IMAGE, CMARK_EVENT_ENTER):
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                if source == nil { source = SourceLines(markdown) }
                let reference = source!.locate(url, from: blockLine)
                if type == CMARK_NODE_LINK { links.append(reference) } else { images.append(reference) }
            default:
                break
            }
        }

        let html = cmark_render_html(document, options).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? ""
        return RenderedMarkdown(html: html, firstParagraph: firstParagraph ?? "", links: links, images: images)
    }

    /// `trimmingCharacters(in: .whitespacesAndNewlines)` on the String's own scalars: the same
    /// set, without Foundation's round trip through NSString.
    static func trimmedOfWhitespace(_ text: String) -> String {
        let scalars = text.unicodeScalars
        let set = CharacterSet.whitespacesAndNewlines
        guard let first = scalars.firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = scalars.lastIndex { !set.contains($0) }!
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}

/// The Markdown's lines, as `split(separator: "\n")` over Characters gives them, found on UTF-8
/// bytes: "\n" is a Character of its own except in "\r\n", which is one Character and no split.
struct SourceLines {
    let text: String
    /// UTF-8 offset of each line's first byte, and one past the last line's end.
    private let starts: [Int]

    /// The last match's line, UTF-8 offset and column: links on one line come left to right, so the
    /// next column is counted from there (a match starts on a Character boundary).
    private var lastMatch: (line: Int, offset: Int, column: Int)?

    init(_ text: String) {
        self.text = text
        var text = text
        starts = text.withUTF8 { bytes in
            var starts = [0]
            var offset = 0
            while offset < bytes.count {
                guard let found = memchr(bytes.baseAddress! + offset, Int32(UInt8(ascii: "\n")), bytes.count - offset) else { break }
                let newline = bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                if newline == 0 || bytes[newline - 1] != UInt8(ascii: "\r") { starts.append(newline + 1) }
                offset = newline + 1
            }
            starts.append(bytes.count + 1)
            return starts
        }
    }

    var count: Int { starts.count - 1 }

    /// cmark gives source positions for blocks only: find the URL's text from the block's line on.
    /// The first line holding it (as Foundation's `range(of:)` finds it) and the Character
    /// column there, 1-based; the block's line and column 1 when no line holds it.
    mutating func locate(_ url: String, from line: Int) -> MarkdownReference {
        if !url.isEmpty, max(0, line - 1) < count {
            let plain = url.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "\r") }
            for index in max(0, line - 1)..<count {
                let column = plain ? asciiColumn(of: url, inLine: index) : foundationColumn(of: url, inLine: index)
                if let column { return MarkdownReference(url: url, line: index + 1, column: column) }
            }
        }
        return MarkdownReference(url: url, line: line, column: 1)
    }

    private func index(_ utf8Offset: Int) -> String.Index {
        text.utf8.index(text.utf8.startIndex, offsetBy: utf8Offset)
    }

    private func line(_ index: Int) -> Substring {
        text[self.index(starts[index])..<self.index(starts[index + 1] - 1)]
    }

    /// The column as `Substring.range(of:)` and Character distance give it.
    private func foundationColumn(of url: String, inLine index: Int) -> Int? {
        let line = line(index)
        guard let range = line.range(of: url) else { return nil }
        return line.distance(from: line.startIndex, to: range.lowerBound) + 1
    }

    /// What a byte search can tell about an ASCII URL in one line.
    private enum ByteSearch { case absent, at(Int), undecided }

    /// An ASCII URL found by bytes. Where Foundation's canonical-equivalence search could decide
    /// otherwise (the match touches a non-ASCII scalar, or the line holds a letter canonically
    /// equal to an ASCII one), that line is searched the Foundation way.
    private mutating func asciiColumn(of url: String, inLine index: Int) -> Int? {
        let lineStart = starts[index], lineEnd = starts[index + 1] - 1
        let search = text.utf8.withContiguousStorageIfAvailable { bytes in
            url.utf8.withContiguousStorageIfAvailable { needle in
                Self.search(needle, in: UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd]))
            }
        } ?? nil
        switch search ?? .undecided {
        case .absent: return nil
        case .at(let offset):
            let match = lineStart + offset
            var column = 1, from = lineStart
            if let last = lastMatch, last.line == index, last.offset <= match { (column, from) = (last.column, last.offset) }
            let fast = text.utf8.withContiguousStorageIfAvailable { CharacterCount.of(UnsafeBufferPointer(rebasing: $0[from..<match])) }
            column += (fast ?? nil) ?? text[self.index(from)..<self.index(match)].count
            lastMatch = (index, match, column)
            return column
        case .undecided: return foundationColumn(of: url, inLine: index)
        }
    }

    private static func search(_ needle: UnsafeBufferPointer<UInt8>, in line: UnsafeBufferPointer<UInt8>) -> ByteSearch {
        if holdsASCIIEquivalent(line) { return .undecided }
        guard let first = needle.first, needle.count <= line.count else { return .absent }
        var start = 0
        while start + needle.count <= line.count {
            if line[start] == first, memcmp(line.baseAddress! + start, needle.baseAddress!, needle.count) == 0 {
                let before = start > 0 ? line[start - 1] : 0
                let after = start + needle.count < line.count ? line[start + needle.count] : 0
                // Next to a non-ASCII scalar, Foundation's rules for combining sequences decide.
                return before >= 0x80 || after >= 0x80 ? .undecided : .at(start)
            }
            start += 1
        }
        return .absent
    }

    /// U+212A KELVIN SIGN, U+037E GREEK QUESTION MARK and U+1FEF GREEK VARIA decompose
    /// canonically to K, ; and ` – the only scalars a canonical search matches to ASCII.
    static func holdsASCIIEquivalent(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 1 < line.count {
            switch line[i] {
            case 0xE2 where i + 2 < line.count && line[i + 1] == 0x84 && line[i + 2] == 0xAA: return true
            case 0xCD where line[i + 1] == 0xBE: return true
            case 0xE1 where i + 2 < line.count && line[i + 1] == 0xBF && line[i + 2] == 0xAF: return true
            default: i += 1
            }
        }
        return false
    }
}

/// Fits a body's headings under the page's h1 without skipped levels.
///
/// Editors write `###` where `##` was meant, and imported articles bring whatever levels their
/// source used; an h4 straight after the page's h1 is an accessibility error (screen readers
/// navigate by level, and the Nu checker rejects it). Each heading becomes one level below the
/// nearest heading before it that was written shallower (the page's h1 when there is none), so
/// siblings stay siblings and the outline keeps the body's own shape.
struct HeadingOutline {
    /// The headings enclosing the current point: written and fitted levels; the page's h1 at the bottom.
    private var enclosing: [(written: Int, fitted: Int)] = [(0, 1)]

    mutating func fit(_ written: Int) -> Int {
        while enclosing.count > 1, enclosing[enclosing.count - 1].written >= written { enclosing.removeLast() }
        let fitted = min(enclosing[enclosing.count - 1].fitted + 1, 6)
        enclosing.append((written, fitted))
        return fitted
    }
}
