import ContentLoading
import Dispatch
import SiteModel
import Templates

/// Turns the site model into every output file of the site. Pure and deterministic: the same
/// site gives the same pages, in the same order, with the same values.
///
/// The plan does work in proportion to the pages it makes: each article's card is built once
/// (`SharedValues`) and only copied onto the pages that list it, and the site's indices
/// (articles by organisation and by country, already newest first) are read, never re-sorted.
public struct PagePlanner: Sendable {
    public let site: Site

    public init(site: Site) {
        self.site = site
    }

    public func pages() -> [Page] {
        let plan = Plan(shared: SharedValues(site: site))
        let organizations = plan.shared.organizations, countries = plan.shared.countries
        // Articles, organisations and countries are planned independently of each other, on all
        // cores (finding related articles is the costly part); the order stays the same.
        var planned = plan.homePages()
        planned += parallelMap(site.articles.count) { plan.articlePage($0) }
        planned.append(plan.organizationIndex())
        planned += parallelMap(organizations.count) { plan.organizationPages(organizations[$0]) }.joined()
        planned.append(plan.countryIndex())
        planned += parallelMap(countries.count) { plan.countryPages(countries[$0]) }.joined()
        planned.append(plan.feed(title: site.config.title, subtitle: site.config.description, path: .feed, page: .home,
                                 indices: Array(site.articles.indices)))
        planned.append(plan.notFound())
        return planned.map(\.page) + plan.sitemapAndRobots(planned.compactMap(\.sitemapEntry))
    }
}

/// A planned file, and its entry in the sitemap when it has one.
struct Planned: Sendable {
    var page: Page
    var sitemapEntry: TemplateValue?
}

/// The site's sections, for the navigation's `aria-current`.
enum Section: Sendable {
    case home, organizations, countries
}

/// What the base layout needs to know about an HTML page.
struct Frame {
    var path: SitePath
    /// The page's own title; nil on the first home page, whose title is the site's.
    var title: String?
    var description: String
    var section: Section?
    var openGraphType = "website"
    /// The page's own Atom feed, besides the site's.
    var feed: (title: String, path: SitePath)?
    /// Listed in the sitemap and open to search engines (drafts and the 404 page are not).
    var indexed = true
    var lastModified: Day?
    /// How the page reaches the site root; nil: relatively, through its folders.
    var root: String?
}

/// How each kind of page is planned, from the values every page shares.
struct Plan: Sendable {
    let shared: SharedValues

    init(shared: SharedValues) {
        self.shared = shared
        self.site = shared.site
        self.format = shared.format
    }

    let site: Site
    let format: ArabicFormat
    var pageSize: Int { max(1, site.config.pageSize) }

    // MARK: - Layout

    /// An HTML page — the layout's fields under the page's own — and its sitemap entry.
    func html(_ template: PageTemplate, _ frame: Frame, _ fields: [String: TemplateValue]) -> Planned {
        var values = layout(frame)
        values.merge(fields) { _, own in own }
        let page = Page(path: frame.path.output, content: .template(template.name, .object(values)))
        guard frame.indexed else { return Planned(page: page) }
        return Planned(page: page, sitemapEntry: ["loc": .text(frame.path.absoluteURL(base: shared.base)),
                                                  "lastmod": frame.lastModified.map { .text(shared.iso($0)) } ?? false])
    }

    func layout(_ frame: Frame) -> [String: TemplateValue] {
        let nav: [TemplateValue] = shared.navigation.map { label, path, href, section in
            let current: TemplateValue = path == frame.path ? "page" : section == frame.section ? "true" : false
            return ["label": label, "href": href, "current": current]
        }
        var feeds = [shared.siteFeed]
        if let feed = frame.feed { feeds.append(["title": .text(feed.title), "href": .text(feed.path.href)]) }
        var fields = shared.layoutConstants
        fields["root"] = .text(frame.root ?? frame.path.root)
        fields["page_title"] = .text(frame.title.map { "\($0) — \(site.config.title)" } ?? site.config.title)
        fields["og_title"] = .text(frame.title ?? site.config.title)
        fields["meta_description"] = .text(frame.description.isEmpty ? site.config.title : frame.description)
        fields["canonical_url"] = frame.root == nil ? .text(frame.path.absoluteURL(base: shared.base)) : false
        fields["og_type"] = .text(frame.openGraphType)
        fields["noindex"] = .flag(!frame.indexed)
        fields["nav"] = .list(nav)
        fields["feeds"] = .list(feeds)
        return fields
    }

    // MARK: - Lists of articles

    /// One page of a newest-first list, with the fields every list page shows.
    struct ListPage {
        var number: Int
        var path: SitePath
        var fields: [String: TemplateValue]
        var lastModified: Day?
    }

    /// The pages of a newest-first list: `first`, then `first/page/2/` …; at least one page, even
    /// when the list is empty.
    func listPages(_ indices: [Int], first: SitePath, label: String) -> [ListPage] {
        let total = max(1, (indices.count + pageSize - 1) / pageSize)
        return (1...total).map { number in
            let slice = indices[min((number - 1) * pageSize, indices.count)..<min(number * pageSize, indices.count)]
            let fields: [String: TemplateValue] = [
                "cards": .list(slice.map { shared.cards[$0] }),
                "has_cards": .flag(!slice.isEmpty),
                "pagination": shared.pagination(current: number, total: total, first: first, label: label),
                "is_first_page": .flag(number == 1),
                "page_note": number == 1 ? false : .text("الصفحة \(format.number(number)) من \(format.number(total))"),
            ]
            return ListPage(number: number, path: first.paginated(number), fields: fields,
                            lastModified: slice.first.flatMap { site.articles[$0].date })
        }
    }

    /// "الاسم، الصفحة ٢" for the later pages of a list.
    func title(_ name: String, page number: Int) -> String {
        number == 1 ? name : "\(name)، الصفحة \(format.number(number))"
    }

    func homePages() -> [Planned] {
        listPages(Array(site.articles.indices), first: .home, label: "صفحات الأخبار").map { page in
            let frame = Frame(path: page.path, title: page.number == 1 ? nil : title("الأخبار", page: page.number),
                              description: site.config.description, section: .home, lastModified: page.lastModified)
            return html(.home, frame, page.fields.merging([
                "heading": .text(site.config.title),
                "intro": page.number == 1 ? .optional(site.config.description) : false,
                "count_text": .text(format.count(site.articles.count, .article)),
            ]) { $1 })
        }
    }

    // MARK: - Articles

    func articlePage(_ index: Int) -> Planned {
        let article = site.articles[index]
        let path = SitePath.article(article.slug)
        let sourceURL = SharedValues.webAddress(article.sourceURL)
        let sourceName = article.source?.trimmingWhitespace.nonEmpty ?? sourceURL.map(SharedValues.displayAddress)
        let source: TemplateValue = sourceName.map { ["name": .text($0), "url": .optional(sourceURL)] } ?? false
        let card = shared.cards[index]
        let highlights = article.highlights.filter { !$0.trimmingWhitespace.isEmpty }
        let related = relatedArticles(to: index)

        let fields: [String: TemplateValue] = [
            "article": [
                "title": .text(article.title),
                "kicker": .optional(article.kicker),
                "date": shared.date(article.date),
                "dateline": .optional(article.dateline),
                "highlights": highlights.isEmpty ? false : ["items": .list(highlights.map(TemplateValue.text))],
                "summary": .optional(article.summary),
                "source": source,
                "organizations": card["organizations"],
                "countries": card["countries"],
                "body_html": .text(article.bodyHTML),
                "is_draft": .flag(article.draft),
            ],
            "related": related.isEmpty ? false : ["cards": .list(related.map { shared.cards[$0] })],
        ]
        let frame = Frame(path: path, title: article.title, description: article.summary, section: nil,
                          openGraphType: "article", indexed: !article.draft, lastModified: article.date)
        return html(.article, frame, fields)
    }

    /// Three to five other articles: the site's closest (shared organisations and countries),
    /// topped up with the newest when fewer than three are related.
    func relatedArticles(to index: Int) -> [Int] {
        let minimum = 3
        var chosen = site.related(to: site.articles[index], limit: 5).compactMap { site.articleIndexBySlug[$0.slug] }
        var candidate = 0
        while chosen.count < minimum, candidate < site.articles.count {
            if candidate != index, !chosen.contains(candidate) { chosen.append(candidate) }
            candidate += 1
        }
        return chosen
    }

    // MARK: - Organisations

    func organizationIndex() -> Planned {
        let groups: [TemplateValue] = shared.organizationGroups.map { group in
            [
                "name": .text(group.country?.name ?? "دون بلد محدد"),
                "href": group.country.map { .text(SitePath.country($0).href) } ?? false,
                "organizations": .list(group.organizations.map { organization in
                    [
                        "name": .text(organization.name),
                        "href": .text(SitePath.organization(organization.id).href),
                        "count_text": .text(format.count(site.articlesByOrganization[organization.id]?.count ?? 0, .article)),
                    ]
                }),
            ]
        }
        let frame = Frame(path: .organizations, title: "المؤسسات",
                          description: "المؤسسات الإعلامية في أخبار \(site.config.title)، مرتبة حسب البلد",
                          section: .organizations, lastModified: shared.newestDay)
        return html(.organizations, frame, [
            "groups": .list(groups),
            "count_text": .text(format.count(shared.organizations.count, .organization)),
        ])
    }

    /// An organisation's list pages and its feed.
    func organizationPages(_ organization: Organization) -> [Planned] {
        let first = SitePath.organization(organization.id)
        let indices = site.articlesByOrganization[organization.id] ?? []
        let feed = first.sibling("feed.xml")
        let countText = format.count(indices.count, .article)
        let country = organization.country.flatMap { site.countries[$0] }
        let website = SharedValues.webAddress(organization.website)
        let partners = shared.countedChips(site.partners(ofOrganization: organization.id).map {
            (shared.organizationChips[$0.organization.id], $0.count)
        })
        let details: TemplateValue = [
            "name": .text(organization.name),
            "country": country.map { .object(SharedValues.chip($0.name, .country($0))) } ?? false,
            "website": website.map { ["href": .text($0), "text": .text(SharedValues.displayAddress($0))] } ?? false,
            "description": .optional(organization.description),
            "count_text": .text(countText),
            "is_registered": .flag(organization.isRegistered),
        ]
        let partnerChips = SharedValues.chipGroup("المؤسسات الشريكة وعدد الأخبار المشتركة", kind: "organizations", partners)

        let pages = listPages(indices, first: first, label: "صفحات أخبار \(organization.name)").map { page in
            let frame = Frame(path: page.path, title: title(organization.name, page: page.number),
                              description: organization.description ?? "\(organization.name): \(countText) عن التعاون الإعلامي",
                              section: .organizations, feed: ("\(organization.name): كل الأخبار", feed),
                              lastModified: page.lastModified)
            return html(.organization, frame, page.fields.merging(
                ["organization": details, "partners": partnerChips, "page_feed_href": .text(feed.href)]) { $1 })
        }
        return pages + [self.feed(title: "\(organization.name) — \(site.config.title)", subtitle: organization.description ?? "",
                                  path: feed, page: first, indices: indices)]
    }

    // MARK: - Countries

    func countryIndex() -> Planned {
        let countries: [TemplateValue] = shared.countriesWithArticles.map { country in
            [
                "name": .text(country.name),
                "href": .text(SitePath.country(country).href),
                "count_text": .text(format.count(site.articlesByCountry[country.code]?.count ?? 0, .article)),
            ]
        }
        let frame = Frame(path: .countries, title: "الدول", description: "الدول في أخبار \(site.config.title) وعدد أخبار كل منها",
                          section: .countries, lastModified: shared.newestDay)
        return html(.countries, frame, [
            "countries": .list(countries),
            "count_text": .text(format.count(shared.countriesWithArticles.count, .country)),
        ])
    }

    /// A country's list pages and its feed.
    func countryPages(_ country: Country) -> [Planned] {
        let first = SitePath.country(country)
        let indices = site.articlesByCountry[country.code] ?? []
        let feed = first.sibling("feed.xml")
        let countText = format.count(indices.count, .article)
        let based = shared.organizationsByCountry[country.code] ?? []
        let organizations = SharedValues.chipGroup("مؤسسات مقرها في \(country.name)", kind: "organizations", shared.countedChips(
            based.map { (shared.organizationChips[$0.id], site.articlesByOrganization[$0.id]?.count ?? 0) }))
        let partners = SharedValues.chipGroup("الدول الشريكة وعدد الأخبار المشتركة", kind: "countries", shared.countedChips(
            site.partners(ofCountry: country.code).map { (shared.countryChips[$0.country.code], $0.count) }))
        let details: TemplateValue = ["name": .text(country.name), "count_text": .text(countText)]

        let pages = listPages(indices, first: first, label: "صفحات أخبار \(country.name)").map { page in
            let frame = Frame(path: page.path, title: title(country.name, page: page.number),
                              description: "\(country.name): \(countText) عن التعاون الإعلامي",
                              section: .countries, feed: ("\(country.name): كل الأخبار", feed),
                              lastModified: page.lastModified)
            return html(.country, frame, page.fields.merging(
                ["country": details, "organizations": organizations, "partners": partners, "page_feed_href": .text(feed.href)]) { $1 })
        }
        return pages + [self.feed(title: "\(country.name) — \(site.config.title)", subtitle: "", path: feed, page: first, indices: indices)]
    }

    // MARK: - The 404 page

    func notFound() -> Planned {
        // A host serves this page at whatever address was not found, at any depth, so it
        // reaches the site through base_url's path rather than through its own folders.
        let frame = Frame(path: .notFound, title: "الصفحة غير موجودة", description: site.config.description,
                          section: nil, indexed: false, root: shared.basePath)
        return html(.notFound, frame, ["heading": "الصفحة غير موجودة"])
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

extension TemplateValue {
    /// A field of an object value; false when absent.
    subscript(key: String) -> TemplateValue {
        if case .object(let fields) = self, let value = fields[key] { return value }
        return false
    }
}

/// `transform` over 0..<count on all cores, results in index order.
func parallelMap<T: Sendable>(_ count: Int, _ transform: @escaping @Sendable (Int) -> T) -> [T] {
    var values = [T?](repeating: nil, count: count)
    values.withUnsafeMutableBufferPointer { buffer in
        // Each slot is written by exactly one iteration and read only after all have finished.
        nonisolated(unsafe) let slots = buffer
        DispatchQueue.concurrentPerform(iterations: count) { slots[$0] = transform($0) }
    }
    return values.map { $0! }
}
