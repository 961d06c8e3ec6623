import Diagnostics
import Foundation
import Support
import Testing
@testable import ContentLoading

private func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
    var writer = ByteWriter()
    try BinaryCoding.encode(value, into: &writer)
    return writer.bytes
}

private struct TrailingBytes: Error {}

/// Decodes `bytes` as one `T` and insists that it used every byte.
private func decoded<T: Decodable>(_ type: T.Type, _ bytes: [UInt8]) throws -> T {
    try bytes.withUnsafeBytes { buffer in
        var reader = ByteReader(buffer)
        let value = try BinaryCoding.decode(type, from: &reader)
        guard reader.isAtEnd else { throw TrailingBytes() }
        return value
    }
}

private func roundTrip<T: Codable & Equatable>(_ value: T) throws -> T {
    try decoded(T.self, encoded(value))
}

/// The bytes `ByteWriter` writes, to state expected layouts.
private func written(_ write: (inout ByteWriter) -> Void) -> [UInt8] {
    var writer = ByteWriter()
    write(&writer)
    return writer.bytes
}

// Shaped like ArticleSource: what the build cache will keep.
private struct Record: Codable, Equatable {
    var path: String
    var title: String
    var titleGenerated: Bool
    var date: Day?
    var slug: Located<String>?
    var kicker: String?
    var highlights: [String]
    var summary: String?
    var organizations: [Located<String>]
    var location: Diagnostics.SourceLocation
    var bodyFirstLine: Int
    var fingerprint: UInt64
}

private let sampleRecord = Record(
    path: "content/articles/مقال.md", title: "كتارا تحتضن اجتماع الجمعية العمومية", titleGenerated: false,
    date: Day(year: 2024, month: 2, day: 29), slug: Located("katara", at: Diagnostics.SourceLocation(file: "a.md", line: 4, column: 7)),
    kicker: nil, highlights: ["أولاً", "", "ثانياً"], summary: "",
    organizations: [Located("كتارا", at: Diagnostics.SourceLocation(file: "a.md", line: 9, column: 3)),
                    Located("جامعة قطر", at: Diagnostics.SourceLocation(file: "a.md", line: 10, column: 3))],
    location: Diagnostics.SourceLocation(file: "a.md", line: 1, column: 1), bodyFirstLine: 13, fingerprint: .max)

private struct Outer: Codable, Equatable {
    struct Inner: Codable, Equatable {
        struct Leaf: Codable, Equatable { var day: Day; var note: String? }
        var leaves: [Leaf]
        var count: Int32
    }
    var inner: Inner
    var others: [Inner]
    var located: Located<Int>
}

private indirect enum Shape: Codable, Equatable {
    case point
    case circle(radius: Double)
    case labeled(String, Int?)
    case group([Shape], name: String?)
    case maybe(Shape?)
}

private enum Color: String, Codable { case red, green }

private struct Widths: Codable, Equatable {
    var i8: Int8, i16: Int16, i32: Int32, i64: Int64, int: Int
    var u8: UInt8, u16: UInt16, u32: UInt32, u64: UInt64, uint: UInt
    var double: Double, float: Float
}

@Suite struct BinaryCodingTests {
    @Test func layoutIsFieldsInOrderWithoutKeys() throws {
        struct Pair: Codable { var a: Int32; var b: String; var c: Bool?; var d: Bool }
        let bytes = try encoded(Pair(a: 1, b: "x", c: nil, d: true))
        #expect(bytes == [1, 0, 0, 0] + written { $0.write("x") } + [0, 1])
    }

    @Test func stringsAndIntsAreWrittenAsByteWriterWritesThem() throws {
        #expect(try encoded("الدوحة") == written { $0.write("الدوحة") })
        #expect(try encoded(-5) == written { $0.write(-5) })
        #expect(try encoded(["a", "بـ"]) == written { $0.write(["a", "بـ"]) })
    }

    @Test func recordShapedLikeAnArticleRoundTrips() throws {
        #expect(try roundTrip(sampleRecord) == sampleRecord)
        var bare = sampleRecord
        bare.date = nil
        bare.slug = nil
        bare.kicker = "عاجل"
        bare.summary = nil
        bare.highlights = []
        bare.organizations = []
        #expect(try roundTrip(bare) == bare)
        #expect(try encoded(bare) != encoded(sampleRecord))
    }

    @Test func nestedStructsRoundTrip() throws {
        let leaf = Outer.Inner.Leaf(day: Day(year: 1, month: 1, day: 1)!, note: "ملاحظة")
        let value = Outer(
            inner: Outer.Inner(leaves: [leaf, Outer.Inner.Leaf(day: Day(year: 9999, month: 12, day: 31)!, note: nil)], count: -7),
            others: [Outer.Inner(leaves: [], count: .max), Outer.Inner(leaves: [leaf], count: .min)],
            located: Located(42, at: Diagnostics.SourceLocation(file: "", line: 0, column: 0)))
        #expect(try roundTrip(value) == value)
    }

    @Test func enumsWithAssociatedValuesRoundTrip() throws {
        let shapes: [Shape] = [
            .point, .circle(radius: 2.5), .labeled("دائرة", nil), .labeled("", 3),
            .group([.point, .group([], name: nil), .maybe(.circle(radius: -0.0))], name: "مجموعة"),
            .maybe(nil), .maybe(.maybe(nil)),
        ]
        for shape in shapes {
            #expect(try roundTrip(shape) == shape)
        }
        #expect(try roundTrip(shapes) == shapes)
        #expect(try roundTrip([Color.green, .red]) == [.green, .red])
    }

    @Test func optionalsKeepNilAndNestedNil() throws {
        struct Fields: Codable, Equatable { var a: String??; var b: Int?; var c: [String?]; var d: Day?? }
        let values = [
            Fields(a: .none, b: nil, c: [], d: .none),
            Fields(a: .some(nil), b: 0, c: [nil, "", nil], d: .some(nil)),
            Fields(a: .some("نعم"), b: .min, c: ["x"], d: .some(Day(year: 2020, month: 1, day: 20))),
        ]
        for value in values {
            #expect(try roundTrip(value) == value)
        }
        let allBytes = try values.map { try encoded($0) }
        #expect(Set(allBytes).count == values.count)

        // Top level and in arrays too: nil, .some(nil) and .some(value) are three encodings.
        let nested: [String??] = [.none, .some(nil), .some("")]
        #expect(try nested.map { try encoded($0) } == [[0], [1, 0], [1, 1] + written { $0.write("") }])
        for value in nested {
            #expect(try roundTrip(value) == value)
        }
        #expect(try roundTrip(nested) == nested)
        #expect(try roundTrip(Int?.none) == nil)
        #expect(try roundTrip(Int?.some(7)) == 7)
    }

    @Test func arraysOfStructsRoundTrip() throws {
        let records = (0..<50).map { i in
            var record = sampleRecord
            record.path = "content/articles/\(i).md"
            record.highlights = Array(repeating: "نقطة \(i)", count: i % 4)
            record.date = i % 3 == 0 ? nil : Day(year: 2000 + i, month: 1 + i % 12, day: 1 + i % 28)
            return record
        }
        #expect(try roundTrip(records) == records)
        #expect(try roundTrip([[Int]]()) == [])
        #expect(try roundTrip([[1, 2], [], [3]]) == [[1, 2], [], [3]])
    }

    @Test func dictionariesAndSetsRoundTripAndEncodeTheSameWay() throws {
        let keys = (0..<40).map { "مفتاح-\($0)" }
        var forward: [String: Int] = [:]
        for (i, key) in keys.enumerated() { forward[key] = i }
        var backward: [String: Int] = [:]
        for (i, key) in keys.enumerated().reversed() { backward[key] = i }
        backward["extra"] = 1
        backward["extra"] = nil
        #expect(try roundTrip(forward) == forward)
        #expect(try encoded(forward) == encoded(backward))
        #expect(try encoded(forward) == encoded(forward))

        // Sorted by the keys' encoded bytes, whatever the hash order.
        let small = ["b": 2, "a": 1, "c": 3]
        #expect(try encoded(small) == written {
            $0.write(3)
            for (key, value) in [("a", 1), ("b", 2), ("c", 3)] {
                $0.write(key)
                $0.write(value)
            }
        })

        let numbers: [Int: String] = [3: "ثلاثة", -1: "", 1_000_000: "مليون"]
        #expect(try roundTrip(numbers) == numbers)
        #expect(try encoded(numbers) == encoded(Dictionary(uniqueKeysWithValues: numbers.reversed())))
        let nested: [String: [String: Int]] = ["x": ["a": 1], "": [:]]
        #expect(try roundTrip(nested) == nested)
        let set = Set(keys)
        #expect(try roundTrip(set) == set)
        #expect(try encoded(set) == encoded(Set(keys.reversed())))
    }

    @Test func extremeNumbersAndTextsRoundTrip() throws {
        let low = Widths(i8: .min, i16: .min, i32: .min, i64: .min, int: .min, u8: 0, u16: 0, u32: 0, u64: 0, uint: 0,
                         double: -.infinity, float: -.greatestFiniteMagnitude)
        let high = Widths(i8: .max, i16: .max, i32: .max, i64: .max, int: .max, u8: .max, u16: .max, u32: .max, u64: .max,
                          uint: .max, double: .leastNonzeroMagnitude, float: .infinity)
        #expect(try roundTrip(low) == low)
        #expect(try roundTrip(high) == high)
        #expect(try encoded(low).count == 1 + 2 + 4 + 8 + 8 + 1 + 2 + 4 + 8 + 8 + 8 + 4)
        #expect(try roundTrip(UInt64.max) == .max)
        #expect(try roundTrip(Int.min) == .min)
        #expect(try roundTrip(-0.0).sign == .minus)
        #expect(try roundTrip(Double.nan).isNaN)

        for text in ["", "بسم الله الرحمن الرحيم", "٢٠٢٤-٠٢-٢٩", "e\u{301}", "👩🏽‍💻", String(repeating: "ع", count: 10_000)] {
            #expect(try roundTrip(text) == text)
            #expect(try roundTrip([text, text]) == [text, text])
        }
    }

    @Test func bytesAreACountAndTheBytes() throws {
        let raw: [UInt8] = [1, 2, 255]
        let layout = written { $0.write(3) } + raw
        #expect(try encoded(raw) == layout)
        #expect(try encoded(Data(raw)) == layout)
        #expect(try roundTrip(raw) == raw)
        #expect(try roundTrip(Data(raw)) == Data(raw))
        #expect(try roundTrip(Data()) == Data())
        // The generic path (one UInt8 at a time) writes the same bytes.
        #expect(try encoded(ContiguousArray(raw)) == layout)
    }

    @Test func subclassesWriteTheirSuperclassInLine() throws {
        let back = try decoded(Sub.self, encoded(Sub(base: 4, extra: "ز")))
        #expect(back.base == 4 && back.extra == "ز")
    }

    @Test func recordsFollowOneAnotherInOneWriter() throws {
        var writer = ByteWriter()
        var expected: [Record] = []
        for i in 0..<20 {
            var record = sampleRecord
            record.bodyFirstLine = i
            record.kicker = i.isMultiple(of: 2) ? nil : "\(i)"
            expected.append(record)
            try BinaryCoding.encode(record, into: &writer)
            writer.write(i)  // other data between records stays readable
        }
        let read = try writer.bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            var records: [Record] = []
            while !reader.isAtEnd {
                records.append(try BinaryCoding.decode(Record.self, from: &reader))
                #expect(reader.int() == records.count - 1)
            }
            return records
        }
        #expect(read == expected)
    }

    // MARK: Damaged bytes

    @Test func everyTruncationThrows() throws {
        let values: [(name: String, bytes: [UInt8], decode: ([UInt8]) throws -> Void)] = [
            ("record", try encoded(sampleRecord), { _ = try decoded(Record.self, $0) }),
            ("shapes", try encoded([Shape.group([.labeled("x", 1), .maybe(.point)], name: "y")]), { _ = try decoded([Shape].self, $0) }),
            ("dictionary", try encoded(["a": [1, 2], "ب": []]), { _ = try decoded([String: [Int]].self, $0) }),
            ("optional", try encoded(String??.some("x")), { _ = try decoded(String??.self, $0) }),
        ]
        for (name, bytes, decode) in values {
            try decode(bytes)
            for length in 0..<bytes.count {
                #expect(throws: DecodingError.self, "\(name) cut to \(length) bytes") { try decode(Array(bytes[..<length])) }
            }
        }
    }

    @Test func truncatedDecodeLeavesTheReaderWhereItWas() throws {
        let bytes = Array(try encoded(sampleRecord).dropLast())
        bytes.withUnsafeBytes { buffer in
            var reader = ByteReader(buffer)
            #expect(throws: DecodingError.self) { try BinaryCoding.decode(Record.self, from: &reader) }
            #expect(reader.offset == 0)
        }
    }

    @Test func hugeAndNegativeCountsThrow() throws {
        for count in [Int.max, Int.max / 8, -1, 1 << 40, 11] {
            let bytes = written { $0.write(count); $0.write("ab") }
            #expect(throws: DecodingError.self, "count \(count)") { try decoded([String].self, bytes) }
            #expect(throws: DecodingError.self, "count \(count)") { try decoded([Int].self, bytes) }
            #expect(throws: DecodingError.self, "count \(count)") { try decoded([UInt8].self, bytes) }
            #expect(throws: DecodingError.self, "count \(count)") { try decoded([String: String].self, bytes) }
            #expect(throws: DecodingError.self, "count \(count)") { try decoded(String.self, bytes) }
        }
    }

    @Test func invalidBytesThrow() throws {
        #expect(throws: DecodingError.self) { try decoded(Bool.self, [2]) }
        #expect(throws: DecodingError.self) { try decoded(Int?.self, [2] + written { $0.write(1) }) }
        #expect(throws: DecodingError.self) { try decoded(String.self, written { $0.write(2) } + [0xC3, 0x28]) }
        // A case name the enum does not have.
        var shape = try encoded(Shape.point)
        shape[8] = UInt8(ascii: "q")
        #expect(throws: DecodingError.self) { try decoded(Shape.self, shape) }
        // A key written twice.
        let twice = written { $0.write(2); $0.write("a"); $0.write(1); $0.write("a"); $0.write(2) }
        #expect(throws: DecodingError.self) { try decoded([String: Int].self, twice) }
    }

    @Test func corruptedBytesThrowOrDecodeButNeverTrap() throws {
        let valid = try encoded(sampleRecord) + encoded([Shape.group([.circle(radius: 1), .maybe(nil)], name: "z")])
        var threw = 0
        for position in valid.indices {
            for byte: UInt8 in [0, 1, 2, 0x7F, 0xFF] where byte != valid[position] {
                var bytes = valid
                bytes[position] = byte
                do {
                    _ = try bytes.withUnsafeBytes { buffer in
                        var reader = ByteReader(buffer)
                        return (try BinaryCoding.decode(Record.self, from: &reader), try BinaryCoding.decode([Shape].self, from: &reader))
                    }
                } catch is DecodingError {
                    threw += 1
                } catch {
                    Issue.record("not a DecodingError: \(error)")
                }
            }
        }
        #expect(threw > valid.count)
    }

    @Test func decodingADictionaryByItsOwnCodableThrows() throws {
        // Dictionary's own Codable writes no keys in this format and reads them from `allKeys`:
        // that must fail loudly, not give a dictionary of whatever the bytes spelt.
        struct Direct: Codable {
            var values: [String: Int]
            init(values: [String: Int]) { self.values = values }
            init(from decoder: any Decoder) throws { values = try [String: Int](from: decoder) }
            func encode(to encoder: any Encoder) throws { try values.encode(to: encoder) }
        }
        for values in [["a": 1], ["abc": 3, "d": 0]] {
            #expect(throws: DecodingError.self) { try decoded(Direct.self, encoded(Direct(values: values))) }
        }
    }
}

private class Base: Codable {
    var base: Int
    init(base: Int) { self.base = base }
}

private final class Sub: Base {
    var extra: String
    enum CodingKeys: CodingKey { case extra }
    init(base: Int, extra: String) {
        self.extra = extra
        super.init(base: base)
    }
    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        extra = try container.decode(String.self, forKey: .extra)
        try super.init(from: container.superDecoder())
    }
    override func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(extra, forKey: .extra)
        try super.encode(to: container.superEncoder())
    }
}
