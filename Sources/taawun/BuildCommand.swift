import ArgumentParser
import Build
import Diagnostics
import Foundation

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
        } catch {
            console.clearProgress()
            console.print(error.diagnostics)
            console.line("build failed: \(BuildSummary.count(error.diagnostics.errors.count, "error", "errors")); \(options.output.lastPathComponent)/ was left as it was")
            throw ExitCode.failure
        }
    }
}

/// The one closing line of a build.
enum BuildSummary {
    static func line(_ report: BuildReport, output: String) -> String {
        var parts = ["built \(count(report.articles, "article", "articles"))",
                     "\(count(report.organizations, "organisation", "organisations"))",
                     "\(count(report.countries, "country", "countries"))",
                     "→ \(count(report.files, "file", "files")) in \(output)/ (\(report.written) written, \(report.unchanged) unchanged"
                        + (report.removed > 0 ? ", \(report.removed) removed)" : ")")]
        if !report.warnings.isEmpty { parts.append(count(report.warnings.count, "warning", "warnings")) }
        return parts.joined(separator: ", ").replacingOccurrences(of: ", →", with: " →")
            + String(format: " in %.2f s", report.seconds)
    }

    static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }
}
