import Diagnostics
import Foundation
import TaawunTesting
import Testing

/// A theme editor's mistakes: each stops the build with the template's file and line, and the
/// site already published stays exactly as it was.
@Suite struct TemplateHostileTests {
    enum Change: Sendable, CustomStringConvertible {
        case replace(file: String, find: String, with: String)
        case append(file: String, text: String)
        case delete(file: String)

        var description: String {
            switch self {
            case .replace(let file, let find, let with): return "\(file): «\(find)» → «\(with)»"
            case .append(let file, let text): return "\(file) + «\(text)»"
            case .delete(let file): return "no \(file)"
            }
        }
    }

    /// Builds a good site, breaks the templates, builds again: returns the second build's errors
    /// after checking that the first build's output did not change by a byte or a timestamp.
    func errorsAfterBreaking(_ change: Change, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> [Diagnostic] {
        let site = try TestSite(.minimal, articles: [
            "a.md": TestSite.articleText("slug: a\norganizations: [كتارا]\ncountries: [QA]"),
            "b.md": TestSite.articleText(title: "خبر ثان", "slug: b\ncountries: [SA]"),
        ])
        defer { site.remove() }
        try site.build()
        let before = try TestSite.tree(site.output)
        let datesBefore = try TestSite.modificationDates(site.output)
        let siblingsBefore = try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted()
        #expect(before["articles/a/index.html"] != nil, sourceLocation: sourceLocation)

        switch change {
        case .replace(let file, let find, let with):
            let url = site.root.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(find), "the template no longer has «\(find)»: update this test", sourceLocation: sourceLocation)
            try Data(text.replacingOccurrences(of: find, with: with).utf8).write(to: url)
        case .append(let file, let text):
            let url = site.root.appendingPathComponent(file)
            try Data((try String(contentsOf: url, encoding: .utf8) + text).utf8).write(to: url)
        case .delete(let file):
            try FileManager.default.removeItem(at: site.root.appendingPathComponent(file))
        }

        let errors = site.buildErrors()
        #expect(try TestSite.tree(site.output) == before, "\(change): the previous public/ changed", sourceLocation: sourceLocation)
        #expect(try TestSite.modificationDates(site.output) == datesBefore, "\(change): files in public/ were touched", sourceLocation: sourceLocation)
        #expect(try FileManager.default.contentsOfDirectory(atPath: site.root.path).sorted() == siblingsBefore,
                "\(change): a staging folder was left behind", sourceLocation: sourceLocation)
        return errors
    }

    @Test func anUnclosedSectionNamesTheFileAndLine() throws {
        let errors = try errorsAfterBreaking(.replace(file: "templates/article.mustache", find: "{{/kicker}}", with: ""))
        #expect(errors.count >= 1)
        #expect(errors.first?.location.file == "templates/article.mustache", "\(errors.text)")
        #expect((errors.first?.location.line ?? 0) > 0, "\(errors.text)")
    }

    @Test func aMismatchedSectionNamesTheFileAndLine() throws {
        let errors = try errorsAfterBreaking(.replace(file: "templates/article.mustache", find: "{{/kicker}}", with: "{{/title}}"))
        #expect(errors.first?.location.file == "templates/article.mustache", "\(errors.text)")
        #expect((errors.first?.location.line ?? 0) > 0, "\(errors.text)")
    }

    @Test func anUnclosedTagNamesTheFileAndLine() throws {
        let errors = try errorsAfterBreaking(.append(file: "templates/home.mustache", text: "\n\n{{title\n"))
        #expect(errors.first?.location.file == "templates/home.mustache", "\(errors.text)")
        #expect((errors.first?.location.line ?? 0) > 1, "\(errors.text)")
    }

    @Test func aSyntaxErrorInAPartialNamesThePartial() throws {
        let errors = try errorsAfterBreaking(.append(file: "templates/partials/card.mustache", text: "\n{{#open}}\n"))
        #expect(errors.first?.location.file == "templates/partials/card.mustache", "\(errors.text)")
        #expect((errors.first?.location.line ?? 0) > 0, "\(errors.text)")
    }

    @Test func aMissingPartialNamesTheTemplateThatUsesIt() throws {
        let errors = try errorsAfterBreaking(.replace(file: "templates/article.mustache", find: "{{> partials/chips}}",
                                                      with: "{{> partials/no-such-partial}}"))
        #expect(!errors.isEmpty, "a missing partial rendered silently as nothing")
        #expect(errors.first?.location.file == "templates/article.mustache", "\(errors.text)")
        #expect((errors.first?.location.line ?? 0) > 0, "\(errors.text)")
        #expect(errors.text.contains("no-such-partial"), "\(errors.text)")
    }

    @Test func aDeletedPartialNamesItsFile() throws {
        let errors = try errorsAfterBreaking(.delete(file: "templates/partials/chips.mustache"))
        #expect(!errors.isEmpty, "a missing partial rendered silently as nothing")
        #expect(errors.text.contains("chips"), "\(errors.text)")
    }

    @Test(arguments: ["article", "home", "organization", "country", "base", "feed", "sitemap"])
    func aMissingPageTemplateNamesTheFileToCreate(name: String) throws {
        let errors = try errorsAfterBreaking(.delete(file: "templates/\(name).mustache"))
        #expect(!errors.isEmpty, "the site was built without templates/\(name).mustache")
        #expect(errors.text.contains("templates/\(name).mustache"), "\(errors.text)")
    }

    @Test func aTemplateThatIsNotUTF8NamesItsFile() throws {
        let site = try TestSite(.minimal, articles: ["a.md": TestSite.articleText("slug: a")])
        defer { site.remove() }
        try site.write("templates/partials/card.mustache", Data([0x3C, 0x70, 0x3E, 0xFF, 0xFE, 0x0A]))
        let errors = site.buildErrors()
        #expect(errors.contains { $0.location.file == "templates/partials/card.mustache" && $0.message.contains("UTF-8") }, "\(errors.text)")
    }
}
