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
/// Build fingerprints every page's values with it, so it works on contiguous UTF-8 and never
/// sorts: an object's fields are hashed one by one and added up, which does not depend on the
/// dictionary's (per-process) order.
public struct StableHasher: Sendable {
    public private(set) var value: UInt64 = StableHasher.offset

    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    public init() {}

    public mutating func combine(bytes: some Sequence<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { combine(buffer: UnsafeRawBufferPointer($0)) }
        if done == nil {
            for byte in bytes { combine(byte: byte) }
        }
    }

    public mutating func combine(_ string: String) {
        var string = string
        string.withUTF8 { combine(buffer: UnsafeRawBufferPointer($0)) }
        combine(byte: 0xFF)
    }

    public mutating func combine(_ template: TemplateValue) {
        switch template {
        case .text(let s): combine(byte: 1); combine(s)
        case .flag(let b): combine(byte: 2); combine(byte: b ? 1 : 0)
        case .number(let n): combine(byte: 3); combine(integer: UInt64(bitPattern: Int64(n)))
        case .list(let items):
            combine(byte: 4); combine(integer: UInt64(items.count))
            for item in items { combine(item) }
        case .object(let fields):
            combine(byte: 5); combine(integer: UInt64(fields.count))
            var sum: UInt64 = 0
            for (key, field) in fields {
                var entry = StableHasher()
                entry.combine(key)
                entry.combine(field)
                // Mixed before adding, so fields cannot cancel out in simple ways.
                var mixed = entry.value
                mixed ^= mixed >> 33
                mixed &*= 0xff51_afd7_ed55_8ccd
                mixed ^= mixed >> 33
                sum &+= mixed
            }
            combine(integer: sum)
        }
    }

    mutating func combine(byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    mutating func combine(integer: UInt64) {
        var integer = integer.littleEndian
        withUnsafeBytes(of: &integer) { combine(buffer: $0) }
    }

    mutating func combine(buffer: UnsafeRawBufferPointer) {
        var hash = value
        for byte in buffer { hash = (hash ^ UInt64(byte)) &* Self.prime }
        value = hash
    }
}
