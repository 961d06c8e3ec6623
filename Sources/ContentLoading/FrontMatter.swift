import Diagnostics
import Foundation

/// A Markdown file split into its YAML front matter and its body, with the line numbers
/// needed to point diagnostics back into the original file.
public struct FrontMatter: Sendable {
    public var yaml: String
    /// 1-based line of the first YAML line (the line after the opening `---`).
    public var yamlFirstLine: Int
    public var body: String
    /// 1-based line of the first body line.
    public var bodyFirstLine: Int

    /// Splits `---\n…\n---\n` from the body. The text must already have LF line endings.
    public static func split(_ text: String, file: String) throws(Diagnostic) -> FrontMatter {
        // Lines are found on the UTF-8 bytes: splitting the String walks grapheme clusters, a
        // third of a millisecond for a 5 KB Arabic article. Without CR the two are the same
        // ("\n" is always a cluster of its own; only "\r\n" joins it), so CR keeps the old way.
        var utf8 = text
        if let split = utf8.withUTF8({ splitUTF8($0, of: text) }) {
            guard let split else { throw notFrontMatter(file) }
            return split
        }
        return try splitCharacters(text, file: file)
    }

    /// nil when the text has a CR (the caller splits Characters); .some(nil) when the text does
    /// not start with front matter; otherwise the split. Errors other than the first line's are
    /// left to `splitCharacters`, which gives the same answer.
    private static func splitUTF8(_ bytes: UnsafeBufferPointer<UInt8>, of text: String) -> FrontMatter?? {
        // memchr: a byte loop over a 5 KB article is most of the split's time.
        guard let base = bytes.baseAddress else { return .some(nil) }
        if memchr(base, Int32(UInt8(ascii: "\r")), bytes.count) != nil { return nil }
        /// The end of the line that starts at `start` (the index of its "\n", or the end).
        func lineEnd(_ start: Int) -> Int {
            guard start < bytes.count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else {
                return bytes.count
            }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
        /// Whether bytes[start..<end], less trailing spaces and tabs, is exactly `marker`.
        func isMarker(_ start: Int, _ end: Int, _ marker: UInt8) -> Bool {
            var end = end
            while end > start, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\t") { end -= 1 }
            return end - start == 3 && bytes[start] == marker && bytes[start + 1] == marker && bytes[start + 2] == marker
        }
        /// A copy of the text's own bytes: already valid UTF-8 (validating them again, as
        /// `String(decoding:)` does, was most of the split's time). Line breaks are scalar boundaries.
        func string(_ start: Int, _ end: Int) -> String {
            guard start < end else { return "" }
            let from = text.utf8.index(text.utf8.startIndex, offsetBy: start)
            return String(text[from..<text.utf8.index(from, offsetBy: end - start)])
        }
        let firstEnd = lineEnd(0)
        guard isMarker(0, firstEnd, UInt8(ascii: "-")) else { return .some(nil) }
        guard firstEnd < bytes.count else { return nil } // never closed: the error comes from splitCharacters
        let yamlStart = firstEnd + 1
        var lineStart = yamlStart
        var yamlLines = 0
        while true {
            let end = lineEnd(lineStart)
            if isMarker(lineStart, end, UInt8(ascii: "-")) || isMarker(lineStart, end, UInt8(ascii: ".")) {
                // The YAML is every line before this one, without the last "\n".
                let yaml = string(yamlStart, max(yamlStart, lineStart - 1))
                let body = end < bytes.count ? string(end + 1, bytes.count) : ""
                return .some(FrontMatter(yaml: yaml, yamlFirstLine: 2, body: body, bodyFirstLine: yamlLines + 3))
            }
            yamlLines += 1
            if end >= bytes.count { return nil } // never closed
            lineStart = end + 1
        }
    }

    private static func notFrontMatter(_ file: String) -> Diagnostic {
        .error(at: SourceLocation(file: file, line: 1, column: 1),
               "the article does not start with front matter",
               hint: "the first line must be --- , then the fields (title: …), then another --- line before the text")
    }

    /// The reference split, on Characters: for texts with CR, and for the errors.
    static func splitCharacters(_ text: String, file: String) throws(Diagnostic) -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            throw .error(at: SourceLocation(file: file, line: 1, column: 1),
                         "the article does not start with front matter",
                         hint: "the first line must be --- , then the fields (title: …), then another --- line before the text")
        }
        lines = lines.dropFirst()
        var yamlLines: [Substring] = []
        var closed = false
        for line in lines {
            let trimmed = line.trimmingTrailingSpaces
            if trimmed == "---" || trimmed == "..." { closed = true; break }
            yamlLines.append(line)
        }
        guard closed else {
            throw .error(at: SourceLocation(file: file, line: 1, column: 1),
                         "the front matter that starts on line 1 is never closed",
                         hint: "add a line with only --- after the last field (date:, countries: …) and before the article text")
        }
        let bodyFirstLine = yamlLines.count + 3
        let bodyLines = lines.dropFirst(yamlLines.count + 1)
        return FrontMatter(yaml: yamlLines.joined(separator: "\n"), yamlFirstLine: 2,
                           body: bodyLines.joined(separator: "\n"), bodyFirstLine: bodyFirstLine)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
