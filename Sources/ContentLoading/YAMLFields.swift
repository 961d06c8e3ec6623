import ArabicText
import Diagnostics
import Yams

/// A value read from YAML together with where it was written, so later stages can point at it.
public struct Located<Value: Sendable & Hashable>: Sendable, Hashable {
    public var value: Value
    public var location: SourceLocation
    public init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}

// Synthesized here: Codable cannot be synthesized in an extension in another file.
extension Located: Codable where Value: Codable {}

/// Typed, located access to one YAML mapping. Every problem becomes a diagnostic with the
/// field's line and column; nothing is skipped silently.
struct YAMLFields {
    let file: String
    let lineOffset: Int
    private(set) var entries: [(key: String, keyLocation: SourceLocation, value: YAMLValue)] = []
    private(set) var diagnostics: [Diagnostic] = []
    /// False when the YAML itself could not be read (then missing fields are not reported too).
    private(set) var parsed = false

    /// Parses `yaml` (which starts at `firstLine` of `file`) as a mapping of known keys.
    /// An empty document is an empty mapping.
    init(yaml: String, file: String, firstLine: Int, allowedKeys: [String], what: String) {
        let lineOffset = firstLine - 1
        if let refused = YAMLAliasGuard.diagnostic(in: yaml, file: file, lineOffset: lineOffset) {
            self.init(file: file, lineOffset: lineOffset, diagnostics: [refused])
            return
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            // A field written twice is reported at both lines, and the other fields are still
            // read: Yams refuses the whole text, so it is read again without the repeats.
            if case YamlError.duplicatedKeysInMapping = error,
               let (rest, repeats) = Self.withoutRepeatedFields(yaml, file: file, lineOffset: lineOffset) {
                self.init(yaml: rest, file: file, firstLine: firstLine, allowedKeys: allowedKeys, what: what)
                diagnostics = repeats + diagnostics
                return
            }
            self.init(file: file, lineOffset: lineOffset, diagnostics: [Self.diagnostic(for: error, file: file, lineOffset: lineOffset)])
            return
        }
        guard let node else {
            self.init(file: file, lineOffset: lineOffset, diagnostics: [])
            self.parsed = true
            return
        }
        guard let mapping = node.mapping else {
            let at = SourceLocation(file: file, line: (node.mark?.line ?? 1) + lineOffset, column: node.mark?.column ?? 1)
            self.init(file: file, lineOffset: lineOffset, diagnostics: [
                .error(at: at, "the \(what) must be a list of fields such as \"title: …\"",
                       hint: "write one field per line: a name, a colon, a space, then the value"),
            ])
            return
        }
        self.init(mapping: mapping, file: file, lineOffset: lineOffset, allowedKeys: allowedKeys, what: what)
    }

    /// The fast reading of `yaml` by `SimpleYAML`, or nil when that reader is not sure of it
    /// (the caller then reads it with `init(yaml:…)`, the reference).
    init?(simpleYAML yaml: String, file: String, firstLine: Int, allowedKeys: [String], what: String) {
        guard let pairs = SimpleYAML.mapping(yaml) else { return nil }
        self.init(pairs: pairs, file: file, lineOffset: firstLine - 1, allowedKeys: allowedKeys, what: what)
    }

    private init(file: String, lineOffset: Int, diagnostics: [Diagnostic]) {
        self.file = file
        self.lineOffset = lineOffset
        self.diagnostics = diagnostics
    }

    init(mapping: Node.Mapping, file: String, lineOffset: Int, allowedKeys: [String], what: String) {
        self.init(pairs: mapping.map { (YAMLValue($0.key), YAMLValue($0.value)) }, file: file, lineOffset: lineOffset,
                  allowedKeys: allowedKeys, what: what)
    }

    init(pairs: [(key: YAMLValue, value: YAMLValue)], file: String, lineOffset: Int, allowedKeys: [String], what: String) {
        self.file = file
        self.lineOffset = lineOffset
        self.parsed = true
        for (keyNode, value) in pairs {
            let keyLocation = location(keyNode.position)
            guard let key = keyNode.scalar?.string else {
                diagnostics.append(.error(at: keyLocation, "a field name in the \(what) must be plain text"))
                continue
            }
            guard allowedKeys.contains(key) else {
                var hint = "the allowed fields are: \(allowedKeys.joined(separator: ", "))"
                if let guess = EditDistance.closest(to: key, among: allowedKeys) {
                    hint = "did you mean \"\(guess)\"? " + hint
                }
                diagnostics.append(.error(at: keyLocation, "unknown field \"\(key)\" in the \(what)", hint: hint))
                continue
            }
            entries.append((key, keyLocation, value))
        }
    }

    func location(_ position: YAMLPosition?) -> SourceLocation {
        guard let position else { return SourceLocation(file: file, line: lineOffset + 1, column: 1) }
        return SourceLocation(file: file, line: position.line + lineOffset, column: position.column)
    }

    func node(_ key: String) -> YAMLValue? {
        entries.first { $0.key == key }?.value
    }

    func keyLocation(_ key: String) -> SourceLocation? {
        entries.first { $0.key == key }?.keyLocation
    }

    /// A text field. Numbers, booleans, lists and mappings are errors (an editor who writes
    /// `title: 2030` almost certainly meant text, so we say how to write it).
    mutating func text(_ key: String) -> Located<String>? {
        guard let node = node(key) else { return nil }
        let at = location(node.position)
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain {
                let tag = scalar.resolvedTag
                switch tag {
                case .null: return nil
                case .int, .float, .bool:
                    diagnostics.append(.error(at: at, "\"\(key)\" must be text, but \(scalar.string) reads as a \(tag == .bool ? "yes/no value" : "number")",
                                              hint: "put the value in quotes: \(key): \"\(scalar.string)\""))
                    return nil
                default: break
                }
            }
            let value = scalar.string.trimming(.whitespacesAndNewlines)
            return value.isEmpty ? nil : Located(value, at: at)
        case .sequence:
            diagnostics.append(.error(at: at, "\"\(key)\" must be a single text, not a list",
                                      hint: "write it on one line: \(key): …"))
        default:
            diagnostics.append(.error(at: at, "\"\(key)\" must be a single text",
                                      hint: "write it on one line: \(key): …"))
        }
        return nil
    }

    /// A list of texts. A single text where a list is expected is an error with the fix.
    mutating func list(_ key: String) -> [Located<String>] {
        guard let node = node(key) else { return [] }
        let at = location(node.position)
        switch node {
        case .sequence(let sequence, _):
            var items: [Located<String>] = []
            for item in sequence {
                guard let scalar = item.scalar, !scalar.isPlainNull else {
                    diagnostics.append(.error(at: location(item.position), "each item of \"\(key)\" must be a single text",
                                              hint: "write one item per line, as \"- name\""))
                    continue
                }
                let value = scalar.string.trimming(.whitespacesAndNewlines)
                if !value.isEmpty { items.append(Located(value, at: location(item.position))) }
            }
            return items
        case .scalar(let scalar) where scalar.isPlainNull:
            return []
        default:
            diagnostics.append(.error(at: at, "\"\(key)\" must be a list",
                                      hint: "write each item on its own line under \"\(key):\" as \"  - item\", or on one line as [first, second]"))
            return []
        }
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = node(key) else { return nil }
        if let scalar = node.scalar, let value = Bool.construct(from: scalar.yams), scalar.style == .plain { return value }
        diagnostics.append(.error(at: location(node.position), "\"\(key)\" must be true or false",
                                  hint: "write \(key): true   or   \(key): false"))
        return nil
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let node = node(key) else { return nil }
        if let scalar = node.scalar, let value = Int.construct(from: scalar.yams), range.contains(value) { return value }
        diagnostics.append(.error(at: location(node.position), "\"\(key)\" must be a whole number from \(range.lowerBound) to \(range.upperBound)",
                                  hint: "for example: \(key): \(range.lowerBound)"))
        return nil
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    /// Turns a Yams error into a located diagnostic with a hint for the common mistakes.
    static func diagnostic(for error: Error, file: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + lineOffset, column: mark.column)
        }
        guard let yamlError = error as? YamlError else {
            return .error(at: SourceLocation(file: file, line: lineOffset + 1, column: 1), "the fields cannot be read: \(error)")
        }
        switch yamlError {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            // An unclosed quotation mark is noticed only where the fields end: point at the quote.
            if let context, context.text.contains("quoted scalar") {
                return .error(at: at(context.mark), "the fields cannot be read: this quotation mark is never closed",
                              hint: hint(forYAMLProblem: context.text))
            }
            return .error(at: at(mark), "the fields cannot be read: \(problem)", hint: hint(forYAMLProblem: problem))
        case .duplicatedKeysInMapping(let keys, let context):
            return .error(at: at(context.mark), "the field \(keys.map { "\"\($0)\"" }.joined(separator: ", ")) is written more than once",
                          hint: "keep one of them and delete the other")
        case .reader(let problem, _, _, _):
            return .error(at: SourceLocation(file: file, line: lineOffset + 1, column: 1), "the fields cannot be read: \(problem)",
                          hint: "save the file as UTF-8 text")
        default:
            return .error(at: SourceLocation(file: file, line: lineOffset + 1, column: 1), "the fields cannot be read: \(yamlError)")
        }
    }

    /// `yaml` with every field at the left margin that repeats an earlier one blanked out (its
    /// line and the indented or "- " lines under it, so line numbers stay), and an error at each
    /// place the field is written. nil when no field at the left margin repeats (the repeat is
    /// deeper: the caller reports Yams' error).
    static func withoutRepeatedFields(_ yaml: String, file: String, lineOffset: Int) -> (String, [Diagnostic])? {
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var first: [String: Int] = [:]
        var repeats: [(key: String, first: Int, again: [Int])] = []
        var blanking = false
        for i in lines.indices {
            let line = lines[i]
            guard let head = line.unicodeScalars.first, head != " ", head != "\t", head != "#", head != "-" else {
                if blanking { lines[i] = "" }
                continue
            }
            blanking = false
            guard let key = topLevelKey(line) else { continue }
            guard let earlier = first[key] else {
                first[key] = i
                continue
            }
            if let k = repeats.firstIndex(where: { $0.key == key }) { repeats[k].again.append(i) } else { repeats.append((key, earlier, [i])) }
            lines[i] = ""
            blanking = true
        }
        guard !repeats.isEmpty else { return nil }
        var found: [Diagnostic] = []
        for (key, firstLine, again) in repeats {
            let at = { (i: Int) in SourceLocation(file: file, line: i + 1 + lineOffset, column: 1) }
            let others = again.map { String($0 + 1 + lineOffset) }.joined(separator: ", ")
            found.append(.error(at: at(firstLine), "the field \"\(key)\" is written more than once (again on line \(others))",
                                hint: "keep one of them and delete the other"))
            for i in again {
                found.append(.error(at: at(i), "the field \"\(key)\" is written more than once (first on line \(firstLine + 1 + lineOffset)); this one is not read",
                                    hint: "keep one of them and delete the other"))
            }
        }
        return (lines.joined(separator: "\n"), found)
    }

    /// The key of a `key: value` line at the left margin (quotes removed), or nil.
    static func topLevelKey(_ line: String) -> String? {
        var key = Substring(line)
        if let quote = key.first, quote == "\"" || quote == "'" {
            guard let close = key.dropFirst().firstIndex(of: quote) else { return nil }
            let after = key[key.index(after: close)...]
            guard after.first == ":" else { return nil }
            return String(key[key.index(after: key.startIndex)..<close])
        }
        guard let colon = key.firstIndex(of: ":") else { return nil }
        let after = key[key.index(after: colon)...]
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        key = key[..<colon]
        while key.last == " " { key = key.dropLast() }
        return key.isEmpty ? nil : String(key)
    }

    static func hint(forYAMLProblem problem: String) -> String {
        if problem.contains("cannot start any token") || problem.contains("tab") {
            return "indent with spaces, not tabs, and put values that start with @, ` or % in quotes"
        }
        if problem.contains("mapping values are not allowed") {
            return "a value that contains \": \" must be in quotes, e.g. title: \"الدوحة: توقيع اتفاقية\""
        }
        if problem.contains("could not find expected ':'") || problem.contains("expected <block end>") {
            return "each field is \"name: value\" on its own line; list items start with \"- \" and are indented the same"
        }
        if problem.contains("quoted scalar") {
            return "a quotation mark is opened and never closed: close it at the end of the same line, e.g. title: \"…\""
        }
        return "check the indentation and the colons of the fields around this line"
    }
}
