import ContentLoading
import Foundation
@testable import SearchIndex
import SiteModel
import TaawunTesting
import Testing

/// The index's fast paths against the simple versions they replace: each key's articles gathered
/// at the end (`Postings.Builder`) against lists appended article by article, and the word
/// numbers' table against a Dictionary.
@Suite struct SearchIndexMakingTests {
    @Test func theKeysListsAreThoseAppendedArticleByArticle() throws {
        let site = try SearchQueryTests.builtSite()
        defer { site.remove() }
        let content = ContentLoader.load(SiteLayout(root: site.root), includeDrafts: true)
        let (model, _) = try SiteBuilder.build(content)
        #expect(model.articles.count >= 15)
        let index = SearchIndex(site: model, href: { $0.slug }, dateText: { $0.description })
        // The simple version: the same key numbers (a copy of the index knows every word), each
        // article's keys appended to its lists in the site's order.
        var numbering = index
        var all = [[Int32]](repeating: [], count: index.keyText.count)
        var title = [[Int32]](repeating: [], count: index.keyText.count)
        let scanned = SearchIndex.scan(model, indices: Array(model.articles.indices), href: { $0.slug }, dateText: { $0.description })
        for (article, words) in scanned.enumerated() {
            guard let words else { continue }
            let keys = numbering.keys(of: words, article: model.articles[article])
            for key in keys.all { all[Int(key)].append(Int32(article)) }
            for key in keys.title { title[Int(key)].append(Int32(article)) }
        }
        #expect(numbering.keyText.count == index.keyText.count)
        #expect(all == index.postings)
        #expect(title == index.titlePostings)
        #expect(all.filter { !$0.isEmpty }.count > 500)
    }

    @Test func wordNumbersAnswerAsADictionary() {
        var table = WordNumbers(), dictionary: [UInt64: Int32] = [:]
        var generator = SystemRandomNumberGenerator()
        // Hashes that share their low bits, zero, and enough to grow the table twice.
        let hashes: [UInt64] = [0, 1, 1 << 40, 1 << 41, UInt64.max] + (0..<300_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) }
        for (i, hash) in hashes.enumerated() where i % 3 != 2 {
            table[hash] = Int32(i)
            dictionary[hash] = Int32(i)
        }
        for hash in hashes { #expect(table[hash] == dictionary[hash]) }
        table[hashes[0]] = 7
        #expect(table[hashes[0]] == 7)
    }
}
