import Yams

/// A fast reader for the YAML that front matter is in practice: one `key: value` per line at the
/// left margin, where a value is a plain scalar, a "double" or 'single' quoted scalar on one
/// line, empty, a flow list `[a, "b"]` on one line, or a block list of `  - item` lines.
/// Comments and blank lines anywhere.
///
/// Yams (libYAML, and a regular expression per plain scalar for its tag) costs ~0.5 ms an
/// article. This reader gives the same keys, values, styles and positions, and answers nil for
/// anything it is not sure of (block scalars, multi-line scalars, anchors, tags, nested or flow
/// mappings, `?` keys, duplicate keys, tabs, odd indentation, control characters, errors…): the
/// caller then reads the text with Yams, which stays the reference and gives every error.
/// A wrong answer would be a bug; a nil costs only time, so every doubt is a nil.
enum SimpleYAML {
    static func mapping(_ yaml: String) -> [(key: YAMLValue, value: YAMLValue)]? {
        var utf8 = yaml
        return utf8.withUTF8 { bytes in
            var reader = Reader(bytes: bytes, text: yaml)
            return reader.mapping()
        }
    }

    /// Characters that cannot start a plain scalar here (YAML indicators), or that may make
    /// it mean something else; "-", "?" and ":" are refused even where YAML would allow them.
    static func isIndicator(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "#"), UInt8(ascii: "&"),
             UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"),
             UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"):
            return true
        default:
            return false
        }
    }

    /// Gives up on the whole document.
    struct Unsure: Error {}

    private struct Line {
        var start: Int
        var end: Int
        /// Leading spaces.
        var indent: Int
        /// Blank or only a comment.
        var isEmpty: Bool
    }

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        /// The same text, to copy values out of without validating their UTF-8 again.
        let text: String
        var lines: [Line] = []

        init(bytes: UnsafeBufferPointer<UInt8>, text: String) {
            self.bytes = bytes
            self.text = text
        }

        mutating func mapping() -> [(key: YAMLValue, value: YAMLValue)]? {
            guard onlyPlainCharacters() else { return nil }
            splitLines()
            return try? pairs()
        }

        /// No character that libYAML reads specially: tabs, CR, other control characters, BOM,
        /// NEL, the C1 controls, U+2028/U+2029 (line breaks to YAML), U+FFFE/U+FFFF.
        func onlyPlainCharacters() -> Bool {
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if (b < 0x20 && b != UInt8(ascii: "\n")) || b == 0x7F { return false }
                } else if b == 0xC2 {
                    if i + 1 < n, bytes[i + 1] < 0xA0 { return false }
                } else if b == 0xE2 {
                    if i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 { return false }
                } else if b == 0xEF {
                    if i + 2 < n, bytes[i + 1] == 0xBB, bytes[i + 2] == 0xBF { return false }
                    if i + 2 < n, bytes[i + 1] == 0xBF, bytes[i + 2] >= 0xBE { return false }
                }
                i += 1
            }
            return true
        }

        mutating func splitLines() {
            var start = 0
            while true {
                var end = start
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") { end += 1 }
                var indent = 0
                while start + indent < end, bytes[start + indent] == UInt8(ascii: " ") { indent += 1 }
                let isEmpty = start + indent == end || bytes[start + indent] == UInt8(ascii: "#")
                lines.append(Line(start: start, end: end, indent: indent, isEmpty: isEmpty))
                if end >= bytes.count { break }
                start = end + 1
            }
        }

        /// The 1-based column of byte `offset` of line `line`, in Unicode scalars.
        func position(_ line: Int, _ offset: Int) -> YAMLPosition {
            var column = 1
            var i = lines[line].start
            while i < offset {
                if bytes[i] & 0xC0 != 0x80 { column += 1 }
                i += 1
            }
            return YAMLPosition(line: line + 1, column: column)
        }

        /// Bytes `start..<end`, which begin and end at ASCII bytes or the ends of lines.
        func string(_ start: Int, _ end: Int) -> String {
            guard start < end else { return "" }
            let from = text.utf8.index(text.utf8.startIndex, offsetBy: start)
            return String(text[from..<text.utf8.index(from, offsetBy: end - start)])
        }

        /// The next line from `line` on that is not blank or only a comment.
        func nextContentLine(after line: Int) -> Int? {
            var j = line + 1
            while j < lines.count, lines[j].isEmpty { j += 1 }
            return j < lines.count ? j : nil
        }

        func pairs() throws(Unsure) -> [(key: YAMLValue, value: YAMLValue)] {
            var pairs: [(key: YAMLValue, value: YAMLValue)] = []
            var keys: Set<String> = []
            var index = 0
            while index < lines.count {
                let line = lines[index]
                if line.isEmpty { index += 1; continue }
                // Anything indented here would continue the previous value or nest under it.
                guard line.indent == 0 else { throw Unsure() }
                let (key, afterColon) = try self.key(index)
                guard keys.insert(key.string).inserted else { throw Unsure() } // Yams reports duplicates
                var i = skipSpaces(afterColon, line.end)
                let value: YAMLValue
                if i == line.end || (bytes[i] == UInt8(ascii: "#") && i > afterColon) {
                    (value, index) = try emptyOrBlockList(after: index, afterColon: afterColon)
                } else {
                    guard i > afterColon else { throw Unsure() }
                    (value, i) = try inlineValue(index, i)
                    try expectLineEnd(i, line.end)
                    index += 1
                }
                pairs.append((.scalar(key), value))
            }
            return pairs
        }

        /// `name:` at the start of line `index`; returns the key and the offset after the colon.
        func key(_ index: Int) throws(Unsure) -> (YAMLScalar, Int) {
            let line = lines[index]
            var i = line.start
            func isNameByte(_ b: UInt8, first: Bool) -> Bool {
                (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
                    || (!first && ((b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")))
            }
            while i < line.end, i - line.start < 64, isNameByte(bytes[i], first: i == line.start) { i += 1 }
            guard i > line.start, i < line.end, bytes[i] == UInt8(ascii: ":") else { throw Unsure() }
            guard i + 1 == line.end || bytes[i + 1] == UInt8(ascii: " ") else { throw Unsure() }
            let key = YAMLScalar(string: string(line.start, i), style: .plain, tag: .implicit,
                                 position: YAMLPosition(line: index + 1, column: 1))
            return (key, i + 1)
        }

        func skipSpaces(_ i: Int, _ end: Int) -> Int {
            var i = i
            while i < end, bytes[i] == UInt8(ascii: " ") { i += 1 }
            return i
        }

        /// Only spaces, then nothing or a comment, from `i` to the end of the line.
        func expectLineEnd(_ i: Int, _ end: Int) throws(Unsure) {
            let j = skipSpaces(i, end)
            guard j == end || (bytes[j] == UInt8(ascii: "#") && j > i) else { throw Unsure() }
        }

        /// A key with nothing after its colon: either a block list on the following lines, or an
        /// empty (null) scalar. Returns the value and the index of the line after it.
        func emptyOrBlockList(after index: Int, afterColon: Int) throws(Unsure) -> (YAMLValue, Int) {
            // libYAML places an empty scalar right after the colon.
            let empty = YAMLValue.scalar(YAMLScalar(string: "", style: .plain, tag: .implicit,
                                                    position: position(index, afterColon)))
            guard let next = nextContentLine(after: index) else { return (empty, lines.count) }
            let nextLine = lines[next]
            if nextLine.indent == 0 {
                // A list at the key's own indentation ("key:\n- a") is valid YAML, but rare: Yams.
                if bytes[nextLine.start] == UInt8(ascii: "-") { throw Unsure() }
                return (empty, next)
            }
            let indent = nextLine.indent
            var items: [YAMLValue] = []
            var index = next
            while index < lines.count {
                let line = lines[index]
                if line.isEmpty { index += 1; continue }
                if line.indent == 0 { break }
                guard line.indent == indent else { throw Unsure() }
                let dash = line.start + indent
                guard bytes[dash] == UInt8(ascii: "-"), dash + 1 < line.end, bytes[dash + 1] == UInt8(ascii: " ") else { throw Unsure() }
                let i = skipSpaces(dash + 1, line.end)
                guard i < line.end, bytes[i] != UInt8(ascii: "#") else { throw Unsure() } // an empty item
                let (item, end) = try inlineValue(index, i, inList: true)
                try expectLineEnd(end, line.end)
                items.append(item)
                index += 1
            }
            return (.sequence(items, at: position(next, lines[next].start + indent)), index)
        }

        /// A value that starts at byte `i` of line `index` and ends on that line: a quoted or plain
        /// scalar, or (unless it is already an item of a list) a flow list.
        func inlineValue(_ index: Int, _ i: Int, inList: Bool = false) throws(Unsure) -> (YAMLValue, Int) {
            let end = lines[index].end
            switch bytes[i] {
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let (scalar, after) = try quoted(index, i)
                return (.scalar(scalar), after)
            case UInt8(ascii: "[") where !inList:
                return try flowList(index, i)
            default:
                let (scalar, after) = try plain(index, i, end, inFlow: false)
                return (.scalar(scalar), after)
            }
        }

        /// A plain scalar from `i`: up to a comment or the end of the line (or, in a flow list, up
        /// to "," or "]"), less trailing spaces. `: ` would make it a mapping, so it is refused, as
        /// are (in a flow list) every character that could start or end a flow node.
        func plain(_ index: Int, _ i: Int, _ end: Int, inFlow: Bool) throws(Unsure) -> (YAMLScalar, Int) {
            guard !SimpleYAML.isIndicator(bytes[i]) else { throw Unsure() }
            var j = i
            var last = i // one past the last non-space byte
            while j < end {
                let b = bytes[j]
                if b == UInt8(ascii: " ") {
                    if j + 1 < end, bytes[j + 1] == UInt8(ascii: "#") { break }
                } else if b == UInt8(ascii: ":") {
                    if inFlow || j + 1 == end || bytes[j + 1] == UInt8(ascii: " ") { throw Unsure() }
                    last = j + 1
                } else if inFlow && (b == UInt8(ascii: ",") || b == UInt8(ascii: "]")) {
                    break
                } else if inFlow && (b == UInt8(ascii: "[") || b == UInt8(ascii: "{") || b == UInt8(ascii: "}")
                                     || b == UInt8(ascii: "#") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")) {
                    throw Unsure()
                } else {
                    last = j + 1
                }
                j += 1
            }
            let scalar = YAMLScalar(string: string(i, last), style: .plain, tag: .implicit, position: position(index, i))
            return (scalar, j)
        }

        /// A quoted scalar that opens at `i` and closes on the same line; returns it and the
        /// offset after the closing quote.
        func quoted(_ index: Int, _ i: Int) throws(Unsure) -> (YAMLScalar, Int) {
            let end = lines[index].end
            let quote = bytes[i]
            let style: Node.Scalar.Style = quote == UInt8(ascii: "'") ? .singleQuoted : .doubleQuoted
            var value: [UInt8] = []
            var j = i + 1
            // Most quoted values have no escape: they are copied in one piece.
            var plainEnd = j
            while plainEnd < end, bytes[plainEnd] != quote, bytes[plainEnd] != UInt8(ascii: "\\") { plainEnd += 1 }
            let simple = plainEnd < end && bytes[plainEnd] == quote && !(quote == UInt8(ascii: "'") && plainEnd + 1 < end && bytes[plainEnd + 1] == quote)
            if simple {
                return (YAMLScalar(string: string(j, plainEnd), style: style, tag: .str, position: position(index, i)), plainEnd + 1)
            }
            while true {
                guard j < end else { throw Unsure() } // continues on the next line
                let b = bytes[j]
                if b == quote {
                    if quote == UInt8(ascii: "'"), j + 1 < end, bytes[j + 1] == quote {
                        value.append(quote)
                        j += 2
                        continue
                    }
                    break
                }
                if b == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
                    guard j + 1 < end, let escaped = Self.escape(bytes[j + 1]) else { throw Unsure() }
                    value.append(contentsOf: escaped)
                    j += 2
                    continue
                }
                value.append(b)
                j += 1
            }
            return (YAMLScalar(string: String(decoding: value, as: UTF8.self), style: style, tag: .str, position: position(index, i)), j + 1)
        }

        /// The UTF-8 of a double-quoted escape `\c` (libYAML's table); nil for the ones left to
        /// Yams (`\x`, `\u`, `\U`, `\'` and anything unknown).
        static func escape(_ c: UInt8) -> [UInt8]? {
            switch c {
            case UInt8(ascii: "0"): return [0x00]
            case UInt8(ascii: "a"): return [0x07]
            case UInt8(ascii: "b"): return [0x08]
            case UInt8(ascii: "t"): return [0x09]
            case UInt8(ascii: "n"): return [0x0A]
            case UInt8(ascii: "v"): return [0x0B]
            case UInt8(ascii: "f"): return [0x0C]
            case UInt8(ascii: "r"): return [0x0D]
            case UInt8(ascii: "e"): return [0x1B]
            case UInt8(ascii: " "): return [0x20]
            case UInt8(ascii: "\""): return [0x22]
            case UInt8(ascii: "/"): return [0x2F]
            case UInt8(ascii: "\\"): return [0x5C]
            case UInt8(ascii: "N"): return [0xC2, 0x85]
            case UInt8(ascii: "_"): return [0xC2, 0xA0]
            case UInt8(ascii: "L"): return [0xE2, 0x80, 0xA8]
            case UInt8(ascii: "P"): return [0xE2, 0x80, 0xA9]
            default: return nil
            }
        }

        /// `[a, "b", c]` from `i` on one line; returns it and the offset after "]".
        func flowList(_ index: Int, _ i: Int) throws(Unsure) -> (YAMLValue, Int) {
            let end = lines[index].end
            var items: [YAMLValue] = []
            var j = skipSpaces(i + 1, end)
            if j < end, bytes[j] == UInt8(ascii: "]") {
                return (.sequence([], at: position(index, i)), j + 1)
            }
            while true {
                guard j < end else { throw Unsure() } // continues on the next line
                let item: YAMLScalar
                if bytes[j] == UInt8(ascii: "\"") || bytes[j] == UInt8(ascii: "'") {
                    (item, j) = try quoted(index, j)
                } else {
                    (item, j) = try plain(index, j, end, inFlow: true)
                    guard !item.string.isEmpty else { throw Unsure() }
                }
                items.append(.scalar(item))
                j = skipSpaces(j, end)
                guard j < end else { throw Unsure() }
                if bytes[j] == UInt8(ascii: "]") { return (.sequence(items, at: position(index, i)), j + 1) }
                guard bytes[j] == UInt8(ascii: ",") else { throw Unsure() }
                j = skipSpaces(j + 1, end)
                // "[a, ]" and "[a,, b]" are left to Yams.
                guard j < end, bytes[j] != UInt8(ascii: "]"), bytes[j] != UInt8(ascii: ",") else { throw Unsure() }
            }
        }
    }
}
