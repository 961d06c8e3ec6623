import Authoring
import ContentLoading
import Diagnostics
import Foundation
import TaawunTesting
import Testing
@testable import BuildState
@testable import Pipeline

/// An article's lead picture (`image`, `image_alt`, `image_caption`), end to end: read from the
/// front matter, shown at the top of the article page from content/images/, named as its
/// og:image, checked by check and build alike, and kept right by incremental builds.
@Suite(.serialized) struct LeadImageTests {
    let picture = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) // a PNG's signature: bytes, not text

    func site(image: String = "2024/توقيع المذكرة.png", alt: String = "ممثلا المؤسستين يوقعان المذكرة",
              caption: String = "من توقيع المذكرة في الدوحة") throws -> TestSite {
        let site = try TestSite()
        try site.write("content/images/2024/توقيع المذكرة.png", picture)
        try site.article("lead-image", title: "خبر بصورة رئيسية", extra: """
            image: "\(image)"
            image_alt: "\(alt)"
            image_caption: "\(caption)"
            slug: خبر-بصورة

            """)
        return site
    }

    @Test func thePictureLeadsTheArticleAndIsItsOpenGraphImage() throws {
        let site = try site()
        defer { site.remove() }
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let page = "articles/خبر-بصورة/index.html"
        let html = try site.read(page)
        let figure = try #require(HTML.matches("<figure class=\"lead-image\">(.*?)</figure>", in: html.replacingOccurrences(of: "\n", with: " ")).first)
        let src = try #require(HTML.attributeValues("src", in: figure).first)
        let target = try #require(HTML.resolve(src, from: page))
        #expect(FileManager.default.contents(atPath: site.output.appendingPathComponent(target).path) == picture, "\(src) → \(target)")
        #expect(HTML.attributeValues("alt", in: figure) == ["ممثلا المؤسستين يوقعان المذكرة"])
        #expect(figure.contains("<figcaption>من توقيع المذكرة في الدوحة</figcaption>"))
        let openGraph = HTML.matches("<meta property=\"og:image\" content=\"([^\"]*)\"", in: html)
        let base = ContentLoader.config(site.layout).baseURL
        #expect(openGraph == [base + (base.hasSuffix("/") ? "" : "/") + "images/2024/%D8%AA%D9%88%D9%82%D9%8A%D8%B9%20%D8%A7%D9%84%D9%85%D8%B0%D9%83%D8%B1%D8%A9.png"])
        // Pages without a picture name none.
        #expect(!(try site.read("index.html")).contains("og:image"))
    }

    /// Changing only the caption, the picture or its text changes the article's page on the next
    /// build, whichever way the build updates, and the result is a clean build's.
    @Test(arguments: ["image_caption", "image_alt", "image"])
    func anEditOfTheFieldsUpdatesThePage(field: String) throws {
        let site = try site()
        defer { site.remove() }
        try site.write("content/images/2024/أخرى.png", picture + Data([1]))
        _ = try SiteBuild(options: BuildOptions(root: site.root)).run()
        let file = site.root.appendingPathComponent("content/articles/lead-image.md")
        let replacement = ["image_caption": "تعليق جديد تحت الصورة", "image_alt": "وصف جديد للصورة", "image": "2024/أخرى.png"][field]!
        let lines = try String(contentsOf: file, encoding: .utf8).components(separatedBy: "\n")
            .map { $0.hasPrefix("\(field): ") ? "\(field): \"\(replacement)\"" : $0 }
        try lines.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
        let report = try SiteBuild(options: BuildOptions(root: site.root)).run()
        #expect(report.written >= 1)
        let page = try site.read("articles/خبر-بصورة/index.html")
        let shown = field == "image" ? "أخرى.png".addingPercentEncoding(withAllowedCharacters: .urlPathAllowed)! : replacement
        #expect(page.contains(shown))
        let clean = site.root.appendingPathComponent("clean")
        _ = try SiteBuild(options: BuildOptions(root: site.root, output: clean)).run()
        #expect(try TestSite.tree(site.output) == TestSite.tree(clean))
    }

    /// A picture that is not in content/images/ is an error of check and build alike, at the
    /// field's line; a picture without its text for blind readers is a warning.
    @Test func aMissingPictureIsAnErrorAndAPictureWithoutTextAWarning() throws {
        let site = try site(image: "2024/غير-موجودة.png")
        defer { site.remove() }
        let checked = SiteCheck(root: site.root).run().diagnostics.filter { $0.location.file == "content/articles/lead-image.md" }
        #expect(checked.map(\.severity) == [.error])
        #expect(checked.first?.message == "the image content/images/2024/غير-موجودة.png does not exist")
        #expect(checked.first?.location.line == 4)
        #expect(throws: DiagnosticsError.self) { try SiteBuild(options: BuildOptions(root: site.root)).run() }

        let unlabelled = try self.site(alt: "")
        defer { unlabelled.remove() }
        let report = try SiteBuild(options: BuildOptions(root: unlabelled.root)).run()
        #expect(report.warnings.contains { $0.message == "the image has no image_alt" && $0.location.line == 4 })
    }
}
