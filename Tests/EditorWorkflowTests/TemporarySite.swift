import ContentLoading
import Foundation

/// A site folder in the temporary directory with the repository's registries, settings and
/// templates, and only the articles a test writes.
struct TemporarySite {
    /// The repository root, found from this file (Tests/EditorWorkflowTests/…).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    var layout: SiteLayout { SiteLayout(root: root) }

    init() throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("taawun-editor-\(UUID().uuidString)", isDirectory: true)
        let content = root.appendingPathComponent("content", isDirectory: true)
        try fm.createDirectory(at: content.appendingPathComponent("articles"), withIntermediateDirectories: true)
        for name in ["site.yaml", "organizations.yaml", "countries.yaml"] {
            let source = Self.repository.appendingPathComponent("content/\(name)")
            if fm.fileExists(atPath: source.path) { try fm.copyItem(at: source, to: content.appendingPathComponent(name)) }
        }
        try fm.copyItem(at: Self.repository.appendingPathComponent("templates"), to: root.appendingPathComponent("templates"))
    }

    /// Writes `text` to `relative` (creating folders), like an editor saving a file.
    @discardableResult
    func write(_ relative: String, _ text: String) throws -> URL {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url
    }

    func article(_ name: String, title: String, date: String = "2024-03-01", extra: String = "", body: String = "نص الخبر.") throws {
        try write("content/articles/\(name).md", "---\ntitle: \"\(title)\"\ndate: \(date)\n\(extra)---\n\(body)\n")
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
