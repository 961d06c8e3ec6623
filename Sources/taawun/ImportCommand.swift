import ArgumentParser
import ContentLoading
import Diagnostics
import Foundation
import Importer
import Terminal

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn articles copied from Arabic news sites into Markdown files for review.",
        discussion: "Each input (a text file, or every file of a folder) becomes <output>/<slug>.md with title, date, source, dateline, countries and organisations filled in from the text, and the page's menus, share buttons and comment forms removed. A report per file says what was found and what to check. Re-importing the same file is a no-op; an article an editor has changed is never overwritten unless --force is given."
    )

    @OptionGroup var site: SiteOptions

    @Argument(help: "Files or folders of pasted articles.")
    var inputs: [String]

    @Option(name: .long, help: "Where to write the articles (default: <root>/content/articles).")
    var output: String?

    @Option(name: .customLong("source-url"), help: "The web address the article was copied from (for one input file).")
    var sourceURL: String?

    @Flag(name: .long, help: "Replace an imported article even if it was changed since.")
    var force = false

    func validate() throws {
        if let sourceURL, !ArticleLoader.isWebAddress(sourceURL) {
            throw ValidationError("--source-url must be a web address starting with http:// or https://")
        }
    }

    func run() throws {
        let layout = SiteLayout(root: URL(fileURLWithPath: site.root))
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? layout.articles
        let console = Console.standardError
        let (files, missing) = ImportSession.inputFiles(inputs)
        for path in missing {
            console.print([.error(at: SourceLocation(file: path), "no such file or folder")])
        }
        if sourceURL != nil && files.count > 1 {
            throw ValidationError("--source-url names the address of one article: give it with a single input file")
        }
        let session = ImportSession(layout: layout, output: outputURL, force: force, sourceURL: sourceURL)
        console.print(session.setupDiagnostics)
        var reports: [ImportReport] = []
        for file in files {
            let report = session.importFile(file)
            if !report.errors.isEmpty { console.print(report.errors) }
            if case .refused(let path, let reason) = report.outcome {
                console.print([.error(at: SourceLocation(file: path), "not written: \(reason)")])
            }
            print(report.text)
            print("")
            reports.append(report)
        }
        print(ImportReport.summary(reports))
        if files.isEmpty && missing.isEmpty {
            console.line("nothing to import: the folders given hold no files")
        }
        if !missing.isEmpty || reports.contains(where: { $0.outcome.isFailure }) {
            throw ExitCode.failure
        }
    }
}
