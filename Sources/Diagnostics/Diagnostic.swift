/// A place in a source file, 1-based. `line` 0 means "the file as a whole".
public struct SourceLocation: Sendable, Hashable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        let file = VisibleText.escaped(self.file)
        return line > 0 ? "\(file):\(line):\(max(column, 1))" : file
    }
}

/// Text from content made safe to print: a diagnostic quotes titles, names and links as the
/// editor wrote them, and a control character or terminal escape among them (ESC[31m, BEL, CR,
/// a bidi override) must not recolour, rewrite or reorder the terminal's line. Each such
/// character is written the way Swift source writes it, `\u{1B}`: visible, unambiguous, and
/// plain ASCII in JSON. Escaped: C0 and C1 controls and DEL (tab and newline too: a message is
/// one line), the bidi marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069) and the line and paragraph separators (U+2028, U+2029).
/// Escaping twice changes nothing more: the escaped form has none of them.
public enum VisibleText {
    public static func needsEscaping(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    public static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscaping) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if needsEscaping(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// One finding about the content or the templates, rendered once at the CLI as
/// `path:line:column: error: message` followed by the hint.
public struct Diagnostic: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Codable { case error, warning }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    /// The message and hint quote content: they are made visible here, once, for every way a
    /// diagnostic is shown (terminal, JSON, the preview's error page). See `VisibleText`.
    public init(_ severity: Severity, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = VisibleText.escaped(message)
        self.hint = hint.map(VisibleText.escaped)
    }

    public static func error(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    public var description: String {
        var text = "\(location.description): \(severity.rawValue): \(message)"
        if let hint { text += "\n    hint: \(hint)" }
        return text
    }
}

/// Thrown when a stage finds errors; carries every finding so the editor fixes them in one pass.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// The step of the build these diagnostics stopped, as the closing line names it
    /// ("loading and modelling the content"); nil outside a build.
    public var step: String?
    public init(_ diagnostics: [Diagnostic], step: String? = nil) {
        self.diagnostics = diagnostics
        self.step = step
    }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

extension Array where Element == Diagnostic {
    public var errors: [Diagnostic] { filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { filter { $0.severity == .warning } }
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column: the order an editor reads them.
    public func sortedByLocation() -> [Diagnostic] {
        sorted { a, b in
            (a.location.file, a.location.line, a.location.column, a.message) < (b.location.file, b.location.line, b.location.column, b.message)
        }
    }
}
