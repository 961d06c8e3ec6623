import Diagnostics
import Foundation
import TaawunTesting
import Testing
@testable import Templates

/// A minimal theme with every page template, each extending the base layout.
func minimalTheme() -> [String: String] {
    var sources = ["base": "<html>{{$content}}{{/content}}</html>\n"]
    for page in PageTemplate.allCases {
        sources[page.name] = "{{< base}}{{$content}}\(page.name): {{title}}{{/content}}{{/base}}\n"
    }
    return sources
}

/// The diagnostics a broken theme throws.
func problems(_ sources: [String: String], required: [String] = PageTemplate.allCases.map(\.name)) -> [Diagnostic] {
    do {
        _ = try TemplateSet(sources: sources, required: required)
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite struct LoadingTests {
    @Test func theRealThemeLoadsWithEveryPageTemplateAndItsPartials() throws {
        let templates = try TemplateSet.load(from: Repository.templates, displayPrefix: "templates/")
        for page in PageTemplate.allCases { #expect(templates.contains(page.name), "missing \(page.name)") }
        for partial in ["base", "partials/card", "partials/cards", "partials/chips", "partials/pagination"] {
            #expect(templates.contains(partial), "missing \(partial)")
        }
        // No file of assets/ is a template; each is only named by a partial of its name (`AssetNames`).
        #expect(Set(templates.names.filter { $0.hasPrefix("assets") })
                == Set(AssetNames.partials(in: Repository.templates.appendingPathComponent("assets")).keys))
    }

    @Test func fingerprintFollowsTheFilesBytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-templates-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("partials"), withIntermediateDirectories: true)
        for (name, text) in minimalTheme() { try Data(text.utf8).write(to: folder.appendingPathComponent(name + ".mustache")) }
        try Data("<b>{{x}}</b>".utf8).write(to: folder.appendingPathComponent("partials/bold.mustache"))

        let first = try TemplateSet.load(from: folder)
        #expect(first.contains("partials/bold"))
        #expect(try TemplateSet.load(from: folder).fingerprint == first.fingerprint)

        try Data("<strong>{{x}}</strong>".utf8).write(to: folder.appendingPathComponent("partials/bold.mustache"))
        #expect(try TemplateSet.load(from: folder).fingerprint != first.fingerprint)
    }

    @Test func aMissingFolderIsReported() {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-templates-\(UUID().uuidString)")
        #expect(throws: DiagnosticsError.self) { try TemplateSet.load(from: missing) }
    }
}

@Suite struct ProblemTests {
    @Test func aSyntaxErrorGivesFileLineAndColumn() {
        var sources = minimalTheme()
        sources["article"] = "{{< base}}\n{{$content}}\n<h1>{{title}</h1>\n{{/content}}\n{{/base}}\n"
        let found = problems(sources)
        #expect(found.count == 1)
        let problem = found.first
        #expect(problem?.location.file == "templates/article.mustache")
        #expect(problem?.location.line == 3)
        #expect((problem?.location.column ?? 0) > 1)
        #expect(problem?.hint != nil)
    }

    @Test func aSectionLeftOpenIsNamedWhereItsEnclosingBlockCloses() {
        var sources = minimalTheme()
        sources["home"] = "{{< base}}\n{{$content}}\n<ol>\n  {{#cards}}\n  <li>{{title}}</li>\n</ol>\n{{/content}}\n{{/base}}\n"
        let problem = problems(sources).first
        #expect(problem?.location == SourceLocation(file: "templates/home.mustache", line: 7, column: 1))
        #expect(problem?.message.contains("{{#cards}} (line 4)") == true)
    }

    @Test func aSectionOpenAtTheEndPointsAtItsOpeningTag() {
        var sources = minimalTheme()
        sources["partials/list"] = "<ol>\n  {{#cards}}\n  <li>{{title}}</li>\n</ol>\n"
        let problem = problems(sources).first
        #expect(problem?.location == SourceLocation(file: "templates/partials/list.mustache", line: 2, column: 3))
        #expect(problem?.message == "{{#cards}} is never closed")
    }

    @Test func aWrongClosingTagIsNamedWithTheSectionItShouldClose() {
        var sources = minimalTheme()
        sources["country"] = "{{< base}}{{$content}}\n{{#partners}}\n<p>{{name}}</p>\n{{/partials}}\n{{/content}}{{/base}}\n"
        let problem = problems(sources).first
        #expect(problem?.location == SourceLocation(file: "templates/country.mustache", line: 4, column: 1))
        #expect(problem?.message.contains("{{#partners}}") == true)
    }

    @Test func aMissingPartialIsAnErrorAtItsTagWithASuggestion() {
        var sources = minimalTheme()
        sources["partials/card"] = "<article>{{title}}</article>\n"
        sources["home"] = "{{< base}}{{$content}}\n{{#cards}}\n  {{> partials/crad}}\n{{/cards}}\n{{/content}}{{/base}}\n"
        let found = problems(sources)
        #expect(found.count == 1)
        #expect(found.first?.location == SourceLocation(file: "templates/home.mustache", line: 3, column: 3))
        #expect(found.first?.message.contains("partials/crad") == true)
        #expect(found.first?.hint?.contains("partials/card") == true)
    }

    @Test func aMissingParentIsAnError() {
        var sources = minimalTheme()
        sources["404"] = "{{< layout}}{{$content}}…{{/content}}{{/layout}}\n"
        let found = problems(sources)
        #expect(found.map(\.location) == [SourceLocation(file: "templates/404.mustache", line: 1, column: 1)])
        #expect(found.first?.message.contains("parent") == true)
    }

    @Test func aMissingPageTemplateIsReported() {
        var sources = minimalTheme()
        sources["organization"] = nil
        let found = problems(sources)
        #expect(found.map(\.location) == [SourceLocation(file: "templates/organization.mustache")])
        #expect(found.first?.message.contains("organization") == true)
    }

    @Test func everyProblemIsReportedAtOnceInFileOrder() {
        var sources = minimalTheme()
        sources["sitemap"] = nil
        sources["feed"] = "{{#entries}}"
        sources["home"] = "{{< base}}{{$content}}{{> missing}}{{/content}}{{/base}}"
        let files = problems(sources).map(\.location.file)
        #expect(files == ["templates/feed.mustache", "templates/home.mustache", "templates/sitemap.mustache"])
    }

    @Test func partialsThatIncludeEachOtherAreAnError() {
        var sources = minimalTheme()
        sources["partials/a"] = "{{> partials/b}}"
        sources["partials/b"] = "x\n{{> partials/a}}"
        let found = problems(sources)
        #expect(found.count == 1)
        #expect(found.first?.message.contains("partials/a → partials/b → partials/a") == true)
    }

    @Test func referencesInsideCommentsAndDynamicPartialsAreNotChecked() {
        var sources = minimalTheme()
        sources["home"] = "{{! {{> nothing}} }}{{< base}}{{$content}}{{>*which}}{{/content}}{{/base}}"
        #expect(problems(sources).isEmpty)
    }
}

@Suite struct RenderingTests {
    @Test func rendersThroughTheBaseLayoutAndEscapesText() throws {
        let templates = try TemplateSet(sources: minimalTheme())
        let html = try templates.render("article", ["title": "<script>&\"'"])
        #expect(html.hasPrefix("<html>article: &lt;script&gt;&amp;&quot;&#39;</html>"), "\(Array(html.utf8))")
    }

    @Test func anUnknownTemplateThrowsADiagnosticNamingItsFile() throws {
        let templates = try TemplateSet(sources: minimalTheme())
        #expect(throws: Diagnostic.self) { try templates.render("gallery", [:]) }
        do {
            _ = try templates.render("gallery", [:])
        } catch {
            #expect(error.location.file == "templates/gallery.mustache")
        }
    }

    @Test func absentOptionalValuesHideTheirSections() throws {
        let templates = try TemplateSet(sources: ["t": "{{#kicker}}<p>{{kicker}}</p>{{/kicker}}|{{#items}}{{.}},{{/items}}"], required: [])
        #expect(try templates.render("t", ["kicker": .optional(nil), "items": ["أ", "ب"]]) == "|أ,ب,")
        #expect(try templates.render("t", ["kicker": .optional("خبر"), "items": []]) == "<p>خبر</p>|")
    }
}

@Suite struct TagScannerTests {
    @Test func findsTagsWithTheirLocationsAndFollowsDelimiterChanges() {
        let tags = MustacheTags.scan("a\n  {{#x}}{{{raw}}}\n{{=<% %>=}}<%> p %><%/x%>")
        #expect(tags.map(\.kind) == [.section, .unescaped, .delimiters, .partial, .close])
        #expect(tags[0].line == 2 && tags[0].column == 3)
        #expect(tags[1].name == "raw")
        #expect(tags[3].name == "p" && tags[3].line == 3)
    }
}

/// The compiled renderer must give exactly what swift-mustache gives.
@Suite struct CompiledRendererTests {
    static let sources: [String: String] = [
        "base": "<html>\n  <head>{{$head}}<title>{{title}}</title>{{/head}}</head>\n{{$content}}default{{/content}}\n  {{$footer}}\n  <p>{{site}}</p>\n  {{/footer}}\n</html>\n",
        "layout": "{{< base}}{{$content}}<div>\n  {{$inner}}inner default{{/inner}}\n</div>{{/content}}{{/base}}\n",
        "page": "{{< layout}}\n{{$inner}}\n  {{#items}}\n  <li>{{name}} {{{raw}}} {{&raw}}</li>\n    {{> item}}\n  {{/items}}\n  {{^items}}none{{/items}}\n{{/inner}}\n{{$head}}<meta>{{/head}}\n{{/layout}}\n",
        "item": "<span>{{name}}</span>\n  {{#flag}}\n  yes {{.}}\n  {{/flag}}\n{{^flag}}no{{/flag}}\n",
        "dots": "{{a.b.c}}|{{#a}}{{.b.c}}{{/a}}|{{#list}}[{{.}}]{{/list}}|{{#text}}<{{.}}>{{/text}}|{{^empty}}empty {{.}}{{/empty}}|{{missing}}|{{number}}|{{flag}}",
        "indent": "<ul>\n  {{> lines}}\n    {{> lines}}\n</ul>\n{{#items}}\n  {{> lines}}\n{{/items}}\n",
        "lines": "a\n{{#items}}\nb {{name}}\n{{/items}}\nc\n",
        "pragma": "{{title}} {{% CONTENT_TYPE: TEXT}}{{title}} {{> item}}",
        "comments": "{{! a comment }}\n  {{! standalone }}\nx{{=<% %>=}}<% title %><%={{ }}=%>{{title}}\n",
    ]

    static let values: [TemplateValue] = [
        ["title": "<b> & \"q\" 'a'", "site": "تعاون", "items": [
            ["name": "أ <1>", "raw": "<i>x</i>", "flag": true],
            ["name": "ب", "raw": "", "flag": false],
            ["name": .text("ج\u{301}\"")],
         ],
         "a": ["b": ["c": "deep"]], "list": ["x", 1, true], "text": "نص", "empty": [], "number": 7, "flag": false],
        ["title": "بلا عناصر", "items": [], "a": "not an object", "text": .optional(nil)],
        [:],
    ]

    @Test func rendersTheSameBytesAsSwiftMustache() throws {
        let templates = try TemplateSet(sources: Self.sources, required: [])
        #expect(templates.isCompiled)
        for name in Self.sources.keys.sorted() {
            for (i, value) in Self.values.enumerated() {
                let fast = try templates.render(name, value)
                let reference = templates.renderWithSwiftMustache(name, value)
                #expect(fast == reference, "\(name) with value \(i)")
                #expect(try templates.renderUTF8(name, value) == reference.map { Array($0.utf8) }, "\(name) with value \(i), bytes")
            }
        }
    }

    @Test func theRealThemeIsCompiled() throws {
        #expect(try TemplateSet.load(from: Repository.templates).isCompiled)
    }

    @Test func templatesWithTransformsFallBackToSwiftMustache() throws {
        let templates = try TemplateSet(sources: ["t": "{{#uppercased(name)}}{{.}}{{/uppercased(name)}}|{{count(items)}}"], required: [])
        #expect(!templates.isCompiled)
        #expect(try templates.render("t", ["name": "abc", "items": ["x", "y"]]) == "ABC|2")
    }
}
