import Foundation

/// The space a picture is laid out in: its viewBox and its labels' font.
public struct Canvas: Sendable, Equatable {
    public var width: Double
    public var height: Double
    public var font: LabelFont

    public init(width: Double, height: Double, font: LabelFont) {
        self.width = width
        self.height = height
        self.font = font
    }

    /// Where labels may be drawn: the viewBox less a small border.
    public var inside: Box { Box(minX: 2, minY: 2, maxX: width - 2, maxY: height - 2) }
}

/// A label drawn centred on `x` at the baseline `baseline`; `box` is its extent by `LabelFont`.
public struct PlacedLabel: Sendable, Equatable {
    public var text: String
    public var x: Double
    public var baseline: Double
    public var box: Box
}

/// Where each node is drawn, how large, and its label (nil when no place was free for it: the
/// node keeps its name in its title, and the table beside the picture names it).
public struct Placement: Sendable, Equatable {
    public var centers: [Point]
    public var radii: [Double]
    public var labels: [PlacedLabel?]
}

/// Deterministic layouts: the same graph and canvas give the same placement, to the bit.
public enum NetworkLayout {
    /// A seeded force-directed layout (Fruchterman–Reingold, a fixed number of rounds, on one
    /// thread), nodes then pushed apart until they leave room for a label between them, and the
    /// labels placed where they overlap nothing (`placeLabels`).
    public static func force(_ graph: NetworkGraph, canvas: Canvas, radii: [Double], labels: [[String]],
                             seed: UInt64 = 0x7461_6177_756E, iterations: Int = 300) -> Placement {
        let n = graph.nodes.count
        guard n > 0 else { return Placement(centers: [], radii: [], labels: []) }
        let largest = radii.max() ?? 0
        let margin = largest + canvas.font.height + 4
        let inner = Box(minX: margin, minY: margin, maxX: canvas.width - margin, maxY: canvas.height - margin)
        var random = SeededRandom(seed: seed ^ UInt64(n))
        var x = (0..<n).map { _ in (random.next() - 0.5) * inner.width }
        var y = (0..<n).map { _ in (random.next() - 0.5) * inner.height }
        let k = 0.9 * (inner.width * inner.height / Double(n)).squareRoot()
        let heaviest = Double(graph.edges.map(\.weight).max() ?? 1)
        let start = inner.width / 6
        var dx = [Double](repeating: 0, count: n), dy = dx
        for round in 0..<(n > 1 ? iterations : 0) {
            for i in 0..<n { dx[i] = 0; dy[i] = 0 }
            for i in 0..<n {
                for j in (i + 1)..<n {
                    var ex = x[i] - x[j], ey = y[i] - y[j]
                    var d2 = ex * ex + ey * ey
                    if d2 < 1e-6 { ex = 0.01 * Double(i - j); ey = 0.01; d2 = ex * ex + ey * ey }
                    let f = k * k / d2
                    dx[i] += ex * f; dy[i] += ey * f
                    dx[j] -= ex * f; dy[j] -= ey * f
                }
            }
            for edge in graph.edges {
                let ex = x[edge.a] - x[edge.b], ey = y[edge.a] - y[edge.b]
                let d = (ex * ex + ey * ey).squareRoot()
                let f = d / k * (0.4 + 0.6 * log(1 + Double(edge.weight)) / log(1 + heaviest))
                dx[edge.a] -= ex * f; dy[edge.a] -= ey * f
                dx[edge.b] += ex * f; dy[edge.b] += ey * f
            }
            // A pull to the middle keeps nodes without partners among the shown ones in the picture.
            let temperature = start * (1 - Double(round) / Double(iterations)) + 0.5
            for i in 0..<n {
                dx[i] -= x[i] * 0.08; dy[i] -= y[i] * 0.08 * inner.width / inner.height
                let d = (dx[i] * dx[i] + dy[i] * dy[i]).squareRoot()
                if d > 0 {
                    let step = min(d, temperature)
                    x[i] += dx[i] / d * step
                    y[i] += dy[i] / d * step
                }
                x[i] = min(max(x[i], -inner.width), inner.width)
                y[i] = min(max(y[i], -inner.height), inner.height)
            }
        }
        // Fitted to the canvas, then spread until every two nodes have a label's height between them.
        let minX = x.min()!, maxX = x.max()!, minY = y.min()!, maxY = y.max()!
        let sx = maxX > minX ? inner.width / (maxX - minX) : 0, sy = maxY > minY ? inner.height / (maxY - minY) : 0
        var centers = (0..<n).map { i in
            Point(x: sx == 0 ? canvas.width / 2 : inner.minX + (x[i] - minX) * sx,
                  y: sy == 0 ? canvas.height / 2 : inner.minY + (y[i] - minY) * sy)
        }
        spread(&centers, radii: radii, gap: canvas.font.height * 0.8, within: inner)
        return Placement(centers: centers, radii: radii, labels: placeLabels(centers: centers, radii: radii, labels: labels, canvas: canvas))
    }

    /// Node 0 in the middle and the others on an ellipse around it, the first at the top and
    /// the rest clockwise in order (most shared first): an ego network.
    public static func radial(count: Int, canvas: Canvas, radii: [Double], labels: [[String]], widthShare: Double = 0.3) -> Placement {
        guard count > 0 else { return Placement(centers: [], radii: [], labels: []) }
        let middle = Point(x: canvas.width / 2, y: canvas.height / 2)
        let others = count - 1
        // Room above the top partner and below the bottom one for a label of two lines.
        let rx = canvas.width * widthShare
        let ry = canvas.height / 2 - canvas.font.height - canvas.font.lineStep - 6 - (radii.dropFirst().max() ?? 0)
        var centers = [middle]
        for i in 0..<others {
            let angle = -Double.pi / 2 + 2 * Double.pi * Double(i) / Double(others)
            centers.append(Point(x: middle.x + rx * cos(angle), y: middle.y + ry * sin(angle)))
        }
        return Placement(centers: centers, radii: radii,
                         labels: placeLabels(centers: centers, radii: radii, labels: labels, canvas: canvas, from: middle))
    }

    /// Pushes overlapping nodes apart (a fixed number of rounds), staying inside `within`.
    static func spread(_ centers: inout [Point], radii: [Double], gap: Double, within box: Box) {
        let n = centers.count
        for _ in 0..<60 {
            var moved = false
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let need = radii[i] + radii[j] + gap
                    var ex = centers[j].x - centers[i].x, ey = centers[j].y - centers[i].y
                    var d = (ex * ex + ey * ey).squareRoot()
                    guard d < need else { continue }
                    if d < 1e-6 { ex = 1; ey = Double(j - i) * 0.1; d = (ex * ex + ey * ey).squareRoot() }
                    let push = (need - d) / 2 / d
                    centers[i].x -= ex * push; centers[i].y -= ey * push
                    centers[j].x += ex * push; centers[j].y += ey * push
                    moved = true
                }
            }
            for i in 0..<n {
                centers[i].x = min(max(centers[i].x, box.minX), box.maxX)
                centers[i].y = min(max(centers[i].y, box.minY), box.maxY)
            }
            if !moved { break }
        }
    }

    /// Each node's label, in node order (the most important first), at the first place around
    /// its node where it stays inside the picture and overlaps no label placed before and no
    /// other node; `labels[i]` are the node's label texts, longest first, each tried in turn.
    /// With `from` (an ego network's middle), the first place tried is straight away from it,
    /// outside the ring, where no line runs.
    public static func placeLabels(centers: [Point], radii: [Double], labels: [[String]], canvas: Canvas,
                                   from middle: Point? = nil) -> [PlacedLabel?] {
        let font = canvas.font
        let inside = canvas.inside
        let nodes = centers.indices.map { Box(center: centers[$0], radius: radii[$0] + 1) }
        var placed: [Box] = []
        var result: [PlacedLabel?] = []
        for i in centers.indices {
            let c = centers[i], r = radii[i]
            var found: PlacedLabel?
            // Where each text may go, best first.
            // The near places (`rings` false) and then the rings around the node: most labels
            // find a near place, and the rings are made only when none of a tier's texts does.
            func spots(_ text: String, w: Double, lines: Int, rings: Bool) -> [(Double, Double)] {
                // A label of several lines hangs from its first baseline: `more` below it.
                let more = Double(lines - 1) * font.lineStep, h = font.height + more
                let below = c.y + r + 2 + font.ascent, above = c.y - r - 2 - font.descent - more
                let level = c.y + (font.ascent - font.descent - more) / 2
                let side = r + 3 + w / 2
                // Outward first for a node off the middle (an ego network's partners).
                let outward = c.y > canvas.height * 0.6 ? [below, above] : c.y < canvas.height * 0.4 ? [above, below] : [below, above]
                var spots: [(Double, Double)] = []
                if rings {
                    for extra in [0.5, 1.5, 2.5] {
                        for (cosine, sine) in ringDirections {
                            let cx = c.x + cosine * (r + 3 + w / 2 + extra * font.size)
                            let cy = c.y + sine * (r + 3 + h / 2 + extra * font.size)
                            spots.append((cx, cy + (font.ascent - font.descent - more) / 2))
                        }
                    }
                    return spots
                }
                if let middle {
                    let ex = c.x - middle.x, ey = c.y - middle.y, d = (ex * ex + ey * ey).squareRoot()
                    if d > 1e-6 {
                        let ux = ex / d, uy = ey / d
                        // Far enough along the ray that the label's box clears the node.
                        let reach = min(abs(ux) > 1e-6 ? (w / 2) / abs(ux) : .infinity, abs(uy) > 1e-6 ? (h / 2) / abs(uy) : .infinity)
                        let t = r + 3 + reach
                        spots.append((c.x + ux * t, c.y + uy * t + (font.ascent - font.descent - more) / 2))
                    }
                }
                spots += outward.map { (c.x, $0) }
                let sides = c.x > canvas.width / 2 ? [c.x + side, c.x - side] : [c.x - side, c.x + side]
                spots += sides.map { ($0, level) }
                for baseline in outward {
                    spots += [(c.x + w / 2, baseline), (c.x - w / 2, baseline)]
                }
                for baseline in outward {
                    let far = baseline + (baseline > c.y ? font.height * 0.9 : -font.height * 0.9)
                    spots += [(c.x, far), (c.x + w / 3, far), (c.x - w / 3, far)]
                }
                return spots
            }
            // The whole name before any cut form; among the forms of the whole name (one line or
            // several), the better place first, then the fewer lines.
            let whole = labels[i].filter { !$0.contains("…") }, cut = labels[i].filter { $0.contains("…") }
            search: for tier in [whole, cut] where !tier.isEmpty {
                // Each text measured once, then tried in each of its places.
                let forms = tier.map { text in (text: text, width: font.width(of: text), lines: LabelFont.lineCount(of: text)) }
                // Every text of a tier has as many near places, so near then rings tries them
                // in the same order as one list would.
                for rings in [false, true] {
                    let places = forms.map { spots($0.text, w: $0.width, lines: $0.lines, rings: rings) }
                    for k in 0..<(places.map(\.count).max() ?? 0) {
                        for (form, spots) in zip(forms, places) where k < spots.count {
                            let (x, baseline) = spots[k]
                            let text = form.text
                            let box = font.box(width: form.width, lines: form.lines, centeredAt: x, baseline: baseline)
                            guard inside.contains(box) else { continue }
                            let padded = box.inset(by: 1.5)
                            if placed.contains(where: { $0.overlaps(padded) }) { continue }
                            if nodes.indices.contains(where: { $0 != i && nodes[$0].overlaps(box) }) { continue }
                            found = PlacedLabel(text: text, x: x, baseline: baseline, box: box)
                            break search
                        }
                    }
                }
            }
            if let found { placed.append(found.box) }
            result.append(found)
        }
        return result
    }

    /// Sixteen directions around a node, a sixteenth of a turn apart, from the right clockwise
    /// (y grows downwards): where the rings of places around a node lie.
    static let ringDirections: [(Double, Double)] = (0..<16).map { step in
        let angle = Double(step) * Double.pi / 8
        return (cos(angle), sin(angle))
    }

    /// `name` on one line, then on up to `lines` lines (broken at words, as evenly as can be),
    /// then shorter forms cut at a word, each no wider than `width` by `font`: the texts
    /// `placeLabels` tries for a node, the whole name first. Lines are separated by "\n".
    public static func labelTexts(_ name: String, font: LabelFont, width: Double, lines: Int = 1) -> [String] {
        let words = name.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return [] }
        // Widths by word, added up (measuring every candidate anew cost more than placing it);
        // each text chosen is measured whole before it is kept.
        let widths = words.map { font.width(of: $0) }
        let space = font.width(of: " "), ellipsis = font.width(of: "…")
        let all = words.joined(separator: " ")
        var texts: [String] = []
        func keep(_ text: String, within limit: Double) {
            if !texts.contains(text), font.width(of: text) <= limit { texts.append(text) }
        }
        if lines > 1 {
            if span(widths, 0, words.count, space: space) <= width { keep(all, within: width) }
            for count in 2...lines where count <= words.count {
                if let wrapped = evenLines(words, widths: widths, space: space, count: count), wrapped.width <= width {
                    keep(wrapped.text, within: width)
                }
            }
        }
        for limit in [width, width * 0.6] {
            if span(widths, 0, words.count, space: space) <= limit, font.width(of: all) <= limit {
                keep(all, within: limit)
                continue
            }
            for count in stride(from: words.count - 1, to: 0, by: -1) where span(widths, 0, count, space: space) + ellipsis <= limit {
                let text = words.prefix(count).joined(separator: " ") + "…"
                if font.width(of: text) <= limit {
                    keep(text, within: limit)
                    break
                }
            }
        }
        return texts
    }

    /// The width of `words[from..<to]` joined by spaces, from each word's width.
    static func span(_ widths: [Double], _ from: Int, _ to: Int, space: Double) -> Double {
        guard to > from else { return 0 }
        return widths[from..<to].reduce(0, +) + space * Double(to - from - 1)
    }

    /// `words` in `count` lines (two or three), the widest as narrow as can be, and that width;
    /// ties to the first such break, so the result never varies.
    static func evenLines(_ words: [String], widths: [Double], space: Double, count: Int) -> (text: String, width: Double)? {
        let n = words.count
        guard count >= 2, count <= 3, n >= count else { return nil }
        func line(_ from: Int, _ to: Int) -> Double { span(widths, from, to, space: space) }
        var best: (width: Double, breaks: [Int])?
        if count == 2 {
            for i in 1..<n {
                let w = max(line(0, i), line(i, n))
                if best == nil || w < best!.width { best = (w, [i]) }
            }
        } else {
            for i in 1..<(n - 1) {
                for j in (i + 1)..<n {
                    let w = max(line(0, i), line(i, j), line(j, n))
                    if best == nil || w < best!.width { best = (w, [i, j]) }
                }
            }
        }
        guard let best else { return nil }
        let bounds = [0] + best.breaks + [n]
        let text = (0..<(bounds.count - 1)).map { words[bounds[$0]..<bounds[$0 + 1]].joined(separator: " ") }.joined(separator: "\n")
        return (text, best.width)
    }
}
