import Foundation

/// Some "copies" are a saved web page's HTML: those are read as pages (SavedPage), not as text.
enum HTMLText {
    /// True when the text is mostly markup (several block tags), not an article that mentions "<b>".
    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(20_000).lowercased()
        let tags = ["<p", "</p>", "<div", "<br", "<h1", "<h2", "<li", "<span", "<html", "<body"]
        return tags.reduce(0) { $0 + head.components(separatedBy: $1).count - 1 } >= 5
    }

    /// True for a saved web page, also one with almost no markup left (a page saved before its
    /// story loaded is a shell: `<html><head>…</head><body><div id="app"></div></body></html>`).
    /// Such a page read as text would become an article made of its markup.
    static func isSavedPage(_ text: String, fileName: String) -> Bool {
        if looksLikeHTML(text) { return true }
        let start = text.drop { $0.isWhitespace || $0 == "\u{FEFF}" }.prefix(64).lowercased()
        if start.hasPrefix("<!doctype html") || start.hasPrefix("<html") { return true }
        let ext = (fileName as NSString).pathExtension.lowercased()
        return ["html", "htm", "xhtml", "shtml"].contains(ext) && text.contains("<") && text.contains(">")
    }
}
