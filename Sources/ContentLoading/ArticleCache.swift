import Diagnostics
import Foundation

/// Parsed articles kept between builds (in memory for `taawun serve`, in the build record
/// for `taawun build`), keyed by path and the file's size, modification time and inode: an
/// unchanged file is neither read nor parsed again. The registries are kept by their text.
public final class ArticleCache: @unchecked Sendable {
    public struct Stamp: Hashable, Sendable {
        public var size: Int64
        public var seconds: Int
        public var nanoseconds: Int
        public var inode: UInt64

        public init(size: Int64, seconds: Int, nanoseconds: Int, inode: UInt64) {
            self.size = size
            self.seconds = seconds
            self.nanoseconds = nanoseconds
            self.inode = inode
        }

        init(_ info: stat) {
            self.init(size: Int64(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                      inode: UInt64(info.st_ino))
        }
    }

    /// The registries as last parsed without a finding, by their text's fingerprint.
    public struct Registries: Sendable {
        public var organizations: (fingerprint: UInt64, records: [OrganizationRecord])?
        public var countries: (fingerprint: UInt64, records: [CountryRecord])?
        public init() {}
    }

    private var storedRegistries = Registries()
    public var registries: Registries {
        get { lock.lock(); defer { lock.unlock() }; return storedRegistries }
        set { lock.lock(); storedRegistries = newValue; lock.unlock() }
    }

    private let lock = NSLock()
    private var entries: [String: (stamp: Stamp, result: Result<ArticleSource, DiagnosticsError>)] = [:]

    public init() {}

    public static func stamp(of url: URL) -> Stamp? {
        stamp(ofPath: url.path)
    }

    public static func stamp(ofPath path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Stamp(info)
    }

    public func result(for path: String, stamp: Stamp) -> Result<ArticleSource, DiagnosticsError>? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[path], entry.stamp == stamp else { return nil }
        return entry.result
    }

    /// Keeps an article without its Markdown: the build renders each body once and keeps the
    /// result (the site model's cache), and the Markdown of 100,000 articles is half a gigabyte.
    /// So a kept article is reused only while its rendered body is kept too (`ContentLoader`).
    func store(_ result: Result<ArticleSource, DiagnosticsError>, for path: String, stamp: Stamp) {
        let kept = result.map { article in
            var article = article
            article.body = ""
            return article
        }
        lock.lock()
        entries[path] = (stamp, kept)
        lock.unlock()
    }



    /// The fingerprint of the article at `path` when its file still has this stamp.
    public func fingerprint(for path: String, stamp: Stamp) -> UInt64? {
        guard case .success(let article) = result(for: path, stamp: stamp) else { return nil }
        return article.fingerprint
    }

    /// Every article that parsed, with its file's stamp: what the build record keeps.
    public var parsedArticles: [(path: String, stamp: Stamp, article: ArticleSource)] {
        lock.lock()
        defer { lock.unlock() }
        return entries.compactMap { path, entry in
            guard case .success(let article) = entry.result else { return nil }
            return (path, entry.stamp, article)
        }
    }

    /// Adds an article read back from the build record.
    public func restore(_ article: ArticleSource, for path: String, stamp: Stamp) {
        store(.success(article), for: path, stamp: stamp)
    }

    /// Forgets files that are gone, so a long preview session does not grow without bound.
    func keep(only paths: Set<String>) {
        lock.lock()
        entries = entries.filter { paths.contains($0.key) }
        lock.unlock()
    }
}
