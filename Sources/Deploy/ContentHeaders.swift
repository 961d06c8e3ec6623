import Foundation
import Support

/// The HTTP headers a file is stored with where the destination keeps them (S3 and compatible
/// storage serve each object with the headers it was uploaded with): its type, with
/// `charset=utf-8` for text, and how long browsers and CDNs may keep it. Pages and feeds change
/// with every edit, so they are kept briefly; a file whose name carries a hash of its content
/// (`style.3f2a9c1e.css`) never changes under that name, so it is kept for a year.
public struct ContentHeaders: Sendable, Hashable {
    public var contentType: String
    public var cacheControl: String

    public static let shortCache = "public, max-age=300"
    public static let dayCache = "public, max-age=86400"
    public static let immutableCache = "public, max-age=31536000, immutable"

    public static func of(_ path: String) -> ContentHeaders {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let type = contentType(of: name)
        let cache: String
        switch DeployPlan.role(of: path) {
        case .page, .feed: cache = shortCache
        case .asset: cache = hasContentHash(name) ? immutableCache : dayCache
        }
        return ContentHeaders(contentType: type, cacheControl: cache)
    }

    /// rclone's options that set them on upload.
    public var rcloneArguments: [String] {
        ["--header-upload", "Content-Type: \(contentType)", "--header-upload", "Cache-Control: \(cacheControl)"]
    }

    static func contentType(of name: String) -> String {
        if name == "sitemap.xml" { return "application/xml; charset=utf-8" }
        if name == "feed.xml" || name.hasSuffix(".atom") { return "application/atom+xml; charset=utf-8" }
        return MediaType.of(fileExtension: name.split(separator: ".").last.map(String.init) ?? "")
    }

    /// Whether the name is `stem.<8 or more hex digits>.ext`, as hashed assets are named.
    public static func hasContentHash(_ name: String) -> Bool {
        let parts = name.split(separator: ".")
        guard parts.count >= 3 else { return false }
        let hash = parts[parts.count - 2]
        return hash.count >= 8 && hash.allSatisfy { $0.isHexDigit && ($0.isNumber || $0.isLowercase) }
    }
}
