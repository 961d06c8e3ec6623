import Diagnostics
import Support
import Foundation

/// What the previous build wrote, kept in the build state folder (`.taawun/`, never inside the
/// output): for each file the fingerprint of its inputs and the hash of its bytes, which folder
/// is the published one and where the second tree differs from it (`SiteWriter`). It lets a
/// rebuild skip unchanged pages and keep unchanged files untouched (same bytes, same
/// modification time).
public struct BuildManifest: Sendable, Equatable {
    public static let fileName = "manifest"
    /// The name of the manifest inside output folders written before the build state moved out
    /// of them: such a folder is still taawun's to replace.
    public static let legacyFileName = ".taawun-manifest"
    static let currentVersion = 5

    /// A folder, by device and inode: the name `public` moves from one tree to the other at each
    /// swap, the inode stays with the tree.
    public struct FolderIdentity: Sendable, Equatable, Hashable {
        public var device: UInt64
        public var inode: UInt64

        public init(device: UInt64, inode: UInt64) {
            self.device = device
            self.inode = inode
        }

        /// The folder at `path` (not followed if it is a link), or nil when there is none.
        public static func of(_ path: String) -> FolderIdentity? {
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
            return FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
        }
    }

    /// The second tree (`SiteWriter`): the site as an earlier build left it, which the next build
    /// brings up to date and swaps in. It equals the published folder but at `pending` paths.
    public struct SecondTree: Sendable, Equatable {
        public var folder: FolderIdentity
        /// Sorted by UTF-8 bytes.
        public var pending: [String]

        public init(folder: FolderIdentity, pending: [String]) {
            self.folder = folder
            self.pending = pending.sortedByUTF8 { $0 }
        }
    }

    /// The folder published at the output path when this manifest was written; a manifest that
    /// names another folder describes a tree somebody replaced, and vouches for nothing.
    public var published: FolderIdentity?
    public var second: SecondTree?

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
    /// Set on a manifest that vouches for nothing: one written before the machine last started
    /// (`MachineStart`), whose files may not hold what it says. The next build stages a whole
    /// new tree (see `SiteWriter`).
    public var isInterrupted = false

    public init(files: [String: Entry] = [:], inputs: Inputs? = nil) {
        self.version = Self.currentVersion
        self.files = files
        self.inputs = inputs
    }

    /// The manifest of an output folder, or nil if there is none (or it is from another version,
    /// or damaged: then the build starts over).
    public static func read(from state: URL) -> BuildManifest? {
        guard let data = try? Data(contentsOf: state.appendingPathComponent(fileName)) else { return nil }
        return decode(data)
    }

    // MARK: - The binary form

    // "TAAWUN-MANIFEST" and a version byte; a flags byte (1: interrupted); the machine start it
    // was written in (`MachineStart`: a length byte, then the boot id; empty when unknown); the
    // published folder and the second tree's folder (a presence byte, device and inode each),
    // and if there is a second tree, its pending paths (a count, then length-prefixed UTF-8); the inputs, if any:
    // a presence byte, four UInt64 and the warnings as a length-prefixed JSON array; the number of
    // files, then per file its path (length-prefixed UTF-8) and two UInt64; last, the FNV-1a hash of
    // everything before it, so a truncated or damaged file reads as no manifest. Integers are
    // little-endian; lengths are UInt32.
    static let magic = Array("TAAWUN-MANIFEST".utf8)

    /// The paths in the order the file lists them: by their UTF-8 bytes.
    public var sortedPaths: [String] { files.keys.sortedByUTF8 { $0 } }

    /// The files in the order the manifest file lists them (by their paths' UTF-8 bytes), found
    /// by binary search: what a rebuild that replaces a few files updates and writes back, so
    /// that neither it nor reading the file hashes 13,500 paths (Arabic ones hash slowly) into a
    /// dictionary, or sorts them.
    public struct Listing: Sendable, Equatable {
        public private(set) var paths: [String]
        public private(set) var entries: [Entry]

        /// The published folder and the second tree, as the manifest records them.
        public var published: FolderIdentity?
        public var second: SecondTree?

        public init(_ manifest: BuildManifest) {
            paths = manifest.sortedPaths
            entries = paths.map { manifest.files[$0]! }
            published = manifest.published
            second = manifest.second
        }

        init(sortedPaths paths: [String], entries: [Entry], published: FolderIdentity? = nil, second: SecondTree? = nil) {
            self.paths = paths
            self.entries = entries
            self.published = published
            self.second = second
        }

        /// Removes the entry of `path`, if the listing has it.
        mutating func remove(_ path: String) {
            let (place, found) = search(path)
            guard found else { return }
            paths.remove(at: place)
            entries.remove(at: place)
        }

        /// The files of the build state's manifest, or nil as `BuildManifest.read` (then also
        /// when it vouches for nothing: `isInterrupted`).
        public static func read(from state: URL) -> Listing? {
            guard let data = try? Data(contentsOf: state.appendingPathComponent(fileName)),
                  let (listing, header) = BuildManifest.decodeListing(data), !header.isInterrupted else { return nil }
            return listing
        }

        /// Where `path` is, or where it would go.
        func search(_ path: String) -> (place: Int, found: Bool) {
            var low = 0, high = paths.count
            while low < high {
                let middle = (low + high) / 2
                if BuildManifest.bytesPrecede(paths[middle], path) { low = middle + 1 } else { high = middle }
            }
            return (low, low < paths.count && !BuildManifest.bytesPrecede(path, paths[low]))
        }

        /// The place of `path`, or nil when the listing does not have it.
        public func place(of path: String) -> Int? {
            let (place, found) = search(path)
            return found ? place : nil
        }

        public func entry(for path: String) -> Entry? { place(of: path).map { entries[$0] } }

        /// Sets the entry of `path`, adding the path in its place when it is new; returns the old one.
        @discardableResult
        mutating func set(_ entry: Entry, for path: String) -> Entry? {
            let (place, found) = search(path)
            if found {
                defer { entries[place] = entry }
                return entries[place]
            }
            paths.insert(path, at: place)
            entries.insert(entry, at: place)
            return nil
        }

        /// The manifest file's bytes with these files, but those at `omitted` places. Written
        /// into a buffer of the exact size: a preview and an edit's rebuild write 13,500 entries
        /// twice per update.
        func encoded(inputs: Inputs?, isInterrupted: Bool = false, omitted: Set<Int> = [],
                     machineStart: [UInt8]? = MachineStart.current) throws -> Data {
            var header: [UInt8] = BuildManifest.magic
            header.append(UInt8(BuildManifest.currentVersion))
            header.append(isInterrupted ? 1 : 0)
            let start = machineStart ?? []
            header.append(UInt8(start.count))
            header += start
            BuildManifest.append(published, to: &header)
            BuildManifest.append(second?.folder, to: &header)
            if let second {
                BuildManifest.append(UInt32(second.pending.count), to: &header)
                for path in second.pending {
                    BuildManifest.append(UInt32(path.utf8.count), to: &header)
                    header += path.utf8
                }
            }
            if let inputs {
                header.append(1)
                for value in [inputs.fingerprint, UInt64(inputs.articles), UInt64(inputs.organizations), UInt64(inputs.countries)] {
                    BuildManifest.append(value, to: &header)
                }
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                let warnings = try encoder.encode(inputs.warnings)
                BuildManifest.append(UInt32(warnings.count), to: &header)
                header += warnings
            } else {
                header.append(0)
            }
            BuildManifest.append(UInt32(paths.count - omitted.count), to: &header)
            var size = header.count + 8
            for place in paths.indices where omitted.isEmpty || !omitted.contains(place) { size += 4 + paths[place].utf8.count + 16 }

            var data = Data(count: size)
            data.withUnsafeMutableBytes { (out: UnsafeMutableRawBufferPointer) in
                var at = 0
                func put(_ bytes: UnsafeRawBufferPointer) {
                    if bytes.count > 0 { out.baseAddress!.advanced(by: at).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count) }
                    at += bytes.count
                }
                func put<Integer: FixedWidthInteger>(_ value: Integer) { withUnsafeBytes(of: value.littleEndian, put) }
                header.withUnsafeBytes(put)
                // Sorted (by bytes: String's < compares canonical forms, much slower): the same
                // manifest is always the same bytes.
                for place in paths.indices where omitted.isEmpty || !omitted.contains(place) {
                    var path = paths[place]
                    path.withUTF8 { utf8 in
                        put(UInt32(utf8.count))
                        put(UnsafeRawBufferPointer(utf8))
                    }
                    put(entries[place].input)
                    put(entries[place].output)
                }
                put(ContentHash.of(UnsafeRawBufferPointer(rebasing: out[..<at])))
                precondition(at == out.count, "the manifest's size was counted wrong")
            }
            return data
        }
    }

    public func encoded(machineStart: [UInt8]? = MachineStart.current) throws -> Data {
        try Listing(self).encoded(inputs: inputs, isInterrupted: isInterrupted, machineStart: machineStart)
    }

    /// What the manifest file says besides its files and folders.
    struct Header: Sendable {
        var inputs: Inputs?
        var isInterrupted: Bool
    }

    /// UTF-8 order (`String.utf8Precedes`): a preview writes the manifest after every save, and
    /// sorting 13,500 paths element by element was most of that.
    static func bytesPrecede(_ a: String, _ b: String) -> Bool { a.utf8Precedes(b) }

    /// The manifest in `data`, or nil for anything else (an older JSON manifest, a damaged file).
    static func decode(_ data: Data, machineStart: [UInt8]? = MachineStart.current) -> BuildManifest? {
        guard let (listing, header) = decodeListing(data, machineStart: machineStart) else { return nil }
        var manifest = BuildManifest(inputs: header.inputs)
        manifest.isInterrupted = header.isInterrupted
        manifest.published = listing.published
        manifest.second = listing.second
        manifest.files.reserveCapacity(listing.paths.count)
        for (path, entry) in zip(listing.paths, listing.entries) { manifest.files[path] = entry }
        return manifest
    }

    /// The files of the manifest in `data` as it lists them, its inputs and whether it is marked
    /// interrupted; nil when the file is damaged, from another version, or not in order. A
    /// manifest written before the machine last started (`MachineStart`) lists nothing, has no
    /// inputs and is marked interrupted: the folder is still known to be taawun's, but its files
    /// may not be what the manifest says, and the next build writes them all.
    static func decodeListing(_ data: Data, machineStart: [UInt8]? = MachineStart.current) -> (Listing, Header)? {
        data.withUnsafeBytes { bytes in
            guard bytes.count >= magic.count + 8, bytes.starts(with: magic) else { return nil }
            let body = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 8)])
            var reader = Reader(bytes: bytes, offset: body.count)
            guard reader.integer(UInt64.self) == ContentHash.of(body) else { return nil }
            return decodeListing(body: Reader(bytes: body, offset: magic.count), machineStart: machineStart)
        }
    }

    private static func decodeListing(body: Reader, machineStart: [UInt8]?) -> (Listing, Header)? {
        var reader = body
        guard reader.byte() == UInt8(currentVersion), let flags = reader.byte(),
              let startLength = reader.byte(), let start = reader.bytes(Int(startLength)) else { return nil }
        guard let published = reader.folder(), let secondFolder = reader.folder() else { return nil }
        // Written where no boot id could be read, the folder was synced before it was swapped in.
        // From an earlier start, the published folder is still taawun's, but nothing in it is vouched for.
        if !start.isEmpty, !start.elementsEqual(machineStart ?? []) {
            return (Listing(sortedPaths: [], entries: [], published: published), Header(inputs: nil, isInterrupted: true))
        }
        var second: SecondTree?
        if let folder = secondFolder {
            guard let count = reader.integer(UInt32.self), Int(count) <= reader.remaining / 4 else { return nil }
            var pending: [String] = []
            for _ in 0..<count {
                guard let length = reader.integer(UInt32.self), let raw = reader.bytes(Int(length)),
                      let path = String(exactUTF8: raw.assumingMemoryBound(to: UInt8.self)) else { return nil }
                pending.append(path)
            }
            second = SecondTree(folder: folder, pending: pending)
        }
        guard let hasInputs = reader.byte() else { return nil }
        var inputs: Inputs?
        if hasInputs == 1 {
            guard let fingerprint = reader.integer(UInt64.self), let articles = reader.integer(UInt64.self),
                  let organizations = reader.integer(UInt64.self), let countries = reader.integer(UInt64.self),
                  let length = reader.integer(UInt32.self), let json = reader.bytes(Int(length)),
                  let warnings = try? JSONDecoder().decode([Diagnostic].self, from: Data(json)) else { return nil }
            inputs = Inputs(fingerprint: fingerprint, articles: Int(truncatingIfNeeded: articles),
                            organizations: Int(truncatingIfNeeded: organizations),
                            countries: Int(truncatingIfNeeded: countries), warnings: warnings)
        } else if hasInputs != 0 {
            return nil
        }
        guard let count = reader.integer(UInt32.self), Int(count) <= reader.remaining / 20 else { return nil }
        var paths: [String] = []
        var entries: [Entry] = []
        paths.reserveCapacity(Int(count))
        entries.reserveCapacity(Int(count))
        for _ in 0..<count {
            guard let length = reader.integer(UInt32.self), let raw = reader.bytes(Int(length)),
                  let path = String(exactUTF8: raw.assumingMemoryBound(to: UInt8.self)),
                  let input = reader.integer(UInt64.self), let output = reader.integer(UInt64.self) else { return nil }
            // In strictly increasing order, as written: the listing's binary search relies on it.
            if let last = paths.last, !bytesPrecede(last, path) { return nil }
            paths.append(path)
            entries.append(Entry(input: input, output: output))
        }
        guard reader.remaining == 0 else { return nil }
        return (Listing(sortedPaths: paths, entries: entries, published: published, second: second),
                Header(inputs: inputs, isInterrupted: flags & 1 != 0))
    }

    private static func append<Integer: FixedWidthInteger>(_ value: Integer, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out += $0 }
    }

    /// A presence byte, then the device and inode.
    private static func append(_ folder: FolderIdentity?, to out: inout [UInt8]) {
        guard let folder else { out.append(0); return }
        out.append(1)
        append(folder.device, to: &out)
        append(folder.inode, to: &out)
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

        /// A folder as `append(_:to:)` wrote it: .some(nil) when absent, nil when damaged.
        mutating func folder() -> FolderIdentity?? {
            guard let present = byte() else { return nil }
            if present == 0 { return .some(nil) }
            guard present == 1, let device = integer(UInt64.self), let inode = integer(UInt64.self) else { return nil }
            return .some(FolderIdentity(device: device, inode: inode))
        }

        mutating func bytes(_ count: Int) -> UnsafeRawBufferPointer? {
            guard count >= 0, remaining >= count else { return nil }
            defer { offset += count }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
        }
    }
}
