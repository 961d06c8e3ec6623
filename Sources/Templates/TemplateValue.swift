/// The plain, precomputed data a template sees. Templates hold no logic beyond sections, so
/// every value is final text, a flag, a number or a list/group of those.
public indirect enum TemplateValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case text(String)
    case flag(Bool)
    case number(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(integerLiteral value: Int) { self = .number(value) }
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }

    /// Optional text: absent values become `false`, so `{{#kicker}}…{{/kicker}}` hides cleanly.
    public static func optional(_ text: String?) -> TemplateValue {
        guard let text, !text.isEmpty else { return .flag(false) }
        return .text(text)
    }

    /// The form swift-mustache renders: dictionaries, arrays, strings, booleans, integers.
    public var mustacheValue: Any {
        switch self {
        case .text(let s): return s
        case .flag(let b): return b
        case .number(let n): return n
        case .list(let items): return items.map(\.mustacheValue)
        case .object(let fields): return fields.mapValues(\.mustacheValue)
        }
    }
}
