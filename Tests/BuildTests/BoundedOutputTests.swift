import Authoring
import ContentLoading
import Diagnostics
import Foundation
import SiteModel
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// One article naming hundreds of organisations, built into a real site: the output grows in
/// proportion to the names, the article gets a warning at its `organizations:` field, and each
/// organisation page shows its most frequent partners and how many more there are.
@Suite(.serialized) struct BoundedOutputTests {
    /// `count` distinct Arabic organisation names that Arabic normalisation keeps apart (no
    /// clitic letters, hamza, ta marbuta or alif maqsura in the part that differs).
    static func names(_ count: Int) -> [String] {
        let letters = Array("تثجحخدذرزسشصضطظعغقمن")
        return (0..<count).map { n in
            var word = "", k = n
            repeat {
                word.append(letters[k % letters.count])
                k /= letters.count
            } while k > 0
            return "شبكة \(word) الإعلامية"
        }
    }

    /// The site's registry with these names added, as `test-org-<n>`.
    static func register(_ names: [String], in fixture: TestSite) throws {
        let registry = try String(contentsOf: fixture.root.appendingPathComponent("content/organizations.yaml"), encoding: .utf8)
        let added = names.enumerated().map { "- id: test-org-\($0)\n  name: \($1)\n" }.joined(separator: "\n")
        try fixture.write("content/organizations.yaml", registry + "\n" + added)
    }

    /// An article naming these organisations (in a block list, or on one line) and countries.
    static func article(_ title: String, names: [String], countries: [String] = ["QA"], flow: Bool = false) -> String {
        let organizations = flow ? "organizations: [\(names.joined(separator: ", "))]"
            : "organizations:\n" + names.map { "  - \($0)" }.joined(separator: "\n")
        return """
        ---
        title: "\(title)"
        date: 2024-05-01
        kicker: اختبار
        \(organizations)
        countries: [\(countries.joined(separator: ", "))]
        ---
        نص الخبر.

        """
    }

    /// Every byte the build wrote: pages, feeds, the manifest and the build cache.
    static func bytes(under folder: URL) throws -> Int {
        var total = 0
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .fileSizeKey])!
        for case let url as URL in enumerator {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .fileSizeKey])
            if values.isRegularFile == true { total += values.fileSize ?? 0 }
        }
        return total
    }

    /// The text of the first `<tag class="name"…>…</tag>` in `html`.
    static func element(_ tag: String, class name: String, in html: String) -> String? {
        guard let start = html.range(of: "<\(tag) class=\"\(name)\""),
              let end = html.range(of: "</\(tag)>", range: start.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The chips in `html`: each one's name and count, in order.
    static func chips(in html: String) -> [(name: String, count: Int?)] {
        let pattern = try! NSRegularExpression(
            pattern: "<a class=\"chip\" href=\"[^\"]*\">([^<]*?)(?: <span class=\"chip-count\">([0-9]+)</span>)?</a>")
        return pattern.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            let name = String(html[Range(match.range(at: 1), in: html)!])
            let count = Range(match.range(at: 2), in: html).flatMap { Int(html[$0]) }
            return (name, count)
        }
    }

    /// The number in a list's "و N …" line, when the line reads exactly `و N <noun>`.
    static func more(in html: String, noun: String) -> Int? {
        let pattern = try! NSRegularExpression(pattern: "<li class=\"chips-more\">و ([0-9]+) \(noun)</li>")
        guard let match = pattern.firstMatch(in: html, range: NSRange(html.startIndex..., in: html)) else { return nil }
        return Int(html[Range(match.range(at: 1), in: html)!])
    }

    @Test func outputGrowsLinearlyWithTheOrganisationsOneArticleNames() throws {
        func outputBytes(naming count: Int) throws -> Int {
            let fixture = try TestSite()
            defer { try? FileManager.default.removeItem(at: fixture.root) }
            let names = Self.names(count)
            try Self.register(names, in: fixture)
            if count > 0 { try fixture.write("content/articles/many-names.md", Self.article("خبر يسمي مؤسسات كثيرة", names: names)) }
            _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
            return try Self.bytes(under: fixture.output)
        }
        let base = try outputBytes(naming: 0)
        let with300 = try outputBytes(naming: 300), with600 = try outputBytes(naming: 600)
        // What the article and its organisations add: twice the names, at most 2.2 times the
        // bytes (every name's page shown in quadratic lists would make it nearly 4).
        let ratio = Double(with600 - base) / Double(with300 - base)
        #expect(with300 > base)
        #expect(ratio <= 2.2, "300 names add \(with300 - base) bytes, 600 add \(with600 - base): \(ratio)×")
        // And each name costs its page and feed, not a chip on every other name's page: about
        // 20 kB a name here, 200 kB when the lists were whole.
        #expect((with600 - base) / 600 < 40_000, "\((with600 - base) / 600) bytes a name")
    }

    @Test func anArticleNamingMoreThanFiftyOrganisationsIsWarnedAboutAtItsField() throws {
        let fixture = try TestSite()
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let names = Self.names(61)
        try Self.register(names, in: fixture)
        let many = Self.article("خبر يسمي إحدى وستين مؤسسة", names: names, flow: true)
        try fixture.write("content/articles/many-names.md", many)
        try fixture.write("content/articles/fifty-names.md", Self.article("خبر يسمي خمسين مؤسسة", names: Array(names.prefix(50))))
        let report = try SiteBuild(options: BuildOptions(root: fixture.root)).run()

        let line = many.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.hasPrefix("organizations:") }.map { $0 + 1 }
        #expect(line == 5)
        let found = report.warnings.filter { $0.message.contains("organisations") && $0.message.contains("names") }
        #expect(found.count == 1, "\(report.warnings)")
        let warning = try #require(found.first)
        #expect(warning.location == SourceLocation(file: "content/articles/many-names.md", line: 5, column: 1))
        #expect(warning.message.contains("61"))
        #expect(warning.hint?.contains("50") == true)
        // The same finding from `taawun check`, which runs no output at all.
        let check = SiteCheck(root: fixture.root).run()
        #expect(check.diagnostics.contains(warning))
    }

    @Test func anOrganisationPageShowsItsMostFrequentPartnersAndHowManyMore() throws {
        let fixture = try TestSite()
        defer { try? FileManager.default.removeItem(at: fixture.root) }
        let names = Self.names(300)
        try Self.register(names, in: fixture)
        let countries = ["QA", "SA", "AE", "EG", "JO", "LB", "SY", "IQ", "KW", "BH", "OM", "YE", "PS", "SD", "LY",
                         "TN", "DZ", "MA", "MR", "SO", "DJ", "KM", "TR", "IR", "FR", "DE", "GB", "US", "CN", "JP"]
        try fixture.write("content/articles/many-names.md", Self.article("خبر يسمي ثلاثمئة مؤسسة", names: names, countries: countries))
        // Three of the names appear with the first one again: they share two articles with it.
        try fixture.write("content/articles/four-names.md",
                          Self.article("خبر يسمي أربع مؤسسات", names: [names[0], names[250], names[7], names[120]]))
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()

        let page = try fixture.read("organizations/test-org-0/index.html")
        let partners = try #require(Self.element("section", class: "partners", in: page))
        let shown = Self.chips(in: partners)
        let byArabicOrder = { (a: String, b: String) in ArabicCollation.less(a, b) }
        let twice = [names[250], names[7], names[120]].sorted(by: byArabicOrder)
        let once = names.dropFirst().filter { !twice.contains($0) }.sorted(by: byArabicOrder)
        #expect(shown.count == NameLimits.partners)
        #expect(shown.map(\.name) == Array((twice + once).prefix(NameLimits.partners)))
        #expect(shown.map(\.count) == twice.map { _ in 2 } + Array(repeating: 1, count: NameLimits.partners - 3))
        #expect(Self.more(in: partners, noun: "شريكًا آخر") == 299 - NameLimits.partners)

        // The long article's card on this page: its first names, and how many more.
        let list = try #require(Self.element("section", class: "list", in: page))
        let cards = list.components(separatedBy: "<article class=\"card\">").dropFirst()
        let card = try #require(cards.first { $0.contains("خبر يسمي ثلاثمئة مؤسسة") })
        let organizations = try #require(Self.element("ul", class: "chips chips-organizations", in: card))
        #expect(Self.chips(in: organizations).map(\.name) == Array(names.prefix(NameLimits.onCard)))
        #expect(Self.more(in: organizations, noun: "مؤسسةً أخرى") == 300 - NameLimits.onCard)
        let countryChips = try #require(Self.element("ul", class: "chips chips-countries", in: card))
        #expect(Self.chips(in: countryChips).count == NameLimits.onCard)
        #expect(Self.more(in: countryChips, noun: "دولةً أخرى") == 30 - NameLimits.onCard)

        // The article's own page names every one of them.
        let (site, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))
        let slug = try #require(site.articles.first { $0.path == "content/articles/many-names.md" }?.slug)
        let article = try fixture.read("articles/\(slug)/index.html")
        let footer = try #require(Self.element("footer", class: "article-footer", in: article))
        #expect(Self.chips(in: footer).map(\.name) == names + countries.map { code in site.countries[code]!.name })
        #expect(!footer.contains("chips-more"))

        // A country page: its most frequent partner countries, and how many more.
        let qatar = try fixture.read("countries/qa/index.html")
        let countryPartners = try #require(Self.element("section", class: "partners", in: qatar))
        let all = site.partners(ofCountry: "QA")
        #expect(Self.chips(in: countryPartners).map(\.name) == all.prefix(NameLimits.partners).map(\.country.name))
        let rest = all.count - NameLimits.partners
        #expect(rest > 0)
        #expect(Self.more(in: countryPartners, noun: rest % 100 >= 3 && rest % 100 <= 10 ? "دول أخرى" : "دولةً أخرى") == rest)
    }
}
