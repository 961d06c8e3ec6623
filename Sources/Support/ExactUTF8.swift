import Foundation

extension String {
    /// The text these bytes are, or nil when they are not UTF-8.
    ///
    /// `String(validating:as:)` answers the same but is generic and, called from another
    /// module, looks its types up at run time on every call: a third of the time of reading the
    /// build's cache files, where it is called for 100,000 short strings. `String(decoding:as:)`
    /// on a buffer is specialised and validates as it copies, repairing what is not UTF-8: so
    /// the bytes are UTF-8 exactly when they come out unchanged.
    public init?(exactUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        var text = String(decoding: bytes, as: UTF8.self)
        let unchanged = text.withUTF8 { copy in
            copy.count == bytes.count && (bytes.count == 0 || memcmp(copy.baseAddress!, bytes.baseAddress!, bytes.count) == 0)
        }
        guard unchanged else { return nil }
        self = text
    }
}

extension String {
    /// Whether this text's UTF-8 bytes come before `other`'s (memcmp on the strings' own
    /// storage). For texts in NFC it is the order of `<`, which compares canonical forms and is
    /// many times slower: what sorts thousands of file names and paths.
    public func utf8Precedes(_ other: String) -> Bool {
        // Read in place: `withUTF8` is mutating, and copying both Strings for each comparison of
        // a sort retained and released them a million times.
        let order = utf8.withContiguousStorageIfAvailable { x in
            other.utf8.withContiguousStorageIfAvailable { y in Self.precedes(x, y) }
        }
        if let order, let order { return order }
        var a = self, b = other
        return a.withUTF8 { x in b.withUTF8 { y in Self.precedes(x, y) } }
    }

    private static func precedes(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let common = Swift.min(x.count, y.count)
        let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
        return order != 0 ? order < 0 : x.count < y.count
    }
}

extension Sequence {
    /// These elements in the order of their keys' UTF-8 bytes (`utf8Precedes`); elements with
    /// equal keys keep their order. The keys are copied once into one buffer and positions are
    /// sorted by `memcmp` of their bytes: sorting the 10,000 article paths by `utf8Precedes`
    /// reached into both Strings' storage at each of 140,000 comparisons, a tenth of an
    /// edit's rebuild.
    public func sortedByUTF8(_ key: (Element) -> String) -> [Element] {
        let elements = Array(self)
        var bytes: [UInt8] = []
        var spans: [(start: Int, count: Int)] = []
        spans.reserveCapacity(elements.count)
        for element in elements {
            var text = key(element)
            text.withUTF8 { utf8 in
                spans.append((bytes.count, utf8.count))
                bytes.append(contentsOf: utf8)
            }
        }
        let order = bytes.withUnsafeBufferPointer { all -> [Int] in
            let base = all.baseAddress
            return spans.indices.sorted { a, b in
                let x = spans[a], y = spans[b]
                let common = Swift.min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(base! + x.start, base! + y.start, common)
                return order != 0 ? order < 0 : x.count != y.count ? x.count < y.count : a < b
            }
        }
        return order.map { elements[$0] }
    }
}
