import BuildState
import ContentLoading
import Foundation
import Output
import Pages
import Pipeline
@testable import SearchIndex
import TaawunTesting
import Testing

/// The search in the built site: the header's box on every page, the search page and its index
/// under a sub-path, the index's files, and what an edit rewrites.
@Suite(.serialized) struct SearchSiteTests {
    static func htmlFiles(_ folder: URL) throws -> [String] {
        try TestSite.tree(folder).keys.filter { $0.hasSuffix(".html") }.sorted()
    }

    /// base_url's path, as the 404 page links through it.
    static func basePath(_ site: TestSite) throws -> String {
        let yaml = try site.read("content/site.yaml", in: site.root)
        let url = HTML.matches(#"base_url:\s*"?([^"\n]+)"#, in: yaml).first ?? "/"
        guard let scheme = url.range(of: "://") else { return "/" }
        let path = url[scheme.upperBound...].drop { $0 != "/" }
        return path.isEmpty ? "/" : (path.hasSuffix("/") ? String(path) : path + "/")
    }

    @Test func everyPageHasTheSearchBoxAndTheSearchPageFindsItsIndexUnderASubPath() throws {
        let site = try SearchQueryTests.builtSite()
        defer { site.remove() }
        let pages = try Self.htmlFiles(site.output)
        #expect(pages.count > 20)
        for page in pages {
            let html = try site.read(page, in: site.output)
            let forms = HTML.matches(#"<form class="site-search" role="search" action="([^"]*)""#, in: html)
            #expect(forms.count == 1, "\(page) has no search box")
            guard let action = forms.first else { continue }
            // Relative to the page (the 404 page goes through base_url's path): the same under any sub-path.
            #expect(HTML.resolve(action, from: page, basePath: try Self.basePath(site)) == "search/index.html", "\(page): \(action)")
        }
        let search = try site.read("search/index.html", in: site.output)
        let index = try #require(HTML.matches(#"data-index="([^"]*)""#, in: search).first)
        #expect(HTML.resolve(index, from: "search/index.html") == "search/index.json")
        #expect(!index.hasPrefix("/"))
        let script = try #require(HTML.matches(#"<script src="([^"]*)""#, in: search).first)
        #expect(HTML.resolve(script, from: "search/index.html") == "assets/search.js")
        // Without JavaScript the page says so and leads to the organisations and countries.
        #expect(search.contains("id=\"search-notice\"") && search.contains("organizations/index.html") && search.contains("countries/index.html"))
        // Organisation and country pages lead to the search filtered to them.
        let katara = try site.read("organizations/katara/index.html", in: site.output)
        #expect(katara.contains("search/index.html?organization=katara"))
        let qatar = try site.read("countries/qa/index.html", in: site.output)
        #expect(qatar.contains("search/index.html?country=QA"))
        // The index's files are there: the manifest, the facets, every shard and chunk.
        let manifest = try JSONSerialization.jsonObject(with: Data(site.read("search/index.json", in: site.output).utf8)) as? [String: Any]
        let shards = try #require(manifest?["shards"] as? Int), articles = try #require(manifest?["articles"] as? Int)
        #expect(shards == SearchIndex.shardCount(articles: articles))
        for n in 0..<shards { #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("search/shards/\(n).json").path)) }
        for n in 0..<((articles + 15) / 16) { #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("search/docs/\(n).json").path)) }
    }

    /// The same content gives the same index, byte for byte, and a shard holds only keys that
    /// hash to it.
    @Test func theIndexIsDeterministicAndKeysLiveInTheirShard() throws {
        let site = try SearchQueryTests.builtSite()
        defer { site.remove() }
        let first = try TestSite.tree(site.output).filter { $0.key.hasPrefix("search/") }
        try FileManager.default.removeItem(at: site.output)
        try FileManager.default.removeItem(at: site.state)
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let second = try TestSite.tree(site.output).filter { $0.key.hasPrefix("search/") }
        #expect(first == second)
        let manifest = try JSONSerialization.jsonObject(with: Data(site.read("search/index.json", in: site.output).utf8)) as? [String: Any]
        let shards = try #require(manifest?["shards"] as? Int)
        var keys = 0
        for n in 0..<shards {
            let shard = try JSONSerialization.jsonObject(with: Data(site.read("search/shards/\(n).json", in: site.output).utf8)) as? [String: [String]] ?? [:]
            for (key, lists) in shard {
                keys += 1
                #expect(SearchText.shard(of: key.unicodeScalars.map(\.value), count: shards) == n)
                let all = Postings.decode(lists[0]), title = Postings.decode(lists[1])
                #expect(!all.isEmpty && all == all.sorted() && Set(title).isSubset(of: Set(all)))
            }
        }
        #expect(keys > 1000)
    }

    /// After an edit, a long-running process rewrites only the shards holding the words that
    /// came or went and the edited article's chunk, and its index is a fresh build's.
    @Test func anEditRewritesOnlyTheShardsItChanges() throws {
        let site = try SearchQueryTests.builtSite()
        defer { site.remove() }
        let cache = BuildCache()
        let options = BuildOptions(root: site.root)
        // The preview's first build: a full one, kept in its cache (a build finding nothing changed keeps nothing).
        try FileManager.default.removeItem(at: site.output)
        try FileManager.default.removeItem(at: site.state)
        _ = try SiteBuild(options: options, cache: cache).run()
        let before = try TestSite.tree(site.output).filter { $0.key.hasPrefix("search/") }
        let file = "content/articles/s07-oman-yemen-press.md"
        let text = try site.read(file, in: site.root)
        try site.write(file, text.replacingOccurrences(of: "وناقش المشاركون", with: "وناقش المشاركون الزنجبيليون"))
        let report = try SiteBuild(options: options, cache: cache, changedFiles: [file]).run()
        #expect(report.updatedThePlan)
        let after = try TestSite.tree(site.output).filter { $0.key.hasPrefix("search/") }
        let changed = after.keys.filter { after[$0] != before[$0] }.sorted()
        #expect(!changed.isEmpty && changed.count <= 3, "\(changed)")
        #expect(changed.allSatisfy { $0.hasPrefix("search/shards/") || $0.hasPrefix("search/docs/") })
        let updated = try TestSite.tree(site.output)
        try FileManager.default.removeItem(at: site.output)
        try FileManager.default.removeItem(at: site.state)
        _ = try SiteBuild(options: options).run()
        let fresh = try TestSite.tree(site.output)
        #expect(updated.keys.sorted() == fresh.keys.sorted())
        for path in fresh.keys where path.hasPrefix("search/") { #expect(updated[path] == fresh[path], "\(path)") }
    }

    /// A new `taawun build` process after a one-article edit (the build record's update) patches
    /// the shards the last build published instead of indexing every article, and writes what a
    /// fresh build writes. No copy of the shards is kept in the build state.
    @Test func aNewProcessPatchesThePublishedShards() throws {
        let site = try SearchQueryTests.builtSite()
        defer { site.remove() }
        let options = BuildOptions(root: site.root)
        #expect(!FileManager.default.fileExists(atPath: site.state.appendingPathComponent("cache/search").path))
        let before = try TestSite.tree(site.output)
        let file = "content/articles/s03-saudi-egypt-training.md"
        let text = try site.read(file, in: site.root)
        try site.write(file, text.replacingOccurrences(of: "ورشًا للتدريب", with: "ورشًا للتدريب والتصوير الزنجبيلي"))
        let report = try SiteBuild(options: options).run()
        #expect(report.updatedThePlan)
        let updated = try TestSite.tree(site.output)
        let changed = updated.keys.filter { updated[$0] != before[$0] && $0.hasPrefix("search/") }
        #expect(!changed.isEmpty && changed.count <= 4, "\(changed.sorted())")
        // The next edit starts from the shards this one published.
        try site.write(file, text)
        #expect(try SiteBuild(options: options).run().updatedThePlan)
        let back = try TestSite.tree(site.output)
        for path in before.keys where path.hasPrefix("search/") { #expect(back[path] == before[path], "\(path) after the edit was undone") }
        try site.write(file, text.replacingOccurrences(of: "ورشًا للتدريب", with: "ورشًا للتدريب والتصوير الزنجبيلي"))
        _ = try SiteBuild(options: options).run()
        let again = try TestSite.tree(site.output)
        try FileManager.default.removeItem(at: site.output)
        try FileManager.default.removeItem(at: site.state)
        _ = try SiteBuild(options: options).run()
        let fresh = try TestSite.tree(site.output)
        #expect(again.keys.sorted() == fresh.keys.sorted())
        for path in fresh.keys where path.hasPrefix("search/") { #expect(again[path] == fresh[path], "\(path)") }
    }

    /// The published shards are read back only when their bytes are those the manifest recorded:
    /// a shard edited or removed by hand is not patched (the edit then indexes every article).
    @Test func aPublishedShardIsReadOnlyWhenTheManifestVouchesForIt() throws {
        let site = try SearchQueryTests.builtSite()
        defer { site.remove() }
        let manifest = BuildManifest.Listing(try #require(BuildManifest.read(from: site.state)))
        let shards = SearchFiles.publishedShards(in: site.output, manifest: manifest)
        let first = site.output.appendingPathComponent("search/shards/0.json")
        let second = site.output.appendingPathComponent("search/shards/1.json")
        #expect(shards(0) == (try String(contentsOf: first, encoding: .utf8)))
        #expect(shards(0)?.hasPrefix("{") == true)
        try Data("{}\n".utf8).write(to: first)
        #expect(shards(0) == nil)
        try FileManager.default.removeItem(at: second)
        #expect(shards(1) == nil)
        #expect(shards(100_000) == nil)
    }
}
