/// Shortening text for summaries and generated titles without cutting a word in half.
public enum TextCut {
    /// `text` if it fits in `limit` characters; otherwise the longest prefix ending at a word
    /// boundary that fits, with trailing punctuation trimmed and "…" appended.
    public static func atWordBoundary(_ text: String, limit: Int) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard collapsed.count > limit else { return collapsed }
        var cut = collapsed.prefix(limit)
        if let lastSpace = cut.lastIndex(of: " ") { cut = cut[..<lastSpace] }
        while let last = cut.last, last.isPunctuation || last.isWhitespace || last == "،" { cut = cut.dropLast() }
        return cut + "…"
    }
}
