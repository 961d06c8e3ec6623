import Foundation
import Network
import SiteModel
import Support
import Templates

/// The cooperation network: its own page (`network/`), the small picture on the home page, each
/// organisation's and country's partners drawn around it (ego networks) and their articles per
/// year. Every picture is SVG laid out here, inline in its page, with the same facts as a table
/// or a list beside it.
///
/// The whole network's layout is the costly part (tens of milliseconds): its pictures are kept
/// in a `PictureMemo` by a key of everything they are drawn from, which a build cache and the
/// build state keep between builds, so an edit that plans the home page again reuses them.
final class NetworkValues: @unchecked Sendable {
    let pictures: PictureMemo
    private let graphs = Memo<Int, NetworkGraph>()
    private let keys = Memo<Int, UInt64>()
    private let yearIndex = Memo<Int, YearIndex>()
    /// Ego networks and activity charts by organisation id or country code ("o:…", "c:…", "a…").
    let parts = Memo<String, TemplateValue>()
    /// An ego network's label texts by name and width: an organisation is a partner in many.
    private let egoLabels = Memo<String, [String]>()

    func egoLabelTexts(_ name: String, width: Double) -> [String] {
        egoLabels.value(for: "\(Int(width))|" + name) { _ in
            NetworkLayout.labelTexts(name, font: NetworkSizes.ego.font, width: width, lines: NetworkSizes.egoLines)
        }
    }

    init(pictures: PictureMemo?) {
        self.pictures = pictures ?? PictureMemo()
    }

    /// Every organisation named in an article, most connected first.
    func graph(_ shared: SharedValues) -> NetworkGraph {
        graphs.value(for: 0) { _ in NetworkGraph.organizations(of: shared.site, alphabetical: shared.organizations) }
    }

    /// A fingerprint of everything the whole network's pictures are drawn from — which articles
    /// name which organisations (`Site.relationsKey`), the organisations' and countries' names,
    /// the locale — made without building the graph.
    func inputKey(_ shared: SharedValues) -> UInt64 {
        keys.value(for: 0) { _ in
            var hasher = WordHasher()
            hasher.add(word: NetworkSizes.version)
            hasher.add(word: shared.site.relationsKey)
            hasher.add(word: UInt64(shared.site.articles.count))
            hasher.add(string: shared.site.config.locale)
            for organization in shared.organizations {
                hasher.add(string: organization.id)
                hasher.add(string: organization.name)
                hasher.add(string: organization.country ?? "")
            }
            for country in shared.countries {
                hasher.add(string: country.code)
                hasher.add(string: country.name)
            }
            return hasher.value
        }
    }

    func years(_ site: Site) -> YearIndex {
        yearIndex.value(for: 0) { _ in YearIndex(site: site) }
    }
}

/// The pictures' sizes: viewBox units, label sizes and how many nodes each shows.
enum NetworkSizes {
    /// Changes the key of every kept picture: raise it when the drawing changes.
    static let version: UInt64 = 2
    static let wideNodes = 60
    static let narrowNodes = 16
    /// The edges drawn: each node's three strongest, and at most this many in all.
    static let edgesPerNode = 3
    static let wideEdges = 150
    static let narrowEdges = 40
    static let egoPartners = 10
    /// An ego network's labels may take this many lines, so that a partner's whole name is read
    /// at a phone's width.
    static let egoLines = 3
    static let activityYears = 10
    static let colours = 6
    static let wide = Canvas(width: 1000, height: 860, font: LabelFont(size: 14))
    static let narrow = Canvas(width: 420, height: 520, font: LabelFont(size: 15))
    static let ego = Canvas(width: 420, height: 480, font: LabelFont(size: 15))
    /// How far from the middle the partners are drawn across, as a share of the width: room beside
    /// the ring for a label of two or three lines.
    static let egoWidthShare = 0.2
    static let activity = Canvas(width: 420, height: 150, font: LabelFont(size: 13))
}

extension SitePath {
    static let network = SitePath(["network"])
}

extension Plan {
    // MARK: - The whole network

    /// The whole network drawn for a page at `root`: the `NetworkSizes.wideNodes` most connected
    /// organisations ("wide") or the `narrowNodes` first of them ("narrow"); "" when fewer than two
    /// organisations are named.
    func wholeNetworkSVG(wide: Bool, root: String, className: String) -> String {
        let network = shared.network
        var hasher = WordHasher()
        hasher.add(word: network.inputKey(shared))
        hasher.add(string: wide ? "wide" : "narrow")
        hasher.add(string: root)
        hasher.add(string: className)
        return network.pictures.picture(for: hasher.value) {
            let graph = network.graph(shared)
            guard graph.nodes.count > 1 else { return "" }
            return drawWhole(graph, wide: wide, root: root, className: className)
        }
    }

    func drawWhole(_ whole: NetworkGraph, wide: Bool, root: String, className: String) -> String {
        let graph = whole.top(wide ? NetworkSizes.wideNodes : NetworkSizes.narrowNodes)
            .thinned(perNode: NetworkSizes.edgesPerNode, limit: wide ? NetworkSizes.wideEdges : NetworkSizes.narrowEdges)
        let canvas = wide ? NetworkSizes.wide : NetworkSizes.narrow
        let colours = colourClasses(whole)
        let most = Double(graph.nodes.map(\.articles).max() ?? 1)
        let radii = graph.nodes.map { (wide ? 4 : 5) + (wide ? 9 : 10) * (Double($0.articles) / most).squareRoot() }
        let labels = graph.nodes.map { NetworkLayout.labelTexts($0.name, font: canvas.font, width: wide ? 190 : 170) }
        let placement = NetworkLayout.force(graph, canvas: canvas, radii: radii, labels: labels)
        let named = graph.nodes.prefix(3).map(\.name).joined(separator: "، ")
        let summary = "شبكة التعاون: \(format.count(graph.nodes.count, .organization)) هي الأكثر ارتباطًا بغيرها، "
            + "والخطوط أقوى الروابط بينها: مؤسستان وردتا معًا في خبر واحد على الأقل. أكثرها شركاء: \(named)."
        let text = PictureText(summary: summary,
                               hrefs: graph.nodes.map { SitePath.organization($0.id).href },
                               titles: graph.nodes.map(nodeTitle),
                               colours: graph.nodes.map { node in node.country.flatMap { colours[$0] } ?? "net-c\(NetworkSizes.colours)" })
        return NetworkSVG.render(graph, placement: placement, canvas: canvas, text: text, root: root, className: className)
    }

    func nodeTitle(_ node: NetworkNode) -> String {
        "\(node.name): \(format.count(node.articles, .article))، \(format.count(node.partners, .partner))"
    }

    /// Colour classes by country: the countries with the most organisations among the widest
    /// picture's nodes (ties in Arabic order) each get one; the others share the last.
    func colourClasses(_ whole: NetworkGraph) -> [String: String] {
        Dictionary(uniqueKeysWithValues: colouredCountries(whole).enumerated().map { ($1.code, "net-c\($0)") })
    }

    func colouredCountries(_ whole: NetworkGraph) -> [Country] {
        var counts: [String: Int] = [:]
        for node in whole.top(NetworkSizes.wideNodes).nodes { if let code = node.country { counts[code, default: 0] += 1 } }
        let ordered = shared.countries.filter { counts[$0.code] != nil }
        let ranked = ordered.enumerated().sorted { a, b in
            counts[a.element.code]! != counts[b.element.code]! ? counts[a.element.code]! > counts[b.element.code]! : a.offset < b.offset
        }
        return ranked.prefix(NetworkSizes.colours).map(\.element)
    }

    /// The network page: the picture (a smaller one on narrow screens), its key, and the table of
    /// every organisation named in an article.
    func networkPage() -> Planned {
        let frame = Frame(path: .network, title: "شبكة التعاون",
                          description: "من يعمل مع من: المؤسسات التي وردت معًا في أخبار \(site.config.title)",
                          section: .network, lastModified: shared.newestDay)
        let plan = self
        return html(.network, frame) { plan.networkFields(root: SitePath.network.root) }
    }

    func networkFields(root: String) -> [String: TemplateValue] {
        let graph = shared.network.graph(shared)
        let shown = min(graph.nodes.count, NetworkSizes.wideNodes)
        var strongest = [(other: Int, weight: Int)?](repeating: nil, count: graph.nodes.count)
        for edge in graph.edges {
            for (node, other) in [(edge.a, edge.b), (edge.b, edge.a)] {
                if let best = strongest[node], best.weight > edge.weight || (best.weight == edge.weight && best.other < other) { continue }
                strongest[node] = (other, edge.weight)
            }
        }
        let rows: [TemplateValue] = graph.nodes.enumerated().map { i, node in
            let country = node.country.flatMap { site.countries[$0] }
            let best: TemplateValue = strongest[i].map { best in
                ["name": .text(graph.nodes[best.other].name), "href": .text(SitePath.organization(graph.nodes[best.other].id).href),
                 "count": .text(format.number(best.weight))]
            } ?? false
            return [
                "rank": .text(format.number(i + 1)),
                "name": .text(node.name),
                "href": .text(SitePath.organization(node.id).href),
                "country": country.map { .object(SharedValues.chip($0.name, .country($0))) } ?? false,
                "articles": .text(format.number(node.articles)),
                "partners": .text(format.number(node.partners)),
                "strongest": best,
                "is_drawn": .flag(i < shown),
            ]
        }
        let legend: [TemplateValue] = colouredCountries(graph).enumerated().map { i, country in
            ["class": .text("net-c\(i)"), "name": .text(country.name)]
        } + [["class": .text("net-c\(NetworkSizes.colours)"), "name": "دول أخرى أو دون بلد"]]
        let wide = wholeNetworkSVG(wide: true, root: root, className: "net-wide")
        let narrow = wholeNetworkSVG(wide: false, root: root, className: "net-narrow")
        let leftOut = graph.nodes.count - shown
        return [
            "heading": "شبكة التعاون",
            "count_text": .text(format.count(graph.nodes.count, .organization)),
            "picture": wide.isEmpty ? false : [
                "wide": .text(wide), "narrow": .text(narrow), "legend": .list(legend),
                "shown_text": .text(format.count(shown, .organization)),
                "narrow_text": .text(format.count(min(graph.nodes.count, NetworkSizes.narrowNodes), .organization)),
                "left_out": leftOut > 0 ? .text("لا يظهر في الرسم \(format.count(leftOut, .organization)) أقل ارتباطًا، والجدول يذكرها كلها.") : false,
            ],
            "rows": .list(rows),
            "has_rows": .flag(!rows.isEmpty),
        ]
    }

    /// The home page's small picture of the whole network, linking to the network page.
    func homeNetwork() -> TemplateValue {
        let svg = wholeNetworkSVG(wide: false, root: SitePath.home.root, className: "net-small")
        return svg.isEmpty ? false : ["svg": .text(svg), "href": .text(SitePath.network.href)]
    }

    // MARK: - Ego networks and activity

    /// An organisation's picture: it in the middle, its partners with the most shared articles
    /// around it; false when it has none.
    func organizationNetwork(_ organization: Organization, partners: [(id: String, shared: Int)]) -> TemplateValue {
        shared.network.parts.value(for: "o:" + organization.id) { _ in
            let drawn = partners.prefix(NetworkSizes.egoPartners).compactMap { partner in
                site.organizations[partner.id].map { (partner: $0, shared: partner.shared) }
            }
            guard !drawn.isEmpty else { return false }
            let center = NetworkNode(id: organization.id, name: organization.name,
                                     articles: site.articlesByOrganization[organization.id]?.count ?? 0, partners: partners.count, country: nil)
            let nodes = drawn.map { (node: NetworkNode(id: $0.partner.id, name: $0.partner.name, articles: 0, partners: 0, country: nil), shared: $0.shared) }
            let root = SitePath.organization(organization.id).root
            let titles = [organization.name] + drawn.map { "\($0.partner.name)، الأخبار المشتركة: \(format.number($0.shared))" }
            let hrefs = [SitePath.organization(organization.id).href] + drawn.map { SitePath.organization($0.partner.id).href }
            let summary = "شركاء \(organization.name): \(format.count(drawn.count, .organization)) حولها، أكثرها أخبارًا مشتركة معها: "
                + drawn.prefix(3).map { "\($0.partner.name) (\(format.number($0.shared)))" }.joined(separator: "، ") + "."
            return egoPicture(NetworkGraph.ego(center: center, partners: nodes), titles: titles, hrefs: hrefs, summary: summary, root: root)
        }
    }

    /// A country's picture: its partner countries around it; false when it has none.
    func countryNetwork(_ country: Country, partners: [(code: String, shared: Int)]) -> TemplateValue {
        shared.network.parts.value(for: "c:" + country.code) { _ in
            let drawn = partners.prefix(NetworkSizes.egoPartners).compactMap { partner in
                site.countries[partner.code].map { (partner: $0, shared: partner.shared) }
            }
            guard !drawn.isEmpty else { return false }
            let center = NetworkNode(id: country.code, name: country.name, articles: 0, partners: partners.count, country: nil)
            let nodes = drawn.map { (node: NetworkNode(id: $0.partner.code, name: $0.partner.name, articles: 0, partners: 0, country: nil), shared: $0.shared) }
            let root = SitePath.country(country).root
            let titles = [country.name] + drawn.map { "\($0.partner.name)، الأخبار المشتركة: \(format.number($0.shared))" }
            let hrefs = [SitePath.country(country).href] + drawn.map { SitePath.country($0.partner).href }
            let summary = "الدول الشريكة لـ\(country.name): \(format.count(drawn.count, .country)) حولها، أكثرها أخبارًا مشتركة: "
                + drawn.prefix(3).map { "\($0.partner.name) (\(format.number($0.shared)))" }.joined(separator: "، ") + "."
            return egoPicture(NetworkGraph.ego(center: center, partners: nodes), titles: titles, hrefs: hrefs, summary: summary, root: root)
        }
    }

    /// A country's second picture: the organisations based there around it, those with the most
    /// articles first (ties in Arabic order), lines as thick as their articles; false when none
    /// is based there. The list beside it names them all.
    func countryOrganizationsNetwork(_ country: Country) -> TemplateValue {
        shared.network.parts.value(for: "b:" + country.code) { _ in
            let based = (shared.organizationsByCountry[country.code] ?? []).enumerated().map { order, organization in
                (organization: organization, articles: site.articlesByOrganization[organization.id]?.count ?? 0, order: order)
            }
            let drawn = based.sorted { $0.articles != $1.articles ? $0.articles > $1.articles : $0.order < $1.order }
                .prefix(NetworkSizes.egoPartners)
            guard !drawn.isEmpty else { return false }
            let center = NetworkNode(id: country.code, name: country.name, articles: 0, partners: based.count, country: nil)
            let nodes = drawn.map { (node: NetworkNode(id: $0.organization.id, name: $0.organization.name, articles: $0.articles, partners: 0,
                                                       country: country.code), shared: $0.articles) }
            let titles = [country.name] + drawn.map { "\($0.organization.name): \(format.count($0.articles, .article))" }
            let hrefs = [SitePath.country(country).href] + drawn.map { SitePath.organization($0.organization.id).href }
            var summary = "مؤسسات مقرها في \(country.name): \(format.count(drawn.count, .organization)) حولها، أكثرها أخبارًا: "
                + drawn.prefix(3).map { "\($0.organization.name) (\(format.number($0.articles)))" }.joined(separator: "، ") + "."
            if based.count > drawn.count { summary += " والقائمة بعد الرسم تذكر \(format.count(based.count, .organization)) كلها." }
            return egoPicture(NetworkGraph.ego(center: center, partners: nodes), titles: titles, hrefs: hrefs, summary: summary,
                              root: SitePath.country(country).root)
        }
    }

    func egoPicture(_ graph: NetworkGraph, titles: [String], hrefs: [String], summary: String, root: String) -> TemplateValue {
        let canvas = NetworkSizes.ego
        // At least 1: the organisations of a country may all be without articles.
        let most = Double(max(1, graph.edges.map(\.weight).max() ?? 1))
        let radii = [16.0] + graph.edges.map { 5 + 8 * (Double($0.weight) / most).squareRoot() }
        let labels = graph.nodes.enumerated().map { i, node in
            shared.network.egoLabelTexts(node.name, width: i == 0 ? 180 : 160)
        }
        let placement = NetworkLayout.radial(count: graph.nodes.count, canvas: canvas, radii: radii, labels: labels,
                                            widthShare: NetworkSizes.egoWidthShare)
        let text = PictureText(summary: summary, hrefs: hrefs, titles: titles,
                               colours: ["net-center"] + Array(repeating: "net-partner", count: graph.nodes.count - 1))
        return ["svg": .text(NetworkSVG.render(graph, placement: placement, canvas: canvas, text: text, root: root, className: "net-ego"))]
    }

    /// Articles per year for the articles at `indices`, as a bar chart and a table; false when none is dated.
    func activity(key: String, name: String, indices: [Int]) -> TemplateValue {
        shared.network.parts.value(for: "a" + key) { _ in
            let counts = shared.network.years(site).counts(indices, limit: NetworkSizes.activityYears)
            guard !counts.isEmpty else { return false }
            let bars = counts.map { (count: $0.count, year: format.number($0.year), countText: format.number($0.count)) }
            let summary = "أخبار \(name) في كل سنة: " + bars.map { "\($0.year): \($0.countText)" }.joined(separator: "، ") + "."
            return [
                "svg": .text(NetworkSVG.activity(bars, summary: summary, canvas: NetworkSizes.activity)),
                "years": .list(bars.map { ["year": .text($0.year), "count": .text($0.countText)] }),
            ]
        }
    }
}

extension PagePlanner {
    /// Every network picture of the site drawn anew, as a full build draws them (no kept
    /// pictures): for `make bench` (taawun-bench), which times it. Returns each kind's total bytes.
    public func drawNetworkPictures() -> (whole: [Int], egos: Int, activity: Int, pictures: Int) {
        // Cards' keys are not computed: no card is shown here.
        let unused = ArticleKeys(cards: Array(repeating: 0, count: site.articles.count))
        let plan = Plan(shared: SharedValues(site: site, keys: unused, pictures: PictureMemo()), related: related.lists)
        let whole = [plan.wholeNetworkSVG(wide: true, root: "../", className: "net-wide"),
                     plan.wholeNetworkSVG(wide: false, root: "../", className: "net-narrow"),
                     plan.homeNetwork()["svg"].text ?? ""].map(\.utf8.count)
        var egos = 0, activity = 0, pictures = 3
        func count(_ value: TemplateValue) -> Int {
            guard let svg = value["svg"].text else { return 0 }
            pictures += 1
            return svg.utf8.count
        }
        for organization in plan.shared.organizations {
            let partners = site.partners(ofOrganization: organization.id, limit: NameLimits.partners).shown
            egos += count(plan.organizationNetwork(organization, partners: partners.map { ($0.organization.id, $0.count) }))
            activity += count(plan.activity(key: "o:" + organization.id, name: organization.name,
                                            indices: site.articlesByOrganization[organization.id] ?? []))
        }
        for country in plan.shared.countries {
            let partners = site.partners(ofCountry: country.code, limit: NameLimits.partners).shown
            egos += count(plan.countryNetwork(country, partners: partners.map { ($0.country.code, $0.count) }))
            egos += count(plan.countryOrganizationsNetwork(country))
            activity += count(plan.activity(key: "c:" + country.code, name: country.name, indices: site.articlesByCountry[country.code] ?? []))
        }
        return (whole, egos, activity, pictures)
    }
}

extension TemplateValue {
    var text: String? {
        if case .text(let text) = self { return text }
        return nil
    }
}
