/// A fast 64-bit hash, eight bytes at a time (a fingerprint of inputs, not for security).
public struct WordHasher: Sendable {
    public init() {}

    public private(set) var value: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Each step is a bijection of the state for a given word, and of the word for a given state.
    public mutating func add(word: UInt64) {
        value = Self.step(value, word)
    }

    @inline(__always) private static func step(_ state: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (state ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return mixed ^ (mixed >> 33)
    }

    public mutating func add(bytes: UnsafeRawBufferPointer) {
        var i = 0
        // Long inputs (pages, bodies, the cache's records) in four lanes at once: each step waits
        // for the one before in its lane only, about twice as fast as one lane.
        if bytes.count >= 64 {
            var lanes = (value, value ^ 0x243F_6A88_85A3_08D3, value ^ 0x1319_8A2E_0370_7344, value ^ 0xA409_3822_299F_31D0)
            while i + 32 <= bytes.count {
                lanes.0 = Self.step(lanes.0, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                lanes.1 = Self.step(lanes.1, bytes.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
                lanes.2 = Self.step(lanes.2, bytes.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
                lanes.3 = Self.step(lanes.3, bytes.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
                i += 32
            }
            value = lanes.0
            add(word: lanes.1)
            add(word: lanes.2)
            add(word: lanes.3)
        }
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
