import SiteModel
import Templates

/// The home page and its later pages: every article, newest first; and the site's own feed.
extension Plan {
    func homePages(showing: Set<Int>? = nil) -> [Planned] {
        listPages(Array(site.articles.indices), first: .home, label: "صفحات الأخبار", showing: showing).map { page in
            let frame = Frame(path: page.path, title: page.number == 1 ? nil : title("الأخبار", page: page.number),
                              description: site.config.description, section: .home, lastModified: lastModified(page))
            let plan = self
            return html(.home, frame) {
                plan.listFields(page).merging([
                    "heading": .text(plan.site.config.title),
                    "intro": page.number == 1 ? .optional(plan.site.config.description) : false,
                    "count_text": .text(plan.format.count(plan.site.articles.count, .article)),
                    "network": page.number == 1 ? plan.homeNetwork() : false,
                ]) { $1 }
            }
        }
    }

    /// The site's own feed: the newest of all articles.
    func homeFeed() -> Planned {
        feed(title: site.config.title, subtitle: site.config.description, path: .feed, page: .home,
             indices: Array(site.articles.indices))
    }
}
