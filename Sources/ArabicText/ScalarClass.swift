/// `Unicode.Scalar.Properties` walks the stdlib's property tables on every call, and slugs and
/// names ask it about every letter. These bitsets hold its answers for the scalars below U+0800
/// (Latin, Greek, Cyrillic, Hebrew, Arabic and its supplements), built once — a few thousand
/// scalars, so a process that makes one slug does not pay for the whole plane; others ask the
/// properties directly.
enum ScalarClass {
    private static let limit: UInt32 = 0x800
    private static let alphabetic = table { $0.properties.isAlphabetic }
    private static let numeric = table { $0.properties.numericType != nil }

    static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < limit ? bit(alphabetic, scalar.value) : scalar.properties.isAlphabetic
    }

    /// Whether the scalar has a Unicode numeric type (digits, numerals, fractions…).
    static func isNumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < limit ? bit(numeric, scalar.value) : scalar.properties.numericType != nil
    }

    private static func bit(_ table: [UInt64], _ value: UInt32) -> Bool {
        table[Int(value >> 6)] & (1 << UInt64(value & 63)) != 0
    }

    private static func table(_ property: (Unicode.Scalar) -> Bool) -> [UInt64] {
        var words = [UInt64](repeating: 0, count: Int(limit) / 64)
        for value in UInt32(0)..<limit {
            if let scalar = Unicode.Scalar(value), property(scalar) { words[Int(value >> 6)] |= 1 << UInt64(value & 63) }
        }
        return words
    }
}
