import ArgumentParser
import ContentLoading
import Deploy
import Diagnostics
import Foundation
import Terminal

struct DeployCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deploy",
        abstract: "Publish public/ to a web host: only what changed, in an order that never shows a broken link.",
        discussion: """
        DEST is a folder or user@host:path (rsync over SSH), s3://bucket/path (AWS S3, Cloudflare R2, \
        Backblaze B2, MinIO…), sftp://user@host/path, ftp://user@host/path, webdav(s)://host/path, or \
        a remote of rclone's own configuration, name:path. Without --to, deploy: in content/site.yaml. \
        Credentials come from the environment or rclone's configuration, never from taawun. Uploads \
        go in this order: new and changed assets, new pages, changed pages, feeds and sitemap; \
        deletions last, and only of files an earlier deploy put there (unless --delete).
        """
    )

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Where to publish (default: deploy: in content/site.yaml).")
    var to: String?

    @Flag(name: .long, help: "Print the plan (uploads, deletions, bytes) and change nothing.")
    var dryRun = false

    @Flag(name: .long, help: "Also delete remote files that no deploy put there and the site does not have.")
    var delete = false

    @Flag(name: .customLong("keep-remote"), help: "Delete nothing on the remote.")
    var keepRemote = false

    func validate() throws {
        if delete && keepRemote { throw ValidationError("--delete and --keep-remote say opposite things: give one of them") }
    }

    func run() throws {
        let console = Console.standardError
        let root = URL(fileURLWithPath: site.root)
        let environment = ProcessInfo.processInfo.environment
        do throws(DeployError) {
            let destination = try destination(root: root, environment: environment)
            let published = try PublishedSite.read(root: root)
            var deployment = Deployment(site: published, destination: destination, environment: environment)
            deployment.deletions = delete ? .everything : keepRemote ? .nothing : .earlierDeploys
            let (plan, remote) = try deployment.prepare()
            if dryRun {
                print(DeployReport.plan(plan, bytes: { published.size(of: $0) }, destination: destination))
                return
            }
            let terminal = console.isTerminal
            let summary = try deployment.run(plan, remote: remote) { step, files, bytes, totalFiles, totalBytes in
                guard terminal else { return }
                console.handle.write(Data("\r\u{1B}[K\(step.rawValue): \(files)/\(totalFiles) files, \(DeployReport.bytes(bytes))/\(DeployReport.bytes(totalBytes))…".utf8))
            }
            console.clearProgress()
            print(DeployReport.summary(summary, destination: destination))
        } catch {
            console.clearProgress()
            console.print([error.diagnostic])
            console.line("deploy failed: \(error.failureLine)")
            throw ExitCode.failure
        }
    }

    /// `--to`, or `deploy:` in site.yaml (its errors then point at that line).
    func destination(root: URL, environment: [String: String]) throws(DeployError) -> Destination {
        let remotes = { SyncEngine.rcloneRemotes(environment: environment) }
        if let to {
            return try Destination.parse(to, base: URL(fileURLWithPath: FileManager.default.currentDirectoryPath), rcloneRemotes: remotes)
        }
        let config = ContentLoader.config(SiteLayout(root: root))
        guard let text = config.deploy else { throw .noDestination }
        return try Destination.parse(text, base: SiteLayout(root: root).root, location: config.deployLocation, rcloneRemotes: remotes)
    }
}

extension DeployError {
    /// The closing line after the diagnostic.
    var failureLine: String {
        switch self {
        case .engineFailed: return "the remote holds part of the new site, every page whole; run taawun deploy again to complete it"
        default: return "nothing was changed on the remote"
        }
    }
}

/// What `taawun deploy` prints: the plan of a dry run, the closing summary.
enum DeployReport {
    static func plan(_ plan: DeployPlan, bytes: (String) -> Int64, destination: Destination) -> String {
        var lines = ["deploy plan for \(destination.text) (\(destination.kind.rawValue), dry run: nothing was changed)"]
        var total: Int64 = 0
        for step in plan.steps {
            let size = step.isDeletion ? 0 : step.paths.reduce(0) { $0 + bytes($1) }
            total += size
            lines.append("\(step.kind.rawValue): \(BuildSummary.count(step.paths.count, "file", "files"))" + (step.isDeletion ? "" : ", \(Self.bytes(size))"))
            for path in step.paths { lines.append("  \(step.isDeletion ? "delete" : "upload") \(path)") }
        }
        if !plan.kept.isEmpty {
            lines.append("left on the remote (not in the site; --delete removes them): \(BuildSummary.count(plan.kept.count, "file", "files"))")
        }
        lines.append("in all: \(BuildSummary.count(plan.uploads.count, "upload", "uploads")) (\(Self.bytes(total))), "
                     + "\(BuildSummary.count(plan.deletions.count, "deletion", "deletions")), \(plan.unchanged) unchanged")
        return lines.joined(separator: "\n")
    }

    static func summary(_ summary: Deployment.Summary, destination: Destination) -> String {
        if summary.uploaded.isEmpty && summary.deleted.isEmpty {
            return "deployed to \(destination.text): nothing to do, \(summary.unchanged) files already there"
        }
        return "deployed to \(destination.text): \(BuildSummary.count(summary.uploaded.count, "file", "files")) uploaded (\(bytes(summary.uploadedBytes))), "
            + "\(summary.deleted.count) deleted, \(summary.unchanged) unchanged"
            + (summary.kept > 0 ? ", \(summary.kept) left on the remote" : "")
            + String(format: " in %.2f s", summary.seconds)
    }

    static func bytes(_ count: Int64) -> String {
        if count < 1024 { return "\(count) B" }
        if count < 1024 * 1024 { return String(format: "%.1f KB", Double(count) / 1024) }
        return String(format: "%.1f MB", Double(count) / 1024 / 1024)
    }
}
