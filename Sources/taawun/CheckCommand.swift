import ArgumentParser
import Authoring
import Diagnostics
import Foundation
import Terminal

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the content and templates without writing public/.",
        discussion: """
        Checks every article (drafts too), organizations.yaml, countries.yaml, site.yaml and the
        templates, links between articles and images. Prints path:line:column: error|warning: message
        with a hint for each finding. Exits with 1 when there are errors, 0 otherwise.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "text for people, json for tools.")
    var format: Format = .text

    func run() throws {
        let report = SiteCheck(root: URL(fileURLWithPath: site.root)).run()
        switch format {
        case .text:
            let console = Console.standardError
            console.print(report.diagnostics)
            print(CheckSummary.line(report))
        case .json:
            print(String(decoding: try CheckSummary.json(report), as: UTF8.self))
        }
        if report.hasErrors { throw ExitCode.failure }
    }
}

enum CheckSummary {
    static func line(_ report: CheckReport) -> String {
        let errors = report.diagnostics.errors.count, warnings = report.diagnostics.warnings.count
        let articles = BuildSummary.count(report.articles, "article", "articles")
        if errors == 0 && warnings == 0 { return "checked \(articles): no problems found" }
        return "checked \(articles): \(BuildSummary.count(errors, "error", "errors")), \(BuildSummary.count(warnings, "warning", "warnings"))"
    }

    /// {"ok", "articles", "errors", "warnings", "diagnostics": [Diagnostic]} with Diagnostic's own coding.
    static func json(_ report: CheckReport) throws -> Data {
        struct Output: Encodable {
            var ok: Bool
            var articles: Int
            var errors: Int
            var warnings: Int
            var diagnostics: [Diagnostic]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(Output(ok: !report.hasErrors, articles: report.articles, errors: report.diagnostics.errors.count,
                                         warnings: report.diagnostics.warnings.count, diagnostics: report.diagnostics))
    }
}
