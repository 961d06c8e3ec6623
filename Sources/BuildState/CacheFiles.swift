import Foundation
import SiteModel
import Support

/// The files of the build record in the build state folder (`.taawun/cache/`): `last`, its
/// `last.patch`, and `bodies`, the rendered bodies one after another (`BuildRecord`).
struct CacheFiles {
    static let folderName = "cache"
    let folder: URL
    var record: URL { folder.appendingPathComponent("last") }
    var patch: URL { folder.appendingPathComponent("last.patch") }
    var bodies: URL { folder.appendingPathComponent("bodies") }

    init(state: URL) { folder = state.appendingPathComponent(Self.folderName, isDirectory: true) }

    /// Whether the bodies file on disk is still `archive` (a build that rewrote it, or replaced
    /// the whole state folder, left another file there).
    func holds(_ archive: BodyArchive) -> Bool {
        var info = stat()
        return stat(bodies.path, &info) == 0 && UInt64(info.st_dev) == archive.identity.device
            && UInt64(info.st_ino) == archive.identity.inode
    }
}

/// A file written a megabyte at a time, so no cache file is ever whole in memory (at
/// 100,000 articles the record alone is 200 MB).
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
