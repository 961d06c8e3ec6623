import ArabicText
import ContentLoading
import Diagnostics
import Foundation
import Support

/// The whole site as data: every article, organisation and country, and the relations the
/// pages show. Built once from `Content`; pure and deterministic.
public struct Site: Sendable {
    public var config: SiteConfig
    /// Newest first; undated articles after dated ones; ties by slug.
    public var articles: ArticleList
    /// Every organisation named by an article or listed in the registry, by id.
    public var organizations: [String: Organization]
    /// Countries named by articles or by a registry entry's `country`, by code.
    public var countries: [String: Country]

    /// Indices into `articles`, newest first.
    public private(set) var articlesByOrganization: [String: [Int]] = [:]
    public private(set) var articlesByCountry: [String: [Int]] = [:]
    /// By the slug's bytes: slugs are unique, and Arabic text hashes slowly as a String.
    private var indexBySlug: [ExactText: Int] = [:]
    /// Position of each organisation id and country code in Arabic alphabetical order (ids break
    /// ties), computed once: ICU collation is too slow to run inside every sort.
    private var organizationRank: [String: Int] = [:]
    private var countryRank: [String: Int] = [:]
    /// Each organisation's and country's id and rank by its number (`organizationNumber`,
    /// `countryNumber`): what counting partners reads, without a String per look-up.
    private var organizationsByNumber: [(key: String, rank: Int)?] = []
    private var countriesByNumber: [(key: String, rank: Int)?] = []
    /// For `related`: each article's organisations and countries as small numbers, so a
    /// candidate's overlap with an article is a few integer comparisons.
    private var organizationNumber: [String: Int] = [:]
    private var countryNumber: [String: Int] = [:]
    private var organizationsOfArticle = NumberRows()
    private var countriesOfArticle = NumberRows()
    /// The most times one article names one country (1 unless a hand-made `Article` repeats one):
    /// how much one country list can add to a candidate's score.
    private var mostRepeatsOfACountry = 1
    /// A fingerprint of what relates the articles to each other: each one's place, slug,
    /// organisations and countries.
    public private(set) var relationsKey: UInt64 = 0

    /// `collation` (a build cache's) remembers the Arabic order of names from earlier builds.
    public init(config: SiteConfig, articles: [Article], organizations: [String: Organization], countries: [String: Country],
                collation: CollationMemo? = nil) {
        self.config = config
        // Sorting positions, not the articles themselves: an Article is large to move. The sort is
        // stable, as `articles.sorted(by: Site.newestFirst)` is, so the order is the same.
        // Articles already in order are neither sorted nor copied one by one.
        let inOrder = articles.indices.dropFirst().allSatisfy {
            !Site.newestFirst(date: articles[$0].date, slug: articles[$0].slug, date: articles[$0 - 1].date, slug: articles[$0 - 1].slug)
        }
        if inOrder {
            self.articles = ArticleList(articles)
        } else {
            let dates = articles.map(\.date), slugs = articles.map(\.slug)
            let order = articles.indices.sorted { Site.newestFirst(date: dates[$0], slug: slugs[$0], date: dates[$1], slug: slugs[$1]) }
            self.articles = ArticleList(order.map { articles[$0] })
        }
        self.organizations = organizations
        self.countries = countries
        // Names are numbered by their bytes first (an organisation's id is the same string on
        // every article that names it) and looked up as Strings only once each.
        var numbers: [ExactText: Int] = [:]
        var organizationIDs: [String] = []
        var articlesOfOrganization: [[Int]] = []
        var relations = WordHasher()
        indexBySlug.reserveCapacity(self.articles.count)
        // By index, not `for article in`: an Article is large to copy.
        for i in self.articles.indices {
            let slug = self.articles[i].slug
            indexBySlug[ExactText(slug)] = i
            relations.add(string: slug)
            let countryCodes = self.articles[i].countryCodes
            organizationsOfArticle.append(self.articles[i].organizationIDs.map { id in
                relations.add(string: id)
                let key = ExactText(id)
                if let number = numbers[key] {
                    articlesOfOrganization[number].append(i)
                    return number
                }
                numbers[key] = organizationIDs.count
                organizationIDs.append(id)
                articlesOfOrganization.append([i])
                return organizationIDs.count - 1
            })
            relations.add(word: UInt64(self.articles[i].organizationIDs.count))
            for code in countryCodes { articlesByCountry[code, default: []].append(i) }
            countriesOfArticle.append(countryCodes.map { code in
                relations.add(string: code)
                if let number = countryNumber[code] { return number }
                countryNumber[code] = countryNumber.count
                return countryNumber.count - 1
            })
            relations.add(word: UInt64(countryCodes.count))
            for code in countryCodes {
                mostRepeatsOfACountry = max(mostRepeatsOfACountry, countryCodes.lazy.filter { $0 == code }.count)
            }
        }
        relations.add(word: UInt64(self.articles.count))
        relationsKey = relations.value
        for (number, id) in organizationIDs.enumerated() {
            organizationNumber[id] = number
            articlesByOrganization[id] = articlesOfOrganization[number]
        }
        organizationRank = ArabicCollation.ranks(organizations.values.map { ($0.id, $0.name) }, memo: collation)
        countryRank = ArabicCollation.ranks(countries.values.map { ($0.code, $0.name) }, memo: collation)
        organizationsByNumber = Self.byNumber(organizationNumber, rank: organizationRank)
        countriesByNumber = Self.byNumber(countryNumber, rank: countryRank)
    }

    /// What `init` derives from the articles: a build record stores it, and restores the site from
    /// it without reading every article (`init(config:articles:organizations:countries:indexes:collation:)`).
    public struct Indexes: Sendable, Equatable {
        public var articlesByOrganization: [String: [Int]]
        public var articlesByCountry: [String: [Int]]
        /// Each article's slug, in the site's order.
        public var slugs: [String]
        public var organizationNumber: [String: Int]
        public var countryNumber: [String: Int]
        public var organizationsOfArticle: NumberRows
        public var countriesOfArticle: NumberRows
        public var mostRepeatsOfACountry: Int
        public var relationsKey: UInt64

        public init(articlesByOrganization: [String: [Int]], articlesByCountry: [String: [Int]], slugs: [String],
                    organizationNumber: [String: Int], countryNumber: [String: Int], organizationsOfArticle: NumberRows,
                    countriesOfArticle: NumberRows, mostRepeatsOfACountry: Int, relationsKey: UInt64) {
            self.articlesByOrganization = articlesByOrganization
            self.articlesByCountry = articlesByCountry
            self.slugs = slugs
            self.organizationNumber = organizationNumber
            self.countryNumber = countryNumber
            self.organizationsOfArticle = organizationsOfArticle
            self.countriesOfArticle = countriesOfArticle
            self.mostRepeatsOfACountry = mostRepeatsOfACountry
            self.relationsKey = relationsKey
        }
    }

    /// This site's indexes, to be stored.
    public var indexes: Indexes {
        Indexes(articlesByOrganization: articlesByOrganization, articlesByCountry: articlesByCountry, slugs: articles.map(\.slug),
                       organizationNumber: organizationNumber, countryNumber: countryNumber,
                       organizationsOfArticle: organizationsOfArticle, countriesOfArticle: countriesOfArticle,
                       mostRepeatsOfACountry: mostRepeatsOfACountry, relationsKey: relationsKey)
    }

    /// The site `init` makes of these articles, already in the site's order, when `indexes` are
    /// the ones it derived from them: nothing is read from the articles, so a kept site's
    /// articles (`ArticleList(records)`) stay where they are until a page shows them.
    public init(config: SiteConfig, articles: ArticleList, organizations: [String: Organization], countries: [String: Country],
                indexes: Indexes, collation: CollationMemo? = nil) {
        self.config = config
        self.articles = articles
        self.organizations = organizations
        self.countries = countries
        articlesByOrganization = indexes.articlesByOrganization
        articlesByCountry = indexes.articlesByCountry
        indexBySlug.reserveCapacity(indexes.slugs.count)
        for (i, slug) in indexes.slugs.enumerated() { indexBySlug[ExactText(slug)] = i }
        organizationNumber = indexes.organizationNumber
        countryNumber = indexes.countryNumber
        organizationsOfArticle = indexes.organizationsOfArticle
        countriesOfArticle = indexes.countriesOfArticle
        mostRepeatsOfACountry = indexes.mostRepeatsOfACountry
        relationsKey = indexes.relationsKey
        organizationRank = ArabicCollation.ranks(organizations.values.map { ($0.id, $0.name) }, memo: collation)
        countryRank = ArabicCollation.ranks(countries.values.map { ($0.code, $0.name) }, memo: collation)
        organizationsByNumber = Self.byNumber(organizationNumber, rank: organizationRank)
        countriesByNumber = Self.byNumber(countryNumber, rank: countryRank)
    }

    /// The site with the articles at these indices replaced by new versions that keep their place:
    /// the same file, slug, date, draft status, organisations and countries, so every index of
    /// the site stays true.
    public func replacingArticles(_ replacements: [Int: Article]) -> Site {
        var site = self
        for (index, article) in replacements {
            let old = articles[index]
            precondition(article.path == old.path && article.slug == old.slug && article.date == old.date
                && article.draft == old.draft && article.organizationIDs == old.organizationIDs
                && article.countryCodes == old.countryCodes, "an article that moves cannot replace another in place")
            site.articles[index] = article
        }
        return site
    }

    /// The index in `articles` of the article with this slug.
    public func articleIndex(slug: String) -> Int? { indexBySlug[ExactText(slug)] }

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
        newestFirst(date: a.date, slug: a.slug, date: b.date, slug: b.slug)
    }

    static func newestFirst(date a: Day?, slug aSlug: String, date b: Day?, slug bSlug: String) -> Bool {
        switch (a, b) {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return aSlug < bSlug
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
    ///
    /// A country holds thousands of articles, an organisation about a hundred: every article
    /// sharing an organisation is scored in full, and the country-only ones (score at most the
    /// number of shared countries) only while one of them could still make the list. All lists
    /// are in index order, so the ones not read yet also lose ties to everything read so far.
    public func related(to article: Article, limit: Int = 5) -> [Article] {
        guard limit > 0 else { return [] }
        let own = articleIndex(slug: article.slug)
        let ownOrganizations = article.organizationIDs.compactMap { organizationNumber[$0] }
        let ownCountries = article.countryCodes.compactMap { countryNumber[$0] }
        var best = BestRanked(limit: limit)

        var sharingOrganization = SortedMerge(article.organizationIDs.compactMap { articlesByOrganization[$0] })
        while let (index, lists) = sharingOrganization.next() {
            guard index != own else { continue }
            var score = 2 * lists
            score += countriesOfArticle.matches(inRow: index, among: ownCountries)
            best.offer(index: index, score: score)
        }

        var sharingCountry = SortedMerge(article.countryCodes.compactMap { articlesByCountry[$0] })
        while let next = sharingCountry.nextIndex {
            if let last = best.lastIfFull {
                let mostLeft = sharingCountry.unfinishedLists * mostRepeatsOfACountry
                if last.score > mostLeft || (last.score == mostLeft && last.index < next) { break }
            }
            let (index, lists) = sharingCountry.next()!
            guard index != own, organizationsOfArticle.matches(inRow: index, among: ownOrganizations) == 0 else { continue }
            best.offer(index: index, score: lists)
        }
        return best.ranked.map { articles[$0.index] }
    }

    /// Organisations named together with `id`, with how many articles they share, most first
    /// (ties in Arabic order): all of them.
    public func partners(ofOrganization id: String) -> [(organization: Organization, count: Int)] {
        partners(ofOrganization: id, limit: .max).shown
    }

    /// The `limit` organisations sharing the most articles with `id` (ties in Arabic order), and
    /// how many others share any.
    public func partners(ofOrganization id: String, limit: Int) -> Shortlist<(organization: Organization, count: Int)> {
        let shared = Self.mostShared(articlesByOrganization[id] ?? [], own: organizationNumber[id], rows: organizationsOfArticle,
                                     named: organizationsByNumber, limit: limit)
        return Shortlist(shown: shared.shown.map { (organizations[$0.key]!, $0.count) }, more: shared.more)
    }

    /// Countries named together with `code`, with shared article counts, most first: all of them.
    public func partners(ofCountry code: String) -> [(country: Country, count: Int)] {
        partners(ofCountry: code, limit: .max).shown
    }

    /// The `limit` countries sharing the most articles with `code`, and how many others share any.
    public func partners(ofCountry code: String, limit: Int) -> Shortlist<(country: Country, count: Int)> {
        let shared = Self.mostShared(articlesByCountry[code] ?? [], own: countryNumber[code], rows: countriesOfArticle,
                                     named: countriesByNumber, limit: limit)
        return Shortlist(shown: shared.shown.map { (countries[$0.key]!, $0.count) }, more: shared.more)
    }

    /// Each number's key and rank, for the keys that have a rank (a page).
    private static func byNumber(_ numbers: [String: Int], rank: [String: Int]) -> [(key: String, rank: Int)?] {
        var named = [(key: String, rank: Int)?](repeating: nil, count: (numbers.values.max() ?? -1) + 1)
        for (key, number) in numbers where number >= 0 { named[number] = rank[key].map { (key, $0) } }
        return named
    }

    /// Among the articles at `indices`, the `limit` names of `rows` other than `own` that the most
    /// of them name (ties in Arabic order), with those counts, and how many other names they
    /// name. Counted by the site's numbers of the names, not by reading the articles (a
    /// country's thousands of articles stay unread in a kept site), and only the best `limit`
    /// are sorted: an article naming a thousand organisations gives each of them 999 partners.
    private static func mostShared(_ indices: [Int], own: Int?, rows: NumberRows, named: [(key: String, rank: Int)?],
                                   limit: Int) -> Shortlist<(key: String, count: Int)> {
        var counts = [Int](repeating: 0, count: named.count)
        var seen: [Int] = []
        for i in indices {
            rows.forEach(inRow: i) { number in
                guard number != own, number >= 0, number < counts.count, named[number] != nil else { return }
                if counts[number] == 0 { seen.append(number) }
                counts[number] += 1
            }
        }
        let candidates = seen.map { (number: $0, count: counts[$0], rank: named[$0]!.rank) }
        let shown = best(candidates, limit: limit) { $0.count != $1.count ? $0.count > $1.count : $0.rank < $1.rank }
        return Shortlist(shown: shown.map { (named[$0.number]!.key, $0.count) }, more: candidates.count - shown.count)
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

/// The best `limit` (index, score) pairs offered: more shared names first; among equals, the
/// newer article (lower index).
struct BestRanked {
    let limit: Int
    private(set) var ranked: [(index: Int, score: Int)] = []

    init(limit: Int) {
        self.limit = limit
        ranked.reserveCapacity(limit + 1)
    }

    /// The last of a full list: what a candidate has to beat.
    var lastIfFull: (index: Int, score: Int)? { ranked.count == limit ? ranked.last : nil }

    mutating func offer(index: Int, score: Int) {
        let candidate = (index: index, score: score)
        guard ranked.count < limit || Self.ranksHigher(candidate, ranked[ranked.count - 1]) else { return }
        let position = ranked.firstIndex { Self.ranksHigher(candidate, $0) } ?? ranked.count
        ranked.insert(candidate, at: position)
        if ranked.count > limit { ranked.removeLast() }
    }

    static func ranksHigher(_ a: (index: Int, score: Int), _ b: (index: Int, score: Int)) -> Bool {
        a.score != b.score ? a.score > b.score : a.index < b.index
    }
}

/// Walks ascending lists of article indices together: each index once, with how many times the
/// lists hold it.
struct SortedMerge {
    private let lists: [[Int]]
    private var positions: [Int]

    init(_ lists: [[Int]]) {
        self.lists = lists
        positions = Array(repeating: 0, count: lists.count)
    }

    /// The smallest index not walked yet.
    var nextIndex: Int? {
        var smallest: Int?
        for (list, position) in zip(lists, positions) where position < list.count {
            if smallest == nil || list[position] < smallest! { smallest = list[position] }
        }
        return smallest
    }

    /// Lists with indices left.
    var unfinishedLists: Int {
        zip(lists, positions).reduce(0) { $0 + ($1.1 < $1.0.count ? 1 : 0) }
    }

    mutating func next() -> (index: Int, count: Int)? {
        guard let index = nextIndex else { return nil }
        var count = 0
        for k in lists.indices {
            while positions[k] < lists[k].count, lists[k][positions[k]] == index {
                positions[k] += 1
                count += 1
            }
        }
        return (index, count)
    }
}

/// Small lists of numbers, one per article, in one flat array.
public struct NumberRows: Sendable, Equatable {
    /// Where each row starts in `values`, and where the last one ends.
    public private(set) var starts: [Int] = [0]
    public private(set) var values: [Int] = []

    init() {}

    /// nil unless `starts` begins with 0, never decreases and ends at `values.count`.
    public init?(starts: [Int], values: [Int]) {
        guard starts.first == 0, starts.last == values.count, zip(starts, starts.dropFirst()).allSatisfy({ $0 <= $1 }) else { return nil }
        self.starts = starts
        self.values = values
    }

    mutating func append(_ row: [Int]) {
        values.append(contentsOf: row)
        starts.append(values.count)
    }

    func forEach(inRow row: Int, _ body: (Int) -> Void) {
        for k in starts[row]..<starts[row + 1] { body(values[k]) }
    }

    /// How many (row value, number) pairs are equal: a row's overlap with `numbers`, repeats counted.
    func matches(inRow row: Int, among numbers: [Int]) -> Int {
        var count = 0
        for k in starts[row]..<starts[row + 1] {
            let value = values[k]
            for number in numbers where number == value { count += 1 }
        }
        return count
    }
}

/// Arabic alphabetical order (ICU collation), with a stable tie-break.
public enum ArabicCollation {
    private static let locale = Locale(identifier: "ar")
    /// Each key's position when the names are in Arabic order, keys breaking ties. ICU compares
    /// only names `memo` has not already put in order.
    public static func ranks(_ entries: [(key: String, name: String)], memo: CollationMemo? = nil) -> [String: Int] {
        let sorted: [(key: String, name: String)]
        if let known = memo?.positions(of: entries.map(\.name)) {
            // Each name's position looked up once, not at every comparison.
            sorted = entries.map { (entry: $0, position: known[$0.name]!) }
                .sorted { $0.position != $1.position ? $0.position < $1.position : $0.entry.key < $1.entry.key }
                .map(\.entry)
        } else {
            sorted = entries.sorted {
                ArabicCollation.less($0.name, $1.name) || (!ArabicCollation.less($1.name, $0.name) && $0.key < $1.key)
            }
            memo?.remember(sorted.map(\.name))
        }
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

/// A text compared and hashed by its UTF-8 bytes, not by canonical equivalence as String is:
/// for names and slugs the model made itself, whose bytes are always the same, and Arabic
/// Strings hash slowly.
struct ExactText: Hashable {
    let text: String
    init(_ text: String) { self.text = text }
    static func == (a: Self, b: Self) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { x in
            y.withUTF8 { y in x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) }
        }
    }
    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
