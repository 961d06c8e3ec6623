import Diagnostics
import Support
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Publishes a complete site at the output path, as one transaction: every build, full or
/// incremental, leaves there either the complete old site or the complete new one, never a mix,
/// and a build that fails or is killed leaves the old one untouched, times included.
///
/// Two trees take turns (double buffering). The published one is the output folder; the second
/// lives in the build state folder (`.taawun/previous`) and holds the site as an earlier build
/// left it, differing from the published one only at the manifest's `pending` paths. A build
/// writes into the second tree only: it first brings the pending paths up to date (hard links
/// to the published files, which keeps their bytes and modification times), then renames in the
/// files that changed and removes those that are gone, and last exchanges the two folders in one
/// `renameat2(RENAME_EXCHANGE)`. The old site becomes the second tree, pending where this build
/// changed it. Without a usable second tree (the first builds, or after the state was lost) a
/// whole new tree is staged there instead, unchanged files hard-linked from the published one.
///
/// Files are never written in place: every new file is renamed over the old name, so a file the
/// two trees share through a hard link is never changed under the published site.
///
/// Crash safety: before the second tree changes, a journal names the paths it may touch and the
/// folder the output will be after the exchange; the next manifest is written before the
/// exchange and moved in after it. `settle()`, at the start of every build, reads a journal left
/// by a killed build and finishes or rolls back its bookkeeping: the output folder itself was
/// never half written.
public struct SiteWriter: Sendable {
    public struct Summary: Sendable, Equatable {
        public var written = 0
        public var unchanged = 0
        public var removed = 0
        public var total: Int { written + unchanged }
    }

    public enum Failure: Error, CustomStringConvertible {
        case unsafePath(String)
        case notATaawunFolder(String)
        case io(String, underlying: String)
        /// A streamed write whose producer gave up (a page did not render): nothing was replaced.
        case cancelled

        public var description: String {
            switch self {
            case .cancelled: return "the build stopped before the output folder was replaced"
            case .unsafePath(let path): return "refusing to write «\(path)»: it would land outside the output folder"
            case .notATaawunFolder(let path):
                return "the output folder \(path) already holds files that taawun did not write; choose an empty folder with --output, or delete this one first"
            case .io(let path, let underlying): return "cannot write \(path): \(underlying)"
            }
        }

        /// What to do about it, in plain words.
        public var hint: String? {
            switch self {
            case .io:
                return "public/ was not changed. Check that the disk has room and that you may write in the site folder; "
                    + "if it happens again, delete the .taawun folder (taawun's own build state, safe to delete) and build again"
            case .unsafePath, .notATaawunFolder, .cancelled:
                return nil
            }
        }
    }

    public let output: URL
    /// The build state folder: the manifest, the journal, scratch files and (on the same file
    /// system) the second tree. Never inside the output.
    public let state: URL
    /// The site's own `public/`: taawun's to replace even when the build state was deleted.
    public let ownsOutput: Bool

    /// The output folder's path with a trailing slash, for building file paths.
    private var base: String { output.path.hasSuffix("/") ? output.path : output.path + "/" }
    private var manifestPath: String { state.appendingPathComponent(BuildManifest.fileName).path }
    private var nextManifestPath: String { manifestPath + ".next" }
    private var journalPath: String { state.appendingPathComponent("journal").path }
    /// Scratch files and the old output during a swap without RENAME_EXCHANGE: renamed into
    /// place, so on the output's file system, like the second tree.
    private var scratchPath: String { onOutputsFileSystem("scratch").path }
    private var asidePath: String { onOutputsFileSystem("aside").path }

    /// Where the second tree lives: in the state folder when it is on the output's file system
    /// (a rename cannot cross file systems), otherwise beside the output.
    public var secondTree: URL { onOutputsFileSystem("previous") }

    /// `name` in the state folder when it is on the output's file system, else beside the output.
    private func onOutputsFileSystem(_ name: String) -> URL {
        if let stateDevice = Self.device(nearest: state), let outputDevice = Self.device(nearest: output.deletingLastPathComponent()),
           stateDevice != outputDevice {
            return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).taawun-\(name)", isDirectory: true)
        }
        return state.appendingPathComponent(name, isDirectory: true)
    }

    /// The device of `folder`, or of its nearest existing parent (the state folder is made later).
    static func device(nearest folder: URL) -> UInt64? {
        var folder = folder.standardizedFileURL
        while true {
            var info = stat()
            if stat(folder.path, &info) == 0 { return UInt64(info.st_dev) }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }

    public init(output: URL, state: URL, ownsOutput: Bool = false) {
        self.output = output.standardizedFileURL
        self.state = state.standardizedFileURL
        self.ownsOutput = ownsOutput
    }

    /// The previous build's manifest, when it describes the folder published at the output path
    /// (after settling what a killed build left, `settle()`).
    public func previousManifest() -> BuildManifest? {
        settle()
        guard let manifest = BuildManifest.read(from: state) else { return nil }
        guard manifest.published != nil, manifest.published == BuildManifest.FolderIdentity.of(output.path) else { return nil }
        return manifest
    }

    /// Writes `files` as the whole new content of the output folder.
    /// Files with `data == nil` must be in the previous manifest (their bytes are reused).
    public func write(_ files: [OutputFile]) throws(Failure) -> Summary {
        try write(files, previous: previousManifest())
    }

    /// `write(_:)` with the previous manifest already read (it is what `previousManifest()` returns),
    /// recording `inputs` in the new manifest.
    public func write(_ files: [OutputFile], previous: BuildManifest?, inputs: BuildManifest.Inputs? = nil) throws(Failure) -> Summary {
        for file in files where !OutputPath.isContained(file.path) { throw .unsafePath(file.path) }
        try checkOutputIsOurs(previous: previous)

        // Nothing changed: leave the folder exactly as it is.
        var manifest = BuildManifest(inputs: inputs)
        for file in files {
            if let data = file.data {
                manifest.files[file.path] = .init(input: file.inputFingerprint, output: ContentHash.of(data))
            } else if let entry = previous?.files[file.path] {
                manifest.files[file.path] = entry
            } else {
                throw .io(output.path, underlying: "internal error: a page was skipped without a previous copy")
            }
        }
        if var previous, !previous.isInterrupted, previous.files == manifest.files, allPresent(files.map(\.path)) {
            // Only the record of the inputs may be new (an edit that changes no page): the
            // manifest alone is rewritten; the pages are not touched.
            if let inputs, previous.inputs != inputs {
                previous.inputs = inputs
                try writeManifest(previous, to: manifestPath)
            }
            return Summary(written: 0, unchanged: files.count, removed: 0)
        }
        return try writeChecked(paths: files.map(\.path), previous: previous, inputs: inputs) { files[$0] }
    }

    /// Writes the site as `produce` makes it, file by file on all cores, so the bytes of only a
    /// few files are in memory at once. `produce(i)` gives the file at `paths[i]`: its data, or
    /// nil data to keep the previous build's copy (its input fingerprint must then match the
    /// previous manifest's), or nil to stop (then nothing is replaced and this throws
    /// `.cancelled`; every file is still produced, so a caller can collect all its errors).
    public func write(paths: [String], previous: BuildManifest?, inputs: BuildManifest.Inputs? = nil,
                      produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        for path in paths where !OutputPath.isContained(path) { throw .unsafePath(path) }
        try checkOutputIsOurs(previous: previous)
        return try writeChecked(paths: paths, previous: previous, inputs: inputs, produce: produce)
    }

    private func writeChecked(paths: [String], previous: BuildManifest?, inputs: BuildManifest.Inputs?,
                              produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        if let previous, !previous.isInterrupted, previous.published != nil {
            return try update(paths: paths, previous: previous, inputs: inputs, produce: produce)
        }
        return try stage(paths: paths, previous: previous, inputs: inputs, produce: produce)
    }

    /// A whole new tree staged where the second tree goes, files whose bytes did not change
    /// hard-linked from the published folder, then swapped in.
    private func stage(paths: [String], previous: BuildManifest?, inputs: BuildManifest.Inputs?,
                       produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        let staging = secondTree
        // The second tree is about to be replaced: the manifest stops vouching for it first.
        if var recorded = BuildManifest.read(from: state), recorded.second != nil {
            recorded.second = nil
            try writeManifest(recorded, to: manifestPath)
        }
        try makeStateFolder()
        Self.removeTree(staging.path)
        if let problem = Self.makeFolders(staging.path) { throw .io(staging.path, underlying: problem) }
        let counters = SummaryCounter()
        let failures = FailureBox<SiteWriter.Failure>()
        let entries = UnsafeResults<BuildManifest.Entry>(count: paths.count)
        let stopped = Flag()
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            guard let file = produce(i) else { stopped.set(); return }
            if stopped.isSet { return } // keep producing (for the caller's errors), stop writing
            guard let entry = entry(for: file, previous: previous, failures: failures) else { return }
            entries[i] = entry
            place(file.data, at: file.path, output: entry.output, in: staging, previous: previous, counters: counters, failures: failures)
        }
        if stopped.isSet {
            Self.removeTree(staging.path)
            throw .cancelled
        }
        if let failure = failures.first {
            Self.removeTree(staging.path)
            throw failure
        }
        var manifest = BuildManifest(inputs: inputs)
        for (i, path) in paths.enumerated() { manifest.files[path] = entries[i] }
        manifest.published = BuildManifest.FolderIdentity.of(staging.path)
        // The folder published now becomes the second tree; it is known only when a manifest vouched for it.
        if let previous, !previous.isInterrupted, let old = BuildManifest.FolderIdentity.of(output.path) {
            let changed = Set(manifest.files.keys).union(previous.files.keys).filter { manifest.files[$0] != previous.files[$0] }
            manifest.second = .init(folder: old, pending: Array(changed))
        }
        // Where the manifest cannot record the machine's start (`MachineStart`), every new file
        // is on disk before the folder that holds them replaces the old one.
        if MachineStart.current == nil { Self.sync(staging.path) }
        try publish(staging, manifest: { () throws -> Data in try manifest.encoded() },
                    journal: Journal(published: manifest.published, dirty: nil))
        var summary = Summary()
        summary.written = counters.writtenCount
        summary.unchanged = counters.unchangedCount
        summary.removed = previous.map { $0.files.keys.count { manifest.files[$0] == nil } } ?? 0
        return summary
    }

    /// The manifest entry of a produced file: its new bytes' hash, or the previous build's entry.
    private func entry(for file: OutputFile, previous: BuildManifest?, failures: FailureBox<SiteWriter.Failure>) -> BuildManifest.Entry? {
        if let data = file.data { return .init(input: file.inputFingerprint, output: ContentHash.of(data)) }
        if let old = previous?.files[file.path] { return old }
        failures.record(.io(output.path, underlying: "internal error: a page was skipped without a previous copy"))
        return nil
    }

    /// The update through the second tree: every changed file is first written into the scratch
    /// folder; once every file was produced without error, the second tree is brought up to date
    /// and swapped in (`commit`). When nothing changed, only the manifest may be rewritten.
    private func update(paths: [String], previous: BuildManifest, inputs: BuildManifest.Inputs?,
                        produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        let scratch = ScratchFolder(path: scratchPath)
        let failures = FailureBox<SiteWriter.Failure>()
        let entries = UnsafeResults<BuildManifest.Entry>(count: paths.count)
        let changed = UnsafeResults<Bool>(count: paths.count)
        let stopped = Flag()
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            guard let file = produce(i) else { stopped.set(); return }
            if stopped.isSet { return }
            guard let entry = entry(for: file, previous: previous, failures: failures) else { return }
            entries[i] = entry
            guard let data = file.data else { return }
            if previous.files[file.path]?.output == entry.output, access(base + file.path, F_OK) == 0 { return }
            if let problem = scratch.create(i, data) {
                failures.record(.io(file.path, underlying: problem))
            } else {
                changed[i] = true
            }
        }
        if stopped.isSet { scratch.remove(); throw .cancelled }
        if let failure = failures.first { scratch.remove(); throw failure }

        var manifest = BuildManifest(inputs: inputs)
        var replaced: [(Int, String)] = []
        for (i, path) in paths.enumerated() {
            manifest.files[path] = entries[i]
            if changed[i] == true { replaced.append((i, path)) }
        }
        let gone = previous.files.keys.filter { manifest.files[$0] == nil }
        var listing = BuildManifest.Listing(manifest)
        listing.published = previous.published
        listing.second = previous.second
        let before = BuildManifest.Listing(previous)
        _ = try commit(replaced, gone: gone, from: scratch, previous: before, next: listing, inputs: inputs,
                       unchanged: { listing == before && inputs == previous.inputs })
        return Summary(written: replaced.count, unchanged: paths.count - replaced.count, removed: gone.count)
    }

    /// Whether `replace` can update the site that `previous` lists through the second tree:
    /// the listed folders are still the published one and the second tree.
    /// (A missing second tree is made first, `cloneSecondTree`.)
    public func canReplace(_ previous: BuildManifest.Listing) -> Bool {
        guard let published = previous.published else { return false }
        return published == BuildManifest.FolderIdentity.of(output.path)
    }

    /// A second tree made as a copy of the published one, every file hard-linked (no bytes
    /// copied, times kept): what the first update after a first build needs. Its folders cost
    /// what a full build's do, once.
    private func cloneSecondTree(of listing: BuildManifest.Listing) throws(Failure) -> BuildManifest.SecondTree {
        let tree = secondTree.path
        // The manifest stops vouching for a second tree first: a killed clone must not be taken
        // for one (a new folder may get the old one's inode).
        if var recorded = BuildManifest.read(from: state), recorded.second != nil {
            recorded.second = nil
            try writeManifest(recorded, to: manifestPath)
        }
        Self.removeTree(tree)
        if let problem = Self.makeFolders(tree) { throw .io(tree, underlying: problem) }
        let problems = FailureBox<SiteWriter.Failure>()
        let paths = listing.paths
        DispatchQueue.concurrentPerform(iterations: (paths.count + 255) / 256) { c in
            for path in paths[(c * 256)..<min(paths.count, (c + 1) * 256)] {
                let problem = Self.inFolder(of: tree + "/" + path) { link(base + path, tree + "/" + path) == 0 ? nil : String(cString: strerror(errno)) }
                if let problem { problems.record(.io(path, underlying: problem)) }
            }
        }
        if let problem = problems.first { throw problem }
        guard let folder = BuildManifest.FolderIdentity.of(tree) else { throw .io(tree, underlying: "the folder is gone") }
        return .init(folder: folder, pending: [])
    }

    /// Replaces some files of a folder whose manifest lists `previous` — the one this writer
    /// last wrote there, kept by a long-running process or read back (`Listing.read`; check
    /// `manifestStamp()` first) — and keeps every other file and entry: the update of a rebuild
    /// that knows which pages it rendered. Files whose bytes did not change are left untouched.
    /// Returns the new manifest's listing.
    public func replace(_ files: [OutputFile], previous: BuildManifest.Listing,
                        inputs: BuildManifest.Inputs?) throws(Failure) -> (Summary, BuildManifest.Listing) {
        for file in files where !OutputPath.isContained(file.path) { throw .unsafePath(file.path) }
        guard canReplace(previous) else {
            // Another process built meanwhile: the caller builds in full.
            throw .io(output.path, underlying: "the output folder changed since the last build; build again")
        }
        let scratch = ScratchFolder(path: scratchPath)
        var listing = previous
        var replaced: [(Int, String)] = []
        for (i, file) in files.enumerated() {
            guard let data = file.data else { throw .io(output.path, underlying: "internal error: a replaced file has no bytes") }
            let entry = BuildManifest.Entry(input: file.inputFingerprint, output: ContentHash.of(data))
            let old = listing.set(entry, for: file.path)
            if old?.output == entry.output, access(base + file.path, F_OK) == 0 { continue }
            if let problem = scratch.create(i, data) {
                scratch.remove()
                throw .io(file.path, underlying: problem)
            }
            replaced.append((i, file.path))
        }
        let committed = try commit(replaced, gone: [], from: scratch, previous: previous, next: listing, inputs: inputs,
                                   unchanged: { listing == previous && inputs == nil })
        return (Summary(written: replaced.count, unchanged: listing.paths.count - replaced.count, removed: 0), committed)
    }

    /// The end of an update through the second tree: `replaced` (scratch index and path) and
    /// `gone` are applied to the second tree after its pending paths are brought up to date, and
    /// the trees are exchanged; `next` is the new listing (its folders those of `previous`).
    /// Returns the listing as the manifest now records it.
    private func commit(_ replaced: [(Int, String)], gone: [String], from scratch: ScratchFolder,
                        previous: BuildManifest.Listing, next: BuildManifest.Listing, inputs: BuildManifest.Inputs?,
                        unchanged: () -> Bool) throws(Failure) -> BuildManifest.Listing {
        guard !replaced.isEmpty || !gone.isEmpty else {
            scratch.remove()
            if !unchanged() { try writeManifest({ () throws -> Data in try next.encoded(inputs: inputs) }, to: manifestPath) }
            return next
        }
        guard let published = previous.published else {
            scratch.remove()
            throw .io(output.path, underlying: "internal error: an update without a published folder")
        }
        // The first update after a first build (or after the second tree was lost) makes it.
        let second: BuildManifest.SecondTree
        if let recorded = previous.second, BuildManifest.FolderIdentity.of(secondTree.path) == recorded.folder {
            second = recorded
        } else {
            do throws(Failure) { second = try cloneSecondTree(of: previous) } catch { scratch.remove(); throw error }
        }
        let tree = secondTree.path + "/"
        let changedPaths = replaced.map(\.1) + gone
        let changing = Set(changedPaths)
        // From here on the second tree differs from the published folder at these paths, until
        // the exchange; a killed build leaves this record for the next to finish from.
        try writeJournal(Journal(published: second.folder, dirty: second.pending + changedPaths))

        let guardrail = FolderGuard(root: tree)
        let problems = FailureBox<SiteWriter.Failure>()
        // The paths where the second tree is behind the published folder: linked to the
        // published file (same bytes, same time), or removed where the published folder has none.
        let behind = second.pending.filter { !changing.contains($0) }
        DispatchQueue.concurrentPerform(iterations: (behind.count + 63) / 64) { c in
            for path in behind[(c * 64)..<min(behind.count, (c + 1) * 64)] {
                if let problem = guardrail.check(path) { problems.record(.io(path, underlying: problem)); continue }
                unlink(tree + path)
                if previous.place(of: path) != nil {
                    let problem = Self.inFolder(of: tree + path) { link(base + path, tree + path) == 0 ? nil : String(cString: strerror(errno)) }
                    if let problem { problems.record(.io(path, underlying: problem)) }
                } else {
                    Self.removeEmptyFolders(above: path, in: tree)
                }
            }
        }
        for path in gone {
            if let problem = guardrail.check(path) { problems.record(.io(path, underlying: problem)); continue }
            unlink(tree + path)
            Self.removeEmptyFolders(above: path, in: tree)
        }
        DispatchQueue.concurrentPerform(iterations: (replaced.count + 63) / 64) { c in
            for (i, path) in replaced[(c * 64)..<min(replaced.count, (c + 1) * 64)] {
                if let problem = guardrail.check(path) { problems.record(.io(path, underlying: problem)); continue }
                if let problem = scratch.move(i, to: tree, path) { problems.record(.io(path, underlying: problem)) }
            }
        }
        scratch.remove()
        if let problem = problems.first {
            settle() // the second tree is pending where the journal says
            throw problem
        }

        var committed = next
        committed.published = second.folder
        committed.second = .init(folder: published, pending: changedPaths)
        if MachineStart.current == nil { Self.sync(secondTree.path) }
        try publish(secondTree, manifest: { () throws -> Data in try committed.encoded(inputs: inputs) },
                    journal: Journal(published: second.folder, dirty: second.pending + changedPaths))
        return committed
    }

    /// The last steps of every build that changes the site: the next manifest written, the
    /// `ready` tree exchanged with the published one (or renamed into place when there is none),
    /// and the manifest moved in.
    private func publish(_ ready: URL, manifest: () throws -> Data, journal: Journal) throws(Failure) {
        defer { settle() }
        try writeManifest(manifest, to: nextManifestPath)
        try writeJournal(journal)
        if access(output.path, F_OK) == 0 {
            if !exchange(ready.path, output.path) {
                // A file system without RENAME_EXCHANGE: two renames, with a moment between them
                // when the output path is missing (never a mix of old and new files).
                Self.removeTree(asidePath)
                guard rename(output.path, asidePath) == 0 else { throw .io(output.path, underlying: String(cString: strerror(errno))) }
                guard rename(ready.path, output.path) == 0 else {
                    let problem = String(cString: strerror(errno))
                    rename(asidePath, output.path)
                    throw .io(output.path, underlying: problem)
                }
                rename(asidePath, ready.path)
            }
        } else {
            if let problem = Self.makeFolders(output.deletingLastPathComponent().path) { throw .io(output.path, underlying: problem) }
            guard rename(ready.path, output.path) == 0 else { throw .io(output.path, underlying: String(cString: strerror(errno))) }
        }
    }

    /// Finishes the bookkeeping of a build that stopped between its journal and its end (killed,
    /// or the machine stopped): if the exchange happened, the next manifest is the manifest;
    /// if not, the manifest stays and its second tree is pending at every path the journal names.
    /// Scratch files are removed. Runs at the start of every build, and at the end of one.
    public func settle() {
        Self.removeTree(scratchPath)
        guard let journal = Journal.read(journalPath) else {
            unlink(nextManifestPath)
            return
        }
        if let expected = journal.published, BuildManifest.FolderIdentity.of(output.path) == expected,
           access(nextManifestPath, F_OK) == 0 {
            rename(nextManifestPath, manifestPath)
        } else {
            unlink(nextManifestPath)
            if var manifest = BuildManifest.read(from: state), let second = manifest.second {
                if let dirty = journal.dirty {
                    manifest.second = .init(folder: second.folder, pending: Array(Set(second.pending).union(dirty)))
                } else {
                    manifest.second = nil
                }
                try? writeManifest(manifest, to: manifestPath)
            }
        }
        unlink(journalPath)
    }

    /// What the journal records: the folder the output path will name after the exchange, and
    /// the paths where the second tree may differ from the published folder until then (nil: anywhere).
    struct Journal {
        var published: BuildManifest.FolderIdentity?
        var dirty: [String]?

        static let magic = "taawun-journal-1"

        /// NUL-separated fields: a path may hold any other character.
        var encoded: Data {
            var fields = [Self.magic, published.map { "\($0.device)" } ?? "", published.map { "\($0.inode)" } ?? "",
                          dirty == nil ? "everywhere" : "paths"]
            fields += dirty ?? []
            return Data(fields.joined(separator: "\0").utf8)
        }

        static func read(_ path: String) -> Journal? {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
            let fields = text.split(separator: "\0", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 4, fields[0] == magic else { return nil }
            let published = UInt64(fields[1]).flatMap { device in UInt64(fields[2]).map { BuildManifest.FolderIdentity(device: device, inode: $0) } }
            return Journal(published: published, dirty: fields[3] == "paths" ? Array(fields.dropFirst(4)) : nil)
        }
    }

    private func writeJournal(_ journal: Journal) throws(Failure) {
        try makeStateFolder()
        try writeFile(journal.encoded, to: journalPath, named: "journal")
    }

    private func makeStateFolder() throws(Failure) {
        if let problem = Self.makeFolders(state.path) { throw .io(state.path, underlying: problem) }
    }

    /// The manifest file's identity (inode, size, modification time): a long-running process that
    /// keeps the manifest it wrote knows it is still the folder's own while this has not changed.
    public func manifestStamp() -> [Int]? {
        var info = stat()
        guard stat(manifestPath, &info) == 0 else { return nil }
        return [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
    }

    private func writeManifest(_ manifest: BuildManifest, to path: String) throws(Failure) {
        try writeManifest({ () throws -> Data in try manifest.encoded() }, to: path)
    }

    private func writeManifest(_ encoded: () throws -> Data, to path: String) throws(Failure) {
        let data: Data
        do {
            data = try encoded()
        } catch {
            throw .io(state.path, underlying: error.localizedDescription)
        }
        try makeStateFolder()
        try writeFile(data, to: path, named: BuildManifest.fileName)
    }

    /// A new file renamed over the old one: a reader sees the old bytes or the new, whole.
    private func writeFile(_ data: Data, to path: String, named name: String) throws(Failure) {
        let temporary = path + ".new"
        if let problem = Self.create(temporary, data) { throw .io(state.appendingPathComponent(name).path, underlying: problem) }
        guard rename(temporary, path) == 0 else {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(state.appendingPathComponent(name).path, underlying: problem)
        }
    }

    /// Puts one file into the staging folder: a hard link to the previous build's copy when the
    /// bytes are the same (keeping its modification time), else the new bytes (or the old copy's).
    private func place(_ data: Data?, at path: String, output hash: UInt64, in staging: URL, previous: BuildManifest?,
                       counters: SummaryCounter, failures: FailureBox<SiteWriter.Failure>) {
        let destination = staging.path + "/" + path
        let old = output.path + "/" + path
        // Same bytes as last time: link the old file, which keeps its modification time.
        if previous?.files[path]?.output == hash,
           Self.inFolder(of: destination, { link(old, destination) == 0 ? nil : String(cString: strerror(errno)) }) == nil {
            counters.unchanged()
            return
        }
        guard let data = data ?? FileManager.default.contents(atPath: old) else {
            failures.record(.io(path, underlying: "the previous copy is missing"))
            return
        }
        if let problem = Self.inFolder(of: destination, { Self.create(destination, data) }) {
            failures.record(.io(path, underlying: problem))
        } else {
            counters.written()
        }
    }

    /// Writes a new file with open/write/close. (Data.write(to:) also fsyncs every file, which
    /// costs more than the writing; see `MachineStart` for why no file needs it.)
    /// Returns the problem, or nil.
    static func create(_ path: String, _ data: Data) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        if fd < 0 { return String(cString: strerror(errno)) }
        var problem: String?
        data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = posixWrite(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    problem = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if close(fd) != 0, problem == nil { problem = String(cString: strerror(errno)) }
        return problem
    }

    /// Whether every file the manifest lists is still in the output folder (nobody deleted one).
    public func isIntact(_ manifest: BuildManifest) -> Bool {
        allPresent(Array(manifest.files.keys))
    }

    private func allPresent(_ paths: [String]) -> Bool {
        // access(2) on all cores: FileManager.fileExists is several times slower, and a large
        // site has tens of thousands of files.
        let missing = Flag()
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: (paths.count + chunk - 1) / chunk) { c in
            for path in paths[(c * chunk)..<min(paths.count, (c + 1) * chunk)] where access(base + path, F_OK) != 0 {
                missing.set()
                return
            }
        }
        return !missing.isSet
    }

    /// Never replace a folder taawun did not make (someone's --output pointing at their documents).
    private func checkOutputIsOurs(previous: BuildManifest?) throws(Failure) {
        let fm = FileManager.default
        var info = stat()
        guard lstat(output.path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { throw .notATaawunFolder(output.path) }
        if previous != nil || ownsOutput { return }
        // This output's own state folder has a manifest (even a damaged one): the folder is taawun's.
        if access(manifestPath, F_OK) == 0 { return }
        if fm.fileExists(atPath: output.appendingPathComponent(BuildManifest.legacyFileName).path) { return }
        let contents = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
        if !contents.isEmpty { throw .notATaawunFolder(output.path) }
    }

    private func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        return renameat2_exchange(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
        #else
        return false
        #endif
    }
}

/// Refuses to write through a symbolic link found inside the second tree (it was the published
/// folder once, and anyone may have put one there): every folder on a written path is checked
/// once with lstat.
private final class FolderGuard: @unchecked Sendable {
    let root: String
    private let lock = NSLock()
    private var checked: Set<String> = []

    init(root: String) { self.root = root }

    /// The problem with writing `path`, or nil.
    func check(_ path: String) -> String? {
        var folder = Substring(path)
        var folders: [Substring] = []
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            folders.append(folder)
        }
        for folder in folders.reversed() {
            let key = String(folder)
            lock.lock()
            let known = checked.contains(key)
            lock.unlock()
            if known { continue }
            var info = stat()
            if lstat(root + key, &info) == 0 {
                if (info.st_mode & S_IFMT) == S_IFLNK {
                    return "in the build state's copy of the site, «\(key)» is a symbolic link, and taawun never writes through one"
                }
                if (info.st_mode & S_IFMT) != S_IFDIR { return "in the build state's copy of the site, «\(key)» is not a folder" }
            }
            lock.lock()
            checked.insert(key)
            lock.unlock()
        }
        var info = stat()
        if lstat(root + path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            return "in the build state's copy of the site, «\(path)» is a folder"
        }
        return nil
    }
}

/// write(2); a SiteWriter method of the same name hides it inside the type.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, buffer, count)
}

extension SiteWriter {
    /// Flushes the file system that holds `path` (one syncfs instead of an fsync per file).
    static func sync(_ path: String) {
        #if os(Linux)
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = syncfs_(fd)
        close(fd)
        #else
        Foundation.sync()
        #endif
    }

    /// `make` (which returns its problem, or nil), and if it fails, once more after making the
    /// folder `path` goes in: the first file of a folder makes it. (Whether the folder was
    /// missing is not asked first: another thread may have made it in between.)
    static func inFolder(of path: String, _ make: () -> String?) -> String? {
        guard let problem = make() else { return nil }
        guard let slash = path.lastIndex(of: "/") else { return problem }
        if let folderProblem = makeFolders(String(path[..<slash])) { return folderProblem }
        return make()
    }

    /// `mkdir -p`: the folder and any missing parents. Returns the problem, or nil.
    static func makeFolders(_ path: String) -> String? {
        if mkdir(path, 0o777) == 0 || errno == EEXIST { return nil }
        guard errno == ENOENT, let slash = path.lastIndex(of: "/"), slash > path.startIndex else {
            return String(cString: strerror(errno))
        }
        if let problem = makeFolders(String(path[..<slash])) { return problem }
        if mkdir(path, 0o777) == 0 || errno == EEXIST { return nil }
        return String(cString: strerror(errno))
    }

    /// `rm -rf` without FileManager, which is several times slower on a tree of thousands of
    /// folders. Symbolic links are removed, never followed.
    static func removeTree(_ path: String) {
        if unlink(path) == 0 || errno == ENOENT { return }
        removeFolder(path)
    }

    /// Removes the folders a removed file at `path` leaves empty (rmdir refuses one that is not).
    static func removeEmptyFolders(above path: String, in tree: String) {
        var folder = Substring(path)
        while let slash = folder.lastIndex(of: "/") {
            folder = folder[..<slash]
            if rmdir(tree + folder) != 0 { break }
        }
    }

    private static func removeFolder(_ path: String) {
        if let folder = opendir(path) {
            var folders: [String] = []
            while let entry = readdir(folder) {
                let name = directoryEntryName(entry)
                if name == "." || name == ".." { continue }
                let child = path + "/" + name
                // The entry's type saves a failing unlink per folder.
                if entry.pointee.d_type == UInt8(DT_DIR) || (unlink(child) != 0 && errno == EISDIR) { folders.append(child) }
            }
            closedir(folder)
            for child in folders { removeFolder(child) }
        }
        rmdir(path)
    }
}

/// The scratch folder of an in-place update: made when the first changed file needs it; file
/// `i` is `paths[i]`'s new bytes, until it is moved to where it belongs.
private final class ScratchFolder: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var made = false

    init(path: String) { self.path = path }

    func create(_ index: Int, _ data: Data) -> String? {
        lock.lock()
        if !made {
            SiteWriter.removeTree(path)
            if let problem = SiteWriter.makeFolders(path) { lock.unlock(); return problem }
            made = true
        }
        lock.unlock()
        return SiteWriter.create(path + "/\(index)", data)
    }

    /// Renames file `index` to `base + destination`, making the folders it needs.
    func move(_ index: Int, to base: String, _ destination: String) -> String? {
        let source = path + "/\(index)"
        let target = base + destination
        return SiteWriter.inFolder(of: target) { rename(source, target) == 0 ? nil : String(cString: strerror(errno)) }
    }

    func remove() {
        lock.lock(); defer { lock.unlock() }
        if made { SiteWriter.removeTree(path) }
    }
}

#if os(Linux)
@_silgen_name("syncfs")
private func syncfs_(_ fd: Int32) -> Int32

// Glibc declares renameat2 only under _GNU_SOURCE, which Swift's Glibc module does not set.
@_silgen_name("renameat2")
private func renameat2_exchange(_ oldDirectory: Int32, _ oldPath: UnsafePointer<CChar>, _ newDirectory: Int32,
                                _ newPath: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif

private final class SummaryCounter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var writtenCount = 0
    private(set) var unchangedCount = 0
    func written() { lock.lock(); writtenCount += 1; lock.unlock() }
    func unchanged() { lock.lock(); unchangedCount += 1; lock.unlock() }
}
