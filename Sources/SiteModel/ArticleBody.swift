import ContentLoading
import Foundation
import Support

/// An article's body as HTML, with a hash of it. A body restored from the build cache stays in
/// the cache's file until a page shows it: a rebuild after one edit reads one body, not all.
public struct ArticleBody: Sendable, Hashable {
    /// A hash of the HTML: what page keys use, so that they never read the body.
    public let hash: UInt64
    private let storage: Storage

    private enum Storage: Sendable {
        case text(String)
        case archived(BodyArchive, offset: Int, length: Int)
    }

    public init(html: String) {
        hash = ArticleBody.hash(of: html)
        storage = .text(html)
    }

    /// A body stored in `archive`; `hash` is the stored hash of those bytes.
    public init(archive: BodyArchive, offset: Int, length: Int, hash: UInt64) {
        self.hash = hash
        storage = .archived(archive, offset: offset, length: length)
    }

    /// Where the body is stored, when it is in an archive.
    public var archived: (archive: BodyArchive, offset: Int, length: Int)? {
        if case .archived(let archive, let offset, let length) = storage { return (archive, offset, length) }
        return nil
    }

    public var html: String {
        switch storage {
        case .text(let html): return html
        case .archived(let archive, let offset, let length): return archive.text(offset: offset, length: length)
        }
    }

    public static func hash(of html: String) -> UInt64 {
        var hasher = WordHasher()
        hasher.add(string: html)
        return hasher.value
    }

    public static func == (a: ArticleBody, b: ArticleBody) -> Bool { a.hash == b.hash && a.html == b.html }
    public func hash(into hasher: inout Hasher) { hasher.combine(hash) }
}

/// A file of bodies, mapped into memory: its pages are read only when a body is shown, and the
/// mapping stays valid when a later build replaces or removes the file.
public final class BodyArchive: @unchecked Sendable {
    private let base: UnsafeRawPointer?
    public let count: Int
    /// The file's device and inode: whether a path still names this file.
    public let identity: (device: UInt64, inode: UInt64)

    /// nil when the file cannot be opened or mapped.
    public init?(path: String) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        count = Int(info.st_size)
        identity = (UInt64(info.st_dev), UInt64(info.st_ino))
        if count == 0 {
            base = nil
            return
        }
        guard let mapped = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0), mapped != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(mapped)
    }

    deinit {
        if let base { munmap(UnsafeMutableRawPointer(mutating: base), count) }
    }

    /// The bytes at `offset`, `length` long; the caller checked the range with `contains`.
    public func bytes(offset: Int, length: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base.map { $0 + offset }, count: length)
    }

    public func contains(offset: Int, length: Int) -> Bool {
        offset >= 0 && length >= 0 && offset <= count && length <= count - offset
    }

    func text(offset: Int, length: Int) -> String {
        String(decoding: bytes(offset: offset, length: length), as: UTF8.self)
    }
}
