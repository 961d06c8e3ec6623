/// Counting Characters (grapheme clusters) in UTF-8 without Swift's general grapheme breaking,
/// for the text articles are made of: Arabic and Latin letters, digits, punctuation, spaces and
/// combining marks. Among these scalars the Unicode break rules reduce to "a mark joins what is
/// before it, anything else starts a Character" (no context rule – emoji, regional indicators,
/// Hangul, Indic conjuncts, prepended or control characters – can apply), so the count is exact;
/// any other scalar gives nil and the caller counts the Swift way.
enum CharacterCount {
    enum Kind { case starts, joins, other }

    /// Characters in `bytes` (valid UTF-8 that starts on a Character boundary), or nil.
    static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var count = 0
        var i = 0
        while i < bytes.count {
            let lead = bytes[i]
            let scalar: UInt32
            if lead < 0x80 {
                scalar = UInt32(lead); i += 1
            } else if lead < 0xE0 {
                guard i + 1 < bytes.count else { return nil }
                scalar = UInt32(lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2
            } else if lead < 0xF0 {
                guard i + 2 < bytes.count else { return nil }
                scalar = UInt32(lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
            } else {
                return nil
            }
            switch kind(scalar) {
            case .starts: count += 1
            case .joins: if count == 0 { count = 1 } // a mark at the very start is a Character of its own
            case .other: return nil
            }
        }
        return count
    }

    static func kind(_ scalar: UInt32) -> Kind {
        switch scalar {
        case 0x20...0x7E,                       // printable ASCII
             0xA0...0xAC, 0xAE...0xFF,          // Latin-1 letters and signs (U+00AD is a control)
             0x060C, 0x061B, 0x061F,            // ، ؛ ؟
             0x0621...0x064A,                   // Arabic letters, tatweel
             0x0660...0x066D,                   // Arabic-Indic digits and signs
             0x0671...0x06D5,                   // extended Arabic letters
             0x06F0...0x06FF,                   // Persian digits and letters
             0x2010...0x2027, 0x2030...0x203B,  // dashes, quotes, ellipsis, per mille (‼ U+203C is an emoji)
             0x2000...0x200A, 0x202F:           // spaces
            return .starts
        case 0x0300...0x036F,                   // combining diacritics
             0x0610...0x061A, 0x064B...0x065F, 0x0670, // Arabic marks, harakat, superscript alef
             0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED, // Quranic marks
             0x200C, 0x200D:                    // zero-width non-joiner and joiner
            return .joins
        default:
            return .other
        }
    }
}
