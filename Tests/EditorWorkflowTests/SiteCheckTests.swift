import Authoring
import ContentLoading
import Diagnostics
import Foundation
import Markdown
import TaawunTesting
import Testing

@Suite struct SiteReferenceTests {
    let page = ["articles", "مذكرة-تفاهم"]
    let base = "https://example.org/"

    @Test func resolvesRelativeAbsoluteAndFullAddressesOfThisSite() {
        #expect(SiteReference.resolve("../other-slug/", pageFolders: page, baseURL: base) == .site(["articles", "other-slug"]))
        #expect(SiteReference.resolve("../other-slug/index.html#top", pageFolders: page, baseURL: base) == .site(["articles", "other-slug", "index.html"]))
        #expect(SiteReference.resolve("/articles/x/", pageFolders: page, baseURL: base) == .site(["articles", "x"]))
        #expect(SiteReference.resolve("https://example.org/articles/x/?a=1", pageFolders: page, baseURL: base) == .site(["articles", "x"]))
        #expect(SiteReference.resolve("other.md", pageFolders: page, baseURL: base) == .site(["articles", "مذكرة-تفاهم", "other.md"]))
        #expect(SiteReference.resolve("../../images/صورة.jpg", pageFolders: page, baseURL: base) == .site(["images", "صورة.jpg"]))
    }

    @Test func decodesPercentEncodedArabic() {
        #expect(SiteReference.resolve("../%D8%AA%D8%B9%D8%A7%D9%88%D9%86/", pageFolders: page, baseURL: base) == .site(["articles", "تعاون"]))
    }

    @Test func otherSitesMailAndFragmentsAreNotChecked() {
        for url in ["https://other.example/articles/x/", "mailto:a@b.c", "#section", "//cdn.example/x.js", "", "tel:+97412345678"] {
            #expect(SiteReference.resolve(url, pageFolders: page, baseURL: base) == .elsewhere, "\(url)")
        }
    }

    @Test func aboveTheRootOrOutsideTheBasePathIsOutside() {
        #expect(SiteReference.resolve("../../../x/", pageFolders: page, baseURL: base) == .outside)
        #expect(SiteReference.resolve("/articles/x/", pageFolders: page, baseURL: "https://example.org/digest/") == .outside)
        #expect(SiteReference.resolve("/digest/articles/x/", pageFolders: page, baseURL: "https://example.org/digest/") == .site(["articles", "x"]))
    }
}

@Suite struct SiteCheckTests {
    /// A small registry, so the tests do not depend on the real one.
    static let organizations = """
        - id: qatar-media-city
          name: المدينة الإعلامية قطر
          aliases: [ميديا سيتي قطر]
          country: QA
        - id: tiktok
          name: تيك توك
          aliases: [TikTok]

        """

    func site() throws -> TestSite {
        let site = try TestSite(.repositorySettings)
        try site.write("content/organizations.yaml", Self.organizations)
        return site
    }

    /// The findings about content/ (the templates have tests of their own).
    func findings(_ site: TestSite) -> [Diagnostic] {
        SiteCheck(root: site.root).run().diagnostics.filter { $0.location.file.hasPrefix("content/") }
    }

    @Test func anArticleWhoseFrontMatterFailsIsCountedAsChecked() throws {
        let site = try site()
        defer { site.remove() }
        try site.article("a", title: "خبر أول")
        try site.article("b", title: "خبر ثان")
        try site.write("content/articles/broken.md", "---\ntitle: \"لم تغلق علامة التنصيص\ndate: 2024-03-01\n---\nنص.\n")
        let report = SiteCheck(root: site.root).run()
        #expect(report.hasErrors)
        #expect(report.diagnostics.contains { $0.location.file == "content/articles/broken.md" })
        #expect(report.articles == 3)
    }

    @Test func aCleanSiteHasNoFindingsAndNothingIsWritten() throws {
        let site = try site()
        defer { site.remove() }
        try site.article("a", title: "خبر أول", extra: "organizations: [المدينة الإعلامية قطر]\ncountries: [قطر]\n",
                         body: "انظر [الخبر الثاني](../خبر-ثان/) و[النسخة الطويلة](https://example.org/articles/خبر-ثان/).\n\n![صورة](../../images/photo.jpg)")
        try site.article("b", title: "خبر ثان", body: "العودة إلى [الأول](/articles/خبر-أول/).")
        try site.article("c", title: "مسودة", extra: "draft: true\n", body: "[الأول](../خبر-أول/index.html)")
        try site.write("content/images/photo.jpg", "jpeg")
        let report = SiteCheck(root: site.root).run()
        #expect(report.diagnostics == [])
        #expect(report.articles == 3)
        #expect(!report.hasErrors)
        let entries = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        #expect(entries == ["content", "templates"], "check must not write public/ or anything else")
    }

    @Test func reportsFrontMatterRegistryAndModelFindingsWithLocations() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("content/articles/no-title.md", "---\ndate: 2024-01-01\n---\nنص.\n")
        try site.write("content/articles/bad-date.md", "---\ntitle: تاريخ\ndate: 2024-02-30\n---\nنص.\n")
        try site.article("unknown", title: "مؤسسة ودولة", extra: "organizations: [الميدنة الإعلامية قطر]\ncountries: [أطلانتس]\n")
        try site.article("first", title: "عنوان واحد")
        try site.article("second", title: "عنوان واحد")
        let found = findings(site)

        let noTitle = try #require(found.first { $0.location.file == "content/articles/no-title.md" })
        #expect(noTitle.severity == .error && noTitle.message.contains("no title"))
        let badDate = try #require(found.first { $0.location.file == "content/articles/bad-date.md" })
        #expect(badDate.location.line == 3 && badDate.message.contains("2024-02-30"))

        let organization = try #require(found.first { $0.message.contains("الميدنة") })
        #expect(organization.severity == .warning)
        #expect(organization.hint?.contains("did you mean «المدينة الإعلامية قطر»") == true)
        #expect(organization.location.line == 4)
        let country = try #require(found.first { $0.message.contains("أطلانتس") })
        #expect(country.severity == .error && country.location.line == 5)

        let duplicate = try #require(found.first { $0.message.contains("already used") })
        #expect(duplicate.location.file == "content/articles/second.md")
        #expect(duplicate.message.contains("content/articles/first.md"))
        #expect(found.allSatisfy { $0.hint != nil }, "every finding carries a hint")
    }

    @Test func brokenLinksToArticlesArePointedAtInTheFile() throws {
        let site = try site()
        defer { site.remove() }
        try site.article("target", title: "الهدف")
        // Body starts on line 5: the link on the body's third line is on line 7 of the file.
        try site.article("links", title: "روابط", body: """
            فقرة أولى.

            انظر [خبرًا مفقودًا](../الهذف/) و[ملفًا](missing.md) و[ملف الهدف](target.md).
            [بعيد](../../../etc/) [موجود](../%D8%A7%D9%84%D9%87%D8%AF%D9%81/) [خارجي](https://other.example/x)
            """)
        let found = findings(site)
        #expect(found.count == 4, "\(found)")

        let missing = try #require(found.first { $0.message.contains("الهذف") })
        #expect(missing.severity == .error)
        #expect(missing.location == SourceLocation(file: "content/articles/links.md", line: 7, column: 20))
        #expect(missing.hint?.contains("did you mean ../الهدف/") == true)

        let missingFile = try #require(found.first { $0.message.contains("missing.md") })
        #expect(missingFile.severity == .error && missingFile.location.line == 7)
        let markdownFile = try #require(found.first { $0.message.contains("target.md") })
        #expect(markdownFile.severity == .warning && markdownFile.hint?.contains("../الهدف/") == true)
        let outside = try #require(found.first { $0.message.contains("outside") })
        #expect(outside.location.line == 8)
    }

    @Test func linksFromPublishedArticlesToDraftsAreWarnings() throws {
        let site = try site()
        defer { site.remove() }
        try site.article("draft", title: "مسودة", extra: "draft: true\n")
        try site.article("published", title: "منشور", body: "[المسودة](../مسودة/)")
        let found = findings(site)
        #expect(found.count == 1)
        #expect(found.first?.severity == .warning && found.first?.message.contains("draft") == true)
    }

    @Test func linksAreStillCheckedWhenOtherArticlesHaveErrors() throws {
        let site = try site()
        defer { site.remove() }
        try site.article("country", title: "دولة مجهولة", extra: "countries: [أطلانتس]\n", body: "[موجود](../الهدف/) [مفقود](../لا-شيء/)")
        try site.article("target", title: "الهدف", body: "[العودة](../دولة-مجهولة/)")
        let found = findings(site)
        #expect(found.filter { $0.message.contains("no article") }.map(\.message) == [
            "the link «../لا-شيء/» points to articles/لا-شيء/, but no article has that address",
        ])
        #expect(found.contains { $0.message.contains("أطلانتس") })
    }

    @Test func imagesMustBeFilesUnderContentImages() throws {
        let site = try site()
        defer { site.remove() }
        try site.write("content/images/2024/photo.jpg", "jpeg")
        try site.write("content/images/logo.png", "png")
        try site.article("images", title: "صور", body: """
            ![موجودة](../../images/2024/photo.jpg)
            ![مفقودة](../../images/2024/fhoto.jpg)
            ![في مكان خطأ](logo.png)
            ![بعيدة](https://cdn.example/x.png)
            """)
        let found = findings(site)
        #expect(found.count == 2, "\(found)")
        let missing = try #require(found.first { $0.message.contains("fhoto") })
        #expect(missing.location == SourceLocation(file: "content/articles/images.md", line: 6, column: 11))
        #expect(missing.hint?.contains("did you mean 2024/photo.jpg") == true)
        let misplaced = try #require(found.first { $0.message.contains("logo.png") })
        #expect(misplaced.hint?.contains("../../images/logo.png") == true)
    }

    @Test func templateErrorsAreFindings() throws {
        let site = try site()
        defer { site.remove() }
        try site.article("a", title: "خبر")
        try site.write("templates/article.mustache", "{{#broken}}\n")
        let found = SiteCheck(root: site.root).run().diagnostics
        #expect(found.contains { $0.severity == .error && $0.location.file.hasPrefix("templates/") }, "\(found)")
    }

    @Test func theRepositorysOwnContentChecksWithoutWriting() throws {
        let root = Repository.root
        let publicFolder = root.appendingPathComponent("public")
        let existed = FileManager.default.fileExists(atPath: publicFolder.path)
        let report = SiteCheck(root: root).run()
        #expect(report.diagnostics.errors == [], "\(report.diagnostics.errors)")
        #expect(FileManager.default.fileExists(atPath: publicFolder.path) == existed)
    }
}
