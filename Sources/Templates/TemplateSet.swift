import ArabicText
import Diagnostics
import Support
import Foundation
import Mustache

/// Every template of a theme, parsed and checked, ready to render pages concurrently.
///
/// Templates are the `.mustache` files under the templates folder (subfolders included, so
/// `partials/card.mustache` is the partial `partials/card`); `assets/` is not searched. Loading
/// reports every problem at once: syntax errors with line and column, references to partials or
/// parents that do not exist (swift-mustache would silently render them as nothing), partials
/// that include themselves (they would recurse without end), and missing page templates.
public struct TemplateSet: Sendable {
    /// Template names, sorted: `home`, `partials/card`, …
    public let names: [String]
    /// FNV-1a over every template file's name and bytes: changes when any template changes.
    public let fingerprint: UInt64
    /// What messages put before a template's file name, e.g. "templates/".
    public let displayPrefix: String
    private let library: MustacheLibrary
    /// Every template compiled for fast rendering; nil when one of them needs swift-mustache's
    /// own renderer (then all are rendered by it, so partials and parents agree).
    private let compiled: [String: CompiledTemplate]?

    public static let fileExtension = "mustache"

    /// Loads and checks the folder. `required` are the page templates that must exist.
    public static func load(from directory: URL, displayPrefix: String = "templates/",
                            required: [String] = PageTemplate.allCases.map(\.name)) throws(DiagnosticsError) -> TemplateSet {
        let folder = directory.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DiagnosticsError([.error(at: SourceLocation(file: displayPrefix), "the templates folder is missing",
                                           hint: "a site needs templates/ with base.mustache and one template per page kind")])
        }
        var sources: [String: String] = [:]
        var hasher = WordHasher()
        var diagnostics: [Diagnostic] = []
        for (name, url) in templateFiles(in: folder) {
            let file = displayPrefix + name + "." + fileExtension
            guard let data = try? Data(contentsOf: url) else {
                diagnostics.append(.error(at: SourceLocation(file: file), "this template cannot be read"))
                continue
            }
            hasher.add(string: name)
            data.withUnsafeBytes { hasher.add(bytes: $0) }
            hasher.add(word: UInt64(data.count))
            guard var text = String(data: data, encoding: .utf8) else {
                diagnostics.append(.error(at: SourceLocation(file: file), "this template is not UTF-8 text",
                                          hint: "save it as UTF-8"))
                continue
            }
            // A byte-order mark would be copied before <!DOCTYPE html>.
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            sources[name] = text
        }
        // The assets' content-hashed names, as partials named for the assets (`AssetNames`).
        let assetNames = AssetNames.partials(in: folder.appendingPathComponent("assets", isDirectory: true))
        for name in assetNames.keys.sorted() where sources[name] == nil {
            hasher.add(string: name)
            hasher.add(string: assetNames[name]!)
            sources[name] = assetNames[name]!
        }
        return try TemplateSet(sources: sources, displayPrefix: displayPrefix, required: required,
                               fingerprint: hasher.value, earlier: diagnostics)
    }

    /// Builds a set from template texts by name (for tests and tools that hold templates in memory).
    public init(sources: [String: String], displayPrefix: String = "templates/",
                required: [String] = PageTemplate.allCases.map(\.name)) throws(DiagnosticsError) {
        var hasher = WordHasher()
        for name in sources.keys.sorted() {
            hasher.add(string: name)
            hasher.add(string: sources[name]!)
        }
        try self.init(sources: sources, displayPrefix: displayPrefix, required: required, fingerprint: hasher.value, earlier: [])
    }

    private init(sources: [String: String], displayPrefix: String, required: [String],
                 fingerprint: UInt64, earlier: [Diagnostic]) throws(DiagnosticsError) {
        var diagnostics = earlier
        func file(_ name: String) -> String { displayPrefix + name + "." + Self.fileExtension }

        var parsed: [String: MustacheTemplate] = [:]
        var references: [String: [MustacheTag]] = [:]
        for name in sources.keys.sorted() {
            let text = sources[name]!
            let tags = MustacheTags.scan(text)
            do {
                parsed[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                diagnostics.append(Self.diagnostic(for: error, tags: tags, file: file(name)))
            } catch {
                diagnostics.append(.error(at: SourceLocation(file: file(name)), "this template cannot be parsed: \(error)"))
            }
            references[name] = tags.filter { ($0.kind == .partial || $0.kind == .parent) && !$0.name.hasPrefix("*") }
        }

        for name in sources.keys.sorted() {
            for tag in references[name] ?? [] where sources[tag.name] == nil {
                if tag.name.hasPrefix("assets/") {
                    diagnostics.append(.error(
                        at: SourceLocation(file: file(name), line: tag.line, column: tag.column),
                        "\(tag.written) names an asset that does not exist: there is no \(displayPrefix)\(tag.name)",
                        hint: "put the file in \(displayPrefix)assets/, or correct the name; {{> assets/NAME}} writes the asset's published, content-hashed path"))
                    continue
                }
                let what = tag.kind == .parent ? "parent template" : "partial"
                diagnostics.append(.error(
                    at: SourceLocation(file: file(name), line: tag.line, column: tag.column),
                    "\(tag.written) names a \(what) that does not exist: there is no \(file(tag.name))",
                    hint: EditDistance.closest(to: tag.name, among: sources.keys.sorted()).map { "did you mean \($0)?" }
                        ?? "create \(file(tag.name)) or correct the name"))
            }
        }
        diagnostics += Self.cycles(in: references, file: file)

        for name in required where sources[name] == nil {
            diagnostics.append(.error(
                at: SourceLocation(file: file(name)), "the page template «\(name)» is missing",
                hint: "every theme needs \(file(name)); copy it from Taawun's default templates/ and adapt it"))
        }

        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics.sortedByLocation()) }
        self.names = sources.keys.sorted()
        self.fingerprint = fingerprint
        self.displayPrefix = displayPrefix
        self.library = MustacheLibrary(templates: parsed)
        var compiler = TemplateCompiler(library: parsed)
        var compiled: [String: CompiledTemplate]? = [:]
        for name in parsed.keys {
            guard let fast = compiler.compile(name) else { compiled = nil; break }
            compiled?[name] = fast
        }
        self.compiled = compiled
    }

    /// Whether pages are rendered by the compiled renderer rather than swift-mustache's.
    var isCompiled: Bool { compiled != nil }

    /// A template's compiled form, for tests.
    func compiled(_ name: String) -> CompiledTemplate? { compiled?[name] }

    public func contains(_ name: String) -> Bool { library.getTemplate(named: name) != nil }

    /// Where a template's file is, as messages show it.
    public func displayPath(of name: String) -> String { displayPrefix + name + "." + Self.fileExtension }

    /// Renders one template with a context. Values are HTML-escaped by `{{ }}` (which also makes
    /// them safe XML text), raw with `{{{ }}}`.
    public func render(_ name: String, _ value: TemplateValue) throws(Diagnostic) -> String {
        String(decoding: try renderUTF8(name, value), as: UTF8.self)
    }

    /// `render(_:_:)` as UTF-8 bytes, which is how the compiled renderer makes them: a caller
    /// that writes bytes (a page) saves decoding them into a String and encoding it back.
    public func renderUTF8(_ name: String, _ value: TemplateValue) throws(Diagnostic) -> [UInt8] {
        guard let template = library.getTemplate(named: name) else {
            throw .error(at: SourceLocation(file: displayPath(of: name)), "there is no template «\(name)»",
                         hint: "create \(displayPath(of: name))")
        }
        guard let compiled, let fast = compiled[name] else { return Array(template.render(value.mustacheValue, library: library).utf8) }
        return fast.render(value)
    }

    /// The same template rendered by swift-mustache's own renderer: the reference the compiled
    /// renderer is tested against.
    func renderWithSwiftMustache(_ name: String, _ value: TemplateValue) -> String? {
        library.getTemplate(named: name)?.render(value.mustacheValue, library: library)
    }

    // MARK: - Loading

    /// `.mustache` files under `folder`, by template name, sorted; `assets/` and hidden files skipped.
    static func templateFiles(in folder: URL) -> [(name: String, url: URL)] {
        // Resolved first: a theme folder may be a link to a shared one, and the enumerator lists
        // nothing when started on a link.
        let root = folder.resolvingSymlinksInPath()
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var files: [(String, URL)] = []
        for case let url as URL in enumerator {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base), url.pathExtension == fileExtension else { continue }
            let relative = String(path.dropFirst(base.count))
            guard !relative.hasPrefix("assets/"),
                  (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            files.append((String(relative.dropLast(fileExtension.count + 1)), url))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    // MARK: - Problems

    /// A parse error as an editor reads it: where, what, and what to do.
    static func diagnostic(for error: MustacheTemplate.ParserError, tags: [MustacheTag], file: String) -> Diagnostic {
        var location = SourceLocation(file: file, line: error.context.lineNumber, column: error.context.columnNumber)
        let message: String
        var hint: String?
        switch error.error {
        case MustacheTemplate.Error.sectionCloseNameIncorrect:
            let problem = MustacheTags.sectionProblem(in: tags)
            if let closer = problem.closer {
                location = SourceLocation(file: file, line: closer.line, column: closer.column)
                if let opener = problem.opener {
                    message = "\(closer.written) does not close the open section \(opener.written) (line \(opener.line))"
                    hint = "close \(opener.written) with {{/\(opener.name)}} first"
                } else {
                    message = "\(closer.written) closes a section that was never opened"
                    hint = "remove it, or open the section with {{#\(closer.name)}}"
                }
            } else {
                message = "this closing tag does not match the section it closes"
            }
        case MustacheTemplate.Error.expectedSectionEnd:
            if let opener = MustacheTags.sectionProblem(in: tags).opener {
                location = SourceLocation(file: file, line: opener.line, column: opener.column)
                message = "\(opener.written) is never closed"
                hint = "add {{/\(opener.name)}} where the section ends"
            } else {
                message = "a section is never closed"
            }
        case MustacheTemplate.Error.unfinishedName:
            message = "unfinished or malformed tag"
            hint = "a tag is {{name}}, {{#name}}…{{/name}} or {{> partial}}; names use Latin letters, digits, '.', '-' and '_'"
        case MustacheTemplate.Error.invalidSetDelimiter:
            message = "malformed delimiter tag"
            hint = "write it as {{=<% %>=}}"
        case MustacheTemplate.Error.illegalTokenInsideInheritSection, MustacheTemplate.Error.textInsideInheritSection,
             MustacheTemplate.Error.transformAppliedToInheritanceSection:
            message = "only {{$block}}…{{/block}} definitions may stand inside {{< parent}}…{{/parent}}"
            hint = "move the markup into one of the parent's blocks, e.g. {{$content}}…{{/content}}"
        case MustacheTemplate.Error.invalidConfigVariableSyntax, MustacheTemplate.Error.unrecognisedConfigVariable:
            message = "unknown or malformed pragma tag"
            hint = "the only pragma is {{% CONTENT_TYPE: HTML}} (or TEXT)"
        default:
            message = "the template ends in the middle of a tag"
            hint = "every {{ needs its }}"
        }
        return .error(at: location, message, hint: hint)
    }

    /// Partials that include themselves, directly or through others, would recurse forever.
    static func cycles(in references: [String: [MustacheTag]], file: (String) -> String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var state: [String: Bool] = [:] // false: on the current path; true: finished
        var path: [String] = []
        func visit(_ name: String) {
            state[name] = false
            path.append(name)
            for tag in references[name] ?? [] where references[tag.name] != nil {
                switch state[tag.name] {
                case .some(false):
                    let loop = path[path.firstIndex(of: tag.name)!...] + [tag.name]
                    diagnostics.append(.error(
                        at: SourceLocation(file: file(name), line: tag.line, column: tag.column),
                        "\(tag.written) makes templates include each other without end: \(loop.joined(separator: " → "))",
                        hint: "a partial must not include itself"))
                case .none: visit(tag.name)
                case .some(true): break
                }
            }
            path.removeLast()
            state[name] = true
        }
        for name in references.keys.sorted() where state[name] == nil { visit(name) }
        return diagnostics
    }
}
