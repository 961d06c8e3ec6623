import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns the path of an HTTP request into a file inside the served folder, or refuses.
///
/// The site's addresses are percent-encoded UTF-8 (Arabic slugs), so components are decoded —
/// but only after splitting on "/", so an encoded slash (`%2F`) stays inside its component and
/// is refused there, and an encoded dot-dot (`%2e%2e`) is refused like a plain one. Symbolic
/// links are followed only if they stay inside the folder.
public enum RequestPath {
    /// The decoded components of a raw request path ("/articles/%D8%A3/"), or nil when a
    /// component could step outside the folder or name a hidden file: "." or "..", a decoded
    /// "/" or "\", a NUL, a leading "." (the build manifest), or invalid percent-encoding.
    public static func components(_ rawPath: String) -> [String]? {
        guard rawPath.hasPrefix("/") else { return nil }
        var components: [String] = []
        for raw in rawPath.split(separator: "/", omittingEmptySubsequences: true) {
            guard let decoded = String(raw).removingPercentEncoding, !decoded.isEmpty,
                  !decoded.hasPrefix("."), !decoded.contains("/"), !decoded.contains("\\"),
                  !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
            components.append(decoded)
        }
        return components
    }

    /// Where a folder's address without its final slash redirects: the same segments, joined by
    /// single slashes, with the slash added. Kept as it came ("//articles" + "/"), the Location
    /// "//articles/" would send the browser to a host called "articles".
    public static func folderAddress(_ rawPath: String) -> String {
        "/" + rawPath.split(separator: "/", omittingEmptySubsequences: true).joined(separator: "/") + "/"
    }

    /// The file or folder `components` name under `root`, after following symbolic links,
    /// or nil when nothing is there or the real path leaves `root`.
    public static func resolve(_ components: [String], in root: URL) -> URL? {
        guard let realRoot = realPath(root.path) else { return nil }
        let candidate = components.reduce(root) { $0.appendingPathComponent($1) }
        guard let real = realPath(candidate.path) else { return nil }
        guard real == realRoot || real.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else { return nil }
        return URL(fileURLWithPath: real)
    }

    /// realpath(3): the canonical path with every symbolic link followed, nil if it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
