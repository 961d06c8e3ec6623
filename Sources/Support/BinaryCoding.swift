import Foundation

/// Codable over `ByteWriter`/`ByteReader`: one codec per stored type, derived by the compiler,
/// so a field added to a type cannot be forgotten by its codec.
///
/// The format is sequential and writes no keys: a value is its fields in the order its
/// `encode(to:)` writes them, which for synthesized Codable is declaration order.
/// - integers: little-endian, fixed width per type (`Int`/`UInt` as 64 bits); Bool: one byte;
///   Double/Float: their bit patterns; String: UInt64 length and UTF-8, as `ByteWriter` writes it.
/// - an optional: a presence byte (0 or 1), then the value when 1. `encodeNil` writes 0 and
///   `decodeNil` reads the presence byte, so a hand-written `if try c.decodeNil()` pairs with
///   encoding the Optional itself.
/// - unkeyed containers (arrays, Data): a UInt64 count, then the elements.
/// - dictionaries and sets: a count, then entries sorted by their keys' encoded bytes, so the
///   same value always gives the same bytes (their own Codable follows hash order).
///
/// What it asks of a type's Codable: decode the fields in the order they were encoded (keys are
/// not written, so nothing can be matched by name), and decode every field it encodes: a `let`
/// with an initial value is encoded by synthesized Codable but not decoded (Swift warns of it).
/// An enum with associated values (synthesized Codable) is the one place a key is written: its
/// case name, before the case's nested container, as its decoding asks `allKeys` for it.
public enum BinaryCoding {
    /// Appends `value` to `writer`.
    public static func encode<T: Encodable>(_ value: T, into writer: inout ByteWriter) throws {
        let encoder = BinaryEncoder()
        try encoder.encodeValue(value)
        writer.write(raw: encoder.bytes)
    }

    /// Reads one `T` where `reader` stands and moves it past the value. Throws a
    /// `DecodingError` when the bytes are damaged or end early; then `reader` is left unmoved.
    public static func decode<T: Decodable>(_ type: T.Type, from reader: inout ByteReader) throws -> T {
        let decoder = BinaryDecoder(reader)
        let value = try decoder.decodeValue(T.self)
        if let problem = decoder.deferredProblem { throw decoder.damaged(problem) }
        if decoder.keyPeekedAt != nil { throw decoder.damaged("keys were asked for where no nested container followed; this format keeps keys only for enum cases") }
        reader = decoder.reader
        return value
    }
}

// MARK: - Encoding

/// One encoder for a whole value: containers write into its buffer in the order they are used.
/// Its own buffer, not the `ByteWriter`'s, because an unkeyed container patches its count.
final class BinaryEncoder: Encoder {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(256) }

    // No coding path is kept: building one costs an array per field, and errors need none.
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(BinaryKeyedEncoding<Key>(encoder: self))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { BinaryUnkeyedEncoding(encoder: self) }
    func singleValueContainer() -> any SingleValueEncodingContainer { BinarySingleValueEncoding(encoder: self) }

    @inline(__always) func write(byte: UInt8) { bytes.append(byte) }
    @inline(__always) func write<I: FixedWidthInteger>(integer value: I) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }
    func write(_ value: Int) { write(integer: Int64(value)) }
    func write(_ value: UInt) { write(integer: UInt64(value)) }
    func write(_ value: Bool) { bytes.append(value ? 1 : 0) }
    func write(_ value: Double) { write(integer: value.bitPattern) }
    func write(_ value: Float) { write(integer: value.bitPattern) }
    func write(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            write(integer: UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// Writes a count of 0 to be set by `patch` as elements come.
    func placeholder() -> Int {
        defer { write(integer: UInt64(0)) }
        return bytes.count
    }
    func patch(_ offset: Int, count: Int) {
        bytes.withUnsafeMutableBytes { $0.storeBytes(of: UInt64(count).littleEndian, toByteOffset: offset, as: UInt64.self) }
    }

    /// Every generic value passes here: the types this format writes its own way are caught
    /// before their own Codable (one metadata comparison each, one protocol lookup for the rest).
    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == String.self {
            write(value as! String)
        } else if T.self == [String].self {
            let texts = value as! [String]
            write(integer: UInt64(texts.count))
            for text in texts { write(text) }
        } else if T.self == [UInt8].self {
            write(bytes: value as! [UInt8])
        } else if T.self == Data.self {
            write(bytes: value as! Data)
        } else if let special = value as? any BinarySpecialEncodable {
            try special.encodeBinary(self)
        } else {
            try value.encode(to: self)
        }
    }

    /// The bytes as their Codable writes them (a count and one byte each), in one copy.
    private func write(bytes raw: some Collection<UInt8>) {
        write(integer: UInt64(raw.count))
        bytes.append(contentsOf: raw)
    }

    /// The bytes `value` encodes to, taken off the end of the buffer: a key to sort by.
    func encodedBytes<T: Encodable>(of value: T) throws -> [UInt8] {
        let start = bytes.count
        try encodeValue(value)
        defer { bytes.removeSubrange(start...) }
        return Array(bytes[start...])
    }

    /// Writes entries sorted by their keys' bytes: the order of a Dictionary or a Set is its
    /// hash order, which changes from one process to the next.
    func writeSorted(_ entries: [(key: [UInt8], encodeRest: () throws -> Void)]) throws {
        let sorted = entries.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        write(integer: UInt64(sorted.count))
        for (i, entry) in sorted.enumerated() {
            if i > 0, sorted[i - 1].key == entry.key {
                throw EncodingError.invalidValue(entry.key, .init(codingPath: [], debugDescription:
                    "two different keys encode to the same bytes, so their order would not be stable"))
            }
            bytes.append(contentsOf: entry.key)
            try entry.encodeRest()
        }
    }
}

/// Types this format encodes its own way rather than by their Codable.
protocol BinarySpecialEncodable {
    func encodeBinary(_ encoder: BinaryEncoder) throws
}

extension Optional: BinarySpecialEncodable where Wrapped: Encodable {
    /// A presence byte in every kind of container: Optional's own Codable would write nothing
    /// before a value, and nil could not be told from it.
    func encodeBinary(_ encoder: BinaryEncoder) throws {
        switch self {
        case .none: encoder.write(byte: 0)
        case .some(let value):
            encoder.write(byte: 1)
            try encoder.encodeValue(value)
        }
    }
}

extension Dictionary: BinarySpecialEncodable where Key: Encodable, Value: Encodable {
    func encodeBinary(_ encoder: BinaryEncoder) throws {
        try encoder.writeSorted(map { entry in
            (try encoder.encodedBytes(of: entry.key), { try encoder.encodeValue(entry.value) })
        })
    }
}

extension Set: BinarySpecialEncodable where Element: Encodable {
    func encodeBinary(_ encoder: BinaryEncoder) throws {
        try encoder.writeSorted(map { (try encoder.encodedBytes(of: $0), {}) })
    }
}

struct BinaryKeyedEncoding<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: BinaryEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { encoder.write(byte: 0) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: Float, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: Int, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { encoder.write(integer: value) }
    @available(macOS 15.0, *) mutating func encode(_ value: Int128, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { encoder.write(value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { encoder.write(integer: value) }
    @available(macOS 15.0, *) mutating func encode(_ value: UInt128, forKey key: Key) throws { encoder.write(integer: value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try encoder.encodeValue(value) }

    // Synthesized Codable writes an optional field with these: each writes a presence byte
    // (the default ones would skip a nil field, which a format without keys cannot notice).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { present(value) { encoder.write($0) } }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { present(value) { encoder.write($0) } }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { present(value) { encoder.write($0) } }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { present(value) { encoder.write($0) } }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { present(value) { encoder.write($0) } }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    @available(macOS 15.0, *)
    mutating func encodeIfPresent(_ value: Int128?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { present(value) { encoder.write($0) } }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    @available(macOS 15.0, *)
    mutating func encodeIfPresent(_ value: UInt128?, forKey key: Key) throws { present(value) { encoder.write(integer: $0) } }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        try value.encodeBinary(encoder)
    }

    @inline(__always) private func present<V>(_ value: V?, _ write: (V) -> Void) {
        if let value {
            encoder.write(byte: 1)
            write(value)
        } else {
            encoder.write(byte: 0)
        }
    }

    // The key of a nested container is written: synthesized Codable of an enum puts each
    // case's values in one, and finds the case again from `allKeys`.
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        encoder.write(key.stringValue)
        return encoder.container(keyedBy: NestedKey.self)
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        encoder.write(key.stringValue)
        return encoder.unkeyedContainer()
    }
    // A superclass's fields are written in line, where the subclass asks for them.
    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

struct BinaryUnkeyedEncoding: UnkeyedEncodingContainer {
    let encoder: BinaryEncoder
    private let countOffset: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(encoder: BinaryEncoder) {
        self.encoder = encoder
        countOffset = encoder.placeholder()
    }

    /// Counts one more element: the count is patched at once, as no call says the last one came.
    @inline(__always) private mutating func counted() {
        count += 1
        encoder.patch(countOffset, count: count)
    }

    mutating func encodeNil() throws { encoder.write(byte: 0); counted() }
    mutating func encode(_ value: Bool) throws { encoder.write(value); counted() }
    mutating func encode(_ value: String) throws { encoder.write(value); counted() }
    mutating func encode(_ value: Double) throws { encoder.write(value); counted() }
    mutating func encode(_ value: Float) throws { encoder.write(value); counted() }
    mutating func encode(_ value: Int) throws { encoder.write(value); counted() }
    mutating func encode(_ value: Int8) throws { encoder.write(integer: value); counted() }
    mutating func encode(_ value: Int16) throws { encoder.write(integer: value); counted() }
    mutating func encode(_ value: Int32) throws { encoder.write(integer: value); counted() }
    mutating func encode(_ value: Int64) throws { encoder.write(integer: value); counted() }
    @available(macOS 15.0, *) mutating func encode(_ value: Int128) throws { encoder.write(integer: value); counted() }
    mutating func encode(_ value: UInt) throws { encoder.write(value); counted() }
    mutating func encode(_ value: UInt8) throws { encoder.write(integer: value); counted() }
    mutating func encode(_ value: UInt16) throws { encoder.write(integer: value); counted() }
    mutating func encode(_ value: UInt32) throws { encoder.write(integer: value); counted() }
    mutating func encode(_ value: UInt64) throws { encoder.write(integer: value); counted() }
    @available(macOS 15.0, *) mutating func encode(_ value: UInt128) throws { encoder.write(integer: value); counted() }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value); counted() }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        counted()
        return encoder.container(keyedBy: NestedKey.self)
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        counted()
        return encoder.unkeyedContainer()
    }
    mutating func superEncoder() -> any Encoder {
        counted()
        return encoder
    }
}

struct BinarySingleValueEncoding: SingleValueEncodingContainer {
    let encoder: BinaryEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { encoder.write(byte: 0) }
    mutating func encode(_ value: Bool) throws { encoder.write(value) }
    mutating func encode(_ value: String) throws { encoder.write(value) }
    mutating func encode(_ value: Double) throws { encoder.write(value) }
    mutating func encode(_ value: Float) throws { encoder.write(value) }
    mutating func encode(_ value: Int) throws { encoder.write(value) }
    mutating func encode(_ value: Int8) throws { encoder.write(integer: value) }
    mutating func encode(_ value: Int16) throws { encoder.write(integer: value) }
    mutating func encode(_ value: Int32) throws { encoder.write(integer: value) }
    mutating func encode(_ value: Int64) throws { encoder.write(integer: value) }
    @available(macOS 15.0, *) mutating func encode(_ value: Int128) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt) throws { encoder.write(value) }
    mutating func encode(_ value: UInt8) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt16) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt32) throws { encoder.write(integer: value) }
    mutating func encode(_ value: UInt64) throws { encoder.write(integer: value) }
    @available(macOS 15.0, *) mutating func encode(_ value: UInt128) throws { encoder.write(integer: value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
}

// MARK: - Decoding

/// Reads one value sequentially; every read is bounds-checked by `ByteReader`, and a failed
/// one becomes a `DecodingError`.
final class BinaryDecoder: Decoder {
    var reader: ByteReader
    /// A problem met where Codable gives no way to throw (a single value's `decodeNil`): the
    /// decode throws it at the end instead of returning a wrong value.
    var deferredProblem: String?
    /// Where `allKeys` last read a key without taking it; nil once a nested container took it.
    var keyPeekedAt: Int?

    init(_ reader: ByteReader) { self.reader = reader }

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(BinaryKeyedDecoding<Key>(decoder: self))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try BinaryUnkeyedDecoding(decoder: self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { BinarySingleValueDecoding(decoder: self) }

    func damaged(_ what: String) -> DecodingError {
        .dataCorrupted(.init(codingPath: [], debugDescription: "\(what) (at byte \(reader.offset))"))
    }

    func readInteger<I: FixedWidthInteger>(_ type: I.Type) throws -> I {
        guard let raw = reader.bytes(MemoryLayout<I>.size) else { throw damaged("the bytes end inside a \(I.self)") }
        return I(littleEndian: raw.loadUnaligned(as: I.self))
    }
    func readInt() throws -> Int {
        guard let value = Int(exactly: try readInteger(Int64.self)) else { throw damaged("an Int out of range") }
        return value
    }
    func readUInt() throws -> UInt {
        guard let value = UInt(exactly: try readInteger(UInt64.self)) else { throw damaged("a UInt out of range") }
        return value
    }
    func readBool() throws -> Bool {
        guard let value = reader.bool() else { throw damaged("no Bool (0 or 1)") }
        return value
    }
    func readDouble() throws -> Double { Double(bitPattern: try readInteger(UInt64.self)) }
    func readFloat() throws -> Float { Float(bitPattern: try readInteger(UInt32.self)) }
    func readString() throws -> String {
        guard let text = reader.string() else { throw damaged("no UTF-8 string of the length written") }
        return text
    }
    /// A count: never more than the bytes left, so a damaged one cannot ask for gigabytes.
    func readCount() throws -> Int {
        guard let n = reader.count() else { throw damaged("a count larger than the bytes left") }
        return n
    }
    /// The presence byte before an optional value.
    func readPresence() throws -> Bool {
        guard let present = reader.bool() else { throw damaged("no presence byte (0 or 1)") }
        return present
    }

    /// Every generic value passes here, as in `BinaryEncoder.encodeValue`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if T.self == String.self {
            return try readString() as! T
        } else if T.self == [String].self {
            return try readStrings() as! T
        } else if T.self == [UInt8].self {
            return try Array(readBytes()) as! T
        } else if T.self == Data.self {
            return try Data(readBytes()) as! T
        } else if let special = T.self as? any BinarySpecialDecodable.Type {
            return try special.decodeBinary(self) as! T
        }
        return try T(from: self)
    }

    private func readBytes() throws -> UnsafeRawBufferPointer {
        let n = try readCount()
        return reader.bytes(n)!  // readCount checked that n bytes are left
    }

    /// [String] without an unkeyed container per array: the commonest list in an article.
    private func readStrings() throws -> [String] {
        let n = try readCount()
        var texts: [String] = []
        texts.reserveCapacity(n / 8)  // each takes at least its 8-byte length
        for _ in 0..<n { texts.append(try readString()) }
        return texts
    }
}

/// Types this format decodes its own way, as `BinarySpecialEncodable` encodes them.
protocol BinarySpecialDecodable {
    static func decodeBinary(_ decoder: BinaryDecoder) throws -> Self
}

extension Optional: BinarySpecialDecodable where Wrapped: Decodable {
    static func decodeBinary(_ decoder: BinaryDecoder) throws -> Self {
        try decoder.readPresence() ? .some(try decoder.decodeValue(Wrapped.self)) : nil
    }
}

extension Dictionary: BinarySpecialDecodable where Key: Decodable, Value: Decodable {
    static func decodeBinary(_ decoder: BinaryDecoder) throws -> Self {
        let n = try decoder.readCount()
        var dictionary: Self = [:]
        for _ in 0..<n {
            let key = try decoder.decodeValue(Key.self)
            let value = try decoder.decodeValue(Value.self)
            guard dictionary.updateValue(value, forKey: key) == nil else { throw decoder.damaged("a dictionary key written twice") }
        }
        return dictionary
    }
}

extension Set: BinarySpecialDecodable where Element: Decodable {
    static func decodeBinary(_ decoder: BinaryDecoder) throws -> Self {
        let n = try decoder.readCount()
        var set: Self = []
        for _ in 0..<n {
            guard set.insert(try decoder.decodeValue(Element.self)).inserted else { throw decoder.damaged("a set element written twice") }
        }
        return set
    }
}

struct BinaryKeyedDecoding<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: BinaryDecoder
    var codingPath: [any CodingKey] { [] }
    /// The key of the nested container that follows (an enum's case), read but not taken.
    /// Nothing else has keys here: a decode that asks for them and then reads no nested
    /// container throws at the end rather than return what it made of them.
    var allKeys: [Key] {
        var ahead = decoder.reader
        decoder.keyPeekedAt = ahead.offset
        guard let name = ahead.string(), let key = Key(stringValue: name) else { return [] }
        return [key]
    }

    /// Takes the key written before a nested container; another key means damage.
    private func take(_ key: Key) throws {
        let at = decoder.reader.offset
        guard try decoder.readString() == key.stringValue else { throw decoder.damaged("not the key \(key.stringValue)") }
        if decoder.keyPeekedAt == at { decoder.keyPeekedAt = nil }
    }

    // Every field was written, nil ones as a presence byte.
    func contains(_ key: Key) -> Bool { true }

    /// Reads the presence byte: `true` for nil; after `false` the value follows.
    func decodeNil(forKey key: Key) throws -> Bool { try !decoder.readPresence() }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decoder.readBool() }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decoder.readString() }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decoder.readDouble() }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decoder.readFloat() }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decoder.readInt() }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decoder.readInteger(type) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decoder.readInteger(type) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decoder.readInteger(type) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decoder.readInteger(type) }
    @available(macOS 15.0, *) func decode(_ type: Int128.Type, forKey key: Key) throws -> Int128 { try decoder.readInteger(type) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decoder.readUInt() }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decoder.readInteger(type) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decoder.readInteger(type) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decoder.readInteger(type) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decoder.readInteger(type) }
    @available(macOS 15.0, *) func decode(_ type: UInt128.Type, forKey key: Key) throws -> UInt128 { try decoder.readInteger(type) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decoder.decodeValue(type) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try present { try decoder.readBool() } }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try present { try decoder.readString() } }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try present { try decoder.readDouble() } }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try present { try decoder.readFloat() } }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try present { try decoder.readInt() } }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try present { try decoder.readInteger(type) } }
    @available(macOS 15.0, *)
    func decodeIfPresent(_ type: Int128.Type, forKey key: Key) throws -> Int128? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try present { try decoder.readUInt() } }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try present { try decoder.readInteger(type) } }
    @available(macOS 15.0, *)
    func decodeIfPresent(_ type: UInt128.Type, forKey key: Key) throws -> UInt128? { try present { try decoder.readInteger(type) } }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        try Optional<T>.decodeBinary(decoder)
    }

    @inline(__always) private func present<V>(_ read: () throws -> V) throws -> V? {
        try decoder.readPresence() ? try read() : nil
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try take(key)
        return try decoder.container(keyedBy: NestedKey.self)
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try take(key)
        return try decoder.unkeyedContainer()
    }
    func superDecoder() throws -> any Decoder { decoder }
    func superDecoder(forKey key: Key) throws -> any Decoder { decoder }
}

struct BinaryUnkeyedDecoding: UnkeyedDecodingContainer {
    let decoder: BinaryDecoder
    private let total: Int
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var count: Int? { total }
    var isAtEnd: Bool { currentIndex >= total }

    init(decoder: BinaryDecoder) throws {
        self.decoder = decoder
        total = try decoder.readCount()
    }

    /// Counts the element about to be read; past the count written there is none to read.
    @inline(__always) private mutating func next<V>(_ read: (BinaryDecoder) throws -> V) throws -> V {
        guard currentIndex < total else {
            throw DecodingError.valueNotFound(V.self, .init(codingPath: [], debugDescription: "the list has \(total) elements"))
        }
        let value = try read(decoder)
        currentIndex += 1
        return value
    }

    /// Reads the presence byte; on nil the element is counted, otherwise its value follows.
    mutating func decodeNil() throws -> Bool {
        guard currentIndex < total else {
            throw DecodingError.valueNotFound(Never?.self, .init(codingPath: [], debugDescription: "the list has \(total) elements"))
        }
        let isNil = try !decoder.readPresence()
        if isNil { currentIndex += 1 }
        return isNil
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool { try next { try $0.readBool() } }
    mutating func decode(_ type: String.Type) throws -> String { try next { try $0.readString() } }
    mutating func decode(_ type: Double.Type) throws -> Double { try next { try $0.readDouble() } }
    mutating func decode(_ type: Float.Type) throws -> Float { try next { try $0.readFloat() } }
    mutating func decode(_ type: Int.Type) throws -> Int { try next { try $0.readInt() } }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try next { try $0.readInteger(type) } }
    @available(macOS 15.0, *) mutating func decode(_ type: Int128.Type) throws -> Int128 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try next { try $0.readUInt() } }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try next { try $0.readInteger(type) } }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try next { try $0.readInteger(type) } }
    @available(macOS 15.0, *) mutating func decode(_ type: UInt128.Type) throws -> UInt128 { try next { try $0.readInteger(type) } }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try next { try $0.decodeValue(type) } }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        try next { try $0.container(keyedBy: NestedKey.self) }
    }
    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer { try next { try $0.unkeyedContainer() } }
    mutating func superDecoder() throws -> any Decoder { try next { $0 } }
}

struct BinarySingleValueDecoding: SingleValueDecodingContainer {
    let decoder: BinaryDecoder
    var codingPath: [any CodingKey] { [] }

    /// Reads the presence byte, as the keyed `decodeNil(forKey:)` does.
    func decodeNil() -> Bool {
        guard let present = decoder.reader.bool() else {
            decoder.deferredProblem = decoder.deferredProblem ?? "no presence byte (0 or 1)"
            return true
        }
        return !present
    }
    func decode(_ type: Bool.Type) throws -> Bool { try decoder.readBool() }
    func decode(_ type: String.Type) throws -> String { try decoder.readString() }
    func decode(_ type: Double.Type) throws -> Double { try decoder.readDouble() }
    func decode(_ type: Float.Type) throws -> Float { try decoder.readFloat() }
    func decode(_ type: Int.Type) throws -> Int { try decoder.readInt() }
    func decode(_ type: Int8.Type) throws -> Int8 { try decoder.readInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decoder.readInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decoder.readInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decoder.readInteger(type) }
    @available(macOS 15.0, *) func decode(_ type: Int128.Type) throws -> Int128 { try decoder.readInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decoder.readUInt() }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.readInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.readInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.readInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.readInteger(type) }
    @available(macOS 15.0, *) func decode(_ type: UInt128.Type) throws -> UInt128 { try decoder.readInteger(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type) }
}
