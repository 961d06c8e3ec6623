import ArabicText

/// One word of running text: as written, and folded for matching.
/// The folded forms line up one to one with `ArabicNormalizer.words(text)`, so a
/// `NameIndex` match range indexes straight into the tokens.
struct Token: Sendable {
    /// The word as the journalist wrote it (diacritics, hamzas, Persian letters kept).
    var raw: Substring
    /// `ArabicNormalizer.normalize(raw)`; never empty.
    var norm: String
    /// What separates this word from the next one, spaces trimmed ("" for a plain space,
    /// "،" or "(" or "\n" …). Names never run across punctuation.
    var gapAfter: Substring

    /// True when only spaces separate this word from the next.
    var joinsNext: Bool { gapAfter.isEmpty }
}

enum Tokenizer {
    /// Splits text into words exactly where `ArabicNormalizer` puts word breaks. One pass.
    static func tokens(_ text: Substring) -> [Token] {
        var result: [Token] = []
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        var wordStart: String.Index?
        func close(at end: String.Index) {
            guard let start = wordStart else { return }
            wordStart = nil
            let raw = text[start..<end]
            let norm = ArabicNormalizer.normalize(String(raw))
            guard !norm.isEmpty else { return }
            result.append(Token(raw: raw, norm: norm, gapAfter: ""))
        }
        var gapStarts: [String.Index] = [] // end of each emitted word, to compute gaps after
        while i < scalars.endIndex {
            let s = scalars[i]
            if isSeparator(s) {
                if wordStart != nil {
                    let before = result.count
                    close(at: i)
                    if result.count > before { gapStarts.append(i) }
                }
            } else if wordStart == nil {
                wordStart = i
            }
            i = scalars.index(after: i)
        }
        if wordStart != nil {
            let before = result.count
            close(at: scalars.endIndex)
            if result.count > before { gapStarts.append(scalars.endIndex) }
        }
        // Gaps: from the end of word k to the start of word k+1, trimmed of spaces.
        for k in result.indices {
            let from = gapStarts[k]
            let to = k + 1 < result.count ? result[k + 1].raw.startIndex : text.endIndex
            guard from < to else { continue }
            let gap = text[from..<to]
            result[k].gapAfter = gap.trimmingSpaces
        }
        return result
    }

    static func tokens(_ text: String) -> [Token] { tokens(text[...]) }

    /// Mirrors `ArabicNormalizer`: a scalar breaks words unless it is a letter, a digit,
    /// or one of the marks the normaliser silently drops (harakat, tatweel, hamza, bidi controls).
    @inline(__always)
    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        switch v {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return false
        case 0...0x7F: return true
        case 0x0621...0x063A, 0x0640...0x065F, 0x0660...0x0669, 0x066E...0x06D3, 0x06D5...0x06ED, 0x06F0...0x06FC:
            return false
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return false
        default:
            let p = s.properties
            return !(p.isAlphabetic || p.numericType != nil)
        }
    }
}

extension Substring {
    /// Without leading and trailing white space (spaces, NBSP, tabs, new lines).
    var trimmingSpaces: Substring {
        var start = startIndex, end = endIndex
        while start < end, self[start].isWhitespace { start = index(after: start) }
        while end > start, self[index(before: end)].isWhitespace { end = index(before: end) }
        return self[start..<end]
    }
}

extension String {
    var trimmingSpaces: String { String(self[...].trimmingSpaces) }
}
