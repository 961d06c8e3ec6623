import Foundation
import Support

/// Finished pictures by a key of everything they are drawn from (`PictureMemo.key`): a layout is
/// made once per graph. A long-running process keeps one in its build cache, and the build
/// state keeps it between `taawun build`s (`encoded`, `restore`), so the edit of one article,
/// which plans the home page again, does not lay out the whole network again.
public final class PictureMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var pictures: [UInt64: String] = [:]
    /// The keys asked for since this process read or wrote the memo: what the next file keeps.
    private var used: Set<UInt64> = []
    private var added = false

    public init() {}

    /// The picture for `key`, drawn by `draw` unless kept. Drawn outside the lock: two threads
    /// may both draw it, and both get the same picture.
    public func picture(for key: UInt64, _ draw: () -> String) -> String {
        lock.lock()
        used.insert(key)
        if let picture = pictures[key] { lock.unlock(); return picture }
        lock.unlock()
        let picture = draw()
        lock.lock()
        pictures[key] = picture
        added = true
        lock.unlock()
        return picture
    }

    /// Whether a picture was drawn since the memo was last read or written.
    public var hasNewPictures: Bool { lock.lock(); defer { lock.unlock() }; return added }

    /// The pictures used since the memo was last read or written, for the build state; `stamp`:
    /// what must be the same for them to be reused (the running program's fingerprint).
    public func encoded(stamp: UInt64) -> [UInt8] {
        lock.lock()
        let keys = used.filter { pictures[$0] != nil }.sorted()
        var writer = ByteWriter()
        writer.write(Self.format)
        writer.write(stamp)
        writer.write(keys.count)
        for key in keys {
            writer.write(key)
            writer.write(pictures[key]!)
        }
        added = false
        used = []
        // A long-running process keeps only what it would write.
        pictures = pictures.filter { keys.contains($0.key) }
        lock.unlock()
        return writer.bytes
    }

    /// Adds the pictures `encoded` wrote with the same `stamp`; anything else is ignored.
    public func restore(_ bytes: UnsafeRawBufferPointer, stamp: UInt64) {
        var reader = ByteReader(bytes)
        guard reader.uint64() == Self.format, reader.uint64() == stamp, let count = reader.count() else { return }
        var found: [UInt64: String] = [:]
        for _ in 0..<count {
            guard let key = reader.uint64(), let picture = reader.string() else { return }
            found[key] = picture
        }
        guard reader.isAtEnd else { return }
        lock.lock()
        pictures.merge(found) { own, _ in own }
        lock.unlock()
    }

    static let format: UInt64 = 0x7465_6E2D_7069_6331
}
