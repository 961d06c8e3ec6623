import Foundation

/// A compact binary encoding for the build's own cache files: little-endian integers and
/// length-prefixed UTF-8. Not an interchange format: a file from another taawun is discarded.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func write(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    public mutating func write(_ value: Int) { write(UInt64(bitPattern: Int64(value))) }
    public mutating func write(_ value: Bool) { bytes.append(value ? 1 : 0) }
    public mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }
    public mutating func write(_ text: String?) {
        write(text != nil)
        if let text { write(text) }
    }
    public mutating func write(_ texts: [String]) {
        write(texts.count)
        for text in texts { write(text) }
    }
    public mutating func write(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// Empties the buffer, keeping its memory for the next chunk.
    public mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }
}

/// Reads what `ByteWriter` wrote; every read is checked, and nil means the file is damaged.
public struct ByteReader {
    private let buffer: UnsafeRawBufferPointer
    public private(set) var offset: Int

    public init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        self.buffer = buffer
        self.offset = offset
    }

    public var isAtEnd: Bool { offset == buffer.count }

    public mutating func uint64() -> UInt64? {
        guard offset + 8 <= buffer.count else { return nil }
        defer { offset += 8 }
        return UInt64(littleEndian: buffer.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }
    public mutating func int() -> Int? { uint64().map { Int(Int64(bitPattern: $0)) } }
    /// A count or length: never negative and never more than the bytes left.
    public mutating func count() -> Int? {
        guard let n = int(), n >= 0, n <= buffer.count - offset else { return nil }
        return n
    }
    public mutating func bool() -> Bool? {
        guard offset < buffer.count else { return nil }
        defer { offset += 1 }
        switch buffer[offset] {
        case 0: return false
        case 1: return true
        default: return nil
        }
    }
    public mutating func string() -> String? {
        guard let n = count() else { return nil }
        defer { offset += n }
        return String(exactUTF8: UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + n]).bindMemory(to: UInt8.self))
    }
    public mutating func optionalString() -> String?? {
        guard let present = bool() else { return nil }
        guard present else { return .some(nil) }
        guard let text = string() else { return nil }
        return .some(text)
    }
    public mutating func strings() -> [String]? {
        guard let n = count() else { return nil }
        var texts: [String] = []
        texts.reserveCapacity(n)
        for _ in 0..<n {
            guard let text = string() else { return nil }
            texts.append(text)
        }
        return texts
    }
    public mutating func bytes(_ n: Int) -> UnsafeRawBufferPointer? {
        guard n >= 0, offset + n <= buffer.count else { return nil }
        defer { offset += n }
        return UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + n])
    }
}
