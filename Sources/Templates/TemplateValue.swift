import Support

/// The plain, precomputed data a template sees. Templates hold no logic beyond sections, so
/// every value is final text, a flag, a number or a list/group of those.
///
/// Not `indirect`: every payload is already a reference or a small value, so copying one (which
/// rendering does for every tag) counts one reference at most, not a box's and its payload's.
public enum TemplateValue: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
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

extension TemplateValue {
    /// Adds what this value shows to `hasher`: a page's key is the hash of the values handed to
    /// its template (`Page.key`), so nothing a page shows can be left out of it. An object's
    /// fields count whatever order they were built in (each field is hashed on its own and the
    /// results summed).
    public func addKey(to hasher: inout WordHasher) {
        switch self {
        case .text(let text):
            hasher.add(word: 1)
            hasher.add(string: text)
        case .flag(let flag):
            hasher.add(word: flag ? 2 : 3)
        case .number(let number):
            hasher.add(word: 4)
            hasher.add(word: UInt64(bitPattern: Int64(number)))
        case .list(let items):
            hasher.add(word: 5)
            hasher.add(word: UInt64(items.count))
            for item in items { item.addKey(to: &hasher) }
        case .object(let fields):
            var sum: UInt64 = 0
            for (name, value) in fields {
                var field = WordHasher()
                field.add(string: name)
                value.addKey(to: &field)
                sum &+= field.value
            }
            hasher.add(word: 6)
            hasher.add(word: UInt64(fields.count))
            hasher.add(word: sum)
        }
    }
}
