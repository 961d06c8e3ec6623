import ContentLoading
import SiteModel
import Templates

/// The values many pages show — every article's card, every organisation's and country's chip,
/// the layout's constant fields — computed once per plan and then only copied.
struct SharedValues: Sendable {
    let site: Site
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
    /// By index into `site.articles`.
    let cards: [TemplateValue]
    /// The newest article date: the feeds' and sitemap's "updated", never the build time.
    let newestDay: Day?

    init(site: Site) {
        self.site = site
        format = ArabicFormat(locale: site.config.locale)
        base = site.config.baseURL.hasSuffix("/") ? site.config.baseURL : site.config.baseURL + "/"
        basePath = Self.path(of: base)
        organizations = site.organizations.values.sorted(by: Self.alphabetical(\.name, then: \.id))
        countries = site.countries.values.sorted(by: Self.alphabetical(\.name, then: \.code))
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

        // Many articles share a day: format each day once.
        var days: [Day: TemplateValue] = [:]
        let format = format
        cards = site.articles.map { article in
            let date: TemplateValue
            if let day = article.date {
                date = days[day] ?? {
                    let value = Self.date(day, format: format)
                    days[day] = value
                    return value
                }()
            } else {
                date = false
            }
            return .object([
                "title": .text(article.title),
                "href": .text(SitePath.article(article.slug).href),
                "kicker": .optional(article.kicker),
                "date": date,
                "summary": .optional(article.summary),
                "organizations": Self.chipGroup("المؤسسات", kind: "organizations",
                                                 article.organizationIDs.compactMap { organizationChips[$0] }),
                "countries": Self.chipGroup("الدول", kind: "countries", article.countryCodes.compactMap { countryChips[$0] }),
                "is_draft": .flag(article.draft),
            ])
        }
    }

    // MARK: - Building blocks

    /// `{iso, text}` for `<time datetime="{{iso}}">{{text}}</time>`.
    static func date(_ day: Day, format: ArabicFormat) -> TemplateValue {
        ["iso": .text(day.description), "text": .text(format.day(day))]
    }

    func date(_ day: Day?) -> TemplateValue {
        day.map { Self.date($0, format: format) } ?? false
    }

    /// A link shown as a chip. Every key is always present (a missing one would be looked up in
    /// the enclosing context by Mustache and could show the page's own value).
    static func chip(_ name: String, _ path: SitePath, count: String? = nil) -> [String: TemplateValue] {
        ["name": .text(name), "href": .text(path.href), "count": .optional(count)]
    }

    /// `{label, kind, items}` for partials/chips, or false when there is nothing to show.
    static func chipGroup(_ label: String, kind: String, _ items: [[String: TemplateValue]]) -> TemplateValue {
        items.isEmpty ? false : ["label": .text(label), "kind": .text(kind), "items": .list(items.map(TemplateValue.object))]
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

    /// Alphabetical by Arabic collation; equal names by a unique key, so the order never varies.
    static func alphabetical<T>(_ name: @escaping (T) -> String, then id: @escaping (T) -> String) -> (T, T) -> Bool {
        { a, b in
            let (x, y) = (name(a), name(b))
            return x != y ? ArabicCollation.less(x, y) : id(a) < id(b)
        }
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

extension String {
    var trimmingWhitespace: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
