import Testing
@testable import Markdown

@Suite struct MarkdownRendererTests {
    @Test func rendersCommonMarkAndShiftsHeadings() {
        let result = MarkdownRenderer.render("# عنوان\n\nفقرة **أولى**\nتكملة.\n\n- بند\n")
        #expect(result.html.contains("<h2>عنوان</h2>"))
        #expect(result.html.contains("<strong>أولى</strong>"))
        #expect(result.html.contains("<li>بند</li>"))
        #expect(result.firstParagraph == "فقرة أولى تكملة.")
    }

    @Test func safeModeDropsRawHTMLAndScriptLinks() {
        let result = MarkdownRenderer.render("<script>alert(1)</script>\n\n[اضغط](javascript:alert(1)) <b onclick=x>ب</b>\n")
        #expect(!result.html.contains("<script"))
        #expect(!result.html.contains("javascript:"))
        #expect(!result.html.contains("onclick"))
        #expect(result.html.contains("raw HTML omitted"))
    }

    @Test func unsafeModeIsAnExplicitOptIn() {
        let result = MarkdownRenderer.render("<div class=\"box\">نص</div>\n", allowUnsafeHTML: true)
        #expect(result.html.contains("<div class=\"box\">"))
    }

    @Test func reportsLinksAndImagesWithPositions() {
        let md = "مقدمة\n\nانظر [الخبر](../other/) و![صورة](images/a.jpg).\n"
        let result = MarkdownRenderer.render(md)
        #expect(result.links == [MarkdownReference(url: "../other/", line: 3, column: 14)])
        #expect(result.images.map(\.url) == ["images/a.jpg"])
        #expect(result.images.first?.line == 3)
    }

    @Test func bodyHeadingsFollowThePageTitleWithoutSkippingLevels() {
        func levels(_ md: String) -> [String] {
            let html = MarkdownRenderer.render(md).html
            return html.split(separator: "\n").filter { $0.hasPrefix("<h") }.map { String($0.prefix(4)) }
        }
        #expect(levels("أ\n\n#### ب\n\nج\n\n#### د\n") == ["<h2>", "<h2>"])
        #expect(levels("## أ\n\n#### ب\n\n### ج\n\n## د\n") == ["<h2>", "<h3>", "<h3>", "<h2>"])
        #expect(levels("# أ\n\n## ب\n") == ["<h2>", "<h3>"])
        #expect(!MarkdownRenderer.render("`<h4>` و<h4>خام</h4>\n").html.contains("<h2"))
    }
}
