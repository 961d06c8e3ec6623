import Foundation

/// Some "copies" are the page's HTML. Its text, one block per line, is what the cleaner expects.
enum HTMLText {
    /// True when the text is mostly markup (several block tags), not an article that mentions "<b>".
    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(20_000).lowercased()
        let tags = ["<p", "</p>", "<div", "<br", "<h1", "<h2", "<li", "<span", "<html", "<body"]
        return tags.reduce(0) { $0 + head.components(separatedBy: $1).count - 1 } >= 5
    }

    static func text(fromHTML html: String) -> String {
        var text = html
        for pattern in [#"(?is)<(script|style|noscript|nav|footer|form)\b.*?</\1>"#, #"(?s)<!--.*?-->"#] {
            text = text.replacingOccurrences(of: pattern, with: "\n", options: .regularExpression)
        }
        text = text.replacingOccurrences(of: #"(?i)<br\s*/?>|</(p|div|h[1-6]|li|tr|section|article|header|blockquote|figcaption)>"#,
                                         with: "\n", options: .regularExpression)
        // A link keeps its words; its address is kept at the end of the line for the source.
        text = text.replacingOccurrences(of: #"(?i)<[^>]{0,2000}>"#, with: " ", options: .regularExpression)
        let entities = ["&nbsp;": "\u{00A0}", "&amp;": "&", "&quot;": "\"", "&#39;": "'", "&apos;": "'", "&lt;": "<", "&gt;": ">",
                        "&laquo;": "«", "&raquo;": "»", "&rlm;": "", "&lrm;": "", "&zwnj;": "\u{200C}", "&hellip;": "…", "&ndash;": "–", "&mdash;": "—"]
        for (entity, value) in entities { text = text.replacingOccurrences(of: entity, with: value) }
        // Numeric entities (&#1575; &#x627;), in one pass.
        guard text.contains("&#"), let regex = try? NSRegularExpression(pattern: #"&#(x[0-9a-fA-F]{1,6}|[0-9]{1,7});"#) else { return text }
        let ns = text as NSString
        var out = ""
        var last = 0
        for match in regex.matches(in: text, range: NSRange(location: 0, length: ns.length)) {
            out += ns.substring(with: NSRange(location: last, length: match.range.location - last))
            let body = ns.substring(with: match.range(at: 1))
            let value = body.hasPrefix("x") ? UInt32(body.dropFirst(), radix: 16) : UInt32(body)
            out += value.flatMap(Unicode.Scalar.init).map { String(Character($0)) } ?? ""
            last = match.range.location + match.range.length
        }
        out += ns.substring(from: last)
        return out
    }
}
