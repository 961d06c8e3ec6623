import Foundation
import Pipeline

/// The one closing line of a build.
public enum BuildSummary {
    public static func line(_ report: BuildReport, output: String) -> String {
        var parts = ["built \(count(report.articles, "article", "articles"))",
                     "\(count(report.organizations, "organisation", "organisations"))",
                     "\(count(report.countries, "country", "countries"))",
                     "→ \(count(report.files, "file", "files")) in \(output)/ (\(report.written) written, \(report.unchanged) unchanged"
                        + (report.removed > 0 ? ", \(report.removed) removed)" : ")")]
        if !report.warnings.isEmpty { parts.append(count(report.warnings.count, "warning", "warnings")) }
        return parts.joined(separator: ", ").replacingOccurrences(of: ", →", with: " →")
            + String(format: " in %.2f s", report.seconds)
    }

    public static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(n) \(n == 1 ? one : many)"
    }
}
