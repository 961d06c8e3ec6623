import ContentLoading
import SiteModel
import Support
import Templates

/// An article's own page: the article, its picture and its related articles.
extension Plan {
    func articlePage(_ index: Int) -> Planned {
        let article = site.articles[index]
        let related = self.related[index]
        let frame = Frame(path: .article(article.slug), title: article.title, description: article.summary, section: nil,
                          openGraphType: "article", indexed: !article.draft, lastModified: article.date)
        let plan = self
        return html(.article, frame) { plan.articleFields(index, related: related) }
    }

    func articleFields(_ index: Int, related: [Int]) -> [String: TemplateValue] {
        let article = site.articles[index]
        let sourceURL = SharedValues.webAddress(article.sourceURL)
        let sourceName = article.source?.trimmingWhitespace.nonEmpty ?? sourceURL.map(SharedValues.displayAddress)
        let source: TemplateValue = sourceName.map { ["name": .text($0), "url": .optional(sourceURL)] } ?? false
        let highlights = article.highlights.filter { !$0.trimmingWhitespace.isEmpty }
        let image: TemplateValue = article.image.map { image in
            let parts = image.value.split(separator: "/").map(String.init)
            let path = SitePath(["images"] + parts.dropLast(), file: parts.last ?? "")
            return ["href": .text(path.href), "url": .text(path.absoluteURL(base: shared.base)),
                    "alt": .text(article.imageAlt ?? ""), "caption": .optional(article.imageCaption)]
        } ?? false
        return [
            "article": [
                "title": .text(article.title),
                "kicker": .optional(article.kicker),
                "date": shared.date(article.date),
                "dateline": .optional(article.dateline),
                "highlights": highlights.isEmpty ? false : ["items": .list(highlights.map(TemplateValue.text))],
                "summary": .optional(article.summary),
                "source": source,
                "organizations": shared.organizationChips(of: article, limit: .max),
                "countries": shared.countryChips(of: article, limit: .max),
                "body_html": .text(article.bodyHTML),
                "image": image,
                "is_draft": .flag(article.draft),
            ],
            "related": related.isEmpty ? false : ["cards": .list(related.map { shared.card($0) })],
        ]
    }
}

/// Three to five other articles for each article: the site's closest (shared organisations and
/// countries), topped up with the newest when fewer than three are related. Computed once for
/// the whole site, and kept between builds while no article changes its date, slug,
/// organisations or countries, or comes or goes (`key`).
public struct RelatedArticles: Sendable {
    public let key: UInt64
    /// By index into `site.articles`.
    public let lists: [[Int]]

    public init(key: UInt64, lists: [[Int]]) {
        self.key = key
        self.lists = lists
    }

    init(site: Site, key: UInt64) {
        self.key = key
        lists = parallelMap(site.articles.count) { Self.related(to: $0, in: site) }
    }

    /// What the table depends on: every article's place in the site's order, its slug and
    /// the names it relates by (`Site.relationsKey`).
    public static func key(of site: Site) -> UInt64 {
        var key = WordHasher()
        key.add(string: "related")
        key.add(word: site.relationsKey)
        return key.value
    }

    static func related(to index: Int, in site: Site) -> [Int] {
        let minimum = 3
        var chosen = site.related(to: site.articles[index], limit: 5).compactMap { site.articleIndex(slug: $0.slug) }
        var candidate = 0
        while chosen.count < minimum, candidate < site.articles.count {
            if candidate != index, !chosen.contains(candidate) { chosen.append(candidate) }
            candidate += 1
        }
        return chosen
    }
}
