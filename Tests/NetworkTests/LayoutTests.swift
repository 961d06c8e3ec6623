import Foundation
import Network
import Testing

/// The layouts by their own measure (`LabelFont`): labels inside the picture, never over each
/// other or over another node, and the same placement on every run.
@Suite struct LayoutTests {
    /// Names as the generated corpus makes them (bench/corpus.py), long and alike.
    static func names(_ count: Int) -> [String] {
        let heads = ["مؤسسة", "شبكة", "مركز", "هيئة", "وكالة", "قناة", "جامعة", "مجموعة", "منصة", "مكتب", "اتحاد", "إذاعة"]
        let domains = ["للإعلام", "للاتصال", "للأخبار", "للصحافة", "للبث", "للإنتاج", "للنشر"]
        let places = ["الدوحة", "الرياض", "دبي", "القاهرة", "عمان", "بيروت", "الرباط", "تونس", "الخرطوم"]
        let qualifiers = ["", "الرقمي", "الدولي", "العربي", "الجديد"]
        return (0..<count).map { i in
            [heads[i % heads.count], places[(i / 3) % places.count], domains[(i / 2) % domains.count], qualifiers[i % qualifiers.count]]
                .filter { !$0.isEmpty }.joined(separator: " ")
        }
    }

    static func graph(_ count: Int, edges: Int) -> NetworkGraph {
        var seed: UInt64 = 42
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let nodes = names(count).enumerated().map { NetworkNode(id: "o\($0)", name: $1, articles: 1 + next(40), partners: 0, country: nil) }
        var weights: [Int: Int] = [:]
        for _ in 0..<edges {
            let a = next(count), b = next(count)
            guard a != b else { continue }
            weights[min(a, b) * count + max(a, b), default: 0] += 1
        }
        let list = weights.keys.sorted().map { NetworkEdge(a: $0 / count, b: $0 % count, weight: weights[$0]!) }
        return NetworkGraph(nodes: nodes, edges: list)
    }

    static func check(_ placement: Placement, canvas: Canvas) {
        let placed = placement.labels.compactMap { $0 }
        for (i, label) in placed.enumerated() {
            #expect(canvas.inside.contains(label.box), "«\(label.text)» outside")
            #expect(label.box == canvas.font.box(of: label.text, centeredAt: label.x, baseline: label.baseline))
            for other in placed[..<i] { #expect(!other.box.overlaps(label.box), "«\(label.text)» over «\(other.text)»") }
        }
        for (i, label) in placement.labels.enumerated() {
            guard let label else { continue }
            for j in placement.centers.indices where j != i {
                #expect(!Box(center: placement.centers[j], radius: placement.radii[j]).overlaps(label.box), "«\(label.text)» over a node")
            }
        }
    }

    @Test(arguments: [(60, 1000.0, 760.0, 14.0), (16, 420.0, 520.0, 15.0)])
    func forceLayoutLabelsStayApartAndInside(nodes: Int, width: Double, height: Double, size: Double) {
        let canvas = Canvas(width: width, height: height, font: LabelFont(size: size))
        let graph = Self.graph(nodes, edges: nodes * 3)
        let radii = graph.nodes.map { 4 + Double($0.articles) / 5 }
        let labels = graph.nodes.map { NetworkLayout.labelTexts($0.name, font: canvas.font, width: 160) }
        let placement = NetworkLayout.force(graph, canvas: canvas, radii: radii, labels: labels)
        Self.check(placement, canvas: canvas)
        #expect(placement.labels.compactMap { $0 }.count * 10 >= nodes * 9, "most labels placed")
        #expect(placement == NetworkLayout.force(graph, canvas: canvas, radii: radii, labels: labels))
        for center in placement.centers { #expect(center.x > 0 && center.x < width && center.y > 0 && center.y < height) }
    }

    @Test(arguments: [1, 3, 10])
    func radialLayoutPlacesEveryLabel(partners: Int) {
        let canvas = Canvas(width: 420, height: 420, font: LabelFont(size: 15))
        let names = Self.names(partners + 1)
        let labels = names.enumerated().map { NetworkLayout.labelTexts($1, font: canvas.font, width: $0 == 0 ? 180 : 160) }
        let radii = [16.0] + (0..<partners).map { 5 + Double($0 % 4) * 2 }
        let placement = NetworkLayout.radial(count: partners + 1, canvas: canvas, radii: radii, labels: labels)
        Self.check(placement, canvas: canvas)
        #expect(placement.labels.allSatisfy { $0 != nil })
    }

    /// An ego network as the pages draw it (420 × 480, 15-unit labels on up to three lines,
    /// the partners on a ring a fifth of the width across): every partner's whole name is
    /// placed, none cut, apart and inside. These names are the corpus's, and longer ones.
    @Test(arguments: [1, 3, 6, 10])
    func egoLayoutPlacesEveryWholeName(partners: Int) {
        let canvas = Canvas(width: 420, height: 480, font: LabelFont(size: 15))
        let names = Self.names(partners + 1).enumerated().map { $0 % 3 == 1 ? $1 + " في المنطقة" : $1 }
        let labels = names.enumerated().map { NetworkLayout.labelTexts($1, font: canvas.font, width: $0 == 0 ? 180 : 160, lines: 3) }
        let radii = [16.0] + (0..<partners).map { 5 + Double($0 % 4) * 2 }
        let placement = NetworkLayout.radial(count: partners + 1, canvas: canvas, radii: radii, labels: labels, widthShare: 0.2)
        Self.check(placement, canvas: canvas)
        for (name, label) in zip(names, placement.labels) {
            let label = try? #require(label, "«\(name)» not placed")
            #expect(label?.text.replacingOccurrences(of: "\n", with: " ") == name, "«\(name)» drawn as «\(label?.text ?? "")»")
        }
        #expect(placement == NetworkLayout.radial(count: partners + 1, canvas: canvas, radii: radii, labels: labels, widthShare: 0.2))
    }

    @Test func labelTextsWrapTheWholeNameEvenlyBeforeCuttingIt() throws {
        let font = LabelFont(size: 15)
        let name = "الهيئة العامة للإذاعة والتلفزيون في المملكة العربية السعودية"
        let texts = NetworkLayout.labelTexts(name, font: font, width: 220, lines: 3)
        // The whole name fits neither one line of 220 nor two, but three; then the cut forms.
        #expect(font.width(of: name) > 2 * 220)
        let whole = try #require(texts.filter { !$0.hasSuffix("…") }.first)
        #expect(texts.filter { !$0.hasSuffix("…") }.count == 1 && texts.first == whole)
        let lines = LabelFont.lines(of: whole)
        #expect(lines.count == 3)
        #expect(lines.joined(separator: " ") == name)
        #expect(lines.allSatisfy { font.width(of: String($0)) <= 220 })
        #expect(texts.count > 1 && texts.dropFirst().allSatisfy { $0.hasSuffix("…") && !$0.contains("\n") })
        // A name of several lines is as wide as its widest line and one lineStep taller a line.
        #expect(font.width(of: whole) == lines.map { font.width(of: String($0)) }.max())
        let box = font.box(of: whole, centeredAt: 100, baseline: 50)
        #expect(box.maxY - box.minY == font.height + 2 * font.lineStep)
        // A short name stays on one line.
        #expect(NetworkLayout.labelTexts("قطر", font: font, width: 160, lines: 3) == ["قطر"])
    }

    @Test func labelTextsFitTheirWidthAndEndAtAWord() {
        let font = LabelFont(size: 15)
        let name = "الهيئة العامة للإذاعة والتلفزيون في المملكة العربية السعودية"
        let texts = NetworkLayout.labelTexts(name, font: font, width: 130)
        #expect(!texts.isEmpty)
        for text in texts {
            #expect(font.width(of: text) <= 130)
            #expect(text.hasSuffix("…"))
            #expect(name.hasPrefix(String(text.dropLast())))
        }
        #expect(NetworkLayout.labelTexts("قطر", font: font, width: 130) == ["قطر"])
        // Marks add no width; a wide letter more than a narrow one.
        #expect(font.width(of: "مُؤَسَّسَة") == font.width(of: "مؤسسة"))
        #expect(font.width(of: "س") > font.width(of: "ا"))
    }
}
