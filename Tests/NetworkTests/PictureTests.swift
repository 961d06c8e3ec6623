import ContentLoading
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Network
import SiteModel
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// The pictures as a real build writes them: the seed articles, and a generated corpus of a few
/// hundred articles (bench/corpus.py). Every SVG is parsed back as XML, every node's link must
/// lead to a page the build wrote, and no two labels may overlap or leave the picture by
/// `LabelFont`'s measure, read back from the output.
@Suite(.serialized) struct PictureTests {
    /// Every `<svg …>…</svg>` in a page.
    static func pictures(in html: String) -> [String] {
        var found: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest[start.lowerBound...].range(of: "</svg>") {
            found.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return found
    }

    /// What a picture holds, read with Foundation's XML parser (so it is well-formed XML).
    final class Reading: NSObject, XMLParserDelegate {
        var viewBox: [Double] = []
        var links: [String] = []
        var labels: [(text: String, x: Double, y: Double, size: Double, fonts: String?, anchor: String?)] = []
        var direction: String?
        var roleImages = 0
        var labelledImages = 0
        /// Whether the `role="img"` element has a `<title>` child.
        var titledImages = 0
        /// Links that assistive technology or the tab order would reach: not inside an
        /// `aria-hidden` group, or without `tabindex="-1"`, or inside the image (axe-core's
        /// nested-interactive).
        var reachableLinks: [String] = []
        private var open: [[String: String]] = []
        /// Lines of a label not where `LabelFont` measures them.
        var misplacedLines = 0
        private var inText: (x: Double, y: Double, size: Double, fonts: String?, anchor: String?)?
        private var text = ""

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            switch name {
            case "svg":
                viewBox = (attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
                direction = attributes["direction"]
            case "a":
                links.append(attributes["href"] ?? "")
                let hidden = open.contains { $0["aria-hidden"] == "true" }
                let inImage = open.contains { $0["role"] == "img" }
                if !hidden || inImage || attributes["tabindex"] != "-1" { reachableLinks.append(attributes["href"] ?? "") }
            case "title":
                if open.last?["role"] == "img" { titledImages += 1 }
            case "tspan":
                // A label's next line, `lineStep` below the one before, on the same centre.
                if let t = inText {
                    if !text.isEmpty { text += "\n" }
                    let line = Double(text.filter { $0 == "\n" }.count)
                    let x = Double(attributes["x"] ?? ""), y = Double(attributes["y"] ?? "")
                    if x != t.x || y.map({ abs($0 - (t.y + line * LabelFont(size: t.size).lineStep)) > 0.05 }) ?? true {
                        misplacedLines += 1
                    }
                }
            case "text":
                inText = (Double(attributes["x"] ?? "") ?? .nan, Double(attributes["y"] ?? "") ?? .nan,
                          Double(attributes["font-size"] ?? "") ?? .nan, attributes["font-family"], attributes["text-anchor"])
                text = ""
            default: break
            }
            if attributes["role"] == "img" {
                roleImages += 1
                if !(attributes["aria-label"] ?? "").isEmpty { labelledImages += 1 }
            }
            open.append(attributes)
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if inText != nil { text += string }
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
            if name == "text", let t = inText {
                labels.append((text, t.x, t.y, t.size, t.fonts, t.anchor))
                inText = nil
            }
        }
    }

    static func read(_ svg: String) throws -> Reading {
        let parser = XMLParser(data: Data(svg.utf8))
        let reading = Reading()
        parser.delegate = reading
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")\n\(svg.prefix(300))")
        return reading
    }

    /// Checks every picture of the page at `path` in `output`; returns how many there were.
    @discardableResult
    static func checkPictures(of path: String, in output: URL, files: Set<String>) throws -> Int {
        let html = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
        let svgs = pictures(in: html)
        // The links the page has besides its pictures: the table or list that carries each
        // picture's links for keyboard and screen-reader users.
        var rest = html
        for svg in svgs { rest = rest.replacingOccurrences(of: svg, with: "") }
        let besides = Set(HTML.links(in: rest).compactMap { HTML.resolve($0, from: path) })
        for svg in svgs {
            let reading = try read(svg)
            #expect(reading.direction == "rtl", "\(path)")
            #expect(reading.viewBox.count == 4, "\(path)")
            #expect(!svg.contains(" width=\"") || svg.contains(" width=\"100%\""), "\(path): a fixed width")
            #expect(reading.roleImages == 1 && reading.labelledImages == 1 && reading.titledImages == 1,
                    "\(path): one role=img named by aria-label and <title>")
            #expect(reading.misplacedLines == 0, "\(path): a label's line is not where its box was measured")
            #expect(reading.reachableLinks.isEmpty, "\(path): node links reachable by keyboard or screen reader: \(reading.reachableLinks.prefix(3))")
            for href in reading.links {
                let target = try #require(HTML.resolve(href, from: path), "\(path): \(href)")
                #expect(files.contains(target), "\(path): the link \(href) leads nowhere")
                // The home page's small picture stands for the network page, which it links to.
                if svg.contains("net-small") {
                    #expect(besides.contains("network/index.html"), "\(path): the small picture without a link to the network page")
                } else {
                    #expect(target == path || besides.contains(target), "\(path): \(href) is only in the picture, not in a table or list beside it")
                }
            }
            let frame = Box(minX: 0, minY: 0, maxX: reading.viewBox[safe: 2] ?? 0, maxY: reading.viewBox[safe: 3] ?? 0)
            var boxes: [Box] = []
            for label in reading.labels {
                #expect(label.fonts == LabelFont.family, "\(path): a label without the fonts")
                #expect(label.anchor == "middle")
                let box = LabelFont(size: label.size).box(of: label.text, centeredAt: label.x, baseline: label.y)
                #expect(frame.contains(box), "\(path): «\(label.text)» runs outside the picture")
                for other in boxes { #expect(!other.overlaps(box), "\(path): «\(label.text)» overlaps another label") }
                boxes.append(box)
            }
        }
        return svgs.count
    }

    @Test func theSeedSitesPicturesAreWellFormedLinkedAndApart() throws {
        let fixture = try TestSite()
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let files = Set(try TestSite.tree(fixture.output).keys)
        #expect(files.contains("network/index.html"))
        // In the navigation of every page, and in the sitemap.
        let home = try fixture.read("index.html")
        #expect(home.contains("href=\"network/index.html\""))
        #expect(try fixture.read("sitemap.xml").contains("/network/"))
        #expect(try Self.checkPictures(of: "index.html", in: fixture.output, files: files) == 1)
        #expect(try Self.checkPictures(of: "network/index.html", in: fixture.output, files: files) == 2)
        let (site, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))
        var egos = 0
        for id in site.organizations.keys.sorted() {
            let count = try Self.checkPictures(of: "organizations/\(id)/index.html", in: fixture.output, files: files)
            let hasPartners = !site.partners(ofOrganization: id).isEmpty
            let hasDated = site.articles(ofOrganization: id).contains { $0.date != nil }
            #expect(count == (hasPartners ? 1 : 0) + (hasDated ? 1 : 0), "organizations/\(id)")
            if hasPartners { egos += 1 }
        }
        #expect(egos > 3)
        // A country's partner countries, the organisations based there, its articles per year.
        var based = 0
        for country in site.countriesWithArticles {
            let path = "countries/\(country.pathComponent)/index.html"
            let count = try Self.checkPictures(of: path, in: fixture.output, files: files)
            let hasPartners = !site.partners(ofCountry: country.code).isEmpty
            let organizations = site.organizations.values.filter { $0.country == country.code }
            let hasDated = (site.articlesByCountry[country.code] ?? []).contains { site.articles[$0].date != nil }
            #expect(count == (hasPartners ? 1 : 0) + (organizations.isEmpty ? 0 : 1) + (hasDated ? 1 : 0), "\(path)")
            guard !organizations.isEmpty else { continue }
            based += 1
            // Every organisation based there is a node of the picture beside the list, up to ten.
            let svg = try #require(Self.pictures(in: try fixture.read(path)).first { $0.contains("مؤسسات مقرها في") }, "\(path)")
            let targets = Set(try Self.read(svg).links.compactMap { HTML.resolve($0, from: path) })
            #expect(targets.count == min(organizations.count, 10) + 1, "\(path)")
            if organizations.count <= 10 {
                for organization in organizations { #expect(targets.contains("organizations/\(organization.id)/index.html"), "\(path): \(organization.id)") }
            }
        }
        #expect(based > 3)
        // The network page's table names every organisation that an article names, with a link.
        let table = try fixture.read("network/index.html")
        let targets = Set(HTML.links(in: table).compactMap { HTML.resolve($0, from: "network/index.html") })
        for id in site.articlesByOrganization.keys {
            #expect(targets.contains("organizations/\(id)/index.html"), "network/: \(id) missing from the table")
        }
    }

    /// A generated corpus (bench/corpus.py) of a few hundred articles: the network page shows
    /// its 60 most connected organisations and says how many are left out; every picture passes.
    @Test func aGeneratedCorpusDrawsApartAndLinked() throws {
        let fixture = try Corpus.make(articles: 400)
        defer { fixture.remove() }
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let files = Set(try TestSite.tree(fixture.output).keys)
        #expect(try Self.checkPictures(of: "network/index.html", in: fixture.output, files: files) == 2)
        #expect(try Self.checkPictures(of: "index.html", in: fixture.output, files: files) == 1)
        let page = try fixture.read("network/index.html")
        #expect(page.contains("لا يظهر في الرسم"))
        let wide = try Self.read(Self.pictures(in: page)[0])
        #expect(wide.links.count == 60)
        // Nearly every node keeps its label.
        #expect(wide.labels.count >= 54, "\(wide.labels.count) of 60 labels placed")
        let organizations = files.filter { $0.hasPrefix("organizations/") && $0.hasSuffix("/index.html") && !$0.contains("/page/") }
        for path in organizations.sorted().prefix(40) { try Self.checkPictures(of: path, in: fixture.output, files: files) }
        // The ego networks name each partner whole (on up to three lines), nearly always.
        var whole = 0, cut = 0, lines = 0
        for path in organizations.sorted() {
            for svg in Self.pictures(in: try fixture.read(path)) where svg.contains("net-ego") {
                for label in try Self.read(svg).labels {
                    if label.text.hasSuffix("…") { cut += 1 } else { whole += 1 }
                    if label.text.contains("\n") { lines += 1 }
                }
            }
        }
        #expect(whole > 300 && lines > 0 && cut * 100 <= whole, "\(whole) whole names (\(lines) on several lines), \(cut) cut")
        let countries = files.filter { $0.hasPrefix("countries/") && $0.hasSuffix("/index.html") && !$0.contains("/page/") }
        for path in countries.sorted() { try Self.checkPictures(of: path, in: fixture.output, files: files) }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}

/// A corpus from bench/corpus.py with the repository's templates, in a temporary folder.
enum Corpus {
    static func make(articles: Int) throws -> TestSite {
        let fixture = try TestSite(.minimal)
        let generated = fixture.sandbox.appendingPathComponent("corpus")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.root.appendingPathComponent("bench/corpus.py").path, String(articles), generated.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let content = fixture.root.appendingPathComponent("content")
        try FileManager.default.removeItem(at: content)
        try FileManager.default.moveItem(at: generated.appendingPathComponent("content"), to: content)
        return fixture
    }
}
