import Foundation

/// Some "copies" are a saved web page's HTML: those are read as pages (SavedPage), not as text.
enum HTMLText {
    /// True when the text is mostly markup (several block tags), not an article that mentions "<b>".
    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(20_000).lowercased()
        let tags = ["<p", "</p>", "<div", "<br", "<h1", "<h2", "<li", "<span", "<html", "<body"]
        return tags.reduce(0) { $0 + head.components(separatedBy: $1).count - 1 } >= 5
    }
}
