import Mustache

/// Compiles a template by walking swift-mustache's parsed tokens the way its renderer does, with
/// its context minus the values: partials and blocks are expanded in place with the overrides,
/// indentation and content type they would be rendered with.
struct TemplateCompiler {
    /// Every parsed template of the set, by name, as tokens read once (`Token.list`): a layout or
    /// partial expanded into every page template is not read again for each.
    let library: [String: [Token]?]

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
        var overrides: [String: [Token]] = [:]
        var escapes = true
    }

    /// A swift-mustache token, read out of its private representation.
    indirect enum Token {
        case text(String)
        case variable(String, escaped: Bool)
        case section(String, inverted: Bool, body: [Token])
        case partial(String, indentation: String?, overrides: [String: [Token]]?)
        case blockExpansion(String, body: [Token], indentation: String?)
        case contentType(escapes: Bool)

        /// The tokens of `template`, or nil when it uses something only swift-mustache renders
        /// (or its token layout is not the one this was written against).
        static func list(_ template: MustacheTemplate) -> [Token]? {
            guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
                return nil
            }
            var list: [Token] = []
            list.reserveCapacity(tokens.count)
            for token in tokens {
                guard let read = Token(token) else { return nil }
                list.append(read)
            }
            return list
        }

        init?(_ token: Any) {
            guard let (kind, payload) = Mirror(reflecting: token).children.first.map({ ($0.label, $0.value) }) else { return nil }
            switch kind {
            case "text":
                guard let string = payload as? String else { return nil }
                self = .text(string)
            case "variable", "unescapedVariable":
                guard let (name, transforms) = payload as? (String, [String]), transforms.isEmpty else { return nil }
                self = .variable(name, escaped: kind == "variable")
            case "section", "invertedSection":
                guard let (name, transforms, body) = payload as? (String, [String], MustacheTemplate), transforms.isEmpty,
                      let tokens = Token.list(body) else { return nil }
                self = .section(name, inverted: kind == "invertedSection", body: tokens)
            case "partial":
                guard let (name, indentation, inherits) = payload as? (String, String?, [String: MustacheTemplate]?) else {
                    return nil
                }
                var overrides: [String: [Token]]?
                if let inherits {
                    overrides = [:]
                    for (block, template) in inherits {
                        guard let tokens = Token.list(template) else { return nil }
                        overrides![block] = tokens
                    }
                }
                self = .partial(name, indentation: indentation, overrides: overrides)
            case "blockExpansion":
                guard let (name, body, indentation) = payload as? (String, MustacheTemplate, String?),
                      let tokens = Token.list(body) else { return nil }
                self = .blockExpansion(name, body: tokens, indentation: indentation)
            case "contentType":
                switch String(describing: type(of: payload)) {
                case "HTMLContentType": self = .contentType(escapes: true)
                case "TextContentType": self = .contentType(escapes: false)
                default: return nil
                }
            default:
                // Dynamic partials, block definitions outside a parent, anything newer.
                return nil
            }
        }
    }

    init(library: [String: MustacheTemplate]) {
        self.library = library.mapValues(Token.list)
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
        guard let tokens = library[name], let tokens, emit(tokens, Context()) else { return nil }
        return CompiledTemplate(instructions: instructions, text: text, names: names, pathNames: pathNames)
    }

    /// A template's tokens, in the token list being emitted. Content types change `context` for
    /// the tokens that follow, within this template only.
    private mutating func emit(_ tokens: [Token], _ context: Context) -> Bool {
        var context = context
        for token in tokens {
            guard emit(token, &context) else { return false }
        }
        return true
    }

    private mutating func emit(_ token: Token, _ context: inout Context) -> Bool {
        switch token {
        case .text(let string):
            emitText(string, mergeable: context.indentation.isEmpty)
        case .variable(let name, let escaped):
            emit(.variable(path(name), escaped: escaped && context.escapes))
        case .section(let name, let inverted, let body):
            let path = path(name)
            return emitList(body, context) { end in
                inverted ? .invertedSection(path, end: end) : .section(path, end: end)
            }
        case .partial(let name, let indentation, let inherits):
            // swift-mustache renders a missing partial as nothing (the loader reports it).
            guard let partial = library[name] else { return true }
            guard let partial else { return false }
            var inner = Context(indentation: context.indentation + Array((indentation ?? "").utf8),
                                overrides: context.overrides, escapes: true)
            // The outermost override of a block wins.
            if let inherits { inner.overrides.merge(inherits) { outer, _ in outer } }
            return expand(partial, inner)
        case .blockExpansion(let name, let body, let indentation):
            var inner = context
            inner.indentation += Array((indentation ?? "").utf8)
            return expand(context.overrides[name] ?? body, inner)
        case .contentType(let escapes):
            context.escapes = escapes
        }
        return true
    }

    /// A partial's or block's tokens, which swift-mustache renders as a token list of their
    /// own. Without indentation that makes no difference, and they are emitted inline.
    private mutating func expand(_ tokens: [Token], _ context: Context) -> Bool {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { return false }
        guard !context.indentation.isEmpty else { return emit(tokens, context) }
        let start = text.count
        text += context.indentation
        let indentation = start..<text.count
        return emitList(tokens, context) { end in .indented(end: end, indentation: indentation) }
    }

    /// An instruction followed by a token list, which it ends.
    private mutating func emitList(_ tokens: [Token], _ context: Context,
                                   endedBy instruction: (_ end: Int) -> CompiledTemplate.Instruction) -> Bool {
        let opening = instructions.count
        emit(.text(0..<0)) // until the end is known
        guard emit(tokens, context) else { return false }
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
