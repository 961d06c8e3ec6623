import Foundation

/// Moves files with an existing, well-kept sync engine rather than protocols written here: rsync
/// for folders and SSH hosts, rclone for everything else (S3-compatible storage, SFTP, FTP,
/// WebDAV, any remote in rclone's configuration). Each step of a plan is one run (one per header
/// set on S3) with the exact list of files (`--files-from`): the engine neither lists the
/// remote nor compares files, so a one-file change costs one upload, at any site size.
///
/// The engine's environment is this process's, plus the destination's settings (host, port, URL):
/// credentials stay where the user put them, in the environment or rclone's configuration, and
/// are never on a command line, in a file taawun writes, or in what it prints.
public struct SyncEngine: Sendable {
    public let destination: Destination
    public let environment: [String: String]

    public init(destination: Destination, environment: [String: String]) {
        self.destination = destination
        var environment = environment
        for (key, value) in destination.settings { environment[key] = value }
        if destination.kind == .s3 {
            // s3:// uses the usual AWS variables unless rclone's own are set.
            if environment["RCLONE_S3_ENDPOINT"] == nil, let endpoint = environment["AWS_ENDPOINT_URL_S3"] ?? environment["AWS_ENDPOINT_URL"] {
                environment["RCLONE_S3_ENDPOINT"] = endpoint
            }
            if environment["RCLONE_S3_PROVIDER"] == nil { environment["RCLONE_S3_PROVIDER"] = environment["RCLONE_S3_ENDPOINT"] == nil ? "AWS" : "Other" }
            if environment["RCLONE_S3_ACCESS_KEY_ID"] == nil && environment["RCLONE_S3_ENV_AUTH"] == nil {
                environment["RCLONE_S3_ENV_AUTH"] = "true"
            }
            if environment["RCLONE_S3_REGION"] == nil, let region = environment["AWS_REGION"] ?? environment["AWS_DEFAULT_REGION"] {
                environment["RCLONE_S3_REGION"] = region
            }
        }
        self.environment = environment
    }

    /// Sends `paths` from the site's folder, in one step of a plan.
    public func upload(_ paths: [String], from folder: URL, step: String) throws(DeployError) {
        guard !paths.isEmpty else { return }
        switch destination.engine {
        case .rsync:
            try withList(paths) { (list) throws(DeployError) in
                try run("rsync", ["--from0", "--files-from=\(list)", "--times", "--ignore-times", "--mkpath"] + sshOptions
                        + [folder.path + "/", destination.target], step: step)
            }
        case .rclone:
            // One run per set of headers where the destination keeps them.
            var groups: [ContentHeaders?: [String]] = [:]
            for path in paths { groups[destination.takesHeaders ? ContentHeaders.of(path) : nil, default: []].append(path) }
            for (headers, group) in groups.sorted(by: { $0.value[0].utf8Precedes($1.value[0]) }) {
                try withList(group, separator: "\n") { (list) throws(DeployError) in
                    try run("rclone", ["copy", folder.path + "/", destination.target, "--files-from-raw", list,
                                       "--no-traverse", "--ignore-times", "--log-level", "ERROR"] + (headers?.rcloneArguments ?? []),
                            step: step)
                }
            }
        }
    }

    /// Deletes `paths` from the remote; a file already gone is no error.
    public func delete(_ paths: [String], from folder: URL) throws(DeployError) {
        guard !paths.isEmpty else { return }
        switch destination.engine {
        case .rsync:
            // The paths are not in the site's folder: rsync deletes each missing one at the destination.
            try withList(paths) { (list) throws(DeployError) in
                try run("rsync", ["--from0", "--files-from=\(list)", "--delete-missing-args", "--ignore-missing-args", "--dirs"]
                        + sshOptions + [folder.path + "/", destination.target], step: "deletions", allowed: [24])
            }
            if let remote = destination.folder { Self.removeEmptyFolders(above: paths, in: remote) }
        case .rclone:
            try withList(paths, separator: "\n") { (list) throws(DeployError) in
                try run("rclone", ["delete", destination.target, "--files-from-raw", list, "--no-traverse", "--log-level", "ERROR"],
                        step: "deletions")
            }
            if destination.kind != .s3 && !destination.takesHeaders {
                // Folders left empty (object storage has none): the deepest first; one still in use stays.
                let folders = Set(paths.compactMap { path -> String? in
                    let parts = path.split(separator: "/").dropLast()
                    return parts.isEmpty ? nil : parts.joined(separator: "/")
                }).sorted { $0.count > $1.count }
                for folder in folders.prefix(64) {
                    _ = try? runStatus("rclone", ["rmdirs", join(destination.target, folder), "--log-level", "ERROR"])
                }
            }
        }
    }

    static func removeEmptyFolders(above paths: [String], in root: URL) {
        let folders = Set(paths.map { ($0 as NSString).deletingLastPathComponent }.filter { !$0.isEmpty }).sorted { $0.count > $1.count }
        for folder in folders {
            var current = folder
            while !current.isEmpty, rmdir(root.appendingPathComponent(current).path) == 0 {
                current = (current as NSString).deletingLastPathComponent
            }
        }
    }

    /// What the remote holds, for a destination without a deploy record (or for `--delete`):
    /// every file there compared with the site's by the engine (rclone: MD5 where the remote
    /// keeps one, size otherwise; rsync: checksums).
    public func listing(of site: PublishedSite) throws(DeployError) -> RemoteState {
        switch destination.engine {
        case .rsync: return try rsyncListing(site)
        case .rclone: return try rcloneListing(site)
        }
    }

    private func rsyncListing(_ site: PublishedSite) throws(DeployError) -> RemoteState {
        if let folder = destination.folder, !FileManager.default.fileExists(atPath: folder.path) { return RemoteState() }
        let (output, _, _) = try capture("rsync", ["--recursive", "--dry-run", "--checksum", "--delete", "--out-format=%i %n"]
                                      + sshOptions + [site.folder.path + "/", destination.target], step: "the remote's listing")
        var differing: [String: Bool] = [:] // path → whether it is new there
        var foreign: Set<String> = []
        for line in output.split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let flags = line[..<space], name = String(line[line.index(after: space)...])
            if flags == "*deleting" {
                if !name.hasSuffix("/") { foreign.insert(name.trimmingCharacters(in: .whitespaces)) }
            } else if flags.count >= 2, flags.dropFirst().first == "f" {
                differing[name] = flags.contains("+++")
            }
        }
        return Self.state(site: site.files, differing: differing, foreign: foreign)
    }

    private func rcloneListing(_ site: PublishedSite) throws(DeployError) -> RemoteState {
        struct Item: Decodable { var Path: String; var Size: Int64; var Hashes: [String: String]? }
        let arguments = ["lsjson", "--recursive", "--files-only", "--hash", "--hash-type", "MD5", "--no-mimetype", "--log-level", "ERROR"]
        let (remoteJSON, status, message) = try capture("rclone", arguments + [destination.target], step: "the remote's listing", allowed: [1, 3])
        // The folder or bucket is not there yet (status 3; FTP says so with status 1): an empty remote.
        let missing = status == 3 || ["not found", "no such"].contains { message.lowercased().contains($0) }
        if status != 0 && !missing { throw .engineFailed(step: "the remote's listing", tool: "rclone", status: status, message: message) }
        let remote = missing ? [] : ((try? JSONDecoder().decode([Item].self, from: Data(remoteJSON.utf8))) ?? [])
        // Nothing there: no need to hash the site's files.
        if remote.isEmpty { return RemoteState() }
        let (localJSON, _, _) = try capture("rclone", arguments + [site.folder.path], step: "the site's listing")
        let local = (try? JSONDecoder().decode([Item].self, from: Data(localJSON.utf8))) ?? []
        let mine = Dictionary(local.map { ($0.Path, $0) }, uniquingKeysWith: { a, _ in a })
        var differing: [String: Bool] = [:]
        var foreign: Set<String> = []
        var there = Set<String>()
        for item in remote {
            there.insert(item.Path)
            guard let own = mine[item.Path] else { foreign.insert(item.Path); continue }
            let a = own.Hashes?["md5"] ?? "", b = item.Hashes?["md5"] ?? ""
            // Without a hash on both sides the bytes are unknown: the file is sent again.
            if own.Size != item.Size || a.isEmpty || b.isEmpty || a != b { differing[item.Path] = false }
        }
        for path in site.paths where !there.contains(path) { differing[path] = true }
        return Self.state(site: site.files, differing: differing, foreign: foreign)
    }

    /// The remote's state from a comparison: the site's files not differing are there as they are.
    static func state(site: [String: UInt64], differing: [String: Bool], foreign: Set<String>) -> RemoteState {
        var state = RemoteState()
        for (path, hash) in site {
            switch differing[path] {
            case nil: state.files[path] = hash
            case false?: state.unsettled.insert(path)
            case true?: break
            }
        }
        state.foreign = foreign.subtracting(site.keys)
        return state
    }

    // MARK: - Running the engine

    private var sshOptions: [String] {
        destination.kind == .rsync ? ["--rsh", "ssh -o BatchMode=yes"] : []
    }

    private func join(_ target: String, _ path: String) -> String {
        target.hasSuffix(":") || target.hasSuffix("/") ? target + path : target + "/" + path
    }

    /// The paths in a temporary file (NUL- or newline-separated), for `--files-from`.
    private func withList(_ paths: [String], separator: String = "\0", _ body: (String) throws(DeployError) -> Void) throws(DeployError) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-deploy-\(UUID().uuidString)")
        let text = paths.filter { separator != "\n" || !$0.contains("\n") }.joined(separator: separator) + separator
        do { try Data(text.utf8).write(to: file) } catch { throw .io(file.path, "cannot write a temporary file: \(error.localizedDescription)") }
        defer { unlink(file.path) }
        try body(file.path)
    }

    /// Runs `tool`; a status but 0 and `allowed` (rsync's 24: a listed file was already gone) stops the deploy.
    func run(_ tool: String, _ arguments: [String], step: String, allowed: Set<Int32> = []) throws(DeployError) {
        let (status, message) = try runStatus(tool, arguments)
        if status != 0 && !allowed.contains(status) { throw .engineFailed(step: step, tool: tool, status: status, message: message) }
    }

    /// Runs `tool`; its exit status and the last lines it wrote to standard error.
    func runStatus(_ tool: String, _ arguments: [String], output: URL? = nil) throws(DeployError) -> (Int32, String) {
        guard let executable = Self.find(tool, path: environment["PATH"]) else { throw .toolMissing(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-deploy-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: errors.path, contents: nil)
        defer { unlink(errors.path) }
        do {
            process.standardInput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: errors)
            if let output {
                FileManager.default.createFile(atPath: output.path, contents: nil)
                process.standardOutput = try FileHandle(forWritingTo: output)
            } else {
                process.standardOutput = FileHandle.nullDevice
            }
            try process.run()
        } catch {
            throw .io(executable, "cannot start \(tool): \(error.localizedDescription)")
        }
        process.waitUntilExit()
        let text = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let lines = text.split(separator: "\n").suffix(3).map { $0.trimmingCharacters(in: .whitespaces) }
        return (process.terminationStatus, lines.joined(separator: " / "))
    }

    /// The standard output of `tool` and its status; any status but 0 and `allowed` is a failure.
    private func capture(_ tool: String, _ arguments: [String], step: String, allowed: Set<Int32> = []) throws(DeployError) -> (String, Int32, String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-deploy-\(UUID().uuidString).out")
        defer { unlink(file.path) }
        let (status, message) = try runStatus(tool, arguments, output: file)
        if status != 0 && !allowed.contains(status) { throw .engineFailed(step: step, tool: tool, status: status, message: message) }
        return ((try? String(contentsOf: file, encoding: .utf8)) ?? "", status, message)
    }

    /// Makes the destination's folder before the first upload: with it there, rclone's parallel
    /// uploads into new subfolders do not race to make it (FTP, SFTP, WebDAV; a no-op on S3).
    public func prepareRemote() throws(DeployError) {
        guard destination.engine == .rclone, !destination.takesHeaders else { return }
        try run("rclone", ["mkdir", destination.target, "--log-level", "ERROR"], step: "the destination's folder")
    }

    static func find(_ tool: String, path: String?) -> String? {
        for folder in (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":") {
            let candidate = "\(folder)/\(tool)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// rclone's remotes by name, with their type (`rclone listremotes --long`: names and types only,
    /// nothing secret); empty when rclone is not installed.
    public static func rcloneRemotes(environment: [String: String]) -> [String: String] {
        let engine = SyncEngine(destination: Destination(kind: .rcloneRemote, text: "", target: "", settings: [:], takesHeaders: false),
                                environment: environment)
        guard let (text, _, _) = try? engine.capture("rclone", ["listremotes", "--long"], step: "listing rclone's remotes") else { return [:] }
        var remotes: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].hasSuffix(":") else { continue }
            remotes[String(parts[0].dropLast())] = String(parts[1])
        }
        return remotes
    }
}
