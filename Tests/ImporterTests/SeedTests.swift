import ContentLoading
import Foundation
import Testing
@testable import Importer

/// The five seeds yield what the issue asks, and what is written loads back without errors.
@Suite struct SeedTests {
    @Test func seed001HeadlineDateAndNames() throws {
        let a = try importSeed("001")
        #expect(a.title == "مكتب الاتصال الحكومي يوقع مذكرة تفاهم مع تيك توك لإبراز الهوية الوطنية وتعزيز الاقتصاد الإبداعي")
        #expect(!a.titleGenerated)
        #expect(a.date?.description == "2024-02-28")
        #expect(a.countries.contains("QA"))
        #expect(a.organizations.map(\.name).contains("مكتب الاتصال الحكومي"))
        #expect(a.organizations.map(\.name).contains("تيك توك"))
        #expect(a.organizations.allSatisfy { !$0.isNew })
        // The date line is not a paragraph of the story.
        guard case .paragraph(let first) = a.body.first else { Issue.record("no body"); return }
        #expect(first.hasPrefix("شهدت قمة الويب قطر 2024"))
    }

    @Test func seed002KickerHighlightsDatelineCountries() throws {
        let a = try importSeed("002")
        #expect(a.kicker == "بمشاركة رؤساء وفود من قطر و9 دول")
        #expect(a.title == "كتارا تحتضن اجتماع الجمعية العمومية السادس للشبكة الدبلوماسية الدولية العامة")
        #expect(a.highlights == [
            "م.الشيباني : كتارا أعدت عددا من المشاريع الدولية لترسيخ دور الشبكة في نقل المعرفة وتبادل الخبرات",
            "نشكر وزارة الخارجية لاستحداثها برنامج الدبلوماسية الدولية العامة في قطر",
            "تدشين موقع الكتروني لتبادل المعلومات وبناء القدرات في الدول الاعضاء",
            "ورشة عمل حول وسائل التواصل الاجتماعي بمشاركة خبراء دوليين",
        ])
        #expect(a.dateline == "الدوحة")
        #expect(Set(a.countries) == ["QA", "TR", "KR", "HU", "TW", "NG", "SG", "MX", "MZ", "PH", "BA", "SE", "PL", "PT"])
        // The range "ما بين 20 إلى 22 يناير 2020" gives its first day (with a warning: it is the story's date).
        #expect(a.date?.description == "2020-01-20")
        #expect(a.warnings.contains { $0.contains("first date of the story") })
        // The dateline stays with the paragraph it opens; in-story subheads become headings.
        guard case .paragraph(let first) = a.body.first else { Issue.record("no body"); return }
        #expect(first.hasPrefix("الدوحة – كتارا : تحتضن المؤسسة العامة للحي الثقافي"))
        #expect(a.body.contains(.subheading("موقع الكتروني وورشة عمل")))
        #expect(a.organizations.map(\.name).contains("المؤسسة العامة للحي الثقافي (كتارا)"))
        #expect(!a.organizations.map(\.name).contains { $0.hasPrefix("الجمعية العمومية") })
    }

    @Test func seed003NavigationAndCommentFormGone() throws {
        let a = try importSeed("003")
        let title = "المغرب والغابون يرغبان في تطوير شراكة مثمرة في قطاع التكنولوجيات الجديدة للإعلام والاتصال"
        #expect(a.title == title)
        #expect(a.source == "أخبارنا المغربية")
        #expect(a.countries == ["MA", "GA"])
        #expect(a.date == nil)
        #expect(a.warnings.contains { $0.contains("أمس") })
        let markdown = FrontMatterWriter.markdown(a)
        #expect(markdown.components(separatedBy: title).count == 2) // the title once, in the front matter
        for gone in ["أسود الأطلس", "الركراكي", "أخنوش", "كأس إفريقيا للأمم", "لقجع", "هل ترغب بالتعليق", "ملحوظة", "التعليقات المنشورة",
                     "من شروط النشر", "و م ع", "\n*\n"] {
            #expect(!markdown.contains(gone), "\(gone) should be gone")
        }
        #expect(a.removed.filter { $0.reason == .navigation }.count + a.removed.filter { $0.reason == .furniture && $0.line <= 11 }.count == 6)
        #expect(a.body.count == 10)
    }

    @Test func seed004LinkSourceAndGeneratedTitle() throws {
        let a = try importSeed("004")
        #expect(a.sourceURL == "http://www.alriyadh.com/2047895")
        #expect(a.source == "جريدة الرياض")
        #expect(a.countries == ["SA"])
        #expect(a.titleGenerated)
        #expect(a.title == "جاء مركز التواصل الحكومي في المملكة مواكبًا لتطلعات الحراك التنموي")
        let markdown = FrontMatterWriter.markdown(a)
        #expect(!markdown.contains("[/url]"))
        #expect(!markdown.contains("لقراءة المزيد"))
        #expect(markdown.contains("title_generated: true"))
        // "وزير الإعلام" is a person's role; "لوزارة الإعلام" names the ministry.
        #expect(a.organizations.map(\.name) == ["مركز التواصل الحكومي", "وزارة الإعلام السعودية"])
    }

    @Test func seed000GeneratedTitleNamesBothOrganisations() throws {
        let a = try importSeed("000")
        #expect(a.titleGenerated)
        #expect(a.title.contains("المدينة الإعلامية قطر"))
        #expect(a.title.contains("مجموعة فضاءات ميديا"))
        #expect(a.title.split(separator: " ").count <= 14)
        #expect(a.countries == ["QA"])
        #expect(a.date == nil)
        #expect(a.warnings.contains { $0.contains("no date") })
    }

    /// Every seed's Markdown loads with the site's own front-matter reader, names intact.
    @Test(arguments: ["000", "001", "002", "003", "004"])
    func frontMatterLoads(_ prefix: String) throws {
        let a = try importSeed(prefix)
        let markdown = FrontMatterWriter.markdown(a, origin: "imported by taawun from test.txt (fnv1a 0)")
        let loaded = try ArticleLoader.parse(markdown, path: "content/articles/\(a.slug).md")
        #expect(loaded.title == a.title)
        #expect(loaded.titleGenerated == a.titleGenerated)
        #expect(loaded.date == a.date)
        #expect(loaded.kicker == a.kicker)
        #expect(loaded.highlights == a.highlights)
        #expect(loaded.summary == a.summary)
        #expect(loaded.source == a.source)
        #expect(loaded.sourceURL?.value == a.sourceURL)
        #expect(loaded.dateline == a.dateline)
        #expect(loaded.organizations.map(\.value) == a.organizations.map(\.name))
        #expect(loaded.countries.map(\.value) == a.countries)
        #expect(loaded.body.contains(a.summary.map { String($0.prefix(40)) } ?? ""))
    }
}
