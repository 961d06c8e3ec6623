import SiteModel

/// One organisation (or country) of a network: a node.
public struct NetworkNode: Sendable, Hashable {
    /// The organisation's id (or the country's code): its page's address.
    public var id: String
    public var name: String
    /// How many articles name it: the node's size.
    public var articles: Int
    /// How many others are named with it in at least one article.
    public var partners: Int
    /// The country its registry entry names (its colour), if any.
    public var country: String?

    public init(id: String, name: String, articles: Int, partners: Int, country: String?) {
        self.id = id
        self.name = name
        self.articles = articles
        self.partners = partners
        self.country = country
    }
}

/// Two nodes named together: `weight` is how many articles name both. `a < b`, indices into the nodes.
public struct NetworkEdge: Sendable, Hashable {
    public var a: Int
    public var b: Int
    public var weight: Int

    public init(a: Int, b: Int, weight: Int) {
        self.a = a
        self.b = b
        self.weight = weight
    }
}

/// Who works with whom: organisations named in the same article. Nodes are in rank order — the
/// most partners first, then the most articles, then Arabic alphabetical order (ids break ties)
/// — so the top N are the first N and the choice never depends on a dictionary's order.
public struct NetworkGraph: Sendable, Equatable {
    public var nodes: [NetworkNode]
    /// Sorted by `a`, then `b`.
    public var edges: [NetworkEdge]

    public init(nodes: [NetworkNode], edges: [NetworkEdge]) {
        self.nodes = nodes
        self.edges = edges
    }

    /// Every organisation named in at least one article. `alphabetical`: the site's organisations
    /// in Arabic order (`Site.organizationsAlphabetically`), what breaks ties.
    /// Counted from the site's indices (`articlesByOrganization`), so a kept site's articles stay unread.
    public static func organizations(of site: Site, alphabetical: [Organization]) -> NetworkGraph {
        var named: [Organization] = []
        var lists: [[Int]] = []
        for organization in alphabetical {
            guard let list = site.articlesByOrganization[organization.id], !list.isEmpty else { continue }
            named.append(organization)
            lists.append(list)
        }
        // Each article's organisations, by their number in `named`, in one flat array.
        let articleCount = site.articles.count
        var starts = [Int](repeating: 0, count: articleCount + 1)
        for list in lists { for article in list where article < articleCount { starts[article + 1] += 1 } }
        for i in 0..<articleCount { starts[i + 1] += starts[i] }
        var fill = starts
        var members = [Int32](repeating: 0, count: starts[articleCount])
        for (number, list) in lists.enumerated() {
            for article in list where article < articleCount {
                members[fill[article]] = Int32(number)
                fill[article] += 1
            }
        }
        // Shared articles per pair, keyed by the two numbers (smaller one high).
        var shared: [UInt64: Int] = [:]
        for article in 0..<articleCount where starts[article + 1] - starts[article] > 1 {
            let row = members[starts[article]..<starts[article + 1]]
            for i in row.indices {
                for j in row.indices where j > i && row[i] != row[j] {
                    let (x, y) = row[i] < row[j] ? (row[i], row[j]) : (row[j], row[i])
                    shared[UInt64(UInt32(x)) << 32 | UInt64(UInt32(y)), default: 0] += 1
                }
            }
        }
        var partners = [Int](repeating: 0, count: named.count)
        for key in shared.keys {
            partners[Int(key >> 32)] += 1
            partners[Int(key & 0xFFFF_FFFF)] += 1
        }
        // Rank: most partners, most articles, Arabic order.
        let order = named.indices.sorted {
            partners[$0] != partners[$1] ? partners[$0] > partners[$1]
                : lists[$0].count != lists[$1].count ? lists[$0].count > lists[$1].count : $0 < $1
        }
        var place = [Int](repeating: 0, count: named.count)
        for (rank, number) in order.enumerated() { place[number] = rank }
        let nodes = order.map { number in
            NetworkNode(id: named[number].id, name: named[number].name, articles: lists[number].count,
                        partners: partners[number], country: named[number].country)
        }
        var edges = shared.map { key, weight in
            let x = place[Int(key >> 32)], y = place[Int(key & 0xFFFF_FFFF)]
            return NetworkEdge(a: min(x, y), b: max(x, y), weight: weight)
        }
        edges.sort { $0.a != $1.a ? $0.a < $1.a : $0.b < $1.b }
        return NetworkGraph(nodes: nodes, edges: edges)
    }

    /// The first `count` nodes (the most connected) and the edges between them.
    public func top(_ count: Int) -> NetworkGraph {
        guard count < nodes.count else { return self }
        return NetworkGraph(nodes: Array(nodes.prefix(count)), edges: edges.filter { $0.b < count })
    }

    /// The graph with only the edges worth drawing: each node's `perNode` heaviest (ties to the
    /// higher-ranked partner), and of those at most `limit`, the heaviest (ties by position). A
    /// network where nearly every pair shares an article would otherwise be drawn as a solid mass.
    public func thinned(perNode: Int, limit: Int) -> NetworkGraph {
        var incident = [[Int]](repeating: [], count: nodes.count)
        for (i, edge) in edges.enumerated() {
            incident[edge.a].append(i)
            incident[edge.b].append(i)
        }
        var keep = Set<Int>()
        for (node, list) in incident.enumerated() {
            let other = { (i: Int) in edges[i].a == node ? edges[i].b : edges[i].a }
            let best = list.sorted { edges[$0].weight != edges[$1].weight ? edges[$0].weight > edges[$1].weight : other($0) < other($1) }
            keep.formUnion(best.prefix(perNode))
        }
        let heaviest = keep.sorted { edges[$0].weight != edges[$1].weight ? edges[$0].weight > edges[$1].weight : $0 < $1 }
        return NetworkGraph(nodes: nodes, edges: heaviest.prefix(limit).sorted().map { edges[$0] })
    }

    /// An ego network: `center` and its partners around it, each edge weighted by shared articles.
    /// `partners` in the order they are to be drawn (most shared first).
    public static func ego(center: NetworkNode, partners: [(node: NetworkNode, shared: Int)]) -> NetworkGraph {
        NetworkGraph(nodes: [center] + partners.map(\.node),
                     edges: partners.indices.map { NetworkEdge(a: 0, b: $0 + 1, weight: partners[$0].shared) })
    }
}
