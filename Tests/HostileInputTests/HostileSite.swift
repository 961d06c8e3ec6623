import Build
import ContentLoading
import Diagnostics
import Foundation

/// A throw-away site folder: the repository's real templates/, and content written by the test.
/// Everything lives in a fresh temporary folder, so a test can check that nothing was written
/// outside the output folder by listing the folder before and after a build.
struct HostileSite {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The sandbox: root/ (the site folder) and, beside it, nothing else unless a build misbehaves.
    let sandbox: URL
    var root: URL { sandbox.appendingPathComponent("site") }
    var output: URL { root.appendingPathComponent("public") }

    init(articles: [String: String] = [:], siteYAML: String = HostileSite.siteYAML) throws {
        sandbox = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: sandbox.appendingPathComponent("site/content/articles"),
                                                withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.repositoryRoot.appendingPathComponent("templates"),
                                         to: root.appendingPathComponent("templates"))
        try write("content/site.yaml", siteYAML)
        for (name, text) in articles { try write("content/articles/\(name)", text) }
    }

    static let siteYAML = """
    title: تعاون
    description: موجز تجريبي
    base_url: https://example.org/digest/
    locale: ar
    page_size: 10

    """

    /// A valid article with the given extra front-matter lines.
    static func article(title: String = "خبر تجريبي عن التعاون", _ extra: String = "", body: String = "نص الخبر.") -> String {
        "---\ntitle: \(title)\ndate: 2024-02-28\n\(extra.isEmpty ? "" : extra + "\n")---\n\(body)\n"
    }

    func write(_ relativePath: String, _ text: String) throws {
        try write(relativePath, Data(text.utf8))
    }

    func write(_ relativePath: String, _ data: Data) throws {
        let url = root.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func read(_ relativePath: String) throws -> String {
        String(decoding: try Data(contentsOf: output.appendingPathComponent(relativePath)), as: UTF8.self)
    }

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

    /// Every path under the sandbox except the output folder's own contents and the build state
    /// (`.taawun/`), with its bytes' hash: what a build may not change.
    func outsideOutput() throws -> [String: UInt64] {
        var seen: [String: UInt64] = [:]
        let base = sandbox.standardizedFileURL.path
        let outputPath = output.standardizedFileURL.path
        let statePath = root.appendingPathComponent(".taawun").standardizedFileURL.path
        guard let walk = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let relative = walk.nextObject() as? String {
            let full = base + "/" + relative
            if full == outputPath || full.hasPrefix(outputPath + "/") { continue }
            // The build state (`.taawun/`) is the build's own, beside the output.
            if full == statePath || full.hasPrefix(statePath + "/") { continue }
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory)
            seen[relative] = isDirectory.boolValue ? 0 : fnv(FileManager.default.contents(atPath: full) ?? Data())
        }
        return seen
    }

    /// Every file in the output folder, relative path → bytes.
    func outputTree() throws -> [String: Data] {
        var files: [String: Data] = [:]
        let base = output.standardizedFileURL.path
        guard let walk = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let relative = walk.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue { files[relative] = FileManager.default.contents(atPath: base + "/" + relative) }
        }
        return files
    }

    func outputModificationDates() throws -> [String: Date] {
        var dates: [String: Date] = [:]
        let base = output.standardizedFileURL.path
        guard let walk = FileManager.default.enumerator(atPath: base) else { return [:] }
        while let relative = walk.nextObject() as? String {
            let attributes = try FileManager.default.attributesOfItem(atPath: base + "/" + relative)
            dates[relative] = attributes[.modificationDate] as? Date
        }
        return dates
    }

    func remove() {
        try? FileManager.default.removeItem(at: sandbox)
    }

    private func fnv(_ data: Data) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { value ^= UInt64(byte); value &*= 0x0000_0100_0000_01b3 }
        return value
    }
}

extension Array where Element == Diagnostic {
    /// All messages and hints in one text, for "does the error say …" checks.
    var text: String { map { "\($0.location.description): \($0.message) \($0.hint ?? "")" }.joined(separator: "\n") }
}
