import Foundation
import Testing
@testable import Output

@Suite struct SiteWriterTests {
    let parent: URL
    let output: URL
    let state: URL

    init() throws {
        parent = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-writer-\(UUID().uuidString)")
        output = parent.appendingPathComponent("public")
        state = parent.appendingPathComponent(".taawun")
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    }

    var writer: SiteWriter { SiteWriter(output: output, state: state) }
    var manifestFile: URL { state.appendingPathComponent(BuildManifest.fileName) }

    func file(_ path: String, _ text: String, input: UInt64 = 1) -> OutputFile {
        OutputFile(path: path, inputFingerprint: input, data: Data(text.utf8))
    }

    func read(_ path: String) -> String? {
        (try? Data(contentsOf: output.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    func modified(_ path: String) throws -> Date {
        try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.modificationDate] as! Date
    }

    @Test func writesKeepsUnchangedFilesAndRemovesStaleOnes() throws {
        let first = try writer.write([file("index.html", "أ"), file("articles/قطر/index.html", "ب"), file("old.html", "ج")])
        #expect(first.written == 3)
        #expect(read("articles/قطر/index.html") == "ب")
        let before = try modified("index.html")
        Thread.sleep(forTimeInterval: 0.02)

        let second = try writer.write([file("index.html", "أ"), file("articles/قطر/index.html", "ب2", input: 2)])
        #expect(second == SiteWriter.Summary(written: 1, unchanged: 1, removed: 1))
        #expect(try modified("index.html") == before)
        #expect(read("articles/قطر/index.html") == "ب2")
        #expect(read("old.html") == nil)
        // Nothing is left beside the output, and nothing but the site inside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [".taawun", "public"])
        #expect(try FileManager.default.subpathsOfDirectory(atPath: output.path).sorted() == ["articles", "articles/قطر", "articles/قطر/index.html", "index.html"])
    }

    @Test func aNoChangeRebuildTouchesNothing() throws {
        _ = try writer.write([file("index.html", "أ")])
        let before = try snapshot()
        let manifestDate = try FileManager.default.attributesOfItem(atPath: manifestFile.path)[.modificationDate] as! Date
        let again = try writer.write([OutputFile(path: "index.html", inputFingerprint: 1, data: nil)])
        #expect(again == SiteWriter.Summary(written: 0, unchanged: 1, removed: 0))
        #expect(try FileManager.default.attributesOfItem(atPath: manifestFile.path)[.modificationDate] as! Date == manifestDate)
        #expect(try snapshot().keys.sorted() == before.keys.sorted())
    }

    @Test func refusesPathsThatLeaveTheOutputFolder() throws {
        for path in ["../escape.html", "/etc/passwd", "a/../../b", "a//b", "a\u{0}b", "./x", ""] {
            #expect(throws: SiteWriter.Failure.self) { try writer.write([file(path, "x")]) }
        }
        #expect(!FileManager.default.fileExists(atPath: parent.appendingPathComponent("escape.html").path))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    @Test func neverReplacesAFolderItDidNotWrite() throws {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("مهم".utf8).write(to: output.appendingPathComponent("notes.txt"))
        #expect(throws: SiteWriter.Failure.self) { try writer.write([file("index.html", "أ")]) }
        #expect(read("notes.txt") == "مهم")
    }

    /// Update after update, the two trees take turns: every update publishes the whole new
    /// site, and unchanged files keep their bytes and times in whichever tree is published.
    @Test func updatesGoThroughTheSecondTree() throws {
        _ = try writer.write([file("index.html", "أ"), file("articles/قطر/index.html", "ب"), file("old/index.html", "ج")])
        let before = try modified("index.html")
        Thread.sleep(forTimeInterval: 0.02)
        let next = [OutputFile(path: "index.html", inputFingerprint: 1, data: nil), file("articles/قطر/index.html", "ب2", input: 2),
                    file("new/index.html", "د")]
        let summary = try writer.write(paths: next.map(\.path), previous: writer.previousManifest()) { next[$0] }
        #expect(summary == SiteWriter.Summary(written: 2, unchanged: 1, removed: 1))
        #expect(try modified("index.html") == before)
        #expect(read("articles/قطر/index.html") == "ب2")
        #expect(read("new/index.html") == "د")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("old").path))
        #expect(BuildManifest.read(from: state)?.files.keys.sorted() == next.map(\.path).sorted())

        // Two more updates: the first tree comes back, brought up to date.
        for round in 1...2 {
            let files = [OutputFile(path: "index.html", inputFingerprint: 1, data: nil), file("articles/قطر/index.html", "ب\(round + 2)", input: UInt64(round + 2)),
                         OutputFile(path: "new/index.html", inputFingerprint: 1, data: nil)]
            let summary = try writer.write(paths: files.map(\.path), previous: writer.previousManifest()) { files[$0] }
            #expect(summary == SiteWriter.Summary(written: 1, unchanged: 2, removed: 0))
            #expect(read("articles/قطر/index.html") == "ب\(round + 2)")
            #expect(read("new/index.html") == "د")
            #expect(try modified("index.html") == before)
            #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("old").path))
        }

        // A page that fails to render stops the update before anything changes.
        #expect(throws: SiteWriter.Failure.self) {
            try writer.write(paths: ["index.html", "new/index.html"], previous: writer.previousManifest()) { i in
                i == 0 ? self.file("index.html", "تغيير") : nil
            }
        }
        #expect(read("index.html") == "أ")
        #expect(read("new/index.html") == "د")
    }

    func inode(_ path: String) throws -> Int {
        try (FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)[.systemFileNumber] as! NSNumber).intValue
    }

    /// Every file and folder under the output with its bytes and modification time.
    func snapshot() throws -> [String: (Data?, Date)] {
        var entries: [String: (Data?, Date)] = [:]
        let walk = FileManager.default.enumerator(atPath: output.path)!
        while let relative = walk.nextObject() as? String {
            let path = output.appendingPathComponent(relative).path
            let date = try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as! Date
            entries[relative] = (FileManager.default.contents(atPath: path), date)
        }
        return entries
    }

    @Test func anUpdateWritesOnlyChangedFilesAndKeepsTheOthersInodes() throws {
        _ = try writer.write([file("index.html", "أ"), file("a/b/index.html", "ب"), file("gone/deep/index.html", "ج")])
        let kept = try inode("index.html")
        let keptDate = try modified("index.html")
        Thread.sleep(forTimeInterval: 0.02)
        let next = [OutputFile(path: "index.html", inputFingerprint: 1, data: nil), file("a/b/index.html", "ب2", input: 2),
                    file("new/x/index.html", "د")]
        let summary = try writer.write(paths: next.map(\.path), previous: writer.previousManifest()) { next[$0] }
        #expect(summary == SiteWriter.Summary(written: 2, unchanged: 1, removed: 1))
        #expect(try inode("index.html") == kept)
        #expect(try modified("index.html") == keptDate)
        #expect(read("a/b/index.html") == "ب2")
        #expect(read("new/x/index.html") == "د")
        // The folders the removed page leaves empty go with it.
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("gone").path))
        let manifest = try #require(BuildManifest.read(from: state))
        #expect(!manifest.isInterrupted)
        #expect(manifest.files["a/b/index.html"]?.output == ContentHash.of(Data("ب2".utf8)))
        #expect(manifest.files.keys.sorted() == next.map(\.path).sorted())
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [".taawun", "public"])
    }

    @Test func aFailedUpdateLeavesEveryFileAndFolderAsItWas() throws {
        _ = try writer.write([file("index.html", "أ"), file("a/index.html", "ب")])
        let before = try snapshot()
        Thread.sleep(forTimeInterval: 0.02)
        // Changed and new files (one in a new folder) are produced, then a page fails.
        let next = [file("index.html", "تغيير", input: 2), file("a/index.html", "ب"), file("b/c/index.html", "جديد")]
        #expect(throws: SiteWriter.Failure.self) {
            try writer.write(paths: next.map(\.path) + ["d/index.html"], previous: writer.previousManifest()) { i in
                i < next.count ? next[i] : nil
            }
        }
        let after = try snapshot()
        #expect(after.keys.sorted() == before.keys.sorted())
        for (path, entry) in before {
            #expect(after[path]?.0 == entry.0, "\(path)")
            #expect(after[path]?.1 == entry.1, "\(path)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted() == [".taawun", "public"])
    }

    /// What a build killed after its journal and before the exchange leaves: a second tree
    /// changed at the journal's paths (and scratch files). The published site is the old one,
    /// and the next build brings the second tree up to date before it publishes it.
    @Test func aBuildKilledBeforeTheExchangeLeavesTheOldSiteAndTheNextOneCatchesUp() throws {
        _ = try writer.write([file("index.html", "أ"), file("a/index.html", "ب"), file("c/index.html", "ج")])
        _ = try writer.write([file("index.html", "أ"), file("a/index.html", "ب2", input: 2), file("c/index.html", "ج")])
        let published = try snapshot()
        let second = writer.secondTree
        // The killed build: its journal, half its changes in the second tree, a scratch file.
        let journal = SiteWriter.Journal(published: BuildManifest.FolderIdentity.of(second.path), dirty: ["c/index.html", "x/index.html"])
        try journal.encoded.write(to: state.appendingPathComponent("journal"))
        // (A new file, as the build would make it: the old one may be a hard link to the published copy.)
        try Data("نصف".utf8).write(to: second.appendingPathComponent("c/index.html"), options: .atomic)
        try FileManager.default.createDirectory(at: second.appendingPathComponent("x"), withIntermediateDirectories: true)
        try Data("يتيم".utf8).write(to: second.appendingPathComponent("x/index.html"))
        try FileManager.default.createDirectory(at: state.appendingPathComponent("scratch"), withIntermediateDirectories: true)

        #expect(try snapshot().mapValues(\.1) == published.mapValues(\.1), "the published site is untouched")
        let files = [file("index.html", "أ2", input: 3), file("a/index.html", "ب2", input: 2), file("c/index.html", "ج")]
        let summary = try writer.write(paths: files.map(\.path), previous: writer.previousManifest()) { files[$0] }
        #expect(summary == SiteWriter.Summary(written: 1, unchanged: 2, removed: 0))
        #expect(read("index.html") == "أ2" && read("a/index.html") == "ب2" && read("c/index.html") == "ج")
        #expect(read("x/index.html") == nil)
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("scratch").path))
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("journal").path))
    }

    /// What a build killed after the exchange and before its manifest was moved in leaves: the
    /// new site published, the old manifest, the next one beside it and the journal. The next
    /// build finishes the bookkeeping: it trusts the published site as the new one.
    @Test func aBuildKilledAfterTheExchangeIsFinishedByTheNextOne() throws {
        _ = try writer.write([file("index.html", "أ"), file("a/index.html", "ب")])
        _ = try writer.write([file("index.html", "أ"), file("a/index.html", "ب2", input: 2)])
        let old = try Data(contentsOf: manifestFile)
        _ = try writer.write([file("index.html", "أ3", input: 3), file("a/index.html", "ب2", input: 2)])
        let new = try Data(contentsOf: manifestFile)
        try new.write(to: state.appendingPathComponent("manifest.next"))
        try old.write(to: manifestFile)
        let journal = SiteWriter.Journal(published: BuildManifest.FolderIdentity.of(output.path), dirty: ["index.html"])
        try journal.encoded.write(to: state.appendingPathComponent("journal"))

        let previous = try #require(writer.previousManifest())
        #expect(previous.files["index.html"]?.output == ContentHash.of(Data("أ3".utf8)))
        #expect(try Data(contentsOf: manifestFile) == new)
        // And the next update through the second tree publishes exactly what it is given.
        let files = [file("index.html", "أ3", input: 3), file("a/index.html", "ب4", input: 4)]
        _ = try writer.write(paths: files.map(\.path), previous: previous) { files[$0] }
        #expect(read("index.html") == "أ3" && read("a/index.html") == "ب4")
    }

    /// An output on another file system than the build state (here /dev/shm, where it is
    /// one): the second tree and the scratch files go beside the output, where renames reach.
    @Test func anOutputOnAnotherFileSystemKeepsItsSecondTreeBesideIt() throws {
        let shm = URL(fileURLWithPath: "/dev/shm")
        guard let shmDevice = SiteWriter.device(nearest: shm), shmDevice != SiteWriter.device(nearest: parent) else { return }
        let elsewhere = shm.appendingPathComponent("taawun-writer-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let writer = SiteWriter(output: elsewhere.appendingPathComponent("public"), state: state)
        _ = try writer.write([file("index.html", "أ"), file("a/index.html", "ب")])
        for round in 2...4 {
            let files = [file("index.html", "أ"), file("a/index.html", "ب\(round)", input: UInt64(round))]
            _ = try writer.write(paths: files.map(\.path), previous: writer.previousManifest()) { files[$0] }
            #expect(FileManager.default.contents(atPath: elsewhere.appendingPathComponent("public/a/index.html").path) == Data("ب\(round)".utf8))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere.path).sorted() == [".public.taawun-previous", "public"])
    }

    /// A symbolic link somebody put into the published folder ends up in the second tree after
    /// the next exchange: no later build writes through it.
    @Test func noBuildWritesThroughASymbolicLinkInTheSite() throws {
        let outside = parent.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        _ = try writer.write([file("index.html", "أ"), file("a/index.html", "ب")])
        _ = try writer.write([file("index.html", "أ2", input: 2), file("a/index.html", "ب")])
        // The planted link, in the tree that the next update writes into.
        try FileManager.default.removeItem(at: writer.secondTree.appendingPathComponent("a"))
        try FileManager.default.createSymbolicLink(at: writer.secondTree.appendingPathComponent("a"), withDestinationURL: outside)
        let files = [file("index.html", "أ2", input: 2), file("a/index.html", "ب3", input: 3)]
        #expect(throws: SiteWriter.Failure.self) {
            try writer.write(paths: files.map(\.path), previous: writer.previousManifest()) { files[$0] }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(read("a/index.html") == "ب")
    }

    @Test func aDamagedManifestMeansAFreshWriteNotACrash() throws {
        _ = try writer.write([file("index.html", "أ")])
        try Data("{\"files\":".utf8).write(to: manifestFile)
        #expect(writer.previousManifest() == nil)
        let summary = try writer.write([file("index.html", "أ")])
        #expect(summary == SiteWriter.Summary(written: 1, unchanged: 0, removed: 0))
        #expect(writer.previousManifest()?.files.count == 1)
    }

    /// The folders a fresh write needs are made as their first file is placed, from many
    /// threads at once: every file of a deep tree arrives, and nothing else is left beside it.
    @Test func aFreshWriteMakesEveryFolderItsFilesNeed() throws {
        // Folders of one file each under shared parents, and folders of many files (a race
        // between two threads making the same folder once failed a build here).
        let files = (0..<240).map { i in file("d\(i % 12)/e\(i % 5)/f\(i % 3)/p\(i)/index.html", "صفحة \(i)") }
            + (0..<400).map { i in file("g\(i / 40)/h\(i / 4)/page-\(i).html", "ورقة \(i)") }
            + [file("index.html", "الرئيسية")]
        for round in 0..<8 {
            let output = parent.appendingPathComponent("public-\(round)")
            let summary = try SiteWriter(output: output, state: parent.appendingPathComponent(".taawun-\(round)")).write(files)
            #expect(summary == SiteWriter.Summary(written: files.count, unchanged: 0, removed: 0))
            for file in files {
                let bytes = FileManager.default.contents(atPath: output.appendingPathComponent(file.path).path)
                #expect(bytes == file.data, "\(file.path)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix("public") }.sorted() == (0..<8).map { "public-\($0)" })
    }

    /// Files are written without fsync: a crash can leave a listed file empty, and a crash means
    /// the machine started again. A manifest from an earlier start is read as vouching for
    /// nothing, and the next write replaces every file, the damaged one too.
    @Test func afterTheMachineRestartsEveryFileIsWrittenAgain() throws {
        let files = [file("index.html", "أ"), file("a/b/index.html", "ب")]
        _ = try writer.write(files)
        let before = try inode("index.html")
        var manifest = try #require(writer.previousManifest())
        #expect(manifest.files.count == 2)
        manifest.inputs = .init(fingerprint: 7, articles: 1, organizations: 0, countries: 0, warnings: [])
        try manifest.encoded(machineStart: Array("an-earlier-start".utf8)).write(to: manifestFile)
        try Data().write(to: output.appendingPathComponent("a/b/index.html"))

        let previous = try #require(writer.previousManifest())
        #expect(previous.files.isEmpty && previous.inputs == nil && previous.isInterrupted)
        #expect(BuildManifest.Listing.read(from: state) == nil)
        let summary = try writer.write(files.map { OutputFile(path: $0.path, inputFingerprint: 1, data: $0.data) }, previous: previous)
        #expect(summary == SiteWriter.Summary(written: 2, unchanged: 0, removed: 0))
        #expect(read("a/b/index.html") == "ب")
        #expect(try inode("index.html") != before)
        let written = try #require(writer.previousManifest())
        #expect(!written.isInterrupted && written.files.count == 2)
    }
}
