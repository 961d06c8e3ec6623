import Diagnostics
import Fingerprints
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a complete site into the output folder. The first build (or one after an interrupted
/// update, or without a manifest it can read) stages a whole new folder beside the output,
/// hard-linking files that did not change, and swaps it in. Later builds update the folder in
/// place: only changed files are written, each replaced atomically, once every page has
/// rendered (see `update`). Either way a build that fails leaves the old output untouched.
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
    }

    public let output: URL
    /// Kept for the preview, which asks for it: every build with a trustworthy manifest now
    /// updates the folder in place, so this no longer changes how files are written.
    public let updatesInPlace: Bool

    /// The output folder's path with a trailing slash, for building file paths.
    private var base: String { output.path.hasSuffix("/") ? output.path : output.path + "/" }

    public init(output: URL, updatesInPlace: Bool = false) {
        self.output = output.standardizedFileURL
        self.updatesInPlace = updatesInPlace
    }

    /// The previous build's manifest, if the output folder has one.
    public func previousManifest() -> BuildManifest? {
        BuildManifest.read(from: output)
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
        if let previous, !previous.isInterrupted, previous.files == manifest.files, allPresent(files.map(\.path)) {
            // Only the record of the inputs may be new (an edit that changes no page): the
            // manifest alone is rewritten, in place; the pages are not touched.
            if let inputs, previous.inputs != inputs { try writeManifest(manifest) }
            return Summary(written: 0, unchanged: files.count, removed: 0)
        }
        return try writeChecked(paths: files.map(\.path), previous: previous, inputs: inputs) { files[$0] }
    }

    /// Writes the site as `produce` makes it, file by file on all cores, so the bytes of only a
    /// few files are in memory at once. `produce(i)` gives the file at `paths[i]`: its data, or
    /// nil data to keep the previous build's copy (its input fingerprint must then match the
    /// previous manifest's), or nil to stop (then nothing is replaced and this throws
    /// `.cancelled`; every file is still produced, so a caller can collect all its errors).
    ///
    /// With a trustworthy previous manifest only changed files are written (see `update`);
    /// otherwise a whole new folder is staged and swapped in.
    public func write(paths: [String], previous: BuildManifest?, inputs: BuildManifest.Inputs? = nil,
                      produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        for path in paths where !OutputPath.isContained(path) { throw .unsafePath(path) }
        try checkOutputIsOurs(previous: previous)
        return try writeChecked(paths: paths, previous: previous, inputs: inputs, produce: produce)
    }

    private func writeChecked(paths: [String], previous: BuildManifest?, inputs: BuildManifest.Inputs?,
                              produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        // An interrupted update may have left files no manifest lists: the folder is made anew
        // (its trustworthy entries still let unchanged files be linked, keeping their times).
        if let previous, !previous.isInterrupted, access(output.path, F_OK) == 0 {
            return try update(paths: paths, previous: previous, inputs: inputs, produce: produce)
        }
        let staging = try makeStaging()
        let counters = SummaryCounter()
        let failures = FailureBox()
        let entries = UnsafeSlots<BuildManifest.Entry>(count: paths.count)
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
        var manifest = BuildManifest(inputs: inputs)
        if failures.first == nil {
            for (i, path) in paths.enumerated() { manifest.files[path] = entries[i] }
        }
        return try finish(staging, manifest: manifest, previous: previous, counters: counters, failures: failures)
    }

    /// The manifest entry of a produced file: its new bytes' hash, or the previous build's entry.
    private func entry(for file: OutputFile, previous: BuildManifest?, failures: FailureBox) -> BuildManifest.Entry? {
        if let data = file.data { return .init(input: file.inputFingerprint, output: ContentHash.of(data)) }
        if let old = previous?.files[file.path] { return old }
        failures.record(.io(output.path, underlying: "internal error: a page was skipped without a previous copy"))
        return nil
    }

    /// Updates the folder where it is, writing only what changed: every changed file is first
    /// written into a scratch folder beside the output (not into the output's own folders, so a
    /// build that fails leaves every file and folder of the output untouched, times included).
    /// Once every file was produced without error, the manifest is rewritten without the entries
    /// of the files about to change and marked interrupted, the changed files are renamed over
    /// the old ones (each replacement atomic), files of pages that are gone are removed with the
    /// folders they leave empty, and the final manifest is written last. A crash in between
    /// leaves old and new complete files and a manifest that makes the next build write the
    /// whole folder afresh; it never vouches for a file that was replaced.
    private func update(paths: [String], previous: BuildManifest, inputs: BuildManifest.Inputs?,
                        produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        let scratch = ScratchFolder(path: output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).update-\(getpid())").path)
        let failures = FailureBox()
        let entries = UnsafeSlots<BuildManifest.Entry>(count: paths.count)
        let changed = UnsafeSlots<Bool>(count: paths.count)
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
        var replaced: [Int] = []
        for (i, path) in paths.enumerated() {
            manifest.files[path] = entries[i]
            if changed[i] == true { replaced.append(i) }
        }
        let gone = previous.files.keys.filter { manifest.files[$0] == nil }
        var interim = previous
        interim.inputs = nil
        interim.isInterrupted = true
        for i in replaced { interim.files[paths[i]] = nil }
        for path in gone { interim.files[path] = nil }
        try commit(replaced.map { ($0, paths[$0]) }, gone: gone, from: scratch, manifestChanges: manifest != previous,
                   interim: { () throws -> Data in try interim.encoded() }, final: { () throws -> Data in try manifest.encoded() })
        return Summary(written: replaced.count, unchanged: paths.count - replaced.count, removed: gone.count)
    }

    /// Replaces some files of a folder whose manifest lists `previous` — the one this writer
    /// last wrote there, kept by a long-running process or read back (`Listing.read`; check
    /// `manifestStamp()` first) — and keeps every other file and entry: the update of a rebuild
    /// that knows which pages it rendered. Files whose bytes did not change are left untouched.
    /// Returns the new manifest's listing.
    public func replace(_ files: [OutputFile], previous: BuildManifest.Listing,
                        inputs: BuildManifest.Inputs?) throws(Failure) -> (Summary, BuildManifest.Listing) {
        for file in files where !OutputPath.isContained(file.path) { throw .unsafePath(file.path) }
        let scratch = ScratchFolder(path: output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).update-\(getpid())").path)
        var listing = previous
        var replaced: [(Int, String)] = []
        var omitted: Set<Int> = []
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
            if let place = previous.place(of: file.path) { omitted.insert(place) }
        }
        try commit(replaced, gone: [], from: scratch, manifestChanges: listing != previous || inputs != nil,
                   interim: { () throws -> Data in try previous.encoded(inputs: nil, isInterrupted: true, omitted: omitted) },
                   final: { () throws -> Data in try listing.encoded(inputs: inputs) })
        return (Summary(written: replaced.count, unchanged: listing.paths.count - replaced.count, removed: 0), listing)
    }

    /// The crash-safe end of an in-place update (see `update`): the scratch folder's files
    /// (`replaced`: scratch index and path) are renamed over the old ones and `gone` files removed
    /// between an interim manifest that vouches for neither and the final one (each given as
    /// the bytes to write).
    private func commit(_ replaced: [(Int, String)], gone: [String], from scratch: ScratchFolder, manifestChanges: Bool,
                        interim: () throws -> Data, final: () throws -> Data) throws(Failure) {
        guard !replaced.isEmpty || !gone.isEmpty else {
            scratch.remove()
            if manifestChanges { try writeManifest(final) }
            return
        }
        try writeManifest(interim)

        for path in gone {
            unlink(base + path)
            // Folders the page leaves empty go too (rmdir refuses a folder that is not empty).
            var folder = Substring(path)
            while let slash = folder.lastIndex(of: "/") {
                folder = folder[..<slash]
                if rmdir(base + folder) != 0 { break }
            }
        }
        let problems = FailureBox()
        let chunk = 64
        DispatchQueue.concurrentPerform(iterations: (replaced.count + chunk - 1) / chunk) { c in
            for (i, path) in replaced[(c * chunk)..<min(replaced.count, (c + 1) * chunk)] {
                if let problem = scratch.move(i, to: base, path) { problems.record(.io(path, underlying: problem)) }
            }
        }
        scratch.remove()
        if let problem = problems.first { throw problem }
        try writeManifest(final)
    }

    /// The manifest file's identity (inode, size, modification time): a long-running process that
    /// keeps the manifest it wrote knows it is still the folder's own while this has not changed.
    public func manifestStamp() -> [Int]? {
        var info = stat()
        guard stat(output.appendingPathComponent(BuildManifest.fileName).path, &info) == 0 else { return nil }
        return [Int(info.st_ino), Int(info.st_size), Int(info.st_mtim.tv_sec), Int(info.st_mtim.tv_nsec)]
    }

    /// Replaces the output folder's manifest atomically (a new file renamed over the old one).
    private func writeManifest(_ manifest: BuildManifest) throws(Failure) {
        try writeManifest { () throws -> Data in try manifest.encoded() }
    }

    private func writeManifest(_ encoded: () throws -> Data) throws(Failure) {
        let path = output.appendingPathComponent(BuildManifest.fileName).path
        let temporary = path + ".new"
        let data: Data
        do {
            data = try encoded()
        } catch {
            throw .io(BuildManifest.fileName, underlying: error.localizedDescription)
        }
        if let problem = Self.create(temporary, data) { throw .io(BuildManifest.fileName, underlying: problem) }
        guard rename(temporary, path) == 0 else {
            let problem = String(cString: strerror(errno))
            unlink(temporary)
            throw .io(BuildManifest.fileName, underlying: problem)
        }
    }

    /// A fresh, empty staging folder beside the output. The folders inside it are made as the
    /// files that need them are placed: made all first, 13,500 of them under one parent, they
    /// took one core for seconds on ext4 while the other waited for the parent's lock; made one
    /// by one between pages, the other core renders meanwhile.
    private func makeStaging() throws(Failure) -> URL {
        let staging = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())", isDirectory: true)
        Self.removeTree(staging.path)
        if let problem = Self.makeFolders(staging.path) { throw .io(staging.path, underlying: problem) }
        return staging
    }

    /// Puts one file into the staging folder: a hard link to the previous build's copy when the
    /// bytes are the same (keeping its modification time), else the new bytes (or the old copy's).
    private func place(_ data: Data?, at path: String, output hash: UInt64, in staging: URL, previous: BuildManifest?,
                       counters: SummaryCounter, failures: FailureBox) {
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
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
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

    /// Writes the manifest and swaps the staging folder in, or removes it after a failure.
    private func finish(_ staging: URL, manifest: BuildManifest, previous: BuildManifest?,
                        counters: SummaryCounter, failures: FailureBox) throws(Failure) -> Summary {
        if let failure = failures.first {
            Self.removeTree(staging.path)
            throw failure
        }
        let problem: String?
        do {
            problem = Self.create(staging.appendingPathComponent(BuildManifest.fileName).path, try manifest.encoded())
        } catch {
            problem = error.localizedDescription
        }
        if let problem {
            Self.removeTree(staging.path)
            throw .io(BuildManifest.fileName, underlying: problem)
        }
        // Where the manifest cannot record the machine's start (`MachineStart`), every new file
        // is on disk before the folder that holds them replaces the old one.
        if MachineStart.current == nil { Self.sync(staging.path) }
        try swapIn(staging)
        var summary = Summary()
        summary.written = counters.writtenCount
        summary.unchanged = counters.unchangedCount
        summary.removed = previous.map { $0.files.keys.count { manifest.files[$0] == nil } } ?? 0
        return summary
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
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: output.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw .notATaawunFolder(output.path) }
        if previous != nil { return }
        if fm.fileExists(atPath: output.appendingPathComponent(BuildManifest.fileName).path) { return }
        let contents = (try? fm.contentsOfDirectory(atPath: output.path)) ?? []
        if !contents.isEmpty { throw .notATaawunFolder(output.path) }
    }

    /// Exchanges staging and output atomically where the file system allows (renameat2),
    /// otherwise renames the old output aside first. The old tree is then deleted.
    private func swapIn(_ staging: URL) throws(Failure) {
        if access(output.path, F_OK) == 0 {
            if exchange(staging.path, output.path) {
                Self.removeTree(staging.path)
                return
            }
            let aside = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())").path
            Self.removeTree(aside)
            guard rename(output.path, aside) == 0, rename(staging.path, output.path) == 0 else {
                throw .io(output.path, underlying: String(cString: strerror(errno)))
            }
            Self.removeTree(aside)
        } else {
            if let problem = Self.makeFolders(output.deletingLastPathComponent().path) { throw .io(output.path, underlying: problem) }
            guard rename(staging.path, output.path) == 0 else { throw .io(output.path, underlying: String(cString: strerror(errno))) }
        }
    }

    private func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        return renameat2_exchange(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
        #else
        return false
        #endif
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
            if mkdir(path, 0o777) != 0 { lock.unlock(); return String(cString: strerror(errno)) }
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

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [SiteWriter.Failure] = []
    func record(_ failure: SiteWriter.Failure) { lock.lock(); failures.append(failure); lock.unlock() }
    var first: SiteWriter.Failure? { lock.lock(); defer { lock.unlock() }; return failures.first }
}

/// One slot per index, written from `concurrentPerform`.
private final class UnsafeSlots<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return storage[index] }
        set { lock.lock(); storage[index] = newValue; lock.unlock() }
    }
}

private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.lock(); value = true; lock.unlock() }
    var isSet: Bool { lock.lock(); defer { lock.unlock() }; return value }
}
