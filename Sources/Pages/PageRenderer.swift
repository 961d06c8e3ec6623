import Diagnostics
import Foundation
import Templates

/// Renders planned pages to bytes. A value type holding only the parsed templates, so one
/// renderer serves every thread of a concurrent build.
public struct PageRenderer: Sendable {
    public let templates: TemplateSet

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The page's bytes, UTF-8. Throws a diagnostic naming the template when it does not exist.
    public func render(_ page: Page) throws(Diagnostic) -> Data {
        let text: String
        switch page.content {
        case .template(let name, let values): text = try templates.render(name, values)
        case .text(let finished): text = finished
        }
        return Data(ForbiddenCharacters.removed(from: text).utf8)
    }
}

/// Characters that neither HTML nor XML may contain — C0 controls other than tab, newline and
/// carriage return, DEL, C1 controls, and the noncharacters U+FDD0–U+FDEF, U+FFFE, U+FFFF —
/// removed from finished output, so a stray control character pasted into an article cannot
/// make a page invalid HTML or a feed unreadable XML.
enum ForbiddenCharacters {
    static func removed(from text: String) -> String {
        // Nearly every page has none: find out on the UTF-8 bytes, which is fast.
        var text = text
        let clean = text.withUTF8 { bytes -> Bool in
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if byte < 0x20 {
                    if byte != 0x09 && byte != 0x0A && byte != 0x0D { return false }
                } else if byte == 0x7F {
                    return false
                } else if byte == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) {
                    return false
                } else if byte == 0xEF, i + 2 < bytes.count,
                          (bytes[i + 1] == 0xB7 && (0x90...0xAF).contains(bytes[i + 2])) || (bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE) {
                    return false
                }
                i += 1
            }
            return true
        }
        if clean { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter { !isForbidden($0) })
        return String(scalars)
    }

    static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFDD0...0xFDEF, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }
}
