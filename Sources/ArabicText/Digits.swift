/// Digit shaping for display: `locale` decides between Latin (0-9) and Arabic-Indic (٠-٩) digits.
public enum Digits {
    public static func arabicIndic(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            ("0"..."9").contains(s) ? Unicode.Scalar(s.value - 0x30 + 0x0660)! : s
        }))
    }

    /// Latin digits for Arabic-Indic and Persian ones (parsing user and imported text).
    public static func western(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { s in
            switch s.value {
            case 0x0660...0x0669: return Unicode.Scalar(s.value - 0x0660 + 0x30)!
            case 0x06F0...0x06F9: return Unicode.Scalar(s.value - 0x06F0 + 0x30)!
            default: return s
            }
        }))
    }
}
