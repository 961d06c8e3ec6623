import Foundation
import TaawunTesting
import Testing

/// Bodies that only make sense on the site: a feed reader shows them elsewhere.
@Suite struct FeedHostileTests {
    /// `[…](../other/)` and `![…](../../images/x.png)` work on the article's page; in the feed they must
    /// be absolute, or the entry must carry an xml:base, or readers resolve them against the feed.
    @Test func relativeLinksInABodyStillWorkInTheFeed() throws {
        let site = try TestSite(.minimal, articles: [
            "rel.md": TestSite.articleText("slug: rel", body: "انظر [الخبر الآخر](../other/) و![صورة](../../images/x.png)"),
            "other.md": TestSite.articleText(title: "الخبر الآخر", "slug: other"),
        ])
        defer { site.remove() }
        try site.write("content/images/x.png", "PNG")
        try site.build()
        let feed = try site.read("feed.xml")
        let entry = try #require(feed.components(separatedBy: "<entry>").first { $0.contains("/rel/") })
        let hasBase = entry.contains("xml:base=\"https://example.org/digest/articles/rel/\"")
        let absolute = entry.contains("https://example.org/digest/articles/other/")
            && entry.contains("https://example.org/digest/images/x.png")
        #expect(hasBase || absolute, "\(entry)")
    }
}
