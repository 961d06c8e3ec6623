/// A fast 64-bit hash, eight bytes at a time (a fingerprint of inputs, not for security).
public struct WordHasher: Sendable {
    public init() {}

    public private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Each step is a bijection of the state for a given word, and of the word for a given state.
    public mutating func add(word: UInt64) {
        value = (value ^ word) &* 0xFF51_AFD7_ED55_8CCD
        value ^= value >> 33
    }

    public mutating func add(bytes: UnsafeRawBufferPointer) {
        var i = 0
        while i + 8 <= bytes.count {
            add(word: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        add(word: tail ^ (UInt64(bytes.count & 7) << 56))
    }

    public mutating func add(string: String) {
        var string = string
        string.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
        add(word: UInt64(string.utf8.count))
    }
}
