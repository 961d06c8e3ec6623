/// The plain, precomputed data a template sees. Templates hold no logic beyond sections, so
/// every value is final text, a flag, a number or a list/group of those. Being a value type
/// it can be fingerprinted: an unchanged context with an unchanged template renders unchanged bytes.
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

    /// A stable 64-bit FNV-1a digest of the value (keys sorted), for build manifests.
    public var fingerprint: UInt64 {
        var hasher = StableHasher()
        hasher.combine(self)
        return hasher.value
    }
}

/// FNV-1a over a canonical encoding; unlike `Hasher` it is the same in every process.
public struct StableHasher: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func combine(bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
    }

    public mutating func combine(_ string: String) {
        combine(bytes: string.utf8)
        combine(bytes: [0xFF])
    }

    public mutating func combine(_ template: TemplateValue) {
        switch template {
        case .text(let s): combine(bytes: [1]); combine(s)
        case .flag(let b): combine(bytes: [2, b ? 1 : 0])
        case .number(let n): combine(bytes: [3]); combine(String(n))
        case .list(let items):
            combine(bytes: [4]); combine(String(items.count))
            for item in items { combine(item) }
        case .object(let fields):
            combine(bytes: [5]); combine(String(fields.count))
            for key in fields.keys.sorted() { combine(key); combine(fields[key]!) }
        }
    }
}
