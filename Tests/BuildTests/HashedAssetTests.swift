import ContentLoading
import Foundation
import Output
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// The theme's assets under content-hashed names (`AssetNames`): every page links to the hashed
/// stylesheet, which is published; editing the stylesheet renames it, and every page changes with
/// it (the name is part of what the page is made of), so a year-long cache never serves an old one.
@Suite(.serialized) struct HashedAssetTests {
    /// The stylesheet each HTML page links to, resolved to a path in the site.
    static func stylesheets(_ files: [String: Data]) -> [String: String] {
        var links: [String: String] = [:]
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let hrefs = HTML.matches("<link rel=\"stylesheet\" href=\"([^\"]*)\"", in: html)
            links[path] = hrefs.first.flatMap { HTML.resolve($0, from: path, basePath: "/") } ?? "<none>"
        }
        return links
    }

    @Test func pagesLinkTheHashedStylesheetAndAnEditRenamesIt() throws {
        let site = try TestSite()
        defer { site.remove() }
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let before = try TestSite.tree(site.output)
        let links = Self.stylesheets(before)
        let names = Set(links.values)
        #expect(names.count == 1, "\(names)")
        let hashed = try #require(names.first)
        #expect(hashed.hasPrefix("assets/style.") && hashed.hasSuffix(".css") && hashed != "assets/style.css")
        let source = try Data(contentsOf: site.root.appendingPathComponent("templates/assets/style.css"))
        #expect(before[hashed] == source)
        #expect(before["assets/style.css"] == source)
        #expect(before.keys.contains { $0.hasPrefix("assets/favicon.") && $0 != "assets/favicon.svg" })
        let manifest1 = try #require(BuildManifest.read(from: site.state))

        // The stylesheet edited: a new name, published; no page names the old one, which is gone.
        try site.write("templates/assets/style.css", String(decoding: source, as: UTF8.self) + "\n.deploy-test { color: inherit; }\n")
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let after = try TestSite.tree(site.output)
        let renamed = Set(Self.stylesheets(after).values)
        #expect(renamed.count == 1 && renamed.first != hashed)
        #expect(after[renamed.first!] != nil)
        #expect(after[hashed] == nil)
        #expect(!after.contains { $0.key.hasSuffix(".html") && String(decoding: $0.value, as: UTF8.self).contains(hashed) })
        // Every page was made again with the new name: its key (the inputs it was made from) changed.
        let manifest2 = try #require(BuildManifest.read(from: site.state))
        for path in after.keys where path.hasSuffix(".html") {
            #expect(manifest1.files[path]?.input != manifest2.files[path]?.input, "\(path) kept its key")
        }
    }
}
