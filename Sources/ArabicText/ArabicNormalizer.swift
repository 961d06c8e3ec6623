/// Arabic text folding for matching: two spellings an editor would call "the same name" fold to
/// the same string. Used for organisation and country look-ups, never for text that is shown.
public enum ArabicNormalizer {
    /// Folds hamza forms, ta marbuta, alif maqsura, Persian letters and digits; drops diacritics,
    /// tatweel and punctuation; collapses whitespace; lower-cases Latin letters.
    public static func normalize(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            guard let folded = fold(scalar) else { continue }
            if folded == " " {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            out.append(folded)
        }
        return String(out)
    }

    /// Splits normalised text into words (letters and digits only).
    public static func words(_ text: String) -> [String] {
        normalize(text).split(separator: " ").map(String.init)
    }

    /// One scalar after folding; nil when it is dropped, " " when it separates words.
    public static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        let v = scalar.value
        switch v {
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return "\u{0627}" // آ أ إ ٱ → ا
        case 0x0624: return "\u{0648}"                      // ؤ → و
        case 0x0626, 0x0649, 0x06CC, 0x064A, 0x06D2: return "\u{064A}" // ئ ى ی ے → ي
        case 0x0629, 0x06C0, 0x06C1, 0x06D5: return "\u{0647}" // ة ۀ ہ ە → ه
        case 0x06A9, 0x06AA: return "\u{0643}"              // ک → ك
        case 0x0621: return nil                              // a lone hamza is often omitted by writers
        case 0x0640: return nil                              // tatweel
        case 0x064B...0x065F, 0x0670, 0x06D6...0x06ED: return nil // harakat, Quranic marks
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: return nil // zero-width and bidi controls
        case 0x0660...0x0669: return Unicode.Scalar(v - 0x0660 + 0x30) // Arabic-Indic digits
        case 0x06F0...0x06F9: return Unicode.Scalar(v - 0x06F0 + 0x30) // Persian digits
        case 0x41...0x5A: return Unicode.Scalar(v + 0x20)
        default:
            if ScalarClass.isAlphabetic(scalar) || ScalarClass.isNumeric(scalar) { return scalar }
            return " "
        }
    }
}
