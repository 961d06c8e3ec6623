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

        public var description: String {
            switch self {
            case .unsafePath(let path): return "refusing to write «\(path)»: it would land outside the output folder"
            case .notATaawunFolder(let path):
                return "the output folder \(path) already holds files that taawun did not write; choose an empty folder with --output, or delete this one first"
            case .io(let path, let underlying): return "cannot write \(path): \(underlying)"
            }
        }
    }

    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    /// The previous build's manifest, if the output folder has one.
    public func previousManifest() -> BuildManifest? {
        BuildManifest.read(from: output)
    }

    /// Writes `files` as the whole new content of the output folder.
    /// Files with `data == nil` must be in the previous manifest (their bytes are reused).
    public func write(_ files: [OutputFile]) throws(Failure) -> Summary {
        let fm = FileManager.default
        for file in files where !OutputPath.isContained(file.path) { throw .unsafePath(file.path) }
        let previous = previousManifest()
        try checkOutputIsOurs(previous: previous)

        // Nothing changed: leave the folder exactly as it is.
        var manifest = BuildManifest()
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
        if let previous, previous == manifest, allPresent(files) {
            return Summary(written: 0, unchanged: files.count, removed: 0)
        }

        let staging = output.deletingLastPathComponent()
            .appendingPathComponent(".\(output.lastPathComponent).staging-\(getpid())", isDirectory: true)
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw .io(staging.path, underlying: error.localizedDescription)
        }

        var summary = Summary()
        let counters = SummaryCounter()
        let failures = FailureBox()
        let directories = Set(files.map { ($0.path as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }
        for directory in directories.sorted() {
            do {
                try fm.createDirectory(at: staging.appendingPathComponent(directory), withIntermediateDirectories: true)
            } catch {
                failures.record(.io(directory, underlying: error.localizedDescription))
            }
        }
        let finalManifest = manifest
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            let destination = staging.appendingPathComponent(file.path)
            let old = output.appendingPathComponent(file.path)
            let entry = finalManifest.files[file.path]!
            // Same bytes as last time: link the old file, which keeps its modification time.
            if previous?.files[file.path]?.output == entry.output, link(old.path, destination.path) == 0 {
                counters.unchanged()
                return
            }
            guard let data = file.data ?? (try? Data(contentsOf: old)) else {
                failures.record(.io(file.path, underlying: "the previous copy is missing"))
                return
            }
            do {
                try data.write(to: destination)
                counters.written()
            } catch {
                failures.record(.io(file.path, underlying: error.localizedDescription))
            }
        }
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
        try swapIn(staging)
        summary.written = counters.writtenCount
        summary.unchanged = counters.unchangedCount
        summary.removed = previous.map { Set($0.files.keys).subtracting(manifest.files.keys).count } ?? 0
        return summary
    }

    private func allPresent(_ files: [OutputFile]) -> Bool {
        files.allSatisfy { FileManager.default.fileExists(atPath: output.appendingPathComponent($0.path).path) }
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

#if os(Linux)
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
