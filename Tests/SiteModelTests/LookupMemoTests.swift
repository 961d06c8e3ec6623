import ContentLoading
import Diagnostics
import Gazetteer
import Testing
@testable import SiteModel

/// Each written name is looked up once per build; the results must be what a look-up per
/// mention gives, with the same diagnostics in the same places.
@Suite struct LookupMemoTests {
    @Test func repeatedAndCanonicallyEqualSpellingsResolveAsEachAlone() throws {
        let nfc = "المدينة الإعلامية قطر"
        let nfd = nfc.decomposedStringWithCanonicalMapping
        let names = [nfc, nfd, "كتارا", "مجموعة فضاءات ميديا", "مجموعه فضاءات ميديا", "tiktok", "e\u{301}cole", "\u{e9}cole"]
        var files: [(String, String)] = []
        for i in 0..<24 {
            let picked = (0..<3).map { names[(i * 5 + $0 * 3) % names.count] }
            let countries = ["قطر", "QA", "qa", "السعوديه"][i % 4]
            files.append(("content/articles/a\(i).md",
                          "---\ntitle: خبر \(i)\ndate: 2024-01-\(10 + i % 15)\norganizations:\n" + picked.map { "  - \($0)\n" }.joined()
                          + "countries: [\(countries)]\n---\nنص.\n"))
        }
        let content = try content(files, organizations: registry)
        let (site, warnings) = try SiteBuilder.build(content)
        let directory = OrganizationDirectory(records: registry)
        let gazetteer = CountryGazetteer()
        for source in content.articles {
            var expected: [String] = []
            for written in source.organizations {
                let id = directory.registeredID(for: written.value) ?? OrganizationDirectory.unregistered(named: written.value)!.id
                if !expected.contains(id) { expected.append(id) }
            }
            let article = try #require(site.articles.first { $0.path == source.path })
            #expect(article.organizationIDs == expected)
            #expect(article.countryCodes == source.countries.compactMap { gazetteer.code(for: $0.value) })
        }
        // One warning per discovered organisation, at its first mention, in location order.
        let discovered = Set(site.organizations.values.filter { !$0.isRegistered }.map(\.id))
        #expect(warnings.count == discovered.count)
        #expect(warnings == warnings.sortedByLocation())
    }

    @Test func everyMentionThatIsNotANameIsAnError() {
        do throws(DiagnosticsError) {
            _ = try SiteBuilder.build(try! content([
                ("content/articles/a.md", "---\ntitle: أ\norganizations: [\"؟!\", كتارا]\ncountries: [قطرر]\n---\n"),
                ("content/articles/b.md", "---\ntitle: ب\norganizations: [\"؟!\"]\ncountries: [قطرر, QA]\n---\n"),
            ], organizations: registry))
            Issue.record("expected errors")
        } catch {
            #expect(error.diagnostics.map(\.location.file) == ["content/articles/a.md", "content/articles/a.md", "content/articles/b.md", "content/articles/b.md"])
            #expect(error.diagnostics.filter { $0.message.contains("is not an organisation name") }.count == 2)
            #expect(error.diagnostics.filter { $0.message.contains("قطرر") }.count == 2)
        }
    }
}
