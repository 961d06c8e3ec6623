import ContentLoading
import Support
import Foundation
import Pages
import SiteModel

/// The build cache kept in the build state folder (`.taawun/cache/`), so that the next
/// `taawun build` neither reads nor parses nor renders the articles that did not change:
///
/// - `index`: for every article that parsed, its file's stamp (size, modification time,
///   inode), its front matter, and where its rendered body is in `bodies`;
///   the site's related articles (`RelatedArticles`) and the Arabic order of its names
///   (`CollationMemo`), and the registries as parsed;
/// - `bodies`: the bodies' HTML, one after another, only ever appended to (and rewritten whole
///   when most of it is stale), mapped into memory and read only for the pages being rendered.
///
/// It lives outside the output folder, which holds only what a web server should serve (the
/// cache holds drafts' text). It is only a cache: a
/// missing, damaged or foreign one (another taawun binary) is ignored and the build reads
/// everything, with the same output.
package enum StoredCache {
    static let folder = "cache"
    static let magic: UInt64 = 0x3143_4e55_5741_4154 // "TAAWUNC1"
    static let version = 6

    struct Location {
        let folder: URL
        var index: URL { folder.appendingPathComponent("index") }
        var bodies: URL { folder.appendingPathComponent("bodies") }
        init(state: URL) { folder = state.appendingPathComponent(StoredCache.folder, isDirectory: true) }
    }

    /// Fills `cache` from the build state's cache file, when it was written by this binary.
    /// Only bodies rendered with the site's current `unsafe_html` are restored.
    package static func restore(into cache: BuildCache, state: URL, binary: UInt64, allowUnsafeHTML: Bool) {
        let location = Location(state: state)
        guard let index = try? Data(contentsOf: location.index, options: .alwaysMapped),
              let archive = BodyArchive(path: location.bodies.path) else { return }
        var articles: [(String, ArticleCache.Stamp, ArticleSource)] = []
        var bodies: [String: ModelCache.Body] = [:]
        var relatedArticles: RelatedArticles?
        var collation: [[String]] = []
        var registries = ArticleCache.Registries()
        let complete: Bool = index.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            guard reader.uint64() == magic, reader.int() == version, reader.uint64() == binary,
                  let size = reader.int(), size <= archive.count, let count = reader.count() else { return false }
            articles.reserveCapacity(count)
            for _ in 0..<count {
                guard let size = reader.int(), let seconds = reader.int(), let nanoseconds = reader.int(),
                      let inode = reader.uint64(), let article = ArticleSource.decode(from: &reader),
                      let unsafe = reader.bool(), let firstParagraph = reader.string(), let hash = reader.uint64(),
                      let offset = reader.int(), let length = reader.int(), archive.contains(offset: offset, length: length)
                else { return false }
                guard unsafe == allowUnsafeHTML else { continue }
                let stamp = ArticleCache.Stamp(size: Int64(size), seconds: seconds, nanoseconds: nanoseconds, inode: inode)
                articles.append((article.path, stamp, article))
                bodies[article.path] = ModelCache.Body(
                    fingerprint: article.fingerprint, allowUnsafeHTML: unsafe, firstParagraph: firstParagraph,
                    html: ArticleBody(archive: archive, offset: offset, length: length, hash: hash))
            }
            guard let relatedKey = reader.uint64(), let lists = reader.count() else { return false }
            var related: [[Int]] = []
            related.reserveCapacity(lists)
            for _ in 0..<lists {
                guard let n = reader.count() else { return false }
                var list: [Int] = []
                for _ in 0..<n {
                    guard let index = reader.int(), (0..<lists).contains(index) else { return false }
                    list.append(index)
                }
                related.append(list)
            }
            relatedArticles = RelatedArticles(key: relatedKey, lists: related)
            guard let listCount = reader.count() else { return false }
            for _ in 0..<listCount {
                guard let names = reader.strings() else { return false }
                collation.append(names)
            }
            guard let organizations = records(&reader, OrganizationRecord.decode),
                  let countries = records(&reader, CountryRecord.decode) else { return false }
            registries.organizations = organizations
            registries.countries = countries
            return reader.isAtEnd
        }
        guard complete else { return }
        cache.related = relatedArticles
        cache.model.collation.restore(collation)
        cache.articles.registries = registries
        cache.archive = archive
        // Both halves of every entry, or none: an article restored without its Markdown is only
        // ever used together with its stored body.
        for (path, stamp, article) in articles { cache.articles.restore(article, for: path, stamp: stamp) }
        cache.model.restore(bodies)
    }

    /// Writes this build's articles and bodies into the build state folder. Bodies already in the
    /// folder's `bodies` file stay where they are; new ones are appended, and the index, which
    /// says what is valid, is replaced last. Failing to write it costs the next build time only.
    /// Where a body is in the bodies file.
    package struct Place {
        var offset: Int
        var length: Int
        var hash: UInt64
    }

    /// Returns where each article's body (by path) now is in the bodies file; empty when the
    /// cache could not be written.
    @discardableResult
    package static func save(_ cache: BuildCache, state: URL, binary: UInt64) -> [String: Place] {
        let location = Location(state: state)
        try? FileManager.default.createDirectory(at: location.folder, withIntermediateDirectories: true)
        let bodies = cache.model.allBodies
        let articles = cache.articles.parsedArticles.filter { bodies[$0.path]?.fingerprint == $0.article.fingerprint }
            .sortedByUTF8(\.path)

        // The archive that is the file on disk now, if the bodies' stored copies are in it.
        var current = cache.archive.flatMap { isOnDisk($0, location) ? $0 : nil }
        let liveBytes = articles.reduce(0) { $0 + (bodies[$1.path]?.html.archived?.length ?? 0) }
        if let archive = current, archive.count > 2 * liveBytes + (1 << 20) { current = nil } // mostly stale: rewrite
        let bodiesPath = current == nil ? location.bodies.path + ".tmp" : location.bodies.path
        let temporaryIndex = location.index.path + ".tmp"
        guard var bodyFile = ChunkedFile(path: bodiesPath, appending: current != nil) else { return [:] }
        guard var index = ChunkedFile(path: temporaryIndex, appending: false) else { _ = bodyFile.close(); return [:] }
        var places: [String: Place] = [:]
        places.reserveCapacity(articles.count)

        index.buffer.write(magic)
        index.buffer.write(version)
        index.buffer.write(binary)
        let archiveSizeAt = index.buffer.bytes.count
        index.buffer.write(0) // the bodies file's size, filled in at the end
        index.buffer.write(articles.count)
        for (_, stamp, article) in articles {
            let body = bodies[article.path]!
            var offset: Int
            var length: Int
            if let stored = body.html.archived, let current, stored.archive === current {
                (offset, length) = (stored.offset, stored.length)
            } else {
                var html = body.html.html
                offset = bodyFile.size
                length = html.utf8.count
                html.withUTF8 { bodyFile.buffer.write(raw: $0) }
                bodyFile.flushIfFull()
            }
            index.buffer.write(Int(stamp.size))
            index.buffer.write(stamp.seconds)
            index.buffer.write(stamp.nanoseconds)
            index.buffer.write(stamp.inode)
            article.encode(into: &index.buffer)
            index.buffer.write(body.allowUnsafeHTML)
            index.buffer.write(body.firstParagraph)
            index.buffer.write(body.html.hash)
            index.buffer.write(offset)
            index.buffer.write(length)
            index.flushIfFull()
            places[article.path] = Place(offset: offset, length: length, hash: body.html.hash)
        }
        let related = cache.related ?? RelatedArticles(key: 0, lists: [])
        index.buffer.write(related.key)
        index.buffer.write(related.lists.count)
        for list in related.lists {
            index.buffer.write(list.count)
            for i in list { index.buffer.write(i) }
            index.flushIfFull()
        }
        let sortedLists = cache.model.collation.sortedLists
        index.buffer.write(sortedLists.count)
        for list in sortedLists { index.buffer.write(list) }
        let registries = cache.articles.registries
        writeRegistry(registries.organizations, into: &index.buffer) { $0.encode(into: &$1) }
        writeRegistry(registries.countries, into: &index.buffer) { $0.encode(into: &$1) }

        let archiveSize = bodyFile.size
        guard bodyFile.close(), index.patch(UInt64(archiveSize), at: archiveSizeAt), index.close() else {
            unlink(temporaryIndex)
            return [:]
        }
        // The bodies first, then the index that says which of them are valid.
        if current == nil, rename(bodiesPath, location.bodies.path) != 0 { return [:] }
        return rename(temporaryIndex, location.index.path) == 0 ? places : [:]
    }

    /// A file written a megabyte at a time, so no cache file is ever whole in memory (at
    /// 100,000 articles the index alone is 200 MB).
    struct ChunkedFile {
        private let fd: Int32
        var buffer = ByteWriter(capacity: 1 << 20)
        /// Bytes in the file so far, with those still in the buffer.
        var size: Int { flushed + buffer.bytes.count }
        private var flushed: Int
        private var failed = false

        init?(path: String, appending: Bool) {
            fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (appending ? O_APPEND : O_TRUNC), 0o644)
            guard fd >= 0 else { return nil }
            var info = stat()
            guard fstat(fd, &info) == 0 else { Glibc.close(fd); return nil }
            flushed = Int(info.st_size)
        }

        mutating func flushIfFull() {
            if buffer.bytes.count >= 1 << 20 { flush() }
        }

        mutating func flush() {
            guard !buffer.bytes.isEmpty, !failed else { return }
            failed = !buffer.bytes.withUnsafeBytes { Self.write(fd, $0) }
            flushed += buffer.bytes.count
            buffer.removeAll()
        }

        /// Overwrites eight bytes at `offset` (a field written before its value was known).
        mutating func patch(_ value: UInt64, at offset: Int) -> Bool {
            flush()
            return withUnsafeBytes(of: value.littleEndian) { pwrite(fd, $0.baseAddress, 8, off_t(offset)) == 8 } && !failed
        }

        /// Writes what is left; false when any write failed.
        mutating func close() -> Bool {
            flush()
            return Glibc.close(fd) == 0 && !failed
        }

        private static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        }
    }

    /// A registry as parsed, by its text's fingerprint: .some(nil) when none was kept.
    private static func records<Record>(_ reader: inout ByteReader, _ decode: (inout ByteReader) -> Record?)
        -> (fingerprint: UInt64, records: [Record])?? {
        guard let present = reader.bool() else { return nil }
        guard present else { return .some(nil) }
        guard let fingerprint = reader.uint64(), let count = reader.count() else { return nil }
        var records: [Record] = []
        for _ in 0..<count {
            guard let record = decode(&reader) else { return nil }
            records.append(record)
        }
        return .some((fingerprint, records))
    }

    private static func writeRegistry<Record>(_ registry: (fingerprint: UInt64, records: [Record])?, into writer: inout ByteWriter,
                                      _ encode: (Record, inout ByteWriter) -> Void) {
        writer.write(registry != nil)
        guard let registry else { return }
        writer.write(registry.fingerprint)
        writer.write(registry.records.count)
        for record in registry.records { encode(record, &writer) }
    }

    /// Whether the bodies file on disk is still the mapped one (a build that replaced the whole
    /// state folder removed it).
    static func isOnDisk(_ archive: BodyArchive, _ location: Location) -> Bool {
        var info = stat()
        return stat(location.bodies.path, &info) == 0 && UInt64(info.st_dev) == archive.identity.device
            && UInt64(info.st_ino) == archive.identity.inode
    }
}
