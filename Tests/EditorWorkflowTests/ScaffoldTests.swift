import ArabicText
import Authoring
import ContentLoading
import Foundation
import TaawunTesting
import Testing

@Suite struct ArticleScaffoldTests {
    let day = Day(year: 2024, month: 2, day: 28)!

    @Test func parsesWithoutErrorsAsADraftWithEveryFieldEmpty() throws {
        let scaffold = try ArticleScaffold(title: "المدينة الإعلامية قطر توقّع مذكرة تفاهم", date: day)
        let article = try ArticleLoader.parse(scaffold.text, path: "content/articles/\(scaffold.fileStem).md")
        #expect(article.title == "المدينة الإعلامية قطر توقّع مذكرة تفاهم")
        #expect(article.date == day)
        #expect(article.draft)
        #expect(!article.titleGenerated)
        #expect(article.slug == nil)
        #expect(article.kicker == nil && article.summary == nil && article.source == nil && article.dateline == nil)
        #expect(article.sourceURL == nil)
        #expect(article.highlights.isEmpty && article.organizations.isEmpty && article.countries.isEmpty)
        #expect(!article.body.isEmpty)
    }

    @Test func writesEveryFieldInOrderEachUnderAnArabicComment() throws {
        let lines = try ArticleScaffold(title: "عنوان", date: day).text.split(separator: "\n", omittingEmptySubsequences: false)
        let fieldLines = lines.enumerated().filter { _, line in !line.hasPrefix("#") && (line.contains(": ") || line.hasSuffix(":")) }
        let keys = fieldLines.map { String($0.element.prefix { $0 != ":" }) }
        #expect(keys == ArticleSource.fields)
        for (index, _) in fieldLines {
            let comment = lines[index - 1]
            #expect(comment.hasPrefix("# "))
            #expect(comment.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) }, "the comment above line \(index + 1) is not Arabic")
        }
        #expect(lines.contains("date: 2024-02-28"))
        #expect(lines.contains("draft: true"))
        #expect(lines.contains("kicker: \"\""))
        #expect(lines.contains("highlights: []"))
        #expect(!lines.contains { $0.last == " " }, "no trailing spaces")
    }

    @Test func titlesWithQuotesColonsAndBackslashesSurviveTheRoundTrip() throws {
        let title = #"الدوحة: "تيك توك" توقّع \ اتفاقية"#
        let article = try ArticleLoader.parse(try ArticleScaffold(title: title, date: day).text, path: "a.md")
        #expect(article.title == title)
    }

    @Test func theFileIsNamedAfterTheTitlesSlug() throws {
        let title = "مكتب الاتصال الحكومي يوقّع مذكرة تفاهم مع «تيك توك»"
        let scaffold = try ArticleScaffold(title: title, date: day)
        #expect(scaffold.fileStem == Slug.make(from: title))
        #expect(try ArticleScaffold(title: title, date: day, fileStem: "tiktok-mou").fileStem == "tiktok-mou")
    }

    @Test func refusesTitlesWithoutWordsAndUnsafeFileNames() {
        #expect(throws: ScaffoldError.emptyTitle) { try ArticleScaffold(title: "  \n ", date: day) }
        #expect(throws: ScaffoldError.noFileName(title: "«؟!»")) { try ArticleScaffold(title: "«؟!»", date: day) }
        #expect(throws: ScaffoldError.unsafeFileName("../x")) { try ArticleScaffold(title: "عنوان", date: day, fileStem: "../x") }
    }

    @Test func writesTheFileAndNeverOverwritesOne() throws {
        let site = try TestSite(.repositorySettings)
        defer { site.remove() }
        let scaffold = try ArticleScaffold(title: "خبر جديد", date: day)
        let url = try scaffold.write(in: site.layout)
        #expect(url == site.layout.articles.appendingPathComponent("خبر-جديد.md"))
        #expect(try String(contentsOf: url, encoding: .utf8) == scaffold.text)

        try "نص المحرر".write(to: url, atomically: true, encoding: .utf8)
        #expect(throws: ScaffoldError.exists("content/articles/خبر-جديد.md")) { try scaffold.write(in: site.layout) }
        #expect(try String(contentsOf: url, encoding: .utf8) == "نص المحرر")
        #expect(ScaffoldError.exists("content/articles/خبر-جديد.md").diagnostic.location.file == "content/articles/خبر-جديد.md")
    }

    @Test func refusesAFolderWithoutContent() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: ScaffoldError.self) { try ArticleScaffold(title: "عنوان", date: day).write(in: SiteLayout(root: folder)) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("content").path))
    }
}
