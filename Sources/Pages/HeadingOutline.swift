/// Fits an article body's headings under the page's h1 without skipped levels.
///
/// Editors write `###` where `##` was meant, and imported articles bring whatever levels their
/// source used; an h4 straight after the page's h1 is an accessibility error (screen readers
/// navigate by level, and the Nu checker rejects it). Each heading becomes one level below the
/// nearest heading before it that was written shallower (the page's h1 when there is none), so
/// siblings stay siblings and the outline keeps the body's own shape.
enum HeadingOutline {
    static func fitted(_ html: String, below pageLevel: Int = 1) -> String {
        let bytes = Array(html.utf8)
        // The headings enclosing the current point, written and fitted levels; the page's own at the bottom.
        var enclosing: [(written: Int, fitted: Int)] = [(0, pageLevel)]
        var open: (written: Int, fitted: Int)?
        var out: [UInt8] = []
        var copied = 0
        var i = 0
        while i + 3 < bytes.count {
            // "<h2>", "<h2 class=…>", "</h2>"; not <hr>, <head>, <header>.
            guard bytes[i] == UInt8(ascii: "<") else { i += 1; continue }
            let closing = bytes[i + 1] == UInt8(ascii: "/")
            let h = i + (closing ? 2 : 1)
            guard h + 2 < bytes.count, bytes[h] == UInt8(ascii: "h"), (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[h + 1]),
                  bytes[h + 2] == UInt8(ascii: ">") || (!closing && [0x20, 0x09, 0x0A, 0x0D].contains(bytes[h + 2])) else {
                i += 1
                continue
            }
            let level = Int(bytes[h + 1] - UInt8(ascii: "0"))
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
            if fitted != level {
                if out.isEmpty { out.reserveCapacity(bytes.count) }
                out += bytes[copied..<(h + 1)]
                out.append(UInt8(ascii: "0") + UInt8(fitted))
                copied = h + 2
            }
            i = h + 2
        }
        guard copied > 0 else { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }
}
