import Diagnostics
import Foundation
import Support

/// Where a deploy goes, parsed from `--to` or `deploy:` in site.yaml, and how to reach it: a
/// folder or `user@host:path` through rsync; S3-compatible storage, SFTP, FTP, WebDAV or a remote
/// of rclone's own configuration through rclone. A destination never holds a credential: those
/// come from the environment or rclone's configuration, and an address with a password is refused.
public struct Destination: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case folder, rsync, s3, sftp, ftp, webdav, rcloneRemote = "rclone remote"
    }

    public enum Engine: String, Sendable { case rsync, rclone }

    public var kind: Kind
    /// The destination as written (it holds no password).
    public var text: String
    /// What the engine is given: rsync's `path/` or `host:path/`; rclone's `:s3:bucket/path`,
    /// `:sftp:/path` … or `name:path`.
    public var target: String
    /// rclone settings of an address (host, port, user, URL), handed over in the engine's environment.
    public var settings: [String: String]
    /// Whether the destination keeps HTTP headers with each file (S3 and S3-compatible storage).
    public var takesHeaders: Bool

    public var engine: Engine { kind == .folder || kind == .rsync ? .rsync : .rclone }

    /// The name of this destination's deploy record in .taawun/deploys/.
    public var id: String {
        var hasher = WordHasher()
        hasher.add(string: kind.rawValue)
        hasher.add(string: target)
        for key in settings.keys.sorted() { hasher.add(string: key); hasher.add(string: settings[key]!) }
        return String(hasher.value, radix: 16)
    }

    /// `text` as a destination. Folders are taken relative to `base`; `rcloneRemotes` are the
    /// remotes of rclone's configuration by name, with their type (`rclone listremotes --long`),
    /// asked only when the text reads as `name:path`; `location` is where the text was written.
    public static func parse(_ text: String, base: URL, location: SourceLocation? = nil,
                             rcloneRemotes: () -> [String: String] = { [:] }) throws(DeployError) -> Destination {
        let text = text.trimmingCharacters(in: .whitespaces)
        func bad(_ reason: String) -> DeployError { .badDestination(text, reason: reason, location: location) }
        guard !text.isEmpty else { throw bad("it is empty") }
        if let range = text.range(of: "://") {
            let scheme = text[..<range.lowerBound].lowercased()
            guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty || scheme == "s3" else {
                throw bad("it is not a valid address")
            }
            let variable: String
            switch scheme {
            case "s3": variable = "AWS_SECRET_ACCESS_KEY"
            case "sftp": variable = "RCLONE_SFTP_PASS"
            case "ftp": variable = "RCLONE_FTP_PASS"
            case "webdav", "webdavs": variable = "RCLONE_WEBDAV_PASS"
            default: throw bad("taawun knows s3://, sftp://, ftp://, webdav:// and webdavs:// addresses")
            }
            if url.password != nil {
                var shown = url
                shown.password = "…"
                throw .secretInDestination(shown.string ?? scheme + "://…", variable: variable, location: location)
            }
            let path = url.percentEncodedPath.removingPercentEncoding ?? url.path
            var settings: [String: String] = [:]
            switch scheme {
            case "s3":
                let key = path.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                return Destination(kind: .s3, text: text, target: ":s3:" + host + (key.isEmpty ? "" : "/" + key),
                                   settings: [:], takesHeaders: true)
            case "sftp", "ftp":
                let prefix = scheme == "sftp" ? "RCLONE_SFTP_" : "RCLONE_FTP_"
                settings[prefix + "HOST"] = host
                if let user = url.user { settings[prefix + "USER"] = user }
                if let port = url.port { settings[prefix + "PORT"] = String(port) }
                // FTP paths are the login folder's; SFTP ones as written (absolute from the server's root).
                let remotePath = scheme == "ftp" ? String(path.drop { $0 == "/" }) : (path.isEmpty ? "/" : path)
                return Destination(kind: scheme == "sftp" ? .sftp : .ftp, text: text, target: ":\(scheme):" + remotePath,
                                   settings: settings, takesHeaders: false)
            default:
                // The server's address as rclone's URL, the folder as the remote's path: rclone then
                // makes the missing folders of the path, which it cannot do above its URL.
                var web = URLComponents()
                web.scheme = scheme == "webdavs" ? "https" : "http"
                web.host = host
                web.port = url.port
                settings["RCLONE_WEBDAV_URL"] = web.string
                if let user = url.user { settings["RCLONE_WEBDAV_USER"] = user }
                return Destination(kind: .webdav, text: text, target: ":webdav:" + path.drop { $0 == "/" }, settings: settings,
                                   takesHeaders: false)
            }
        }
        // name:path — an rclone remote when rclone's configuration has that name, else host:path for rsync.
        if let colon = text.firstIndex(of: ":"), !text[..<colon].contains("/"), colon != text.startIndex {
            let name = String(text[..<colon])
            if !name.contains("@"), let type = rcloneRemotes()[name] {
                return Destination(kind: .rcloneRemote, text: text, target: text, settings: [:], takesHeaders: type == "s3")
            }
            let path = text[text.index(after: colon)...]
            return Destination(kind: .rsync, text: text, target: path.hasSuffix("/") || path.isEmpty ? text : text + "/",
                               settings: [:], takesHeaders: false)
        }
        let folder = URL(fileURLWithPath: text, relativeTo: URL(fileURLWithPath: base.path, isDirectory: true)).standardizedFileURL
        return Destination(kind: .folder, text: text, target: folder.path.hasSuffix("/") ? folder.path : folder.path + "/",
                           settings: [:], takesHeaders: false)
    }

    /// The folder of a folder destination.
    public var folder: URL? { kind == .folder ? URL(fileURLWithPath: target, isDirectory: true) : nil }
}
