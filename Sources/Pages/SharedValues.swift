import Foundation
import ContentLoading
import SiteModel
import Templates
import Support
import Network

/// The values many pages show — every article's card, every organisation's and country's chip,
/// the layout's constant fields — computed once per plan and then only copied.
struct SharedValues: Sendable {
    private(set) var site: Site
    let format: ArabicFormat
    /// base_url, always ending in "/".
    let base: String
    /// base_url's path ("/" or "/digest/"): the 404 page's way to the site root.
    let basePath: String
    /// Every organisation in Arabic alphabetical order (ties by id, so the order never varies).
    let organizations: [Organization]
    /// Organisations by the country their registry entry names, alphabetically.
    let organizationsByCountry: [String: [Organization]]
    /// The organisations index: groups by country in alphabetical order, those without a
    /// known country last.
    let organizationGroups: [(country: Country?, organizations: [Organization])]
    /// Every country (each has a page), and those with articles (the countries index), alphabetically.
    let countries: [Country]
    let countriesWithArticles: [Country]
    let organizationChips: [String: [String: TemplateValue]]
    let countryChips: [String: [String: TemplateValue]]
    /// Cards by index into `site.articles`, built when a page first shows them: a rebuild after
    /// one edit renders a handful of pages and needs a handful of cards.
    private var cardMemo: Memo<Int, TemplateValue>
    /// The newest article date: the feeds' and sitemap's "updated", never the build time.
    let newestDay: Day?
    /// Article days, formatted once each when first shown (ICU formatting is slow).
    private let dayMemo: Memo<Day, TemplateValue>
    /// Each article's card key, the hash of its card's values, by index into `site.articles`:
    /// an edit that changes it replans the pages listing the article as related.
    private(set) var cardKeys: [UInt64]
    /// The layout's fields that are the same on every page.
    let layoutConstants: [String: TemplateValue]
    let navigation: [(label: TemplateValue, path: SitePath, href: TemplateValue, section: Section)]
    let siteFeed: TemplateValue
    /// The search index, made when its files are first rendered (`SearchPages`).
    var search: SearchHolder
    /// The cooperation network's graph and pictures (`NetworkValues`).
    let network: NetworkValues

    /// `keys`: the cards' and articles' keys of this very site, as a kept plan recorded them
    /// (`ArticleKeys`); computed when nil.
    init(site: Site, keys: ArticleKeys? = nil, pictures: PictureMemo? = nil) {
        self.site = site
        network = NetworkValues(pictures: pictures)
        format = ArabicFormat(locale: site.config.locale)
        base = site.config.baseURL.hasSuffix("/") ? site.config.baseURL : site.config.baseURL + "/"
        basePath = Self.path(of: base)
        organizations = site.organizationsAlphabetically
        countries = site.countriesAlphabetically
        countriesWithArticles = countries.filter { site.articlesByCountry[$0.code] != nil }

        var byCountry: [String: [Organization]] = [:]
        var withoutCountry: [Organization] = []
        for organization in organizations {
            if let code = organization.country, site.countries[code] != nil {
                byCountry[code, default: []].append(organization)
            } else {
                withoutCountry.append(organization)
            }
        }
        organizationsByCountry = byCountry
        organizationGroups = countries.compactMap { country in byCountry[country.code].map { (country, $0) } }
            + (withoutCountry.isEmpty ? [] : [(nil, withoutCountry)])

        var organizationChips: [String: [String: TemplateValue]] = [:]
        for organization in organizations {
            organizationChips[organization.id] = Self.chip(organization.name, SitePath.organization(organization.id))
        }
        var countryChips: [String: [String: TemplateValue]] = [:]
        for country in site.countries.values {
            countryChips[country.code] = Self.chip(country.name, SitePath.country(country))
        }
        self.organizationChips = organizationChips
        self.countryChips = countryChips
        newestDay = site.articles.lazy.compactMap(\.date).first

        dayMemo = Memo()
        cardMemo = Memo()
        cardKeys = []

        let title = site.config.title
        layoutConstants = [
            "site_title": .text(title),
            "site_description": .optional(site.config.description),
            "og_locale": .text(Self.openGraphLocale(site.config.locale)),
            "home_href": .text(SitePath.home.href),
            "organizations_href": .text(SitePath.organizations.href),
            "countries_href": .text(SitePath.countries.href),
            "feed_href": .text(SitePath.feed.href),
            "search_href": site.config.search ? .text(SitePath.search.href) : .flag(false),
        ]
        navigation = [("الرئيسية", SitePath.home, Section.home), ("المؤسسات", .organizations, .organizations), ("الدول", .countries, .countries),
                      ("الشبكة", .network, .network)]
            .map { (.text($0), $1, .text($1.href), $2) }
        siteFeed = ["title": .text("\(title): كل الأخبار"), "href": .text(SitePath.feed.href)]
        search = SearchHolder(site: site, format: format)
        if let keys, keys.cards.count == site.articles.count {
            cardKeys = keys.cards
        } else {
            let values = self
            cardKeys = parallelMap(site.articles.count) { values.cardKey($0) }
        }
    }

    /// The hash of the card's values (`TemplateValue.addKey`).
    func cardKey(_ index: Int) -> UInt64 {
        var hasher = WordHasher()
        card(index).addKey(to: &hasher)
        return hasher.value
    }

    /// These values for `site`, which is this site with the articles at `edited` replaced in place
    /// (`Site.replacingArticles`): only those articles' keys are computed again, and cards are made
    /// anew as pages show them.
    func updating(site: Site, edited: [Int]) -> SharedValues {
        var values = self
        values.site = site
        values.cardMemo = Memo()
        for index in edited { values.cardKeys[index] = values.cardKey(index) }
        if site.config.search { values.search = search.updating(site: site, edited: edited, format: format) }
        return values
    }

    // MARK: - Building blocks

    /// `{iso, text}` for `<time datetime="{{iso}}">{{text}}</time>`, or false for no date.
    func date(_ day: Day?) -> TemplateValue {
        guard let day else { return false }
        return dayMemo.value(for: day) { [format] in ["iso": .text($0.description), "text": .text(format.day($0))] }
    }

    /// "2024-03-05".
    func iso(_ day: Day) -> String {
        day.description
    }

    /// The card that lists of articles show for `site.articles[index]`.
    func card(_ index: Int) -> TemplateValue {
        cardMemo.value(for: index) { index in
            let article = site.articles[index]
            return .object([
                "title": .text(article.title),
                "href": .text(SitePath.article(article.slug).href),
                "kicker": .optional(article.kicker),
                "date": date(article.date),
                "summary": .optional(article.summary),
                "organizations": organizationChips(of: article, limit: NameLimits.onCard),
                "countries": countryChips(of: article, limit: NameLimits.onCard),
                "is_draft": .flag(article.draft),
            ])
        }
    }

    /// The chips of the first `limit` organisations an article names, and a count of the rest.
    /// A card shows a few: it is copied onto the page of every organisation the article names.
    func organizationChips(of article: Article, limit: Int) -> TemplateValue {
        let names = Shortlist(article.organizationIDs, limit: limit)
        return Self.chipGroup("المؤسسات", kind: "organizations", names.shown.compactMap { organizationChips[$0] },
                              more: format.more(names.more, .organization))
    }

    /// The chips of the first `limit` countries an article names, and a count of the rest.
    func countryChips(of article: Article, limit: Int) -> TemplateValue {
        let names = Shortlist(article.countryCodes, limit: limit)
        return Self.chipGroup("الدول", kind: "countries", names.shown.compactMap { countryChips[$0] },
                              more: format.more(names.more, .country))
    }

    /// "ar" → "ar_AR", "ar-EG" → "ar_EG": Open Graph's language_TERRITORY form.
    static func openGraphLocale(_ locale: String) -> String {
        let parts = locale.split(whereSeparator: { $0 == "-" || $0 == "_" })
        let region = parts.dropFirst().first { $0.count == 2 && $0.allSatisfy(\.isLetter) }
        return "ar_" + (region.map { $0.uppercased() } ?? "AR")
    }

    /// A link shown as a chip. Every key is always present (a missing one would be looked up in
    /// the enclosing context by Mustache and could show the page's own value).
    static func chip(_ name: String, _ path: SitePath, count: String? = nil) -> [String: TemplateValue] {
        ["name": .text(name), "href": .text(path.href), "count": .optional(count)]
    }

    /// `{label, kind, items, more}` for partials/chips, or false when there is nothing to show.
    /// `more`: what a shortened list leaves out, after its last chip ("و ٩٧٠ شريكًا آخر").
    static func chipGroup(_ label: String, kind: String, _ items: [[String: TemplateValue]], more: String? = nil) -> TemplateValue {
        items.isEmpty ? false : [
            "label": .text(label), "kind": .text(kind), "items": .list(items.map(TemplateValue.object)), "more": .optional(more),
        ]
    }

    /// Chips for partners with how many articles they share.
    func countedChips(_ chips: [(chip: [String: TemplateValue]?, count: Int)]) -> [[String: TemplateValue]] {
        chips.compactMap { chip, count in
            chip.map { $0.merging(["count": .text(format.number(count))]) { $1 } }
        }
    }

    /// `{label, summary, previous, next, pages}` for partials/pagination, or false for a single page.
    /// Long lists show the first and last pages and two either side of the current one.
    func pagination(current: Int, total: Int, first: SitePath, label: String) -> TemplateValue {
        guard total > 1 else { return false }
        func link(_ number: Int) -> TemplateValue { ["href": .text(first.paginated(number).href)] }
        let shown = Set([1, total] + Array(max(1, current - 2)...min(total, current + 2))).sorted()
        var items: [TemplateValue] = []
        var previous = 0
        for number in shown {
            if number > previous + 1 {
                items.append(["number": false, "href": false, "is_current": false, "is_gap": true])
            }
            items.append(["number": .text(format.number(number)), "href": .text(first.paginated(number).href),
                          "is_current": .flag(number == current), "is_gap": false])
            previous = number
        }
        return [
            "label": .text(label),
            "summary": .text("الصفحة \(format.number(current)) من \(format.number(total))"),
            "previous": current > 1 ? link(current - 1) : false,
            "next": current < total ? link(current + 1) : false,
            "pages": .list(items),
        ]
    }

    /// Only http(s) addresses become links: anything else (javascript:, data:) stays text.
    static func webAddress(_ text: String?) -> String? {
        guard let text = text?.trimmingWhitespace, !text.isEmpty else { return nil }
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") ? text : nil
    }

    /// "example.org/path" from "https://www.example.org/path/": how an address reads as link text.
    static func displayAddress(_ url: String) -> String {
        var text = Substring(url)
        for prefix in ["https://", "http://"] where text.lowercased().hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
        if text.lowercased().hasPrefix("www.") { text = text.dropFirst(4) }
        while text.hasSuffix("/") { text = text.dropLast() }
        return text.removingPercentEncoding ?? String(text)
    }

    /// The path part of an absolute URL, always starting and ending with "/".
    static func path(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return "/" }
        let afterHost = url[scheme.upperBound...].drop { $0 != "/" }
        let path = afterHost.prefix { $0 != "?" && $0 != "#" }
        guard !path.isEmpty else { return "/" }
        return path.hasSuffix("/") ? String(path) : path + "/"
    }
}
