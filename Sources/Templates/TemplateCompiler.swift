import Mustache

/// Compiles a template by walking swift-mustache's parsed tokens the way its renderer does, with
/// its context minus the values: partials and blocks are expanded in place with the overrides,
/// indentation and content type they would be rendered with.
struct TemplateCompiler {
    /// Every parsed template of the set, by name.
    let library: [String: MustacheTemplate]

    /// Expansions nested deeper than this are a block overriding itself, which would recurse
    /// without end (partials that include each other are reported when the set is loaded).
    static let maximumDepth = 64
    /// Templates that expand to more instructions than this are left to swift-mustache.
    static let maximumSize = 1 << 20

    private var instructions: [CompiledTemplate.Instruction] = []
    private var text: [UInt8] = []
    private var names: [String] = []
    private var nameIndices: [String: Int] = [:]
    private var pathNames: [Int] = []
    /// The text instruction that literal text may still be added to: the last one, while its
    /// token list is not indented (an indented list's text tokens are indented one by one).
    private var openText: Int?
    private var depth = 0

    /// What swift-mustache's context holds besides the values.
    struct Context {
        var indentation: [UInt8] = []
        var overrides: [String: MustacheTemplate] = [:]
        var escapes = true
    }

    init(library: [String: MustacheTemplate]) {
        self.library = library
    }

    /// The compiled form of the template `name`, or nil when it uses something only swift-mustache
    /// renders (or its token layout is not the one this was written against).
    mutating func compile(_ name: String) -> CompiledTemplate? {
        instructions = []
        text = []
        names = []
        nameIndices = [:]
        pathNames = []
        openText = nil
        guard let template = library[name], emit(template, Context()) else { return nil }
        return CompiledTemplate(instructions: instructions, text: text, names: names, pathNames: pathNames)
    }

    /// A template's tokens, in the token list being emitted. Content types change `context` for
    /// the tokens that follow, within this template only.
    private mutating func emit(_ template: MustacheTemplate, _ context: Context) -> Bool {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
            return false
        }
        var context = context
        for token in tokens {
            guard emit(token, &context) else { return false }
        }
        return true
    }

    private mutating func emit(_ token: Any, _ context: inout Context) -> Bool {
        guard let (kind, payload) = Mirror(reflecting: token).children.first.map({ ($0.label, $0.value) }) else { return false }
        switch kind {
        case "text":
            guard let string = payload as? String else { return false }
            emitText(string, mergeable: context.indentation.isEmpty)
        case "variable", "unescapedVariable":
            guard let (name, transforms) = payload as? (String, [String]), transforms.isEmpty else { return false }
            emit(.variable(path(name), escaped: kind == "variable" && context.escapes))
        case "section", "invertedSection":
            guard let (name, transforms, body) = payload as? (String, [String], MustacheTemplate), transforms.isEmpty else {
                return false
            }
            let path = path(name)
            return emitList(body, context) { end in
                kind == "section" ? .section(path, end: end) : .invertedSection(path, end: end)
            }
        case "partial":
            guard let (name, indentation, inherits) = payload as? (String, String?, [String: MustacheTemplate]?) else {
                return false
            }
            // swift-mustache renders a missing partial as nothing (the loader reports it).
            guard let partial = library[name] else { return true }
            var inner = Context(indentation: context.indentation + Array((indentation ?? "").utf8),
                                overrides: context.overrides, escapes: true)
            // The outermost override of a block wins.
            if let inherits { inner.overrides.merge(inherits) { outer, _ in outer } }
            return expand(partial, inner)
        case "blockExpansion":
            guard let (name, body, indentation) = payload as? (String, MustacheTemplate, String?) else { return false }
            var inner = context
            inner.indentation += Array((indentation ?? "").utf8)
            return expand(context.overrides[name] ?? body, inner)
        case "contentType":
            switch String(describing: type(of: payload)) {
            case "HTMLContentType": context.escapes = true
            case "TextContentType": context.escapes = false
            default: return false
            }
        default:
            // Dynamic partials, block definitions outside a parent, anything newer.
            return false
        }
        return true
    }

    /// A partial's or block's tokens, which swift-mustache renders as a token list of their
    /// own. Without indentation that makes no difference, and they are emitted inline.
    private mutating func expand(_ template: MustacheTemplate, _ context: Context) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return false }
        guard !context.indentation.isEmpty else { return emit(template, context) }
        let start = text.count
        text += context.indentation
        let indentation = start..<text.count
        return emitList(template, context) { end in .indented(end: end, indentation: indentation) }
    }

    /// An instruction followed by a token list, which it ends.
    private mutating func emitList(_ template: MustacheTemplate, _ context: Context,
                                   endedBy instruction: (_ end: Int) -> CompiledTemplate.Instruction) -> Bool {
        let opening = instructions.count
        emit(.text(0..<0)) // until the end is known
        guard emit(template, context) else { return false }
        instructions[opening] = instruction(instructions.count)
        openText = nil
        return instructions.count <= Self.maximumSize
    }

    private mutating func emit(_ instruction: CompiledTemplate.Instruction) {
        instructions.append(instruction)
        openText = nil
    }

    private mutating func emitText(_ string: String, mergeable: Bool) {
        // An empty token's output is empty: it indents nothing either.
        guard !string.isEmpty else { return }
        let start = text.count
        text += string.utf8
        if mergeable, let open = openText, case .text(let range) = instructions[open], range.upperBound == start {
            instructions[open] = .text(range.lowerBound..<text.count)
        } else {
            instructions.append(.text(start..<text.count))
            openText = mergeable ? instructions.count - 1 : nil
        }
    }

    /// swift-mustache splits names at dots; `.` alone (or only dots) is the current value.
    private mutating func path(_ name: String) -> CompiledTemplate.Path {
        let parts = name.split(separator: ".").map(String.init)
        guard name != ".", !parts.isEmpty else { return .current }
        let start = pathNames.count
        for part in parts {
            // Each name once: lookups remember what they found by name.
            if let index = nameIndices[part] {
                pathNames.append(index)
            } else {
                nameIndices[part] = names.count
                pathNames.append(names.count)
                names.append(part)
            }
        }
        return name.hasPrefix(".") ? .fromCurrent(start..<pathNames.count) : .climbing(start..<pathNames.count)
    }
}
