import ContentLoading
import Foundation
import TaawunTesting
import Testing
@testable import SiteModel

/// `Site.related` as it was: score every article sharing a name, then take the best. The plain
/// obvious algorithm the pruned one must agree with exactly (same articles, same order).
func referenceRelated(_ site: Site, to article: Article, limit: Int) -> [Article] {
    var score: [Int: Int] = [:]
    for id in article.organizationIDs { for i in site.articlesByOrganization[id] ?? [] { score[i, default: 0] += 2 } }
    for code in article.countryCodes { for i in site.articlesByCountry[code] ?? [] { score[i, default: 0] += 1 } }
    if let own = site.articleIndex(slug: article.slug) { score[own] = nil }
    let ranked = score.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
    return ranked.prefix(limit).map { site.articles[$0.key] }
}

@Suite struct RelatedDifferentialTests {
    @Test func seedSiteRelatesAsBefore() throws {
        let content = ContentLoader.load(Repository.layout, includeDrafts: true)
        let site = try SiteBuilder.build(content).site
        #expect(site.articles.count >= 5)
        for article in site.articles {
            for limit in [1, 2, 5, 10] {
                #expect(site.related(to: article, limit: limit).map(\.slug) == referenceRelated(site, to: article, limit: limit).map(\.slug))
            }
        }
    }

    /// Random sites, dense and sparse, with ties everywhere (few dates, few names), articles
    /// without names, hand-made repeats, and articles that are not in the site.
    @Test func generatedSitesRelateAsBefore() {
        var random = SiteRandom(seed: 20_240_301)
        for round in 0..<40 {
            let organizations = (0..<(2 + random.next(below: 30))).map { "org-\($0)" }
            let countries = (0..<(1 + random.next(below: 8))).map { "C\($0)" }
            func names(_ pool: [String], most: Int) -> [String] {
                var picked: [String] = []
                for _ in 0..<random.next(below: most + 1) {
                    let name = pool[random.next(below: pool.count)]
                    if round % 7 == 0 || !picked.contains(name) { picked.append(name) } // every 7th site repeats names
                }
                return picked
            }
            func article(_ slug: String) -> Article {
                let date = random.next(below: 5) == 0 ? nil : Day(year: 2024, month: 1 + random.next(below: 3), day: 1 + random.next(below: 3))
                return Article(slug: slug, path: "\(slug).md", title: slug, titleGenerated: false, date: date, kicker: nil,
                               highlights: [], summary: "", source: nil, sourceURL: nil, dateline: nil,
                               organizationIDs: names(organizations, most: 4), countryCodes: names(countries, most: 3),
                               draft: false, bodyHTML: "")
            }
            let articles = (0..<(1 + random.next(below: 300))).map { article("a\($0)") }
            let site = Site(config: SiteConfig(), articles: articles, organizations: [:], countries: [:])
            let strangers = (0..<5).map { article("stranger-\($0)") }
            for candidate in site.articles + strangers {
                for limit in [1, 3, 5, 12] {
                    #expect(site.related(to: candidate, limit: limit).map(\.slug) == referenceRelated(site, to: candidate, limit: limit).map(\.slug),
                            "round \(round), \(candidate.slug), limit \(limit)")
                }
            }
        }
    }
}

/// SplitMix64: the same sites on every run.
struct SiteRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
