import ArgumentParser
import BuildState
import Diagnostics
import Foundation
import Pipeline
import Terminal

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from content/ and templates/ into public/."
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Where to write the site (default: <root>/public).")
    var output: String?

    @Flag(name: .long, help: "Include articles marked draft: true.")
    var drafts = false

    func run() throws {
        let root = URL(fileURLWithPath: site.root)
        let options = BuildOptions(root: root, output: output.map { URL(fileURLWithPath: $0) }, includeDrafts: drafts)
        let console = Console.standardError
        do {
            var build = SiteBuild(options: options)
            build.endsTheProcess = true
            let report = try build.run(progress: console.progress)
            console.clearProgress()
            console.print(report.warnings)
            print(BuildSummary.line(report, output: output ?? "public"))
            BuildOutcome.recordSuccess(state: options.state)
        } catch {
            console.clearProgress()
            console.print(error.diagnostics)
            let step = error.step.map { " while \($0)" } ?? ""
            let line = "build failed\(step): \(BuildSummary.count(error.diagnostics.errors.count, "error", "errors")); \(options.output.lastPathComponent)/ was left as it was"
            console.line(line)
            BuildOutcome.recordFailure(line, state: options.state)
            throw ExitCode.failure
        }
    }
}
