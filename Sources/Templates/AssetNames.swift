import Foundation
import Support

/// The theme's assets under names that carry a hash of their content (`assets/style.css` is also
/// published as `assets/style.3f2a9c1e04.css`), so a browser or CDN may keep such a file for a
/// year: an edited stylesheet gets a new name, and every page that links to it changes with it.
///
/// Templates name an asset through a partial of the asset's own name, which writes the hashed
/// path: `href="{{root}}{{> assets/style.css}}"`. The partials are part of the template set, so
/// its fingerprint, and with it every page's key, changes when an asset's bytes do.
public enum AssetNames {
    /// `assets/style.css` with these bytes → `assets/style.3f2a9c1e04.css` (a file without an
    /// extension gets the hash at the end).
    public static func hashed(_ path: String, data: Data) -> String {
        var hasher = WordHasher()
        data.withUnsafeBytes { hasher.add(bytes: $0) }
        hasher.add(word: UInt64(data.count))
        let hex = String(hasher.value, radix: 16)
        let hash = String((String(repeating: "0", count: 16 - hex.count) + hex).prefix(10))
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        guard let dot = path[slash...].lastIndex(of: "."), dot != slash else { return path + "." + hash }
        return path[..<dot] + "." + hash + path[dot...]
    }

    /// Every file under the theme's `assets/` folder: its published path (`assets/…`) and bytes,
    /// hidden files left out, sorted by path.
    public static func files(in assets: URL) -> [(path: String, data: Data)] {
        let root = assets.resolvingSymlinksInPath()
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                        options: [.skipsHiddenFiles]) else { return [] }
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        var files: [(String, Data)] = []
        for case let url as URL in walk {
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(base), (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  let data = try? Data(contentsOf: url) else { continue }
            files.append(("assets/" + path.dropFirst(base.count), data))
        }
        return files.sorted { $0.0 < $1.0 }
    }

    /// The partials that name the assets: `assets/style.css` → `assets/style.3f2a9c1e04.css`.
    public static func partials(in assets: URL) -> [String: String] {
        Dictionary(uniqueKeysWithValues: files(in: assets).map { ($0.path, hashed($0.path, data: $0.data)) })
    }
}
