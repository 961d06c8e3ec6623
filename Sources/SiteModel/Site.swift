import ArabicText
import ContentLoading
import Diagnostics
import Foundation

/// The whole site as data: every article, organisation and country, and the relations the
/// pages show. Built once from `Content`; pure and deterministic.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Newest first; undated articles after dated ones; ties by slug.
    public var articles: [Article]
    /// Every organisation named by an article or listed in the registry, by id.
    public var organizations: [String: Organization]
    /// Countries named by articles or by a registry entry's `country`, by code.
    public var countries: [String: Country]

    /// Indices into `articles`, newest first.
    public private(set) var articlesByOrganization: [String: [Int]] = [:]
    public private(set) var articlesByCountry: [String: [Int]] = [:]
    public private(set) var articleIndexBySlug: [String: Int] = [:]
    /// Position of each organisation id and country code in Arabic alphabetical order (ids break
    /// ties), computed once: ICU collation is too slow to run inside every sort.
    private var organizationRank: [String: Int] = [:]
    private var countryRank: [String: Int] = [:]

    /// `collation` (a build cache's) remembers the Arabic order of names from earlier builds.
    public init(config: SiteConfig, articles: [Article], organizations: [String: Organization], countries: [String: Country],
                collation: CollationMemo? = nil) {
        self.config = config
        self.articles = articles.sorted(by: Site.newestFirst)
        self.organizations = organizations
        self.countries = countries
        for (i, article) in self.articles.enumerated() {
            articleIndexBySlug[article.slug] = i
            for id in article.organizationIDs { articlesByOrganization[id, default: []].append(i) }
            for code in article.countryCodes { articlesByCountry[code, default: []].append(i) }
        }
        organizationRank = ArabicCollation.ranks(organizations.values.map { ($0.id, $0.name) }, memo: collation)
        countryRank = ArabicCollation.ranks(countries.values.map { ($0.code, $0.name) }, memo: collation)
    }

    /// Every organisation in Arabic alphabetical order (ties by id, so the order never varies).
    public var organizationsAlphabetically: [Organization] {
        organizations.values.sorted { organizationRank[$0.id]! < organizationRank[$1.id]! }
    }

    /// Every country in Arabic alphabetical order.
    public var countriesAlphabetically: [Country] {
        countries.values.sorted { countryRank[$0.code]! < countryRank[$1.code]! }
    }

    /// Dated articles newest first, then undated ones; ties broken by slug so order is stable.
    public static func newestFirst(_ a: Article, _ b: Article) -> Bool {
        switch (a.date, b.date) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.slug < b.slug
        }
    }

    public func articles(ofOrganization id: String) -> [Article] {
        (articlesByOrganization[id] ?? []).map { articles[$0] }
    }

    public func articles(inCountry code: String) -> [Article] {
        (articlesByCountry[code] ?? []).map { articles[$0] }
    }

    /// Up to `limit` other articles sharing the most organisations and countries
    /// (an organisation counts double: it is the more specific link); ties go to the newer.
    public func related(to article: Article, limit: Int = 5) -> [Article] {
        var score: [Int: Int] = [:]
        for id in article.organizationIDs { for i in articlesByOrganization[id] ?? [] { score[i, default: 0] += 2 } }
        for code in article.countryCodes { for i in articlesByCountry[code] ?? [] { score[i, default: 0] += 1 } }
        if let own = articleIndexBySlug[article.slug] { score[own] = nil }
        // Keep the best `limit` in one pass: a popular organisation makes `score` large.
        var best: [(index: Int, score: Int)] = []
        for (index, value) in score {
            let candidate = (index: index, score: value)
            guard best.count < limit || Self.ranksHigher(candidate, best[best.count - 1]) else { continue }
            let position = best.firstIndex { Self.ranksHigher(candidate, $0) } ?? best.count
            best.insert(candidate, at: position)
            if best.count > limit { best.removeLast() }
        }
        return best.map { articles[$0.index] }
    }

    /// More shared names first; among equals, the newer article (lower index).
    private static func ranksHigher(_ a: (index: Int, score: Int), _ b: (index: Int, score: Int)) -> Bool {
        a.score != b.score ? a.score > b.score : a.index < b.index
    }

    /// Organisations named together with `id`, with how many articles they share, most first.
    public func partners(ofOrganization id: String) -> [(organization: Organization, count: Int)] {
        var counts: [String: Int] = [:]
        for i in articlesByOrganization[id] ?? [] {
            for other in articles[i].organizationIDs where other != id { counts[other, default: 0] += 1 }
        }
        return counts.compactMap { key, count in organizations[key].map { ($0, count) } }
            .sorted { $0.count != $1.count ? $0.count > $1.count : organizationRank[$0.organization.id]! < organizationRank[$1.organization.id]! }
    }

    /// Countries named together with `code`, with shared article counts, most first.
    public func partners(ofCountry code: String) -> [(country: Country, count: Int)] {
        var counts: [String: Int] = [:]
        for i in articlesByCountry[code] ?? [] {
            for other in articles[i].countryCodes where other != code { counts[other, default: 0] += 1 }
        }
        return counts.compactMap { key, count in countries[key].map { ($0, count) } }
            .sorted { $0.count != $1.count ? $0.count > $1.count : countryRank[$0.country.code]! < countryRank[$1.country.code]! }
    }

    /// Organisations whose registry entry places them in `code`, in Arabic collation order.
    public func organizations(basedIn code: String) -> [Organization] {
        organizations.values.filter { $0.country == code }.sorted { organizationRank[$0.id]! < organizationRank[$1.id]! }
    }

    /// Countries that have at least one article, in Arabic collation order.
    public var countriesWithArticles: [Country] {
        countries.values.filter { articlesByCountry[$0.code] != nil }.sorted { countryRank[$0.code]! < countryRank[$1.code]! }
    }
}

/// Arabic alphabetical order (ICU collation), with a stable tie-break.
public enum ArabicCollation {
    private static let locale = Locale(identifier: "ar")
    /// Each key's position when the names are in Arabic order, keys breaking ties. ICU compares
    /// only names `memo` has not already put in order.
    public static func ranks(_ entries: [(key: String, name: String)], memo: CollationMemo? = nil) -> [String: Int] {
        let known = memo?.positions(of: entries.map(\.name))
        func less(_ a: String, _ b: String) -> Bool {
            if let known, let x = known[a], let y = known[b] { return x < y }
            return ArabicCollation.less(a, b)
        }
        let sorted = entries.sorted { less($0.name, $1.name) || (!less($1.name, $0.name) && $0.key < $1.key) }
        if known == nil { memo?.remember(sorted.map(\.name)) }
        return Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1.key, $0) })
    }

    public static func less(_ a: String, _ b: String) -> Bool {
        switch a.compare(b, options: [], range: nil, locale: locale) {
        case .orderedAscending: return true
        case .orderedDescending: return false
        case .orderedSame: return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
        }
    }
}

/// Names already put in Arabic order by an earlier build. `less` is a total order on distinct
/// names, so positions in one sorted list compare exactly as ICU would.
public final class CollationMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [[String]] = []
    private var positions: [[String: Int]] = []

    public init() {}

    /// Lists read back from the build cache, newest first.
    public func restore(_ sortedLists: [[String]]) {
        for list in sortedLists.reversed() { remember(list) }
    }

    /// The sorted lists, for the build cache.
    public var sortedLists: [[String]] { lock.lock(); defer { lock.unlock() }; return lists }

    /// Positions from a remembered list that holds every one of `names`.
    func positions(of names: [String]) -> [String: Int]? {
        lock.lock()
        defer { lock.unlock() }
        return positions.first { known in names.allSatisfy { known[$0] != nil } }
    }

    func remember(_ sortedNames: [String]) {
        var known: [String: Int] = [:]
        for name in sortedNames where known[name] == nil { known[name] = known.count }
        lock.lock()
        // Organisations and countries: a few lists, the newest first.
        lists.insert(sortedNames, at: 0)
        positions.insert(known, at: 0)
        if lists.count > 4 { lists.removeLast(); positions.removeLast() }
        lock.unlock()
    }
}
