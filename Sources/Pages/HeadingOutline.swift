/// Fits an article body's headings under the page's h1 without skipped levels.
///
/// Editors write `###` where `##` was meant, and imported articles bring whatever levels their
/// source used; an h4 straight after the page's h1 is an accessibility error (screen readers
/// navigate by level, and the Nu checker rejects it). Each heading becomes one level below the
/// nearest heading before it that was written shallower (the page's h1 when there is none), so
/// siblings stay siblings and the outline keeps the body's own shape.
enum HeadingOutline {
    static func fitted(_ html: String, below pageLevel: Int = 1) -> String {
        guard html.contains("<h") else { return html }
        var out = ""
        out.reserveCapacity(html.utf8.count)
        // The headings enclosing the current point, written and fitted levels; the page's own at the bottom.
        var enclosing: [(written: Int, fitted: Int)] = [(0, pageLevel)]
        var open: (written: Int, fitted: Int)?
        var rest = Substring(html)
        while let angle = rest.firstIndex(of: "<") {
            out += rest[..<angle]
            var tag = rest[rest.index(after: angle)...]
            let closing = tag.first == "/"
            if closing { tag = tag.dropFirst() }
            // "<h2>", "<h2 class=…>", "</h2>"; not <hr>, <head>, <header>.
            guard tag.first == "h", let level = tag.dropFirst().first?.wholeNumberValue, (1...6).contains(level),
                  let after = tag.dropFirst(2).first, after == ">" || (!closing && after.isWhitespace) else {
                out += "<"
                rest = rest[rest.index(after: angle)...]
                continue
            }
            let fitted: Int
            if closing {
                fitted = open.map { $0.written == level ? $0.fitted : level } ?? level
                open = nil
            } else {
                while enclosing.count > 1, enclosing[enclosing.count - 1].written >= level { enclosing.removeLast() }
                fitted = min(enclosing[enclosing.count - 1].fitted + 1, 6)
                enclosing.append((level, fitted))
                open = (level, fitted)
            }
            out += (closing ? "</h" : "<h") + String(fitted)
            rest = tag.dropFirst(2)
        }
        out += rest
        return out
    }
}
