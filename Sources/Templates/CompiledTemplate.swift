import Mustache

/// A template as swift-mustache parsed it, rendered straight from `TemplateValue`.
///
/// swift-mustache's renderer is correct but slow for a whole site: it finds every name through
/// several dynamic casts and escapes text one Character at a time through a dictionary, about
/// 5 µs a tag — a minute and more for a 10,000-article site. Its parser stays in charge (syntax,
/// standalone lines, indentation, inheritance): the parsed tokens are read back once, at load
/// time, and rendered here with the same rules (the renderer's `render(context:)`,
/// `renderToken`, `renderSection`, `renderInvertedSection` and the context's `withPartial` and
/// `withBlockExpansion`), on plain values and UTF-8. Tests render every page both ways and
/// require the same bytes. Templates using what this does not cover (transforms, dynamic
/// partials, custom content types) are rendered by swift-mustache itself.
struct CompiledTemplate: Sendable {
    indirect enum Node: Sendable {
        /// Literal text, as the UTF-8 bytes it is copied as.
        case text([UInt8])
        case variable(Path, escaped: Bool)
        case section(Path, [Node])
        case invertedSection(Path, [Node])
        /// `{{> name}}`, or `{{< name}}…{{/name}}` with its block overrides.
        case partial(String, indentation: [UInt8]?, overrides: [String: [Node]]?)
        case block(String, default: [Node], indentation: [UInt8]?)
        /// `{{% CONTENT_TYPE: HTML}}` (escape) or `TEXT` (do not).
        case escaping(Bool)
    }

    /// How a name is looked up: `.` is the current value; `a.b` finds `a` in the innermost
    /// value that has it, then `b` inside; `.a` looks only in the current value.
    enum Path: Sendable {
        case current
        /// The first name apart: it is the one looked up in every value of the stack.
        case climbing(String, rest: [String])
        case fromCurrent([String])

        init(_ name: String) {
            let parts = name.split(separator: ".").map(String.init)
            if name == "." || parts.isEmpty {
                self = .current
            } else if name.hasPrefix(".") {
                self = .fromCurrent(parts)
            } else {
                self = .climbing(parts[0], rest: Array(parts.dropFirst()))
            }
        }
    }

    let nodes: [Node]

    // MARK: - Reading swift-mustache's tokens

    /// The compiled form of a parsed template, or nil when it uses something only swift-mustache
    /// renders (or its token layout is not the one this was written against).
    init?(_ template: MustacheTemplate) {
        guard let nodes = Self.nodes(of: template) else { return nil }
        self.nodes = nodes
    }

    static func nodes(of template: MustacheTemplate) -> [Node]? {
        guard let tokens = Mirror(reflecting: template).children.first(where: { $0.label == "tokens" })?.value as? [Any] else {
            return nil
        }
        var nodes: [Node] = []
        nodes.reserveCapacity(tokens.count)
        for token in tokens {
            guard let node = self.node(token) else { return nil }
            nodes.append(node)
        }
        return nodes
    }

    private static func node(_ token: Any) -> Node? {
        guard let (kind, payload) = Mirror(reflecting: token).children.first.map({ ($0.label, $0.value) }) else { return nil }
        switch kind {
        case "text":
            return (payload as? String).map { Node.text(Array($0.utf8)) }
        case "variable", "unescapedVariable":
            guard let (name, transforms) = payload as? (String, [String]), transforms.isEmpty else { return nil }
            return .variable(Path(name), escaped: kind == "variable")
        case "section", "invertedSection":
            guard let (name, transforms, body) = payload as? (String, [String], MustacheTemplate), transforms.isEmpty,
                  let nodes = nodes(of: body) else { return nil }
            return kind == "section" ? .section(Path(name), nodes) : .invertedSection(Path(name), nodes)
        case "partial":
            guard let (name, indentation, inherits) = payload as? (String, String?, [String: MustacheTemplate]?) else { return nil }
            var overrides: [String: [Node]]?
            if let inherits {
                overrides = [:]
                for (block, body) in inherits {
                    guard let nodes = nodes(of: body) else { return nil }
                    overrides?[block] = nodes
                }
            }
            return .partial(name, indentation: indentation.map { Array($0.utf8) }, overrides: overrides)
        case "blockExpansion":
            guard let (name, body, indentation) = payload as? (String, MustacheTemplate, String?),
                  let nodes = nodes(of: body) else { return nil }
            return .block(name, default: nodes, indentation: indentation.map { Array($0.utf8) })
        case "contentType":
            switch String(describing: type(of: payload)) {
            case "HTMLContentType": return .escaping(true)
            case "TextContentType": return .escaping(false)
            default: return nil
            }
        default:
            // Dynamic partials, block definitions outside a parent, anything newer.
            return nil
        }
    }

    // MARK: - Rendering

    /// What a template is rendered with besides the values: swift-mustache's context minus the stack.
    struct Frame {
        var indentation: [UInt8]?
        var overrides: [String: [Node]]?
        var escapes = true
    }

    /// Renders into one UTF-8 byte buffer: swift-mustache (and this renderer before) built a
    /// String per node and per indented piece, most of a page's rendering time.
    struct Renderer {
        let library: [String: CompiledTemplate]
        var stack: [TemplateValue]

        /// `render(context:)`: with an indentation, each token's output that starts a new line is
        /// indented. Tokens are rendered straight into `out`; the indentation is put before a
        /// token's output afterwards, once it is known not to be empty.
        mutating func render(_ nodes: [Node], _ frame: Frame, into out: inout [UInt8]) {
            var frame = frame
            guard let indentation = frame.indentation, !indentation.isEmpty else {
                for node in nodes { render(node, &frame, into: &out) }
                return
            }
            let start = out.count
            for node in nodes {
                let pieceStart = out.count
                render(node, &frame, into: &out)
                if out.count > pieceStart, pieceStart > start, out[pieceStart - 1] == UInt8(ascii: "\n") {
                    out.insert(contentsOf: indentation, at: pieceStart)
                }
            }
        }

        mutating func render(_ node: Node, _ frame: inout Frame, into out: inout [UInt8]) {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let path, let escaped):
                guard let value = lookup(path) else { return }
                value.appendRenderedText(to: &out, escaped: escaped && frame.escapes)
            case .section(let path, let body):
                switch lookup(path) {
                case .list(let items)?:
                    for item in items { withPushed(item) { $0.render(body, frame, into: &out) } }
                case .flag(let shown)?:
                    if shown { render(body, frame, into: &out) }
                case let value?:
                    withPushed(value) { $0.render(body, frame, into: &out) }
                case nil:
                    break
                }
            case .invertedSection(let path, let body):
                switch lookup(path) {
                case .list(let items)? where items.isEmpty:
                    withPushed(.list(items)) { $0.render(body, frame, into: &out) }
                case .flag(false)?, nil:
                    render(body, frame, into: &out)
                default:
                    break
                }
            case .partial(let name, let indentation, let overrides):
                guard let template = library[name] else { return }
                var inner = Frame(indentation: frame.indentation, overrides: frame.overrides, escapes: true)
                if let indentation { inner.indentation = (frame.indentation ?? []) + indentation }
                if let overrides {
                    // The outermost override of a block wins, as in swift-mustache.
                    inner.overrides = frame.overrides.map { $0.merging(overrides) { outer, _ in outer } } ?? overrides
                }
                render(template.nodes, inner, into: &out)
            case .block(let name, let defaultBody, let indentation):
                var inner = frame
                if let indentation { inner.indentation = (frame.indentation ?? []) + indentation }
                render(frame.overrides?[name] ?? defaultBody, inner, into: &out)
            case .escaping(let escapes):
                frame.escapes = escapes
            }
        }

        mutating func withPushed(_ value: TemplateValue, _ body: (inout Renderer) -> Void) {
            stack.append(value)
            body(&self)
            stack.removeLast()
        }

        /// swift-mustache's `getChild`: only objects have named children.
        func lookup(_ path: Path) -> TemplateValue? {
            switch path {
            case .current:
                return stack.last
            case .fromCurrent(let names):
                return stack.last.flatMap { Self.descend($0, names[...]) }
            case .climbing(let first, let rest):
                var i = stack.count - 1
                while i >= 0 {
                    switch stack[i] {
                    case .object(let fields):
                        if let found = fields[first] { return rest.isEmpty ? found : Self.descend(found, rest[...]) }
                    default:
                        break
                    }
                    i -= 1
                }
                return nil
            }
        }

        static func descend(_ value: TemplateValue, _ names: ArraySlice<String>) -> TemplateValue? {
            var value = value
            for name in names {
                guard case .object(let fields) = value, let child = fields[name] else { return nil }
                value = child
            }
            return value
        }
    }
}

extension TemplateValue {
    /// How `{{name}}` shows a value: what swift-mustache's `String(describing:)` gives.
    var renderedText: String {
        switch self {
        case .text(let text): return text
        case .flag(let flag): return flag ? "true" : "false"
        case .number(let number): return String(number)
        case .list, .object: return String(describing: mustacheValue)
        }
    }

    /// `renderedText`'s UTF-8, HTML-escaped or not, appended to `out`.
    func appendRenderedText(to out: inout [UInt8], escaped: Bool) {
        func append(_ text: String) {
            // Native strings are contiguous UTF-8: no copy (withUTF8 would need a mutable one).
            let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
                if escaped { HTMLEscaping.append(bytes, to: &out) } else { out.append(contentsOf: bytes) }
            }
            if done == nil { var text = text; text.withUTF8 { escaped ? HTMLEscaping.append($0, to: &out) : out.append(contentsOf: $0) } }
        }
        switch self {
        case .text(let text): append(text)
        default: append(renderedText)
        }
    }
}

/// Mustache's HTML escaping (& < > " '), on UTF-8: runs with nothing to escape are copied whole.
enum HTMLEscaping {
    /// Bit b set: byte b (below 64) is escaped. One test per byte finds them.
    private static let escapedBytes: UInt64 = 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 64 && (escapedBytes >> byte) & 1 != 0 {
                if index > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: [0x26, 0x61, 0x6D, 0x70, 0x3B] as [UInt8]) // &amp;
                case UInt8(ascii: "<"): out.append(contentsOf: [0x26, 0x6C, 0x74, 0x3B] as [UInt8]) // &lt;
                case UInt8(ascii: ">"): out.append(contentsOf: [0x26, 0x67, 0x74, 0x3B] as [UInt8]) // &gt;
                case UInt8(ascii: "\""): out.append(contentsOf: [0x26, 0x71, 0x75, 0x6F, 0x74, 0x3B] as [UInt8]) // &quot;
                default: out.append(contentsOf: [0x26, 0x23, 0x33, 0x39, 0x3B] as [UInt8]) // &#39;
                }
                start = index + 1
            }
            index += 1
        }
        if count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }
}
