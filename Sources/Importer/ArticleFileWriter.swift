import Foundation

/// What happened to one input.
public enum ImportOutcome: Sendable, Hashable {
    case written(path: String)
    /// The file is already exactly what this import produces.
    case unchanged(path: String)
    /// The target exists and differs (an editor changed it): left alone without --force.
    case refused(path: String, reason: String)
    case overwritten(path: String)
    case failed

    public var isFailure: Bool {
        if case .failed = self { return true }
        if case .refused = self { return true }
        return false
    }
}

/// Writes `<slug>.md` safely: never over an article an editor has changed (unless forced),
/// never over another article that happens to have the same title (that one gets "-2").
public struct ArticleFileWriter: Sendable {
    public var directory: URL
    public var force: Bool

    public init(directory: URL, force: Bool) {
        self.directory = directory
        self.force = force
    }

    /// FNV-1a, 64 bits: enough to recognise the same input again, no crypto needed.
    public static func hash(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in data { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(h, radix: 16).leftPadded(16)
    }

    public func write(markdown: String, slug: String, inputName: String, inputHash: String, displayPath: (URL) -> String) -> ImportOutcome {
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        } catch {
            return .refused(path: displayPath(directory), reason: "the folder cannot be created: \(error.localizedDescription)")
        }
        for attempt in 1...50 {
            let name = attempt == 1 ? slug : "\(slug)-\(attempt)"
            let url = directory.appendingPathComponent(name + ".md")
            let path = displayPath(url)
            guard let existing = fm.contents(atPath: url.path) else {
                return save(markdown, to: url, path: path, outcome: .written(path: path))
            }
            if existing == Data(markdown.utf8) { return .unchanged(path: path) }
            let text = String(decoding: existing.prefix(4096), as: UTF8.self)
            let sameInput = text.contains("(fnv1a \(inputHash))") || text.contains("imported by taawun from \(inputName) (")
            if sameInput {
                if force { return save(markdown, to: url, path: path, outcome: .overwritten(path: path)) }
                return .refused(path: path, reason: "it was changed since it was imported (an editor's work is kept); re-import with --force to replace it")
            }
            // Another article has this slug: try the next one.
        }
        return .refused(path: displayPath(directory.appendingPathComponent(slug + ".md")), reason: "too many articles with this title")
    }

    private func save(_ markdown: String, to url: URL, path: String, outcome: ImportOutcome) -> ImportOutcome {
        do {
            try Data(markdown.utf8).write(to: url, options: .atomic)
            return outcome
        } catch {
            return .refused(path: path, reason: "it cannot be written: \(error.localizedDescription)")
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
