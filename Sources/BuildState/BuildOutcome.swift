import Foundation

/// Whether the last `taawun build` of an output failed, kept in its build state folder: a failed
/// build leaves public/ as it was, an older site than content/, and `taawun deploy` refuses to
/// publish that without saying so.
public enum BuildOutcome {
    public static let failedFileName = "last-build-failed"

    /// Records a failed build, with its closing line.
    public static func recordFailure(_ line: String, state: URL) {
        try? FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        try? Data((line + "\n").utf8).write(to: state.appendingPathComponent(failedFileName), options: .atomic)
    }

    /// A build succeeded: any earlier failure is over.
    public static func recordSuccess(state: URL) {
        unlink(state.appendingPathComponent(failedFileName).path)
    }

    /// The closing line of the last build when it failed; nil when it succeeded.
    public static func failure(state: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: state.appendingPathComponent(failedFileName).path) else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
