import ContentLoading
import Foundation

/// A throw-away site folder for a test: the repository's real theme and the content the test
/// asks for, in a fresh temporary folder, so tests build and edit sites without touching the
/// working tree.
///
/// The site (`root`) sits alone inside `sandbox`, so a test can tell whether a build wrote
/// anywhere but its output by listing the sandbox before and after (`outsideOutput()`).
public struct TestSite: Sendable {
    /// What content/ starts with.
    public enum Content: Sendable {
        /// The repository's content/ as it is: settings, registries, seed articles, sources.
        case repository
        /// The repository's settings and registries (site.yaml, organizations.yaml,
        /// countries.yaml where present) and no articles.
        case repositorySettings
        /// Only a content/site.yaml with this text.
        case settings(String)

        /// A small valid site.yaml (no registries): the least a site builds with.
        public static let minimal = Content.settings(TestSite.minimalSiteYAML)
    }

    /// The folder around the site: `site/` and nothing else unless a test puts it there or a
    /// build misbehaves.
    public let sandbox: URL
    public var root: URL { sandbox.appendingPathComponent("site") }
    public var output: URL { root.appendingPathComponent("public") }
    /// The build state folder (`.taawun/`).
    public var state: URL { root.appendingPathComponent(".taawun") }
    public var layout: SiteLayout { SiteLayout(root: root) }

    /// A site with `content`, the repository's templates/, and `articles` (file name → text)
    /// written to content/articles/.
    public init(_ content: Content = .repository, articles: [String: String] = [:]) throws {
        let fm = FileManager.default
        sandbox = fm.temporaryDirectory.appendingPathComponent("taawun-test-\(UUID().uuidString)")
        let contentFolder = root.appendingPathComponent("content")
        switch content {
        case .repository:
            try fm.createDirectory(at: root, withIntermediateDirectories: true)
            try fm.copyItem(at: Repository.content, to: contentFolder)
        case .repositorySettings:
            try fm.createDirectory(at: contentFolder.appendingPathComponent("articles"), withIntermediateDirectories: true)
            for name in ["site.yaml", "organizations.yaml", "countries.yaml"] {
                let source = Repository.content.appendingPathComponent(name)
                if fm.fileExists(atPath: source.path) { try fm.copyItem(at: source, to: contentFolder.appendingPathComponent(name)) }
            }
        case .settings(let siteYAML):
            try fm.createDirectory(at: contentFolder.appendingPathComponent("articles"), withIntermediateDirectories: true)
            try write("content/site.yaml", siteYAML)
        }
        try fm.copyItem(at: Repository.templates, to: root.appendingPathComponent("templates"))
        for (name, text) in articles { try write("content/articles/\(name)", text) }
    }

    public static let minimalSiteYAML = """
    title: تعاون
    description: موجز تجريبي
    base_url: https://example.org/digest/
    locale: ar
    page_size: 10

    """

    /// An article's text: a valid title and date, `extra` front-matter lines, and `body`.
    public static func articleText(title: String = "خبر تجريبي عن التعاون", _ extra: String = "", body: String = "نص الخبر.") -> String {
        "---\ntitle: \(title)\ndate: 2024-02-28\n\(extra.isEmpty ? "" : extra + "\n")---\n\(body)\n"
    }

    /// Writes content/articles/`name`.md as an editor would; `extra` is front matter, each line
    /// ending in a newline.
    public func article(_ name: String, title: String, date: String = "2024-03-01", extra: String = "", body: String = "نص الخبر.") throws {
        try write("content/articles/\(name).md", "---\ntitle: \"\(title)\"\ndate: \(date)\n\(extra)---\n\(body)\n")
    }

    /// Writes `text` to `relativePath` under the site, creating folders, like an editor saving a file.
    @discardableResult
    public func write(_ relativePath: String, _ text: String) throws -> URL {
        try write(relativePath, Data(text.utf8))
    }

    @discardableResult
    public func write(_ relativePath: String, _ data: Data) throws -> URL {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url
    }

    /// Removes the file or folder at `relativePath` under the site.
    public func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relativePath))
    }

    /// A file's text, by default from the output folder.
    public func read(_ relativePath: String, in folder: URL? = nil) throws -> String {
        String(decoding: try Data(contentsOf: (folder ?? output).appendingPathComponent(relativePath)), as: UTF8.self)
    }

    /// Removes the whole site and its sandbox.
    public func remove() {
        try? FileManager.default.removeItem(at: sandbox)
    }

    /// Every file under `folder`, hidden ones included: relative path → bytes.
    public static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    /// Every file and folder under `folder`: relative path → last modification.
    public static func modificationDates(_ folder: URL) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]) else { return [:] }
        for case let url as URL in enumerator {
            dates[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        }
        return dates
    }

    /// Every path in the sandbox but the output folder's contents and the build state (both the
    /// build's own), with a hash of its bytes (0 for folders): what a build may not change.
    public func outsideOutput() throws -> [String: UInt64] {
        var seen: [String: UInt64] = [:]
        let base = sandbox.standardizedFileURL.path
        let outputPath = output.standardizedFileURL.path
        let statePath = state.standardizedFileURL.path
        guard let walk = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let relative = walk.nextObject() as? String {
            let full = base + "/" + relative
            if full == outputPath || full.hasPrefix(outputPath + "/") { continue }
            if full == statePath || full.hasPrefix(statePath + "/") { continue }
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            seen[relative] = isDirectory.boolValue ? 0 : Self.fnv(FileManager.default.contents(atPath: full) ?? Data())
        }
        return seen
    }

    private static func fnv(_ data: Data) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { value ^= UInt64(byte); value &*= 0x0000_0100_0000_01b3 }
        return value
    }
}
