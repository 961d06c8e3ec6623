import Foundation
import Network

/// The network's pictures kept in the build state (`.taawun/cache/pictures`) for the next
/// `taawun build` process: laying out the whole network is the costly part of a picture, and
/// an edit that plans the home page again finds it here (`PictureMemo`). A file another taawun
/// wrote, or a damaged one, is ignored.
package enum PictureFile {
    static func url(state: URL) -> URL { CacheFiles(state: state).folder.appendingPathComponent("pictures") }

    /// Adds the kept pictures to `memo`, once per build cache.
    package static func load(into cache: BuildCache, state: URL, binary: UInt64) {
        guard cache.takePicturesUnread(),
              let data = try? Data(contentsOf: url(state: state), options: .alwaysMapped) else { return }
        data.withUnsafeBytes { cache.pictures.restore($0, stamp: binary) }
    }

    /// Writes the pictures this process used, when it drew a new one (renamed into place whole).
    package static func save(_ cache: BuildCache, state: URL, binary: UInt64) {
        guard cache.pictures.hasNewPictures else { return }
        let bytes = cache.pictures.encoded(stamp: binary)
        let target = url(state: state)
        let scratch = target.appendingPathExtension("next")
        do {
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: scratch)
            guard rename(scratch.path, target.path) == 0 else { try? FileManager.default.removeItem(at: scratch); return }
        } catch {
            try? FileManager.default.removeItem(at: scratch)
        }
    }
}
