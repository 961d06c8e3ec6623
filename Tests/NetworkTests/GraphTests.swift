import ContentLoading
import Foundation
import Network
import SiteModel
import Testing

/// The graph model on a small hand-made site: which organisations are nodes, how edges are
/// weighted, which are the top N, and that the result never depends on a dictionary's order.
@Suite struct GraphTests {
    static func article(_ slug: String, _ date: String, _ organizations: [String], _ countries: [String] = ["QA"]) -> Article {
        Article(slug: slug, path: "content/articles/\(slug).md", title: "خبر \(slug)", titleGenerated: false,
                date: Day(iso: date), kicker: nil, highlights: [], summary: "ملخص", source: nil, sourceURL: nil, dateline: nil,
                organizationIDs: organizations, countryCodes: countries, draft: false, bodyHTML: "<p>نص</p>")
    }

    static let organizations: [Organization] = [
        Organization(id: "a", name: "وكالة الأنباء القطرية", country: "QA", isRegistered: true),
        Organization(id: "b", name: "المدينة الإعلامية", country: "QA", isRegistered: true),
        Organization(id: "c", name: "جامعة قطر", country: "QA", isRegistered: true),
        Organization(id: "d", name: "وكالة أنباء الإمارات", country: "AE", isRegistered: true),
        Organization(id: "e", name: "تيك توك", isRegistered: true),
        Organization(id: "unnamed", name: "مؤسسة لا أخبار لها", country: "JO", isRegistered: true),
    ]

    static let articles = [
        article("1", "2024-05-01", ["a", "b"]),
        article("2", "2024-04-01", ["a", "b", "c"]),
        article("3", "2023-04-01", ["a", "d"], ["QA", "AE"]),
        article("4", "2022-04-01", ["e"]),
        article("5", "2022-03-01", ["b", "a"]),
    ]

    static func site(organizations: [Organization] = organizations, articles: [Article] = articles) -> Site {
        Site(config: SiteConfig(), articles: articles,
             organizations: Dictionary(uniqueKeysWithValues: organizations.map { ($0.id, $0) }),
             countries: ["QA": Country(code: "QA", name: "قطر"), "AE": Country(code: "AE", name: "الإمارات"),
                         "JO": Country(code: "JO", name: "الأردن")])
    }

    static func graph(_ site: Site) -> NetworkGraph {
        NetworkGraph.organizations(of: site, alphabetical: site.organizationsAlphabetically)
    }

    @Test func nodesAreTheNamedOrganisationsAndEdgesCountSharedArticles() {
        let site = Self.site()
        let graph = Self.graph(site)
        #expect(Set(graph.nodes.map(\.id)) == ["a", "b", "c", "d", "e"])
        // Weights counted again here, pair by pair, from the articles themselves.
        for edge in graph.edges {
            let x = graph.nodes[edge.a].id, y = graph.nodes[edge.b].id
            let expected = site.articles.filter { $0.organizationIDs.contains(x) && $0.organizationIDs.contains(y) }.count
            #expect(edge.weight == expected, "\(x)–\(y)")
            #expect(edge.a < edge.b)
        }
        var pairs = Set<[String]>()
        for article in site.articles {
            for x in article.organizationIDs { for y in article.organizationIDs where x < y { pairs.insert([x, y]) } }
        }
        #expect(Set(graph.edges.map { [graph.nodes[$0.a].id, graph.nodes[$0.b].id].sorted() }) == pairs)
        for node in graph.nodes {
            #expect(node.articles == site.articles.filter { $0.organizationIDs.contains(node.id) }.count)
            #expect(node.partners == pairs.filter { $0.contains(node.id) }.count)
        }
        #expect(graph.edges == graph.edges.sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    }

    @Test func nodesAreRankedByPartnersThenArticlesAndTheTopNKeepsTheirEdges() {
        let graph = Self.graph(Self.site())
        // a: partners b, c, d (3); b: a, c (2); c: a, b (2) but fewer articles than b; d: 1; e: 0.
        #expect(graph.nodes.map(\.id) == ["a", "b", "c", "d", "e"])
        for (x, y) in zip(graph.nodes, graph.nodes.dropFirst()) {
            #expect(x.partners > y.partners || (x.partners == y.partners && x.articles >= y.articles))
        }
        let top = graph.top(3)
        #expect(top.nodes == Array(graph.nodes.prefix(3)))
        #expect(top.edges == graph.edges.filter { $0.b < 3 })
        #expect(top.edges.count == 3)
        #expect(graph.top(100) == graph)
    }

    @Test func thinningKeepsEachNodesStrongestEdgesUpToTheLimit() {
        let graph = LayoutTests.graph(30, edges: 400)
        let thin = graph.thinned(perNode: 2, limit: 1000)
        #expect(thin.nodes == graph.nodes)
        #expect(Set(thin.edges).isSubset(of: Set(graph.edges)))
        #expect(thin.edges.count < graph.edges.count)
        for node in graph.nodes.indices {
            let own = graph.edges.filter { $0.a == node || $0.b == node }.map(\.weight).sorted(by: >)
            let kept = thin.edges.filter { $0.a == node || $0.b == node }
            // Its two heaviest are drawn (by weight: ties may go to another partner of equal weight).
            #expect(kept.count >= min(2, own.count))
            #expect(kept.map(\.weight).max() == own.first)
        }
        for edge in thin.edges {
            let heavierA = graph.edges.filter { ($0.a == edge.a || $0.b == edge.a) && $0.weight > edge.weight }.count
            let heavierB = graph.edges.filter { ($0.a == edge.b || $0.b == edge.b) && $0.weight > edge.weight }.count
            #expect(heavierA < 2 || heavierB < 2, "an edge neither end counts among its two strongest")
        }
        let capped = graph.thinned(perNode: 2, limit: 10)
        #expect(capped.edges.count == 10)
        #expect(capped.edges.map(\.weight).min()! >= thin.edges.map(\.weight).sorted(by: >)[9])
        #expect(capped.edges == capped.edges.sorted { ($0.a, $0.b) < ($1.a, $1.b) })
    }

    @Test func theGraphDoesNotDependOnTheOrderOfDictionariesOrOfTheInput() {
        let one = Self.graph(Self.site())
        for shuffle in 1...5 {
            var random = SystemRandomNumberGenerator()
            let organizations = Self.organizations.shuffled(using: &random)
            let site = Self.site(organizations: organizations, articles: Self.articles.shuffled(using: &random))
            #expect(Self.graph(site) == one, "shuffle \(shuffle)")
        }
    }

    @Test func yearsAreCountedWithEmptyYearsBetween() {
        let site = Self.site()
        let years = YearIndex(site: site)
        #expect(years.runs.map(\.year) == [2024, 2023, 2022])
        let counts = years.counts(site.articlesByOrganization["a"]!, limit: 10)
        #expect(counts.map(\.year) == [2022, 2023, 2024])
        #expect(counts.map(\.count) == [1, 1, 2])
        #expect(years.counts(site.articlesByOrganization["a"]!, limit: 2).map(\.year) == [2023, 2024])
        #expect(years.counts([], limit: 10).isEmpty)
    }
}
