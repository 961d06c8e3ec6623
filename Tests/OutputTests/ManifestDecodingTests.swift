import Diagnostics
import Foundation
import Testing
@testable import Output

/// The binary manifest reads back exactly what was written, and anything else — a JSON
/// manifest of an older version, a truncated or damaged file — reads as no manifest.
@Suite struct ManifestDecodingTests {
    let sample = BuildManifest(
        files: [
            "articles/أبريل-2015-خبر/index.html": .init(input: 1, output: 2),
            "organizations/org-001/page/2/index.html": .init(input: 12_345_678_901_234_567_890, output: 3),
            "assets/style.css": .init(input: 4, output: UInt64.max),
            "a \"quoted\" \\ name/index.html": .init(input: 6, output: 7),
        ],
        inputs: .init(fingerprint: 99, articles: 3, organizations: 2, countries: 1, warnings: [
            .warning(at: SourceLocation(file: "content/articles/a.md", line: 3, column: 5), "«x» \"quoted\" \\ / \u{1}", hint: "h"),
        ]))

    @Test func readsWhatItWrites() throws {
        #expect(BuildManifest.decode(try BuildManifest().encoded()) == BuildManifest())
        #expect(BuildManifest.decode(try sample.encoded()) == sample)
        var interrupted = sample
        interrupted.inputs = nil
        interrupted.isInterrupted = true
        #expect(BuildManifest.decode(try interrupted.encoded()) == interrupted)
        #expect(BuildManifest.decode(try interrupted.encoded())?.isInterrupted == true)
    }

    /// The two trees' folders and the second tree's pending paths (`SiteWriter`) read back as written.
    @Test func readsTheFoldersItWrites() throws {
        var withTrees = sample
        withTrees.published = .init(device: 2049, inode: 16_248_231)
        withTrees.second = .init(folder: .init(device: 2049, inode: UInt64.max), pending: ["index.html", "articles/قطر/index.html", "a\u{0}b"])
        let read = try #require(BuildManifest.decode(try withTrees.encoded()))
        #expect(read == withTrees)
        #expect(read.second?.pending == ["a\u{0}b", "articles/قطر/index.html", "index.html"])
        var noPending = withTrees
        noPending.second?.pending = []
        #expect(BuildManifest.decode(try noPending.encoded()) == noPending)
        var onlyPublished = withTrees
        onlyPublished.second = nil
        #expect(BuildManifest.decode(try onlyPublished.encoded()) == onlyPublished)
        // The listing keeps them too, and writes the same bytes.
        let listing = try #require(BuildManifest.decodeListing(try withTrees.encoded())).0
        #expect(listing.published == withTrees.published && listing.second == withTrees.second)
        #expect(try listing.encoded(inputs: withTrees.inputs) == withTrees.encoded())
    }

    /// The journal a build leaves while it changes the second tree reads back as written.
    @Test func theJournalReadsBackAsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-journal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for journal in [SiteWriter.Journal(published: .init(device: 1, inode: 2), dirty: ["articles/قطر/index.html", "a\nb", ""]),
                        SiteWriter.Journal(published: nil, dirty: nil), SiteWriter.Journal(published: .init(device: 3, inode: 4), dirty: [])] {
            try journal.encoded.write(to: folder, options: [])
            let read = try #require(SiteWriter.Journal.read(folder.path))
            #expect(read.published == journal.published && read.dirty == journal.dirty)
        }
        try Data("something else".utf8).write(to: folder)
        #expect(SiteWriter.Journal.read(folder.path) == nil)
    }

    /// The listing a rebuild updates (`SiteWriter.replace`) reads the file as it is written, finds
    /// every path by binary search on its bytes, and writes the bytes the manifest would.
    @Test func theListingIsTheManifestInItsOrder() throws {
        let listing = try #require(BuildManifest.decodeListing(try sample.encoded())).0
        #expect(listing == BuildManifest.Listing(sample))
        #expect(listing.paths == sample.sortedPaths)
        for (path, entry) in sample.files { #expect(listing.entry(for: path) == entry, "\(path)") }
        for absent in ["", "a", "articles/أبريل-2015-خبر", "zzz/index.html", "articles/أبريل-2015-خبر/index.html/"] {
            #expect(listing.place(of: absent) == nil, "\(absent)")
        }
        #expect(try listing.encoded(inputs: sample.inputs) == sample.encoded())

        // Entries replaced and paths added keep the listing the manifest it stands for.
        var updated = listing, manifest = sample
        for (path, entry) in [("assets/style.css", BuildManifest.Entry(input: 40, output: 41)),
                              ("articles/ب/index.html", .init(input: 5, output: 5)), ("0.html", .init(input: 0, output: 0))] {
            let old = updated.set(entry, for: path)
            #expect(old == manifest.files.updateValue(entry, forKey: path))
        }
        #expect(updated == BuildManifest.Listing(manifest))
        #expect(try updated.encoded(inputs: sample.inputs) == manifest.encoded())
        // Places left out, as in the interim manifest of an update.
        let omitted = Set([0, 2])
        var without = manifest
        for place in omitted { without.files[updated.paths[place]] = nil }
        #expect(try updated.encoded(inputs: sample.inputs, omitted: omitted) == without.encoded())
    }

    @Test func aListingOutOfOrderReadsAsNoManifest() throws {
        // Two paths swapped, with the checksum made right again.
        var bytes = [UInt8](try BuildManifest(files: ["a": .init(input: 1, output: 1), "b": .init(input: 2, output: 2)]).encoded())
        let a = try #require(bytes.lastIndex(of: UInt8(ascii: "a"))), b = try #require(bytes.lastIndex(of: UInt8(ascii: "b")))
        bytes.swapAt(a, b)
        bytes.removeLast(8)
        withUnsafeBytes(of: bytes.withUnsafeBytes(ContentHash.of).littleEndian) { bytes += $0 }
        #expect(BuildManifest.decodeListing(Data(bytes)) == nil)
        #expect(BuildManifest.decode(Data(bytes)) == nil)
    }

    @Test func theSameManifestIsTheSameBytes() throws {
        var copy = BuildManifest(inputs: sample.inputs)
        for (path, entry) in sample.files.reversed() { copy.files[path] = entry }
        #expect(try copy.encoded() == sample.encoded())
    }

    @Test func damagedOrForeignDocumentsReadAsNoManifest() throws {
        let data = try sample.encoded()
        for length in [0, 1, 15, 16, data.count / 2, data.count - 1] {
            #expect(BuildManifest.decode(data.prefix(length)) == nil)
        }
        for offset in stride(from: 0, to: data.count, by: 7) {
            var damaged = data
            damaged[offset] ^= 0x20
            #expect(BuildManifest.decode(damaged) == nil)
        }
        #expect(BuildManifest.decode(data + Data([0])) == nil)
        #expect(BuildManifest.decode(Data(#"{"files":{"a":{"input":1,"output":2}},"version":1}"#.utf8)) == nil)
        #expect(BuildManifest.decode(Data("not a manifest".utf8)) == nil)
    }

    /// The manifest records the machine's start it was written in (`MachineStart`): read in the
    /// same start it is what was written; read after a restart it lists nothing, has no inputs
    /// and is marked interrupted. One written where the start is unknown (the writer synced) is
    /// read as written in any start.
    @Test func aManifestFromAnEarlierStartOfTheMachineVouchesForNothing() throws {
        let start = Array("3f1c9a52-0d7e-4b8e-9a11-5c2f0e6d7b90".utf8), later = Array("8a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d".utf8)
        let data = try sample.encoded(machineStart: start)
        #expect(BuildManifest.decode(data, machineStart: start) == sample)
        for now in [later, Array(start.dropLast()), nil] {
            let read = try #require(BuildManifest.decode(data, machineStart: now))
            #expect(read.files.isEmpty && read.inputs == nil && read.isInterrupted)
            let listing = try #require(BuildManifest.decodeListing(data, machineStart: now))
            #expect(listing.0.paths.isEmpty && listing.1.inputs == nil && listing.1.isInterrupted)
        }
        let unknown = try sample.encoded(machineStart: nil)
        #expect(BuildManifest.decode(unknown, machineStart: later) == sample)
        #expect(unknown.count == data.count - start.count)
        // This machine's own start is the default, both ways.
        if MachineStart.current != nil {
            #expect(BuildManifest.decode(try sample.encoded()) == sample)
            #expect(BuildManifest.decode(try sample.encoded(machineStart: later)) != sample)
        }
    }
}
