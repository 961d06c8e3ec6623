import ContentLoading
import Templates

/// The sitemap and robots.txt: with absolute URLs from base_url, and dated by the articles, never
/// by the clock, so a rebuild of the same content gives the same bytes.
struct SitemapEntry: Sendable {
    var path: SitePath
    var lastModified: Day?
}

extension Plan {
    /// The sitemap of the given entries, and robots.txt pointing at it. A sitemap holds at most
    /// 50,000 addresses; beyond that sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml …
    /// (Crawlers read robots.txt only at a domain's root; under a sub-path it is harmless and the
    /// sitemap is still found through the address given to them.)
    func sitemapAndRobots(_ entries: [SitemapEntry], limit: Int = 50_000) -> [PlannedPage] {
        let robotsText = "User-agent: *\nAllow: /\n\nSitemap: \(SitePath.sitemap.absoluteURL(base: shared.base))\n"
        let robots = PlannedPage(path: SitePath.robots.output, template: nil) { .text(robotsText) }
        let plan = self
        func urlset(_ path: SitePath, _ part: ArraySlice<SitemapEntry>) -> PlannedPage {
            return PlannedPage(path: path.output, template: PageTemplate.sitemap.name) {
                .template(PageTemplate.sitemap.name, ["is_index": false, "urls": .list(part.map(plan.sitemapURL))])
            }
        }
        guard entries.count > limit else { return [urlset(.sitemap, entries[...]), robots] }
        let parts = stride(from: 0, to: entries.count, by: limit).enumerated().map { number, start in
            urlset(SitePath([], file: "sitemap-\(number + 1).xml"), entries[start..<min(start + limit, entries.count)])
        }
        let index = PlannedPage(path: SitePath.sitemap.output, template: PageTemplate.sitemap.name) {
            let lastmod: TemplateValue = plan.shared.newestDay.map { .text(plan.shared.iso($0)) } ?? false
            return .template(PageTemplate.sitemap.name, [
                "is_index": true,
                "sitemaps": .list(parts.map { ["loc": .text(SitePath([], file: $0.path).absoluteURL(base: plan.shared.base)), "lastmod": lastmod] }),
            ])
        }
        return [index] + parts + [robots]
    }

    func sitemapURL(_ entry: SitemapEntry) -> TemplateValue {
        ["loc": .text(entry.path.absoluteURL(base: shared.base)),
         "lastmod": entry.lastModified.map { .text(shared.iso($0)) } ?? false]
    }
}
