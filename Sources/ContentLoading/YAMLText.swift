import Foundation

/// Text written into YAML by taawun itself (`taawun new`, `taawun import`).
public enum YAMLText {
    /// A YAML double-quoted scalar that reads back as `text`, whatever it holds: backslash,
    /// quote and control characters escaped (so "NO", "2030" or "title: x" stay text, and a
    /// pasted control character cannot end the line or the value).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for s in text.unicodeScalars {
            switch s {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if s.value < 0x20 || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s.value == 0x2028 || s.value == 0x2029 || s.value == 0xFEFF {
                    out += String(format: "\\u%04X", s.value)
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out + "\""
    }
}
