import ContentLoading
import Foundation
import Support

/// The search index's shards as the last build wrote them, in `.taawun/cache/search/`: one file
/// per shard, and `stamp`, the fingerprint of the inputs they were made from — removed before the
/// shards are written and written after them, so a build stopped half-way leaves no stamp. A new
/// process's edit patches the shards it touches from these (`SearchPatch`) when the stamp is the
/// last build's; otherwise it indexes every article again.
package enum SearchCache {
    static func folder(_ state: URL) -> URL { CacheFiles(state: state).folder.appendingPathComponent("search", isDirectory: true) }

    /// The fingerprint of a build's inputs: everything but the articles, and each article file's
    /// name and content hash.
    package static func stamp(others: UInt64, files: [ArticleFile], hashes: [UInt64]) -> UInt64 {
        var hasher = WordHasher()
        hasher.add(word: others)
        for (file, hash) in zip(files, hashes) {
            hasher.add(string: file.display)
            hasher.add(word: hash)
        }
        hasher.add(word: UInt64(files.count))
        return hasher.value
    }

    /// Writes these shards: every shard after a full build (`all`), the changed ones after an edit.
    package static func save(_ shards: [(shard: Int, text: String)], state: URL, all: Bool, stamp: UInt64) {
        let fm = FileManager.default
        let folder = folder(state), stampFile = folder.appendingPathComponent("stamp")
        try? fm.removeItem(at: stampFile)
        guard all || fm.fileExists(atPath: folder.path) else { return }
        if all { try? fm.removeItem(at: folder) }
        guard (try? fm.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else { return }
        for (shard, text) in shards {
            guard (try? Data(text.utf8).write(to: folder.appendingPathComponent(String(shard)))) != nil else { return }
        }
        try? Data(String(stamp).utf8).write(to: stampFile, options: .atomic)
    }

    /// The shards of the build whose inputs had this stamp; nil when the folder holds another's.
    package static func reader(state: URL, stamp: UInt64) -> (@Sendable (Int) -> String?)? {
        let folder = folder(state)
        guard let text = try? String(contentsOf: folder.appendingPathComponent("stamp"), encoding: .utf8),
              UInt64(text) == stamp else { return nil }
        return { shard in try? String(contentsOf: folder.appendingPathComponent(String(shard)), encoding: .utf8) }
    }
}
