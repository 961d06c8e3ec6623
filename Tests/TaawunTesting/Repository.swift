import ContentLoading
import Foundation

/// The repository the tests run in, and its real site: tests read the seed content and the
/// theme from here, wherever `swift test` was started.
public enum Repository {
    /// The one place that finds the root from a source file's path (Tests/TaawunTesting/…).
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static var layout: SiteLayout { SiteLayout(root: root) }
    /// content/: settings, registries and the seed articles.
    public static let content: URL = root.appendingPathComponent("content", isDirectory: true)
    public static let articles: URL = content.appendingPathComponent("articles", isDirectory: true)
    /// content/sources/: the source texts the seed articles were imported from.
    public static let seeds: URL = content.appendingPathComponent("sources", isDirectory: true)
    /// templates/: the real theme.
    public static let templates: URL = root.appendingPathComponent("templates", isDirectory: true)
}
