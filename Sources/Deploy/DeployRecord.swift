import Foundation

/// What deploys to one destination left there, kept in .taawun/deploys/<destination id>: every
/// file an earlier deploy put there with the hash of the bytes it sent (the build's own hash,
/// `ContentHash`), and the files a deploy was about to change when it stopped (`unsettled`: their
/// state on the remote is unknown, so the next deploy sends or deletes them again). Written before
/// a deploy changes anything and again after it succeeded, never in between: a deploy that stops
/// half-way is completed by the next.
public struct DeployRecord: Sendable, Equatable {
    public var files: [String: UInt64]
    public var unsettled: Set<String>

    public init(files: [String: UInt64] = [:], unsettled: Set<String> = []) {
        self.files = files
        self.unsettled = unsettled
    }

    static let header = "taawun-deploy-record 1"

    public static func url(for destination: Destination, state: URL) -> URL {
        state.appendingPathComponent("deploys", isDirectory: true).appendingPathComponent(destination.id)
    }

    /// The record, or nil when there is none (or it is damaged: then the remote is listed again).
    public static func read(from url: URL) -> DeployRecord? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard lines.popFirst() == Substring(header), lines.popFirst()?.hasPrefix("destination ") == true else { return nil }
        var record = DeployRecord()
        for line in lines {
            // "<16 hex digits> <path>" or "? <path>"
            guard let space = line.firstIndex(of: " ") else { return nil }
            let path = String(line[line.index(after: space)...])
            let mark = line[..<space]
            if mark == "?" { record.unsettled.insert(path); continue }
            guard let hash = UInt64(mark, radix: 16) else { return nil }
            record.files[path] = hash
        }
        return record
    }

    /// Writes the record in place of the old one (a new file renamed over it).
    public func write(to url: URL, destination: Destination) throws(DeployError) {
        var text = Self.header + "\ndestination \(destination.kind.rawValue) \(destination.target)\n"
        for path in files.keys.sorted() where !path.contains("\n") {
            let hex = String(files[path]!, radix: 16)
            text += String(repeating: "0", count: 16 - hex.count) + hex + " " + path + "\n"
        }
        for path in unsettled.sorted() where !path.contains("\n") { text += "? " + path + "\n" }
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw .io(url.path, "cannot write the deploy record: \(error.localizedDescription)")
        }
    }
}
