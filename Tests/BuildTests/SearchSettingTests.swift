import ContentLoading
import Foundation
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// `search: false` in site.yaml: the seeds built without the search page, its index, the search
/// box and the organisation and country pages' search links; turned back on, the next build
/// (reading the last one's record) writes what a fresh build writes.
@Suite(.serialized) struct SearchSettingTests {
    func site(search: Bool) throws -> TestSite {
        let site = try TestSite()
        let settings = try site.read("content/site.yaml", in: site.root)
        try site.write("content/site.yaml", settings + "\nsearch: \(search)\n")
        return site
    }

    func htmlPages(_ folder: URL) throws -> [String: String] {
        try TestSite.tree(folder).filter { $0.key.hasSuffix(".html") }.mapValues { String(decoding: $0, as: UTF8.self) }
    }

    @Test func withoutSearchNoPageLinksToIt() throws {
        let site = try site(search: false)
        defer { site.remove() }
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let files = try TestSite.tree(site.output)
        #expect(!files.keys.contains { $0.hasPrefix("search/") })
        let pages = try htmlPages(site.output)
        #expect(pages.count > 40) // the seeds: articles, lists, organisation and country pages
        for (path, html) in pages {
            #expect(!html.contains("class=\"site-search\""), "\(path) has the search box")
            #expect(!html.contains("class=\"search-link\""), "\(path) links to a filtered search")
            let targets = HTML.links(in: html).compactMap { HTML.resolve($0, from: path) }
            #expect(!targets.contains { $0.hasPrefix("search/") }, "\(path) links into search/")
        }
        #expect(!(try site.read("sitemap.xml", in: site.output)).contains("/search/"))
    }

    @Test func turnedBackOnTheNextBuildIsAFreshBuild() throws {
        let site = try site(search: false)
        defer { site.remove() }
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let settings = try site.read("content/site.yaml", in: site.root)
        try site.write("content/site.yaml", settings.replacingOccurrences(of: "search: false", with: "search: true"))
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()

        let fresh = site.root.appendingPathComponent("fresh")
        _ = try SiteBuild(options: BuildOptions(root: site.root, output: fresh, state: site.root.appendingPathComponent(".fresh-state"))).run()
        let updated = try TestSite.tree(site.output), expected = try TestSite.tree(fresh)
        #expect(updated.keys.contains("search/index.html"))
        #expect(updated.keys.contains { $0.hasPrefix("search/shards/") })
        #expect(Set(updated.keys) == Set(expected.keys))
        for (path, data) in expected where updated[path] != data { Issue.record("\(path) differs from a fresh build") }
        let home = try site.read("index.html", in: site.output)
        #expect(home.contains("class=\"site-search\""))
    }
}
