/// Mustache's HTML escaping (& < > " '), on UTF-8: runs with nothing to escape are copied whole.
enum HTMLEscaping {
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            // Eight bytes at a time: most text is Arabic, with nothing to escape.
            if index + 8 <= count {
                let word = UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self)
                if !mayHoldEscapedByte(word) {
                    index += 8
                    continue
                }
            }
            for i in index..<min(index + 8, count) {
                guard let replacement = replacement(for: bytes[i]) else { continue }
                if i > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                out.append(contentsOf: replacement.utf8)
                start = i + 1
            }
            index += 8
        }
        if count > start { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<count])) }
    }

    static func replacement(for byte: UInt8) -> StaticString? {
        switch byte {
        case UInt8(ascii: "&"): return "&amp;"
        case UInt8(ascii: "<"): return "&lt;"
        case UInt8(ascii: ">"): return "&gt;"
        case UInt8(ascii: "\""): return "&quot;"
        case UInt8(ascii: "'"): return "&#39;"
        default: return nil
        }
    }

    /// Whether one of the word's bytes is " # & ' < or >: setting bits 0 and 2 of a byte takes
    /// " # & ' to 0x27, setting bit 1 takes < > to 0x3E, and no other byte to either. ('#' is
    /// then passed over byte by byte.)
    static func mayHoldEscapedByte(_ word: UInt64) -> Bool {
        hasByte(0x27, word | 0x0505_0505_0505_0505) || hasByte(0x3E, word | 0x0202_0202_0202_0202)
    }

    /// Whether a byte of `word` is `byte`: exact, a byte's test never carries into the next.
    private static func hasByte(_ byte: UInt8, _ word: UInt64) -> Bool {
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let x = word ^ (UInt64(byte) &* 0x0101_0101_0101_0101)
        return ~(((x & lows) &+ lows) | x | lows) != 0
    }
}

extension StaticString {
    /// The literal's bytes, for appending to a byte buffer.
    fileprivate var utf8: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount) }
}
