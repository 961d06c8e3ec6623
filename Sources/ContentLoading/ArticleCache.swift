import Diagnostics
import Foundation

/// Parsed articles kept between builds of one process (`taawun serve`), keyed by path and the
/// file's size, modification time and inode: an unchanged file is neither read nor parsed again.
public final class ArticleCache: @unchecked Sendable {
    struct Stamp: Hashable {
        var size: Int64
        var seconds: Int
        var nanoseconds: Int
        var inode: UInt64
    }

    private let lock = NSLock()
    private var entries: [String: (stamp: Stamp, result: Result<ArticleSource, DiagnosticsError>)] = [:]

    public init() {}

    static func stamp(of url: URL) -> Stamp? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return Stamp(size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                     inode: UInt64(info.st_ino))
    }

    func result(for path: String, stamp: Stamp) -> Result<ArticleSource, DiagnosticsError>? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[path], entry.stamp == stamp else { return nil }
        return entry.result
    }

    func store(_ result: Result<ArticleSource, DiagnosticsError>, for path: String, stamp: Stamp) {
        lock.lock()
        entries[path] = (stamp, result)
        lock.unlock()
    }

    /// Forgets files that are gone, so a long preview session does not grow without bound.
    func keep(only paths: Set<String>) {
        lock.lock()
        entries = entries.filter { paths.contains($0.key) }
        lock.unlock()
    }
}
