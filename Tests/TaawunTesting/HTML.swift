import Foundation

/// Reads built HTML back: attribute values, pattern matches, and where links lead.
public enum HTML {
    /// The values of every `name="…"` attribute, in order.
    public static func attributeValues(_ name: String, in html: String) -> [String] {
        matches("\\s\(name)=\"([^\"]*)\"", in: html)
    }

    /// Every href and src.
    public static func links(in html: String) -> [String] {
        attributeValues("href", in: html) + attributeValues("src", in: html)
    }

    /// Each match of `pattern`: its first group if it has one, else the whole match.
    public static func matches(_ pattern: String, in text: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { match in
            let range = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
            return String(text[Range(range, in: text)!])
        }
    }

    /// The output file a link leads to from the page at `pagePath` ("…/index.html" for a
    /// folder); nil for fragments, external and mail links. Root-relative links are resolved
    /// against `basePath`, or skipped (nil) without one. A link that leaves the site gives a
    /// "<…>" text that names no file, so checks that it exists fail with the link in view.
    public static func resolve(_ href: String, from pagePath: String, basePath: String? = nil) -> String? {
        if href.hasPrefix("#") || href.contains("://") || href.hasPrefix("mailto:") { return nil }
        var target = href
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        target = target.replacingOccurrences(of: "&amp;", with: "&")
        guard let decoded = target.removingPercentEncoding else { return "<undecodable: \(href)>" }
        var folders: [String]
        var rest = decoded
        if decoded.hasPrefix("/") {
            guard let basePath else { return nil }
            guard decoded.hasPrefix(basePath) else { return "<outside the site: \(href)>" }
            folders = []
            rest = String(decoded.dropFirst(basePath.count))
        } else {
            folders = pagePath.split(separator: "/").dropLast().map(String.init)
        }
        for part in rest.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..": if folders.popLast() == nil { return "<above the root: \(href)>" }
            case ".", "": continue
            default: folders.append(String(part))
            }
        }
        let path = folders.joined(separator: "/")
        return rest.hasSuffix("/") || rest.isEmpty ? (path.isEmpty ? "" : path + "/") + "index.html" : path
    }
}
