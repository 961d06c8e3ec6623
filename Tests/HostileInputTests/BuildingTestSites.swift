import BuildState
import Diagnostics
import Pipeline
import TaawunTesting

// Building a test site, here rather than in TaawunTesting, which stays free of Build.
extension TestSite {
    @discardableResult
    func build(drafts: Bool = false) throws(DiagnosticsError) -> BuildReport {
        try SiteBuild(options: BuildOptions(root: root, includeDrafts: drafts)).run()
    }

    /// The build's errors (an empty list if it succeeded).
    func buildErrors() -> [Diagnostic] {
        do {
            try build()
            return []
        } catch {
            return error.diagnostics.errors
        }
    }
}

extension Array where Element == Diagnostic {
    /// All messages and hints in one text, for "does the error say …" checks.
    var text: String { map { "\($0.location.description): \($0.message) \($0.hint ?? "")" }.joined(separator: "\n") }
}
