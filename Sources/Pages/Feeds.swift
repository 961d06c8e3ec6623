import ContentLoading
import SiteModel
import Templates

/// Atom feeds: read by machines, so with absolute URLs from base_url, and dated by the articles,
/// never by the clock, so a rebuild of the same content gives the same bytes (as the sitemap).
extension Plan {
    /// How many of the newest articles a feed carries.
    static let feedLength = 20

    /// An Atom feed of the newest published articles among `indices` (newest first). `page` is
    /// the HTML page the feed stands for.
    func feed(title: String, subtitle: String, path: SitePath, page: SitePath, indices: [Int]) -> Planned {
        let entries = Array(indices.lazy.filter { [site] in !site.articles[$0].draft }.prefix(Self.feedLength))
        let plan = self
        return Planned(page: PlannedPage(path: path.output, template: PageTemplate.feed.name) {
            .template(PageTemplate.feed.name, plan.feedValues(title: title, subtitle: subtitle, path: path, page: page, entries: entries))
        })
    }

    func feedValues(title: String, subtitle: String, path: SitePath, page: SitePath, entries indices: [Int]) -> TemplateValue {
        let articles = indices.map { site.articles[$0] }
        let updated = timestamp(articles.lazy.compactMap(\.date).first ?? shared.newestDay)
        let entries: [TemplateValue] = articles.map { article in
            let url = SitePath.article(article.slug).absoluteURL(base: shared.base)
            // As many names as the article's card shows: an entry is copied into the feed of
            // every organisation and country it names.
            let categories: [TemplateValue] =
                article.organizationIDs.prefix(NameLimits.onCard).compactMap { id in
                    site.organizations[id].map { ["term": .text(id), "label": .text($0.name)] }
                }
                + article.countryCodes.prefix(NameLimits.onCard).compactMap { code in
                    site.countries[code].map { ["term": .text(code), "label": .text($0.name)] }
                }
            return [
                "id": .text(url),
                "url": .text(url),
                "title": .text(article.title),
                "updated": .text(article.date.map { timestamp($0) } ?? updated),
                "published": article.date.map { .text(timestamp($0)) } ?? false,
                "summary": .optional(article.summary),
                "content_html": .text(article.bodyHTML),
                "categories": .list(categories),
            ]
        }
        return [
            "feed_title": .text(title),
            "feed_subtitle": .optional(subtitle),
            "feed_id": .text(path.absoluteURL(base: shared.base)),
            "self_url": .text(path.absoluteURL(base: shared.base)),
            "alternate_url": .text(page.absoluteURL(base: shared.base)),
            "site_title": .text(site.config.title),
            "updated": .text(updated),
            "entries": .list(entries),
        ]
    }

    /// RFC 3339 at midnight UTC; a site with no dated article at all uses a fixed date.
    func timestamp(_ day: Day?) -> String {
        (day.map(shared.iso) ?? "1970-01-01") + "T00:00:00Z"
    }
}
