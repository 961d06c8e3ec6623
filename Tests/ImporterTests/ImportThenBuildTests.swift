import ArabicText
import ContentLoading
import Foundation
import SiteModel
import TaawunTesting
import Testing
@testable import BuildState
@testable import Importer
@testable import Pipeline

/// What `taawun import` writes, built by `taawun build`: the organisation pages are the ones the
/// importer's names call for. Two universities' faculties of one name get a page each (issue #17).
@Suite(.serialized) struct ImportThenBuildTests {
    @Test func facultiesOfTwoUniversitiesGetAPageEach() throws {
        let stories = [
            """
            كلية الإعلام بجامعة القاهرة توقع بروتوكول تعاون لتدريب الطلاب
            القاهرة - 4 مارس 2025 - وقعت كلية الإعلام بجامعة القاهرة بروتوكول تعاون مع نقابة الصحفيين المصرية لتدريب طلاب الفرقة الرابعة.
            وقال رئيس جامعة القاهرة إن البروتوكول يمتد ثلاث سنوات.
            """,
            """
            جامعة بغداد كلية الإعلام تعقد مؤتمرها العلمي
            بغداد - 7 تشرين الأول 2024 - عقدت جامعة بغداد كلية الإعلام مؤتمرها العلمي الدولي الرابع عن الإعلام والذكاء الاصطناعي.
            وناقش المؤتمر خمسين بحثا في محاور الصحافة الآلية.
            """,
        ]
        var files: [String: String] = [:]
        var slugs: [String: String] = [:] // organisation name → the slug of the story naming it, for one-story names
        for (k, story) in stories.enumerated() {
            let a = sharedImporter.importArticle(story, sourceURL: nil, fallbackSlug: "story\(k)")
            files["\(a.slug).md"] = FrontMatterWriter.markdown(a, origin: "imported by taawun from story\(k).txt (fnv1a 0)")
            for o in a.organizations { slugs[o.name] = a.slug }
        }
        let fixture = try TestSite(.repositorySettings, articles: files)
        defer { fixture.remove() }
        _ = try SiteBuild(options: BuildOptions(root: fixture.root)).run()
        let (site, _) = try SiteBuilder.build(ContentLoader.load(fixture.layout, includeDrafts: false))

        let byName = Dictionary(site.organizations.values.map { ($0.name, $0.id) }, uniquingKeysWith: { a, _ in a })
        #expect(byName["كلية الإعلام"] == nil)
        for name in ["كلية الإعلام بجامعة القاهرة", "كلية الإعلام بجامعة بغداد", "جامعة القاهرة"] {
            let id = try #require(byName[name], "no organisation named \(name)")
            let path = "organizations/\(id)/index.html"
            let html = try fixture.read(path)
            let heading = html.components(separatedBy: "<h1").dropFirst().first ?? ""
            #expect(heading.contains(name), "\(path) is not headed «\(name)»")
            let main = html.components(separatedBy: "<main").last ?? html
            let listed = Set(HTML.attributeValues("href", in: main).compactMap { href -> String? in
                guard let target = HTML.resolve(href, from: path), target.hasPrefix("articles/") else { return nil }
                return String(target.dropFirst("articles/".count).dropLast("/index.html".count))
            })
            #expect(listed == [slugs[name]!], "\(path) lists \(listed)")
        }
    }
}
