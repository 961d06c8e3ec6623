import ContentLoading
import Foundation

/// A copy of the repository's real site folder (content/ and templates/) in a temporary
/// directory, so tests build the real content without touching the working tree.
struct SiteFixture {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let root: URL
    var output: URL { root.appendingPathComponent("public") }
    /// The build state folder (`.taawun/`).
    var state: URL { root.appendingPathComponent(".taawun") }
    var layout: SiteLayout { SiteLayout(root: root) }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-site-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for folder in ["content", "templates"] {
            try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
    }

    func write(_ relativePath: String, _ text: String) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func remove(_ relativePath: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relativePath))
    }

    func read(_ relativePath: String, in folder: URL? = nil) throws -> String {
        String(decoding: try Data(contentsOf: (folder ?? output).appendingPathComponent(relativePath)), as: UTF8.self)
    }

    /// Every file under `folder`, hidden ones included: relative path → bytes.
    static func tree(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [:] }
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            files[relative] = try Data(contentsOf: url)
        }
        return files
    }

    static func modificationDates(_ folder: URL) throws -> [String: Date] {
        var dates: [String: Date] = [:]
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.contentModificationDateKey]) else { return [:] }
        for case let url as URL in enumerator {
            dates[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
        }
        return dates
    }
}

/// Reads built HTML back: links, and the anchors inside a given element.
enum HTML {
    static func attributeValues(_ name: String, in html: String) -> [String] {
        let pattern = try! NSRegularExpression(pattern: "\\s\(name)=\"([^\"]*)\"")
        let range = NSRange(html.startIndex..., in: html)
        return pattern.matches(in: html, range: range).map { String(html[Range($0.range(at: 1), in: html)!]) }
    }

    static func links(in html: String) -> [String] {
        attributeValues("href", in: html) + attributeValues("src", in: html)
    }

    /// Resolves a relative href against the page's folder to an output file path, or nil for
    /// external links, fragments and absolute URLs.
    static func resolve(_ href: String, from pagePath: String) -> String? {
        if href.hasPrefix("#") || href.contains("://") || href.hasPrefix("mailto:") || href.hasPrefix("/") { return nil }
        var target = href
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        if let query = target.firstIndex(of: "?") { target = String(target[..<query]) }
        target = target.replacingOccurrences(of: "&amp;", with: "&")
        guard let decoded = target.removingPercentEncoding else { return nil }
        var components = pagePath.split(separator: "/").dropLast().map(String.init)
        for part in decoded.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..": if components.popLast() == nil { return "<outside>" }
            case ".", "": continue
            default: components.append(String(part))
            }
        }
        var path = components.joined(separator: "/")
        if decoded.hasSuffix("/") || decoded.isEmpty { path += path.isEmpty ? "index.html" : "/index.html" }
        return path
    }
}
