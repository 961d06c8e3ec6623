import Yams

/// Where a YAML node starts in the YAML text: 1-based line and column, the column counted in
/// Unicode scalars (as libYAML's marks are).
struct YAMLPosition: Sendable, Hashable {
    var line: Int
    var column: Int
}

/// One scalar as the field checks need it. Both readers produce it: Yams (the reference, for
/// any YAML) and `SimpleYAML` (the fast one, for the plain front matter editors write).
struct YAMLScalar: Hashable {
    var string: String
    var style: Node.Scalar.Style
    /// The tag as written: `.implicit` for an untagged plain scalar, `.str` for a quoted one.
    var tag: Tag.Name
    var position: YAMLPosition?

    /// The tag YAML gives the scalar. Only plain scalars that start like a bool, number, null,
    /// timestamp, merge or value (see `Resolver.default`'s rules) can be anything but text, so
    /// Yams' own regular expressions run only on those.
    var resolvedTag: Tag.Name {
        switch tag {
        case .implicit:
            guard let first = string.utf8.first else { return Resolver.default.resolveTag(of: .scalar(yams)) }
            if !Self.mayResolveToNonText(first) { return .str }
            if Self.isDate(string) { return .timestamp }
            return Resolver.default.resolveTag(of: .scalar(yams))
        case .nonSpecific: return .str
        default: return tag
        }
    }

    /// The first bytes any rule of `Resolver.default` can match: bool (yes/no/true/false/on/off
    /// in any of their spellings), int and float (sign, digit, "."), merge "<<", null "~",
    /// "null", timestamp (digit) and value "=".
    static func mayResolveToNonText(_ first: UInt8) -> Bool {
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: "~"),
             UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
             UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            return true
        default:
            return false
        }
    }

    /// `dddd-dd-dd`, the commonest plain scalar of a front matter (`date:`), matches the timestamp
    /// rule and no rule before it (bool, int and float allow no "-" after the first character).
    static func isDate(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return bytes.indices.allSatisfy { $0 == 4 || $0 == 7 || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
    }

    /// The scalar as Yams holds it before its tag is resolved, for Yams' own constructors
    /// (`Bool.construct`, `Int.construct`).
    var yams: Node.Scalar {
        Node.Scalar(string, Tag(tag), style)
    }

    var isPlainNull: Bool { style == .plain && resolvedTag == .null }
}

/// A YAML value as the field checks see it: a scalar, a list, or anything else (a mapping or an
/// alias, which no field accepts).
indirect enum YAMLValue: Hashable {
    case scalar(YAMLScalar)
    case sequence([YAMLValue], at: YAMLPosition?)
    case other(at: YAMLPosition?)

    var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    var position: YAMLPosition? {
        switch self {
        case .scalar(let scalar): return scalar.position
        case .sequence(_, let at), .other(let at): return at
        }
    }

    /// Yams' node, as the composer left it (tags not yet resolved).
    init(_ node: Node) {
        let position = node.mark.map { YAMLPosition(line: $0.line, column: $0.column) }
        switch node {
        case .scalar(let scalar):
            self = .scalar(YAMLScalar(string: scalar.string, style: scalar.style,
                                      tag: Tag.Name(rawValue: scalar.tag.rawValue), position: position))
        case .sequence(let sequence):
            self = .sequence(sequence.map(YAMLValue.init), at: position)
        default:
            self = .other(at: position)
        }
    }
}
