import ContentLoading
import Diagnostics
import Foundation
import Gazetteer
import TaawunTesting
import Testing
@testable import SiteModel

/// Builds content from front-matter snippets, as an editor would write them.
func content(_ articles: [(String, String)], organizations: [OrganizationRecord] = [], countries: [CountryRecord] = []) throws -> Content {
    let sources = try articles.map { path, text in try ArticleLoader.parse(text, path: path) }
    return Content(config: SiteConfig(), organizations: organizations, countries: countries, articles: sources, diagnostics: [])
}

let registry = [
    OrganizationRecord(id: "qatar-media-city", name: "المدينة الإعلامية قطر", aliases: ["ميديا سيتي قطر"], country: "QA",
                       website: nil, description: nil, location: SourceLocation(file: "o.yaml")),
    OrganizationRecord(id: "katara", name: "المؤسسة العامة للحي الثقافي", aliases: ["كتارا"], country: "QA",
                       website: nil, description: nil, location: SourceLocation(file: "o.yaml")),
    OrganizationRecord(id: "tiktok", name: "تيك توك", aliases: ["TikTok"], country: nil,
                       website: nil, description: nil, location: SourceLocation(file: "o.yaml")),
]

@Suite struct CountryGazetteerTests {
    let gazetteer = CountryGazetteer(overrides: [CountryRecord(code: "PS", name: nil, aliases: ["الأراضي المحتلة"], location: SourceLocation(file: "c.yaml"))])

    @Test func resolvesCodesICUNamesAndVariants() {
        #expect(gazetteer.code(for: "qa") == "QA")
        #expect(gazetteer.code(for: "قطر") == "QA")
        #expect(gazetteer.code(for: "المغرب") == "MA")
        #expect(gazetteer.code(for: "نيجريا") == "NG")
        #expect(gazetteer.code(for: "السعوديه") == "SA")
        #expect(gazetteer.code(for: "فلسطين") == "PS")
        #expect(gazetteer.code(for: "الأراضي المحتلة") == "PS")
        #expect(gazetteer.code(for: "XX") == nil)
        #expect(gazetteer.code(for: "أطلانتس") == nil)
    }

    @Test func showsNewsroomNames() {
        #expect(gazetteer.name(for: "CN") == "الصين")
        #expect(gazetteer.name(for: "qa") == "قطر")
    }
}

@Suite struct SiteBuilderTests {
    @Test func resolvesOrganisationsByNameAliasAndIdAfterNormalisation() throws {
        let (site, warnings) = try SiteBuilder.build(content([
            ("a.md", "---\ntitle: أ\ndate: 2024-01-02\norganizations: [المدينه الاعلاميه قطر, كتارا, tiktok]\ncountries: [قطر]\n---\nنص.\n"),
        ], organizations: registry))
        #expect(warnings.isEmpty)
        #expect(site.articles[0].organizationIDs == ["qatar-media-city", "katara", "tiktok"])
        #expect(site.articles[0].countryCodes == ["QA"])
    }

    @Test func unknownOrganisationGetsAPageAndAWarningWithSuggestion() throws {
        let (site, warnings) = try SiteBuilder.build(content([
            ("content/articles/a.md", "---\ntitle: أ\norganizations:\n  - المدينة الإعلامية في قطر\n  - مجموعة فضاءات ميديا\n---\n"),
            ("content/articles/b.md", "---\ntitle: ب\norganizations: [مجموعه فضاءات ميديا]\n---\n"),
        ], organizations: registry))
        let discovered = site.organizations.values.filter { !$0.isRegistered }
        #expect(discovered.count == 2)
        let faddaat = try #require(discovered.first { $0.name.contains("فضاءات") })
        #expect(site.articles(ofOrganization: faddaat.id).count == 2)
        #expect(warnings.count == 2)
        #expect(warnings[0].location == SourceLocation(file: "content/articles/a.md", line: 4, column: 5))
        #expect(warnings[0].hint?.contains("المدينة الإعلامية قطر") == true)
    }

    @Test func unknownCountryAndUnsafeOrDuplicateSlugsAreErrors() throws {
        do throws(DiagnosticsError) {
            _ = try SiteBuilder.build(try! content([
                ("content/articles/a.md", "---\ntitle: خبر واحد\ncountries: [قطرر]\n---\n"),
                ("content/articles/b.md", "---\ntitle: خبر واحد\n---\n"),
                ("content/articles/c.md", "---\ntitle: ج\nslug: ../../etc\n---\n"),
            ]))
            Issue.record("expected errors")
        } catch {
            let messages = error.diagnostics.map(\.message)
            #expect(error.diagnostics.count == 3)
            #expect(messages.contains { $0.contains("قطرر") })
            #expect(error.diagnostics.first { $0.message.contains("قطرر") }?.hint?.contains("قطر") == true)
            #expect(messages.contains { $0.contains("already used by content/articles/a.md") })
            #expect(messages.contains { $0.contains("../../etc") })
        }
    }

    @Test func slugsKeepArabicAndFallBackToTheFileName() throws {
        let (site, _) = try SiteBuilder.build(content([
            ("content/articles/a.md", "---\ntitle: \"كتارا تحتضن اجتماعَ الجمعية\"\n---\n"),
            ("content/articles/only-marks.md", "---\ntitle: \"؟!\"\n---\n"),
            ("content/articles/c.md", "---\ntitle: ج\nslug: my-slug\n---\n"),
        ]))
        #expect(Set(site.articles.map(\.slug)) == ["كتارا-تحتضن-اجتماع-الجمعية", "only-marks", "my-slug"])
    }

    @Test func ordersNewestFirstWithUndatedLastAndFindsRelatedAndPartners() throws {
        let (site, _) = try SiteBuilder.build(content([
            ("1.md", "---\ntitle: قديم\ndate: 2020-01-20\norganizations: [كتارا, تيك توك]\ncountries: [QA, TR]\n---\n"),
            ("2.md", "---\ntitle: جديد\ndate: 2024-02-28\norganizations: [كتارا]\ncountries: [QA]\n---\n"),
            ("3.md", "---\ntitle: بلا تاريخ\norganizations: [تيك توك]\n---\n"),
            ("4.md", "---\ntitle: أحدث\ndate: 2024-03-01\ncountries: [SA]\n---\n"),
        ], organizations: registry))
        #expect(site.articles.map(\.title) == ["أحدث", "جديد", "قديم", "بلا تاريخ"])
        let old = site.articles[2]
        #expect(site.related(to: old).map(\.title) == ["جديد", "بلا تاريخ"])
        #expect(site.partners(ofOrganization: "katara").map(\.organization.id) == ["tiktok"])
        #expect(site.partners(ofCountry: "QA").map { $0.country.code } == ["TR"])
        #expect(site.countriesWithArticles.map(\.code).sorted() == ["QA", "SA", "TR"])
        #expect(site.organizations(basedIn: "QA").map(\.id).sorted() == ["katara", "qatar-media-city"])
    }

    @Test func summaryFallsBackToTheFirstParagraphCutAtAWord() throws {
        let long = String(repeating: "كلمة ", count: 80)
        let (site, _) = try SiteBuilder.build(content([("a.md", "---\ntitle: أ\n---\n\(long)\n\nفقرة ثانية.\n")]))
        let summary = site.articles[0].summary
        #expect(summary.count <= SiteBuilder.summaryLimit + 1)
        #expect(summary.hasSuffix("كلمة…"))
    }
}

@Suite struct CollationMemoTests {
    /// The registry's real names, some of them twice with other keys, and look-alikes that differ
    /// only in hamza, diacritics or tatweel (which ICU orders at a lower level).
    static let entries: [(key: String, name: String)] = {
        var entries = ContentLoader.loadRegistries(Repository.layout).organizations.map { ($0.id, $0.name) }
        entries += [("a1", "أحمد"), ("a2", "احمد"), ("a3", "أحمـد"), ("a4", "أَحمد"), ("dup", entries[0].1), ("q", "قطر")]
        return entries
    }()

    @Test func rememberedOrderGivesICUsRanks() {
        let plain = ArabicCollation.ranks(Self.entries)
        let memo = CollationMemo()
        #expect(ArabicCollation.ranks(Self.entries, memo: memo) == plain)
        #expect(memo.sortedLists.count == 1)
        // Second time from memory, and from a copy read back like the build cache's.
        #expect(ArabicCollation.ranks(Self.entries, memo: memo) == plain)
        let restored = CollationMemo()
        restored.restore(memo.sortedLists)
        #expect(ArabicCollation.ranks(Self.entries.reversed(), memo: restored) == plain)
        // A subset is ranked from the remembered list; a new name makes ICU sort again.
        let subset = Array(Self.entries.prefix(8))
        #expect(ArabicCollation.ranks(subset, memo: restored) == ArabicCollation.ranks(subset))
        let grown = Self.entries + [("new", "مؤسسة جديدة")]
        #expect(ArabicCollation.ranks(grown, memo: restored) == ArabicCollation.ranks(grown))
        #expect(restored.sortedLists.count == 2)
    }
}
