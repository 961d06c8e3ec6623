import ContentLoading
import Support
import SiteModel
import Templates
import Network

/// Turns the site model into every output file of the site. Pure and deterministic: the same
/// site gives the same pages, in the same order, with the same values.
///
/// The plan does work in proportion to the pages it makes: each article's card is built once
/// (`SharedValues`) and only copied onto the pages that list it, and the site's indices
/// (articles by organisation and by country, already newest first) are read, never re-sorted.
public struct PagePlanner: Sendable {
    public let site: Site
    public let related: RelatedArticles
    /// The network's pictures kept from earlier builds (`PictureMemo`).
    let pictures: PictureMemo?

    /// `related`: the table of a previous plan, reused when the site's articles still relate
    /// the same way (its key); otherwise it is computed again.
    public init(site: Site, related: RelatedArticles? = nil, pictures: PictureMemo? = nil) {
        self.site = site
        self.pictures = pictures
        let key = RelatedArticles.key(of: site)
        self.related = related.flatMap { $0.key == key ? $0 : nil } ?? RelatedArticles(site: site, key: key)
    }

    /// Every file of the site; values are built only when a page is rendered (and its key,
    /// the hash of those values, computed: `Page.key`).
    public func plan() -> [PlannedPage] {
        planKeepingKeys().pages
    }

    /// `plan()`, and the articles' keys it was made with, for a plan to be restored with them
    /// (`updatablePlan(keys:)`).
    public func planKeepingKeys() -> (pages: [PlannedPage], keys: ArticleKeys) {
        let shared = SharedValues(site: site, pictures: pictures)
        if site.config.search { shared.search.startMaking() }
        return (Self.plan(Plan(shared: shared, related: related.lists)), ArticleKeys(shared))
    }

    static func plan(_ plan: Plan) -> [PlannedPage] {
        let site = plan.site
        let organizations = plan.shared.organizations, countries = plan.shared.countries
        // Articles, organisations and countries are planned independently of each other, on all
        // cores (finding related articles is the costly part); the order stays the same.
        var planned = plan.homePages()
        planned += parallelMap(site.articles.count) { plan.articlePage($0) }
        planned.append(plan.organizationIndex())
        planned += parallelMap(organizations.count) { plan.organizationPages(organizations[$0]) }.joined()
        planned.append(plan.countryIndex())
        planned += parallelMap(countries.count) { plan.countryPages(countries[$0]) }.joined()
        planned.append(plan.networkPage())
        planned.append(plan.homeFeed())
        planned.append(plan.notFound())
        let search = site.config.search
        if search { planned.append(plan.searchPage()) }
        return planned.map(\.page) + (search ? plan.searchFiles() : []) + plan.sitemapAndRobots(planned.compactMap(\.sitemapEntry))
    }


    /// The plan, kept to be updated after an edit (`SitePlan.updating`).
    public func sitePlan() -> SitePlan {
        let shared = SharedValues(site: site, pictures: pictures)
        if site.config.search { shared.search.startMaking() }
        return SitePlan(site: site, related: related, shared: shared)
    }

    /// A plan without its pages, only to be updated (`SitePlan.updating`) after an edit; `keys`
    /// are this site's, as a plan of it recorded them.
    /// `searchShards`: the search index's shards as the last build published them
    /// (`SearchFiles.publishedShards`), so that an edit patches the few it touches instead of
    /// indexing every article again.
    public func updatablePlan(keys: ArticleKeys? = nil, searchShards: (@Sendable (Int) -> String?)? = nil) -> SitePlan {
        var shared = SharedValues(site: site, keys: keys, pictures: pictures)
        if let searchShards { shared.search = SearchHolder(site: site, format: shared.format, previousShards: searchShards) }
        return SitePlan(site: site, related: related, shared: shared, planningPages: false)
    }
}

/// Every article's card key (the hash of its card's values), by index into `site.articles`:
/// what a kept plan is restored with instead of making every card again. An edit that changes
/// a card replans the pages that list the article as related.
public struct ArticleKeys: Sendable, Equatable {
    public let cards: [UInt64]

    public init(cards: [UInt64]) {
        self.cards = cards
    }

    init(_ shared: SharedValues) {
        self.init(cards: shared.cardKeys)
    }
}

/// A site's plan kept between builds by a long-running process (the preview). After an edit that
/// moves no article (`SiteBuilder.update`: same slug, date, draft status, organisations and
/// countries), only the pages that can show an edited article are planned again — its own page,
/// the pages listing it among their related articles when its card changed, the pages of the home,
/// organisation and country lists that show it, and the feeds — and every other page keeps its key.
/// Tests compare each update with a plan made from scratch, key by key.
public struct SitePlan: Sendable {
    public let site: Site
    public let related: RelatedArticles
    /// Every file of the site with its key, in `PagePlanner.plan()`'s order; nil in a plan made
    /// only to be updated (`PagePlanner.updatablePlan()`): a new `taawun build` process that
    /// replaces three pages does not plan 13,000.
    public private(set) var pages: [PlannedPage]?
    let shared: SharedValues
    public var articleKeys: ArticleKeys { ArticleKeys(shared) }
    private let pageIndexByPath: [String: Int]

    init(site: Site, related: RelatedArticles, shared: SharedValues, planningPages: Bool = true) {
        self.site = site
        self.related = related
        self.shared = shared
        let pages = planningPages ? PagePlanner.plan(Plan(shared: shared, related: related.lists)) : nil
        self.pages = pages
        pageIndexByPath = pages.map { pages in
            Dictionary(pages.indices.map { (pages[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        } ?? [:]
    }

    private init(updating plan: SitePlan, site: Site, shared: SharedValues, pages: [PlannedPage]?) {
        self.site = site
        self.related = plan.related
        self.shared = shared
        self.pages = pages
        pageIndexByPath = plan.pageIndexByPath
    }

    /// The plan of `site`, which is this plan's site with the articles at `edited` replaced in
    /// place (`Site.replacingArticles`), and the pages planned again (the others are the same
    /// pages as before).
    public func updating(site: Site, edited: [Int]) -> (plan: SitePlan, replanned: [PlannedPage]) {
        let shared = self.shared.updating(site: site, edited: edited)
        let plan = Plan(shared: shared, related: related.lists)
        var articles = Set(edited)
        // The articles that show a changed card among their related articles: looked for in
        // the lists when an edit needs them, rather than indexed for every article each build.
        let changedCards = Set(edited.filter { shared.cardKeys[$0] != self.shared.cardKeys[$0] })
        if !changedCards.isEmpty {
            for (index, list) in related.lists.enumerated() where list.contains(where: changedCards.contains) {
                articles.insert(index)
            }
        }
        var planned = articles.sorted().map(plan.articlePage)
        // Nothing moved: only the list pages showing an edited article can have changed.
        let shown = Set(edited)
        planned += plan.homePages(showing: shown)
        planned.append(plan.homeFeed())
        let organizationIDs = Set(edited.flatMap { site.articles[$0].organizationIDs })
        let countryCodes = Set(edited.flatMap { site.articles[$0].countryCodes })
        for id in organizationIDs.sorted() { planned += site.organizations[id].map { plan.organizationPages($0, showing: shown) } ?? [] }
        for code in countryCodes.sorted() { planned += site.countries[code].map { plan.countryPages($0, showing: shown) } ?? [] }
        // The search index's shards and chunks that hold an edited article's words and card.
        let searchFiles = site.config.search ? plan.searchFiles(shards: shared.search.changedShards, chunks: shared.search.changedChunks) : []

        guard var pages = self.pages else {
            return (SitePlan(updating: self, site: site, shared: shared, pages: nil), planned.map(\.page) + searchFiles)
        }
        var replanned: [PlannedPage] = []
        for page in planned.map(\.page) + searchFiles {
            guard let index = pageIndexByPath[page.path] else { continue }
            pages[index] = page
            replanned.append(page)
        }
        return (SitePlan(updating: self, site: site, shared: shared, pages: pages), replanned)
    }
}

/// One output file of the plan: its path and how to make its values. Its key is the hash of
/// those values (`Page.key`): nothing a page shows can be left out of it.
public struct PlannedPage: Sendable {
    public let path: String
    /// The template that renders it; nil for finished text (robots.txt).
    public let template: String?
    private let content: @Sendable () -> PageContent

    init(path: String, template: String?, content: @escaping @Sendable () -> PageContent) {
        self.path = path
        self.template = template
        self.content = content
    }

    /// The page with its values, built now.
    public var page: Page { Page(path: path, content: content()) }
}

/// A planned file, and its entry in the sitemap when it has one.
struct Planned: Sendable {
    var page: PlannedPage
    var sitemapEntry: SitemapEntry?
}

/// The site's sections, for the navigation's `aria-current`.
enum Section: String, Sendable {
    case home, organizations, countries, network
}

/// What the base layout needs to know about an HTML page.
struct Frame: Sendable {
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

    init(shared: SharedValues, related: [[Int]]) {
        self.shared = shared
        self.site = shared.site
        self.format = shared.format
        self.related = related
    }

    /// Each article's related articles (`RelatedArticles`), by index into `site.articles`.
    let related: [[Int]]

    let site: Site
    let format: ArabicFormat
    var pageSize: Int { max(1, site.config.pageSize) }

    // MARK: - Layout

    /// An HTML page — the layout's fields under the page's own — and its sitemap entry.
    func html(_ template: PageTemplate, _ frame: Frame, _ fields: @escaping @Sendable () -> [String: TemplateValue]) -> Planned {
        let plan = self
        let page = PlannedPage(path: frame.path.output, template: template.name) {
            var values = plan.layout(frame)
            values.merge(fields()) { _, own in own }
            return .template(template.name, .object(values))
        }
        return Planned(page: page, sitemapEntry: frame.indexed ? SitemapEntry(path: frame.path, lastModified: frame.lastModified) : nil)
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

    /// One page of a newest-first list.
    struct ListPage: Sendable {
        var number: Int
        var total: Int
        var first: SitePath
        var label: String
        /// Indices into `site.articles` shown on this page.
        var slice: ArraySlice<Int>
        var path: SitePath { first.paginated(number) }
    }

    /// The pages of a newest-first list: `first`, then `first/page/2/` …; at least one page, even
    /// when the list is empty. `showing`: only the pages that show one of these articles.
    func listPages(_ indices: [Int], first: SitePath, label: String, showing: Set<Int>? = nil) -> [ListPage] {
        let total = max(1, (indices.count + pageSize - 1) / pageSize)
        return (1...total).compactMap { number in
            let slice = indices[min((number - 1) * pageSize, indices.count)..<min(number * pageSize, indices.count)]
            if let showing, !slice.contains(where: showing.contains) { return nil }
            return ListPage(number: number, total: total, first: first, label: label, slice: slice)
        }
    }

    /// The fields every list page shows.
    func listFields(_ page: ListPage) -> [String: TemplateValue] {
        [
            "cards": .list(page.slice.map { shared.card($0) }),
            "has_cards": .flag(!page.slice.isEmpty),
            "pagination": shared.pagination(current: page.number, total: page.total, first: page.first, label: page.label),
            "is_first_page": .flag(page.number == 1),
            "page_note": page.number == 1 ? false : .text("الصفحة \(format.number(page.number)) من \(format.number(page.total))"),
        ]
    }

    func lastModified(_ page: ListPage) -> Day? {
        page.slice.first.flatMap { site.articles[$0].date }
    }

    /// "الاسم، الصفحة ٢" for the later pages of a list.
    func title(_ name: String, page number: Int) -> String {
        number == 1 ? name : "\(name)، الصفحة \(format.number(number))"
    }

    /// The list pages of an organisation or a country (`name`, its articles `indices` newest
    /// first), and its feed. `description`: its own, if any, for the pages and the feed.
    /// `fields`: the page's own values besides the list's, given the count of its articles.
    func listPagesAndFeed(of name: String, first: SitePath, indices: [Int], description: String?, section: Section,
                          template: PageTemplate, showing: Set<Int>?,
                          fields: @escaping @Sendable (_ countText: String) -> [String: TemplateValue]) -> [Planned] {
        let feed = first.sibling("feed.xml")
        let countText = format.count(indices.count, .article)
        let plan = self
        let pages = listPages(indices, first: first, label: "صفحات أخبار \(name)", showing: showing).map { page in
            let frame = Frame(path: page.path, title: title(name, page: page.number),
                              description: description ?? "\(name): \(countText) عن التعاون الإعلامي",
                              section: section, feed: ("\(name): كل الأخبار", feed), lastModified: lastModified(page))
            return html(template, frame) {
                plan.listFields(page).merging(fields(countText)) { $1 }.merging(["page_feed_href": .text(feed.href)]) { $1 }
            }
        }
        return pages + [self.feed(title: "\(name) — \(site.config.title)", subtitle: description ?? "", path: feed, page: first,
                                  indices: indices)]
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
