import ContentLoading
import SiteModel
import Templates
import Fingerprints

/// A page's key: a hash of everything its bytes are made from, computed without building its
/// values. A rebuild renders a page only when its key (with the templates' fingerprint) differs
/// from the one the manifest recorded, so each planner function feeds its key exactly the data
/// its values read: the frame, the site-wide key and the cards or articles it shows.
struct PageKey {
    private var hasher = WordHasher()

    init(_ kind: String) { add(kind) }

    var value: UInt64 { hasher.value }

    mutating func add(_ text: String) { hasher.add(string: text) }
    mutating func add(_ text: String?) {
        if let text { hasher.add(word: 1); add(text) } else { hasher.add(word: 0) }
    }
    mutating func add(_ number: Int) { hasher.add(word: UInt64(bitPattern: Int64(number))) }
    mutating func add(_ flag: Bool) { hasher.add(word: flag ? 0xF1A6 : 0xF1A7) }
    mutating func add(key: UInt64) { hasher.add(word: key) }
    mutating func add(_ day: Day?) { add(Day.number(of: day)) }
    mutating func add(_ texts: [String]) {
        add(texts.count)
        for text in texts { add(text) }
    }
    /// A shortened list: the entries shown and how many are left out.
    mutating func add(_ names: Shortlist<String>) {
        add(names.shown)
        add(names.more)
    }
    mutating func add(keys: some Sequence<UInt64>) {
        var count = 0
        for key in keys { hasher.add(word: key); count += 1 }
        add(count)
    }

    /// What lists show of an article: its card, with the names it shows and how many it leaves out.
    static func card(_ article: Article) -> UInt64 {
        var key = PageKey("card")
        key.add(article.slug)
        key.add(article.title)
        key.add(article.kicker)
        key.add(article.date)
        key.add(article.summary)
        key.add(Shortlist(article.organizationIDs, limit: NameLimits.onCard))
        key.add(Shortlist(article.countryCodes, limit: NameLimits.onCard))
        key.add(article.draft)
        return key.value
    }

    /// Everything about an article: its card, the rest of its fields and its body.
    static func article(_ article: Article, card: UInt64) -> UInt64 {
        var key = PageKey("article")
        key.add(key: card)
        key.add(article.path)
        key.add(article.titleGenerated)
        key.add(article.highlights)
        key.add(article.source)
        key.add(article.sourceURL)
        key.add(article.dateline)
        // The article's own page shows every name; its card only the first.
        key.add(article.organizationIDs)
        key.add(article.countryCodes)
        key.add(key: article.body.hash)
        return key.value
    }

    /// The site's settings and every organisation's and country's details, which chips, cards
    /// and the layout show on every page.
    static func site(_ site: Site) -> UInt64 {
        var key = PageKey("site")
        let config = site.config
        key.add(config.title)
        key.add(config.description)
        key.add(config.baseURL)
        key.add(config.locale)
        key.add(config.pageSize)
        key.add(config.unsafeHTML)
        for organization in site.organizations.values.sorted(by: { $0.id < $1.id }) {
            key.add(organization.id)
            key.add(organization.name)
            key.add(organization.country)
            key.add(organization.website)
            key.add(organization.description)
            key.add(organization.isRegistered)
        }
        key.add(site.organizations.count)
        for country in site.countries.values.sorted(by: { $0.code < $1.code }) {
            key.add(country.code)
            key.add(country.name)
        }
        key.add(site.countries.count)
        return key.value
    }

    /// How many articles each organisation and country has, and the site in all: what the
    /// indexes and the country pages' organisation chips count.
    static func counts(_ site: Site) -> UInt64 {
        var key = PageKey("counts")
        key.add(site.articles.count)
        for (id, indices) in site.articlesByOrganization.sorted(by: { $0.key < $1.key }) {
            key.add(id)
            key.add(indices.count)
        }
        for (code, indices) in site.articlesByCountry.sorted(by: { $0.key < $1.key }) {
            key.add(code)
            key.add(indices.count)
        }
        return key.value
    }
}
