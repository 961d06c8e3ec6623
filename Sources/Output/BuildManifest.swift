import Diagnostics
import Foundation

/// What the previous build wrote, kept inside the output folder: for each file the fingerprint
/// of its inputs and the hash of its bytes. It lets a rebuild skip unchanged pages and keep
/// unchanged files untouched (same bytes, same modification time).
public struct BuildManifest: Sendable, Equatable {
    /// The name stays what it was when the manifest was JSON (the README's rsync line excludes
    /// it, the preview refuses to serve it); the content is the binary form below.
    public static let fileName = ".taawun-manifest"
    static let currentVersion = 3

    public struct Entry: Codable, Sendable, Equatable {
        public var input: UInt64
        public var output: UInt64
    }

    /// What the build that wrote this folder read, as one fingerprint, and what it reported:
    /// a later build whose inputs have the same fingerprint can stop there, the output being
    /// what it would write again.
    public struct Inputs: Codable, Sendable, Equatable {
        public var fingerprint: UInt64
        public var articles: Int
        public var organizations: Int
        public var countries: Int
        public var warnings: [Diagnostic]

        public init(fingerprint: UInt64, articles: Int, organizations: Int, countries: Int, warnings: [Diagnostic]) {
            self.fingerprint = fingerprint
            self.articles = articles
            self.organizations = organizations
            self.countries = countries
            self.warnings = warnings
        }
    }

    public var version: Int
    public var files: [String: Entry]
    public var inputs: Inputs?
    /// Written before an in-place update starts replacing files: the entries of the files it
    /// replaces or removes are gone (they may hold either bytes), and the folder may hold
    /// leftovers. A build that finds it trusts the entries that remain but writes the whole
    /// folder afresh (see `SiteWriter`).
    public var isInterrupted = false

    public init(files: [String: Entry] = [:], inputs: Inputs? = nil) {
        self.version = Self.currentVersion
        self.files = files
        self.inputs = inputs
    }

    /// The manifest of an output folder, or nil if there is none (or it is from another version,
    /// or damaged: then the build starts over).
    public static func read(from output: URL) -> BuildManifest? {
        guard let data = try? Data(contentsOf: output.appendingPathComponent(fileName)) else { return nil }
        return decode(data)
    }

    // MARK: - The binary form

    // "TAAWUN-MANIFEST" and a version byte; a flags byte (1: interrupted); the inputs, if any:
    // a presence byte, four UInt64 and the warnings as a length-prefixed JSON array; the number of
    // files, then per file its path (length-prefixed UTF-8) and two UInt64; last, the FNV-1a hash of
    // everything before it, so a truncated or damaged file reads as no manifest. Integers are
    // little-endian; lengths are UInt32.
    static let magic = Array("TAAWUN-MANIFEST".utf8)

    /// The paths in the order the file lists them: by their UTF-8 bytes.
    public var sortedPaths: [String] { files.keys.sorted(by: Self.bytesPrecede) }

    /// The files in the order they are written, with each path's place: what a long-running
    /// process keeps so that rewriting the manifest after an edit neither sorts nor looks up
    /// 13,500 paths (Arabic ones hash slowly) again.
    public struct Listing: Sendable {
        public private(set) var paths: [String]
        public private(set) var entries: [Entry]
        private let position: [String: Int]

        public init(_ manifest: BuildManifest) {
            paths = manifest.sortedPaths
            entries = paths.map { manifest.files[$0]! }
            position = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
        }

        /// The place of `path`, or nil when the listing does not have it.
        public func place(of path: String) -> Int? { position[path] }

        mutating func set(_ entry: Entry, at place: Int) { entries[place] = entry }
    }

    /// With `listing` (this manifest's files in their order, those at `omitted` places left
    /// out) the paths are neither sorted nor looked up.
    func encoded(listing: Listing? = nil, omitted: Set<Int> = []) throws -> Data {
        var out: [UInt8] = []
        out.reserveCapacity(64 + files.count * 112)
        out += Self.magic
        out.append(UInt8(Self.currentVersion))
        out.append(isInterrupted ? 1 : 0)
        if let inputs {
            out.append(1)
            for value in [inputs.fingerprint, UInt64(inputs.articles), UInt64(inputs.organizations), UInt64(inputs.countries)] {
                Self.append(value, to: &out)
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let warnings = try encoder.encode(inputs.warnings)
            Self.append(UInt32(warnings.count), to: &out)
            out += warnings
        } else {
            out.append(0)
        }
        Self.append(UInt32(files.count), to: &out)
        // Sorted (by bytes: String's < compares canonical forms, much slower): the same
        // manifest is always the same bytes.
        func append(_ path: String, _ entry: Entry) {
            var path = path
            Self.append(UInt32(path.utf8.count), to: &out)
            path.withUTF8 { out.append(contentsOf: $0) }
            Self.append(entry.input, to: &out)
            Self.append(entry.output, to: &out)
        }
        if let listing, listing.paths.count - omitted.count == files.count {
            for place in listing.paths.indices where !omitted.contains(place) { append(listing.paths[place], listing.entries[place]) }
        } else {
            for path in sortedPaths { append(path, files[path]!) }
        }
        Self.append(out.withUnsafeBytes(ContentHash.of), to: &out)
        return Data(out)
    }

    /// UTF-8 order, by memcmp on the strings' own storage: a preview writes the manifest after
    /// every save, and sorting 13,500 paths element by element was most of that.
    static func bytesPrecede(_ a: String, _ b: String) -> Bool {
        var a = a, b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let common = min(x.count, y.count)
                let order = common == 0 ? 0 : memcmp(x.baseAddress!, y.baseAddress!, common)
                return order != 0 ? order < 0 : x.count < y.count
            }
        }
    }

    /// The manifest in `data`, or nil for anything else (an older JSON manifest, a damaged file).
    static func decode(_ data: Data) -> BuildManifest? {
        data.withUnsafeBytes { bytes in
            guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 8)])
            var reader = Reader(bytes: bytes, offset: body.count)
            guard reader.integer(UInt64.self) == ContentHash.of(body) else { return nil }
            return decode(body: Reader(bytes: body, offset: magic.count))
        }
    }

    private static func decode(body: Reader) -> BuildManifest? {
        var reader = body
        guard reader.byte() == UInt8(currentVersion), let flags = reader.byte(), let hasInputs = reader.byte() else { return nil }
        var manifest = BuildManifest()
        manifest.isInterrupted = flags & 1 != 0
        if hasInputs == 1 {
            guard let fingerprint = reader.integer(UInt64.self), let articles = reader.integer(UInt64.self),
                  let organizations = reader.integer(UInt64.self), let countries = reader.integer(UInt64.self),
                  let length = reader.integer(UInt32.self), let json = reader.bytes(Int(length)),
                  let warnings = try? JSONDecoder().decode([Diagnostic].self, from: Data(json)) else { return nil }
            manifest.inputs = Inputs(fingerprint: fingerprint, articles: Int(truncatingIfNeeded: articles),
                                     organizations: Int(truncatingIfNeeded: organizations),
                                     countries: Int(truncatingIfNeeded: countries), warnings: warnings)
        } else if hasInputs != 0 {
            return nil
        }
        guard let count = reader.integer(UInt32.self), Int(count) <= reader.remaining / 20 else { return nil }
        manifest.files.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = reader.integer(UInt32.self), let raw = reader.bytes(Int(length)),
                  let path = String(validating: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self),
                  let input = reader.integer(UInt64.self), let output = reader.integer(UInt64.self) else { return nil }
            manifest.files[path] = Entry(input: input, output: output)
        }
        return reader.remaining == 0 ? manifest : nil
    }

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    /// Reads the binary form front to back; every read is bounds-checked and nil past the end.
    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int

        var remaining: Int { bytes.count - offset }

        mutating func byte() -> UInt8? {
            guard remaining >= 1 else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func integer<Integer: FixedWidthInteger>(_: Integer.Type) -> Integer? {
            guard remaining >= MemoryLayout<Integer>.size else { return nil }
            defer { offset += MemoryLayout<Integer>.size }
            return Integer(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Integer.self))
        }

        mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, remaining >= count else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }
    }
}
