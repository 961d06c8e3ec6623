/// What a picture says besides its shapes: its summary, and each node's link, title and colour.
public struct PictureText: Sendable, Equatable {
    /// The picture's `aria-label` and `<title>`, in Arabic.
    public var summary: String
    /// Each node's page, from the site root, percent-encoded (`{{root}}` goes before it).
    public var hrefs: [String]
    /// Each node's name and counts: its link's accessible name and its tooltip.
    public var titles: [String]
    /// Each node's colour: a class of the theme (`net-c0` …), so dark mode recolours it.
    public var colours: [String]

    public init(summary: String, hrefs: [String], titles: [String], colours: [String]) {
        self.summary = summary
        self.hrefs = hrefs
        self.titles = titles
        self.colours = colours
    }
}

/// A laid-out network as inline SVG: it scales to the width of its container (viewBox, width
/// 100%), reads right to left, names its fonts on every label and takes its colours from the
/// theme's classes. The edges are one `role="img"` group named by the summary, which is what
/// assistive technology reads; every node is a link beside it for the pointer, in a group kept
/// out of the accessibility tree (`aria-hidden`) and the tab order (`tabindex="-1"`), since the
/// table or list beside every picture carries the same links for keyboard and screen-reader
/// users. axe-core flags focusable links inside an image (nested-interactive), even with a
/// negative tabindex, so the links cannot be inside the `role="img"` group.
public enum NetworkSVG {
    public static func render(_ graph: NetworkGraph, placement: Placement, canvas: Canvas, text: PictureText, root: String,
                              className: String) -> String {
        var out = openTag(canvas: canvas, className: className)
        out += "<g role=\"img\" aria-label=\"\(escape(text.summary))\"><title>\(escape(text.summary))</title><g class=\"net-edges\">"
        let heaviest = Double(max(1, graph.edges.map(\.weight).max() ?? 1))
        for edge in graph.edges {
            let a = placement.centers[edge.a], b = placement.centers[edge.b]
            let width = 0.8 + 3.2 * Double(edge.weight) / heaviest
            out += "<line x1=\"\(n(a.x))\" y1=\"\(n(a.y))\" x2=\"\(n(b.x))\" y2=\"\(n(b.y))\" stroke-width=\"\(n(width))\"/>"
        }
        out += "</g></g><g class=\"net-nodes\" aria-hidden=\"true\">"
        let font = canvas.font
        for i in graph.nodes.indices {
            let c = placement.centers[i]
            out += "<a href=\"\(escape(root + text.hrefs[i]))\" tabindex=\"-1\">"
            out += "<title>\(escape(text.titles[i]))</title>"
            out += "<circle class=\"net-node \(text.colours[i])\" cx=\"\(n(c.x))\" cy=\"\(n(c.y))\" r=\"\(n(placement.radii[i]))\"/>"
            if let label = placement.labels[i] {
                out += Self.label(label.text, x: label.x, baseline: label.baseline, font: font)
            }
            out += "</a>"
        }
        return out + "</g></svg>"
    }

    /// One bar per year, oldest at the right (the reading order): `bars` are (year, count, the
    /// year as shown, the count as shown), oldest first.
    public static func activity(_ bars: [(count: Int, year: String, countText: String)], summary: String,
                                canvas: Canvas) -> String {
        var out = openTag(canvas: canvas, className: "net-activity")
        out += "<g role=\"img\" aria-label=\"\(escape(summary))\"><title>\(escape(summary))</title>"
        let font = canvas.font
        let most = Double(bars.map(\.count).max() ?? 1)
        let slot = (canvas.width - 8) / Double(max(bars.count, 1))
        let bottom = canvas.height - 4 - font.height, top = font.height + 4
        for (i, bar) in bars.enumerated() {
            // Oldest at the right.
            let middle = canvas.width - 4 - slot * (Double(i) + 0.5)
            let height = max(1, (bottom - top) * Double(bar.count) / most)
            let width = min(slot * 0.6, 28)
            out += "<rect class=\"net-bar\" x=\"\(n(middle - width / 2))\" y=\"\(n(bottom - height))\" width=\"\(n(width))\" height=\"\(n(height))\"/>"
            out += label(bar.countText, x: middle, baseline: bottom - height - 3 - font.descent, font: font)
            out += label(bar.year, x: middle, baseline: bottom + 2 + font.ascent, font: font)
        }
        return out + "</g></svg>"
    }

    /// The boxes of `activity`'s labels by `LabelFont`, in the order it draws them (for tests).
    public static func activityLabelBoxes(_ bars: [(count: Int, year: String, countText: String)], canvas: Canvas) -> [Box] {
        let font = canvas.font
        let most = Double(bars.map(\.count).max() ?? 1)
        let slot = (canvas.width - 8) / Double(max(bars.count, 1))
        let bottom = canvas.height - 4 - font.height, top = font.height + 4
        return bars.enumerated().flatMap { i, bar -> [Box] in
            let middle = canvas.width - 4 - slot * (Double(i) + 0.5)
            let height = max(1, (bottom - top) * Double(bar.count) / most)
            return [font.box(of: bar.countText, centeredAt: middle, baseline: bottom - height - 3 - font.descent),
                    font.box(of: bar.year, centeredAt: middle, baseline: bottom + 2 + font.ascent)]
        }
    }

    static func openTag(canvas: Canvas, className: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"net \(className)\" viewBox=\"0 0 \(n(canvas.width)) \(n(canvas.height))\" "
            + "width=\"100%\" direction=\"rtl\">"
    }

    /// A label; one of several lines (`LabelFont.lines`) has each line in a `<tspan>` of its own,
    /// `lineStep` below the one before, each centred on `x`.
    static func label(_ text: String, x: Double, baseline: Double, font: LabelFont) -> String {
        let open = "<text class=\"net-label\" x=\"\(n(x))\" y=\"\(n(baseline))\" text-anchor=\"middle\" font-family=\"\(LabelFont.family)\" "
            + "font-size=\"\(n(font.size))\">"
        guard text.utf8.contains(0x0A) else { return open + escape(text) + "</text>" }
        let lines = LabelFont.lines(of: text).enumerated().map { i, line in
            "<tspan x=\"\(n(x))\" y=\"\(n(baseline + Double(i) * font.lineStep))\">\(escape(String(line)))</tspan>"
        }
        return open + lines.joined() + "</text>"
    }

    static func n(_ value: Double) -> String { Coordinate.text(value) }

    /// Text and attribute values escaped for XML (and so for HTML). By UTF-8 bytes: the five
    /// characters escaped are ASCII, and walking Characters (grapheme clusters) cost more than
    /// the rest of drawing an ego network.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String in
            guard bytes.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
                return String(decoding: bytes, as: UTF8.self)
            }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                switch byte {
                case 0x26: out += Array("&amp;".utf8)
                case 0x3C: out += Array("&lt;".utf8)
                case 0x3E: out += Array("&gt;".utf8)
                case 0x22: out += Array("&quot;".utf8)
                case 0x27: out += Array("&#39;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
