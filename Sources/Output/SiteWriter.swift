import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a complete site into the output folder so that a reader never sees half a site:
/// everything goes into a staging folder beside the output, unchanged files are hard-linked
/// from the previous output (keeping their modification time), and the staging folder is
/// swapped in at the end. A build that fails before the swap leaves the old output untouched.
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
    /// Update changed files where they are instead of swapping in a staged copy. Only for a
    /// private folder nobody publishes (the preview's): a reader could see a half-updated site.
    public let updatesInPlace: Bool

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
        var missingBytes = false
        for file in files {
            if let data = file.data {
                manifest.files[file.path] = .init(input: file.inputFingerprint, output: ContentHash.of(data))
            } else if let entry = previous?.files[file.path] {
                manifest.files[file.path] = entry
            } else {
                missingBytes = true
            }
        }
        if missingBytes { throw .io(output.path, underlying: "internal error: a page was skipped without a previous copy") }
        if let previous, previous.files == manifest.files, allPresent(files.map(\.path)) {
            // Only the record of the inputs may be new (an edit that changes no page): the
            // manifest alone is rewritten, in place; the pages are not touched.
            if let inputs, previous.inputs != inputs {
                do {
                    try manifest.encoded().write(to: output.appendingPathComponent(BuildManifest.fileName), options: .atomic)
                } catch {
                    throw .io(BuildManifest.fileName, underlying: error.localizedDescription)
                }
            }
            return Summary(written: 0, unchanged: files.count, removed: 0)
        }

        let staging = try makeStaging(paths: files.map(\.path))
        let counters = SummaryCounter()
        let failures = FailureBox()
        let finalManifest = manifest
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            place(file.data, at: file.path, output: finalManifest.files[file.path]!.output, in: staging,
                  previous: previous, counters: counters, failures: failures)
        }
        return try finish(staging, manifest: manifest, previous: previous, counters: counters, failures: failures)
    }

    /// Writes the site as `produce` makes it, file by file on all cores, so the bytes of only a
    /// few files are in memory at once. `produce(i)` gives the file at `paths[i]`: its data, or
    /// nil data to keep the previous build's copy (its input fingerprint must then match the
    /// previous manifest's), or nil to stop (then nothing is replaced and this throws
    /// `.cancelled`; every file is still produced, so a caller can collect all its errors).
    /// Unlike `write(_:)` it always replaces the folder: call it when something changed.
    public func write(paths: [String], previous: BuildManifest?, inputs: BuildManifest.Inputs? = nil,
                      produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        for path in paths where !OutputPath.isContained(path) { throw .unsafePath(path) }
        try checkOutputIsOurs(previous: previous)
        if updatesInPlace, let previous {
            return try update(paths: paths, previous: previous, inputs: inputs, produce: produce)
        }
        let staging = try makeStaging(paths: paths)
        let counters = SummaryCounter()
        let failures = FailureBox()
        let entries = UnsafeSlots<BuildManifest.Entry>(count: paths.count)
        let stopped = Flag()
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            guard let file = produce(i) else { stopped.set(); return }
            if stopped.isSet { return } // keep producing (for the caller's errors), stop writing
            let entry: BuildManifest.Entry
            if let data = file.data {
                entry = .init(input: file.inputFingerprint, output: ContentHash.of(data))
            } else if let old = previous?.files[file.path] {
                entry = old
            } else {
                failures.record(.io(output.path, underlying: "internal error: a page was skipped without a previous copy"))
                return
            }
            entries[i] = entry
            place(file.data, at: file.path, output: entry.output, in: staging, previous: previous, counters: counters, failures: failures)
        }
        if stopped.isSet {
            try? FileManager.default.removeItem(at: staging)
            throw .cancelled
        }
        var manifest = BuildManifest(inputs: inputs)
        if failures.first == nil {
            for (i, path) in paths.enumerated() { manifest.files[path] = entries[i] }
        }
        return try finish(staging, manifest: manifest, previous: previous, counters: counters, failures: failures)
    }

    /// The in-place form of `write(paths:…)`: everything is produced first (a page that fails
    /// stops the update before any file changes), then only changed files are replaced, each
    /// atomically (a temporary file renamed over it), and files of pages that are gone removed.
    private func update(paths: [String], previous: BuildManifest, inputs: BuildManifest.Inputs?,
                        produce: @Sendable (Int) -> OutputFile?) throws(Failure) -> Summary {
        let files = UnsafeSlots<OutputFile>(count: paths.count)
        let stopped = Flag()
        DispatchQueue.concurrentPerform(iterations: paths.count) { i in
            if let file = produce(i) { files[i] = file } else { stopped.set() }
        }
        if stopped.isSet { throw .cancelled }
        var manifest = BuildManifest(inputs: inputs)
        var summary = Summary()
        let fm = FileManager.default
        for i in paths.indices {
            let file = files[i]!
            guard let data = file.data else {
                guard let old = previous.files[file.path] else {
                    throw .io(output.path, underlying: "internal error: a page was skipped without a previous copy")
                }
                manifest.files[file.path] = old
                summary.unchanged += 1
                continue
            }
            let entry = BuildManifest.Entry(input: file.inputFingerprint, output: ContentHash.of(data))
            manifest.files[file.path] = entry
            let destination = output.appendingPathComponent(file.path)
            if previous.files[file.path]?.output == entry.output, access(destination.path, F_OK) == 0 {
                summary.unchanged += 1
                continue
            }
            let temporary = destination.deletingLastPathComponent().appendingPathComponent(".\(destination.lastPathComponent).taawun-new")
            do {
                try fm.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
            } catch {
                throw .io(file.path, underlying: error.localizedDescription)
            }
            if let problem = Self.create(temporary.path, data) { throw .io(file.path, underlying: problem) }
            guard rename(temporary.path, destination.path) == 0 else { throw .io(file.path, underlying: String(cString: strerror(errno))) }
            summary.written += 1
        }
        for gone in Set(previous.files.keys).subtracting(manifest.files.keys) {
            var url = output.appendingPathComponent(gone)
            try? fm.removeItem(at: url)
            // Folders the page leaves empty go too (rmdir refuses a folder that is not empty).
            url.deleteLastPathComponent()
            while url.path.count > output.path.count, rmdir(url.path) == 0 { url.deleteLastPathComponent() }
            summary.removed += 1
        }
        do {
            try manifest.encoded().write(to: output.appendingPathComponent(BuildManifest.fileName), options: .atomic)
        } catch {
            throw .io(BuildManifest.fileName, underlying: error.localizedDescription)
        }
        return summary
    }

    /// A fresh staging folder beside the output, with every folder the paths need.
    private func makeStaging(paths: [String]) throws(Failure) -> URL {
        let fm = FileManager.default
        let staging = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())", isDirectory: true)
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .io(staging.path, underlying: error.localizedDescription)
        }
        // Parents sort before their children, so a plain mkdir nearly always does; the
        // FileManager call (which checks every component) is only the fallback.
        let directories = Set(paths.map { ($0 as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }
        for directory in directories.sorted() {
            let url = staging.appendingPathComponent(directory)
            if mkdir(url.path, 0o777) == 0 { continue }
            do {
                try fm.createDirectory(at: url, withIntermediateDirectories: true)
            } catch {
                try? fm.removeItem(at: staging)
                throw .io(directory, underlying: error.localizedDescription)
            }
        }
        return staging
    }

    /// Puts one file into the staging folder: a hard link to the previous build's copy when the
    /// bytes are the same (keeping its modification time), else the new bytes (or the old copy's).
    private func place(_ data: Data?, at path: String, output hash: UInt64, in staging: URL, previous: BuildManifest?,
                       counters: SummaryCounter, failures: FailureBox) {
        let destination = staging.appendingPathComponent(path)
        let old = output.appendingPathComponent(path)
        // Same bytes as last time: link the old file, which keeps its modification time.
        if previous?.files[path]?.output == hash, link(old.path, destination.path) == 0 {
            counters.unchanged()
            return
        }
        guard let data = data ?? (try? Data(contentsOf: old)) else {
            failures.record(.io(path, underlying: "the previous copy is missing"))
            return
        }
        if let problem = Self.create(destination.path, data) {
            failures.record(.io(path, underlying: problem))
        } else {
            counters.written()
        }
    }

    /// Writes a new file with open/write/close. (Data.write(to:) also fsyncs every file, which
    /// costs more than the writing; the staging folder is synced once, before it is swapped in.)
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
        let fm = FileManager.default
        if let failure = failures.first {
            try? fm.removeItem(at: staging)
            throw failure
        }
        do {
            try manifest.encoded().write(to: staging.appendingPathComponent(BuildManifest.fileName))
        } catch {
            try? fm.removeItem(at: staging)
            throw .io(BuildManifest.fileName, underlying: error.localizedDescription)
        }
        // Every new file on disk before the folder that holds them replaces the old one.
        Self.sync(staging.path)
        try swapIn(staging)
        var summary = Summary()
        summary.written = counters.writtenCount
        summary.unchanged = counters.unchangedCount
        summary.removed = previous.map { Set($0.files.keys).subtracting(manifest.files.keys).count } ?? 0
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
        let base = output.path.hasSuffix("/") ? output.path : output.path + "/"
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
        let fm = FileManager.default
        if fm.fileExists(atPath: output.path) {
            if exchange(staging.path, output.path) {
                try? fm.removeItem(at: staging)
                return
            }
            let aside = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
            try? fm.removeItem(at: aside)
            do {
                try fm.moveItem(at: output, to: aside)
                try fm.moveItem(at: staging, to: output)
            } catch {
                throw .io(output.path, underlying: error.localizedDescription)
            }
            try? fm.removeItem(at: aside)
        } else {
            do {
                try fm.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
                try fm.moveItem(at: staging, to: output)
            } catch {
                throw .io(output.path, underlying: error.localizedDescription)
            }
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
