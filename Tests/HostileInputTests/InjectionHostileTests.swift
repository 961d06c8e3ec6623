import ContentLoading
import Diagnostics
import Foundation
import Markdown
import TaawunTesting
import Testing

/// Markup and script smuggled in through every field that reaches a page, a feed or the sitemap.
/// Each must come out as text: escaped in HTML and XML, never as a tag or an attribute.
@Suite struct InjectionHostileTests {
    static let script = "<script>alert(1)</script>"
    static let breakout = "x\" onmouseover=\"alert(1)\" data-x=\""
    static let singleQuoteBreakout = "x' onmouseover='alert(1)' data-x='"

    /// YAML double-quoted text for `value`.
    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Every built file that a browser or a feed reader parses.
    func markupFiles(_ site: TestSite) throws -> [(String, String)] {
        try TestSite.tree(site.output).filter { $0.key.hasSuffix(".html") || $0.key.hasSuffix(".xml") }
            .map { ($0.key, String(decoding: $0.value, as: UTF8.self)) }.sorted { $0.0 < $1.0 }
    }

    func expectNoLiveMarkup(_ files: [(String, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for (path, text) in files {
            #expect(!text.contains("<script>alert"), "\(path) has a live <script>", sourceLocation: sourceLocation)
            #expect(!text.contains("onmouseover=\"alert"), "\(path) has an attribute broken out of its quotes", sourceLocation: sourceLocation)
            #expect(!text.contains("onmouseover='alert"), "\(path) has an attribute broken out of its quotes", sourceLocation: sourceLocation)
            #expect(!text.contains("<img src=x onerror"), "\(path) has a live <img>", sourceLocation: sourceLocation)
            #expect(!text.lowercased().contains("href=\"javascript:"), "\(path) links to javascript:", sourceLocation: sourceLocation)
        }
    }

    @Test func markupInEveryFrontMatterFieldIsEscapedEverywhere() throws {
        let fields = [
            "title: \(Self.quoted(Self.script + " تعاون " + Self.breakout))",
            "kicker: \(Self.quoted(Self.singleQuoteBreakout + "<b>عاجل</b>"))",
            "highlights: [\(Self.quoted(Self.script)), \(Self.quoted("<img src=x onerror=alert(1)>"))]",
            "summary: \(Self.quoted("ملخص " + Self.breakout + Self.script))",
            "source: \(Self.quoted("وكالة " + Self.script + Self.breakout))",
            "source_url: \(Self.quoted("https://example.org/a?q=\"><script>alert(1)</script>&x='y'"))",
            "dateline: \(Self.quoted(Self.script))",
            "organizations: [\(Self.quoted("منصة " + Self.script)), \(Self.quoted(Self.breakout))]",
            "slug: hostile",
        ].joined(separator: "\n")
        let site = try TestSite(.minimal, articles: [
            "hostile.md": "---\n\(fields)\ndate: 2024-02-28\n---\nنص الخبر.\n",
            "other.md": TestSite.articleText(title: "خبر عادي", "organizations: [\(Self.quoted("منصة " + Self.script))]"),
        ])
        defer { site.remove() }
        let errors = site.buildErrors()
        #expect(errors.isEmpty, "\(errors.text)")
        let files = try markupFiles(site)
        #expect(files.count > 5)
        expectNoLiveMarkup(files)

        let article = try site.read("articles/hostile/index.html")
        #expect(article.contains("&lt;script&gt;alert(1)&lt;/script&gt; تعاون"))
        #expect(article.contains("&lt;b&gt;عاجل&lt;/b&gt;"))
        // Every organisation page (one per hostile name) exists inside the output, escaped.
        let organisationPages = files.filter { $0.0.hasPrefix("organizations/") && $0.0.hasSuffix("/index.html") && $0.0 != "organizations/index.html" }
        #expect(organisationPages.count >= 2)
        let feed = try site.read("feed.xml")
        #expect(feed.contains("&lt;script&gt;") || feed.contains("&amp;lt;script&amp;gt;"))
    }

    @Test(arguments: [
        "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
        "//evil.example/x", "/relative/path", "example.org/news", "https://", "http:///nohost", "mailto:a@b.c",
        "ftp://example.org/x",
    ])
    func aSourceURLThatIsNotAWebAddressIsRefused(url: String) {
        do {
            _ = try ArticleLoader.parse("---\ntitle: خبر\nsource_url: \(Self.quoted(url))\n---\nنص\n", path: "a.md")
            Issue.record("\(url) was accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics.first?.location.line == 3)
            #expect(error.diagnostics.first?.message.contains("http://") == true)
        }
    }

    @Test func aWebAddressWithQuotesIsAcceptedButNeverBreaksTheAttribute() throws {
        let site = try TestSite(.minimal, articles: [
            "a.md": TestSite.articleText("slug: a\nsource: وكالة\nsource_url: \(Self.quoted("https://example.org/a\"onmouseover=\"alert(1)"))"),
        ])
        defer { site.remove() }
        _ = site.buildErrors()
        if let page = try? site.read("articles/a/index.html") {
            #expect(!page.contains("\"onmouseover=\"alert(1)"))
        }
    }

    // MARK: - Markdown bodies

    @Test(arguments: [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "نص <span onclick=\"alert(1)\">اضغط</span>",
        "<iframe src=\"https://evil.example\"></iframe>",
        "<style>body{display:none}</style>",
        "<!-- comment --><svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">رابط</a>",
    ])
    func rawHTMLInMarkdownIsDroppedInSafeMode(html: String) {
        let rendered = MarkdownRenderer.render("فقرة أولى.\n\n\(html)\n\nفقرة أخيرة.")
        for live in ["<script", "<img", "onclick", "<iframe", "<style", "<svg", "onload", "javascript:"] {
            #expect(!rendered.html.contains(live), "\(html) → \(rendered.html)")
        }
        #expect(rendered.html.contains("فقرة أخيرة"))
    }

    @Test(arguments: [
        "[رابط](javascript:alert(1))", "[رابط](JAVASCRIPT:alert(1))", "[رابط](vbscript:x)", "[رابط](data:text/html,x)",
        "![صورة](javascript:alert(1))", "<javascript:alert(1)>", "[رابط](&#106;avascript:alert(1))",
        "[رابط][r]\n\n[r]: javascript:alert(1)",
    ])
    func dangerousLinkTargetsInMarkdownAreEmptied(markdown: String) {
        let rendered = MarkdownRenderer.render(markdown)
        // The words may stay as text; no href or src may carry the scheme.
        #expect(!rendered.html.lowercased().contains("href=\"javascript:"), "\(rendered.html)")
        #expect(!rendered.html.lowercased().contains("src=\"javascript:"), "\(rendered.html)")
        #expect(!rendered.html.lowercased().contains("href=\"vbscript:"), "\(rendered.html)")
        #expect(!rendered.html.lowercased().contains("href=\"data:"), "\(rendered.html)")
    }

    @Test func markdownAttributesCannotBeBrokenOutOf() {
        let rendered = MarkdownRenderer.render("[رابط](https://example.org/\"onmouseover=\"alert(1) \"عنوان\" onclick=\"x\")\n\n![\"><script>](https://e.org/i.png \"t\\\"onerror=\\\"x\")")
        #expect(!rendered.html.contains("\"onmouseover=\""), "\(rendered.html)")
        #expect(!rendered.html.contains("\"onerror=\""), "\(rendered.html)")
        #expect(!rendered.html.contains("<script>"), "\(rendered.html)")
    }

    @Test func rawHTMLGoesThroughOnlyWhenTheSiteOptsIn() throws {
        let body = "نص\n\n<figure class=\"wide\">شكل</figure>\n\n<script>alert(1)</script>\n"
        let safe = try TestSite(.minimal, articles: ["a.md": TestSite.articleText("slug: a", body: body)])
        defer { safe.remove() }
        try safe.build()
        let safePage = try safe.read("articles/a/index.html")
        #expect(!safePage.contains("<figure class=\"wide\">"))
        #expect(!safePage.contains("<script>alert(1)"))

        let unsafe = try TestSite(.settings(TestSite.minimalSiteYAML + "unsafe_html: true\n"),
                                  articles: ["a.md": TestSite.articleText("slug: a", body: body)])
        defer { unsafe.remove() }
        try unsafe.build()
        #expect(try unsafe.read("articles/a/index.html").contains("<figure class=\"wide\">شكل</figure>"))
    }

    @Test func markupInTheOrganisationRegistryIsEscaped() throws {
        let site = try TestSite(.minimal, articles: [
            "a.md": TestSite.articleText("slug: a\norganizations: [\(Self.quoted("منصة <script>alert(1)</script>"))]"),
        ])
        defer { site.remove() }
        try site.write("content/organizations.yaml", """
        - id: hostile-platform
          name: \(Self.quoted("منصة <script>alert(1)</script>"))
          aliases: [\(Self.quoted(Self.breakout))]
          country: QA
          website: https://example.org/platform
          description: \(Self.quoted(Self.singleQuoteBreakout + "<img src=x onerror=alert(1)>"))

        """)
        let errors = site.buildErrors()
        #expect(errors.isEmpty, "\(errors.text)")
        expectNoLiveMarkup(try markupFiles(site))
        #expect(try site.read("organizations/hostile-platform/index.html").contains("&lt;script&gt;"))
    }

    @Test(arguments: ["javascript:alert(1)", "data:text/html,x", "//evil.example", "example.org"])
    func aRegistryWebsiteThatIsNotAWebAddressIsRefused(website: String) throws {
        let site = try TestSite(.minimal, articles: ["a.md": TestSite.articleText("slug: a")])
        defer { site.remove() }
        try site.write("content/organizations.yaml", "- id: x\n  name: منصة\n  website: \(Self.quoted(website))\n")
        let errors = site.buildErrors()
        #expect(errors.count == 1, "\(website): \(errors.text)")
        #expect(errors.first?.location == SourceLocation(file: "content/organizations.yaml", line: 3, column: 12), "\(errors.text)")
    }

    @Test(arguments: ["../../etc", "a/b", "..", "<script>", "a b", "%2e%2e", ""])
    func aRegistryIDThatIsNotAnAddressIsRefused(id: String) throws {
        let site = try TestSite(.minimal, articles: ["a.md": TestSite.articleText("slug: a")])
        defer { site.remove() }
        let before = try site.outsideOutput()
        try site.write("content/organizations.yaml", "- id: \(Self.quoted(id))\n  name: منصة\n")
        let after = try site.outsideOutput()
        let errors = site.buildErrors()
        #expect(errors.count == 1, "\(id): \(errors.text)")
        #expect(errors.first?.location.file == "content/organizations.yaml", "\(errors.text)")
        #expect(try site.outsideOutput() == after && after.count == before.count + 1)
    }

    @Test func markupInTheSiteSettingsIsEscaped() throws {
        let site = try TestSite(.settings("""
        title: \(Self.quoted("تعاون " + Self.script + Self.breakout))
        description: \(Self.quoted(Self.singleQuoteBreakout + "<b>x</b>"))
        base_url: "https://example.org/digest/"

        """), articles: ["a.md": TestSite.articleText("slug: a")])
        defer { site.remove() }
        try site.build()
        expectNoLiveMarkup(try markupFiles(site))
    }

    @Test func aHostileBaseURLIsRefused() throws {
        for base in ["javascript:alert(1)", "https://example.org/\"><script>alert(1)</script>/", "example.org"] {
            let site = try TestSite(.settings("title: تعاون\nbase_url: \(Self.quoted(base))\n"),
                                    articles: ["a.md": TestSite.articleText("slug: a")])
            defer { site.remove() }
            let errors = site.buildErrors()
            if errors.isEmpty {
                // Accepted: then it must be escaped wherever it is written.
                expectNoLiveMarkup(try markupFiles(site))
            } else {
                #expect(errors.first?.location.file == "content/site.yaml", "\(base): \(errors.text)")
            }
        }
    }
}
