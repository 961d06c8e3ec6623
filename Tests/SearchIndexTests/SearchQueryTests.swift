import ArabicText
import BuildState
import ContentLoading
import Foundation
import Pipeline
@testable import SearchIndex
import TaawunTesting
import Testing

/// The search as readers use it: the seed articles and the fixture articles (Fixtures/articles,
/// written for the cases of the query set) built into a site, and the query set
/// (Fixtures/queries.json: each query with the articles it must find, and for some the articles
/// it must not find) run through the site's own client, templates/assets/search.js as built
/// into public/, under node.
@Suite(.serialized) struct SearchQueryTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/SearchIndexTests/Fixtures")

    struct Query: Decodable {
        var query: String
        var `case`: String
        var expect: [String]
        /// Articles the query must not find: they share no word with it, only letters a wrong
        /// stemming rule would take for one (وكالة for آلة).
        var reject: [String]?
        var typing: Bool?
    }

    struct Answer: Decodable {
        var query: String
        var count: Int
        var titles: [String?]
        var names: [String]
        var bytes: Int
        var gzipped: Int
    }

    /// The repository's content with the fixture articles, built.
    static func builtSite() throws -> TestSite {
        let site = try TestSite(.repository)
        let folder = fixtures.appendingPathComponent("articles")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".md") {
            try site.write("content/articles/\(name)", String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
        }
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        return site
    }

    /// An article file's title, by its file name without ".md" (seed or fixture).
    static func title(of stem: String) throws -> String {
        var file = fixtures.appendingPathComponent("articles/\(stem).md")
        if !FileManager.default.fileExists(atPath: file.path) { file = Repository.articles.appendingPathComponent("\(stem).md") }
        let text = try String(contentsOf: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("title:") })
        return line.dropFirst("title:".count).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
    }

    static func node(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", fixtures.appendingPathComponent("run-queries.js").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "node run-queries.js failed (is nodejs installed? make test installs it)")
        return data
    }

    @Test func theQuerySetFindsEveryArticleItMust() throws {
        let site = try Self.builtSite()
        defer { site.remove() }
        let queries = try JSONDecoder().decode([Query].self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("queries.json")))
        #expect(queries.count >= 60)
        let answers = try JSONDecoder().decode([Answer].self, from: Self.node([
            site.output.path, Self.fixtures.appendingPathComponent("queries.json").path, "--all"]))
        #expect(answers.count == queries.count)
        var expected = 0, found = 0, precision = 0.0
        for (query, answer) in zip(queries, answers) {
            let titles = Set(answer.titles.compactMap { $0 })
            let wanted = try query.expect.map(Self.title(of:))
            let missing = wanted.filter { !titles.contains($0) }
            #expect(missing.isEmpty, "«\(query.query)» (\(query.case)) misses \(missing)")
            let wrong = try (query.reject ?? []).map(Self.title(of:)).filter(titles.contains)
            #expect(wrong.isEmpty, "«\(query.query)» (\(query.case)) finds unrelated \(wrong)")
            expected += wanted.count
            found += wanted.count - missing.count
            let top = answer.titles.prefix(10).compactMap { $0 }
            precision += top.isEmpty ? 0 : Double(top.filter(wanted.contains).count) / Double(min(10, max(top.count, wanted.count)))
        }
        let recall = Double(found) / Double(expected)
        print("search query set: \(queries.count) queries, recall \(recall), precision@10 \(precision / Double(queries.count))")
        #expect(recall == 1.0)
    }

    /// A country's demonym or capital and an organisation's alias lead to their page.
    @Test func namesLeadToTheirOrganisationOrCountry() throws {
        let site = try Self.builtSite()
        defer { site.remove() }
        let file = site.sandbox.appendingPathComponent("names.json")
        let cases: [(String, String)] = [("القطري", "country:QA"), ("الدوحة", "country:QA"), ("أنقرة", "country:TR"),
                                         ("بكتارا", "organization:katara"), ("تيكتوك", "organization:tiktok"), ("المغاربة", "country:MA")]
        try JSONSerialization.data(withJSONObject: cases.map { ["query": $0.0, "case": "name", "expect": [String]()] as [String: Any] })
            .write(to: file)
        let answers = try JSONDecoder().decode([Answer].self, from: Self.node([site.output.path, file.path]))
        for ((query, name), answer) in zip(cases, answers) {
            #expect(answer.names.contains(name), "«\(query)» suggests \(answer.names), not \(name)")
        }
    }

    /// The client folds and cuts words exactly as the build does, on every word of the seeds.
    @Test func theClientFoldsWordsAsTheBuildDoes() throws {
        let site = try Self.builtSite()
        defer { site.remove() }
        var words = Set<String>()
        for name in try FileManager.default.contentsOfDirectory(atPath: Repository.articles.path) {
            let text = try String(contentsOf: Repository.articles.appendingPathComponent(name), encoding: .utf8)
            for word in text.split(whereSeparator: { $0.isWhitespace }) { words.insert(String(word)) }
        }
        words.formUnion(["الصَّحَفِيِّين", "الأرشـــيف", "١٩٦٨", "۱۹۶۸", "ک", "ٱلْكِتَاب", "MEDIA", "مسئولية", "إلى", "عُمان",
                         "وكالة", "آلية", "الآن", "والذي", "لالتزامنا", "بلدية", "كلها", "وبعد", "وكذلك", "والذين", "فيهم", "للألعاب", "والآن", "للذين", "للتي"])
        let list = words.sorted()
        #expect(list.count > 1000)
        let file = site.sandbox.appendingPathComponent("words.txt")
        try list.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let rows = try JSONSerialization.jsonObject(with: Self.node([site.output.path, "--keys", file.path])) as? [[String]] ?? []
        #expect(rows.count == list.count)
        var differences = 0
        for row in rows where row.count >= 2 {
            let swiftKeys = ArabicNormalizer.words(row[0]).flatMap { SearchText.keys(of: $0) }
            if ArabicNormalizer.normalize(row[0]) != row[1].split(separator: " ").joined(separator: " ") || swiftKeys != Array(row.dropFirst(2)) {
                differences += 1
                if differences < 10 { Issue.record("«\(row[0])»: Swift \(ArabicNormalizer.normalize(row[0])) \(swiftKeys), JS \(row.dropFirst())") }
            }
        }
        #expect(differences == 0)
    }
}
