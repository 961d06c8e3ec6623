import Diagnostics
import Foundation
import Pipeline

/// The only place diagnostics are turned into text: `path:line:column: error: message` and an
/// indented hint, as compilers print them, so editors' tools can jump to the line.
public struct Console: Sendable {
    public static let standardError = Console(handle: FileHandle.standardError)

    public let handle: FileHandle
    public var isTerminal: Bool { isatty(handle.fileDescriptor) == 1 }

    public init(handle: FileHandle) { self.handle = handle }

    public func line(_ text: String) {
        handle.write(Data((text + "\n").utf8))
    }

    public func print(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics { line(render(diagnostic)) }
    }

    public func render(_ diagnostic: Diagnostic) -> String {
        let bold = isTerminal ? "\u{1B}[1m" : "", reset = isTerminal ? "\u{1B}[0m" : ""
        let color = !isTerminal ? "" : diagnostic.severity == .error ? "\u{1B}[31m" : "\u{1B}[33m"
        var text = "\(bold)\(diagnostic.location.description):\(reset) \(color)\(diagnostic.severity.rawValue):\(reset) \(diagnostic.message)"
        if let hint = diagnostic.hint { text += "\n    hint: \(hint)" }
        return text
    }

    /// One updating line on a terminal; nothing at all in pipes and CI.
    public var progress: SiteBuild.Progress {
        let terminal = isTerminal
        let handle = handle
        return { stage, done, total in
            guard terminal else { return }
            let count = total > 0 ? " \(done)/\(total)" : ""
            handle.write(Data("\r\u{1B}[K\(stage.rawValue)\(count)…".utf8))
        }
    }

    public func clearProgress() {
        if isTerminal { handle.write(Data("\r\u{1B}[K".utf8)) }
    }
}
