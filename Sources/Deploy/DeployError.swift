import Diagnostics
import Foundation

/// Everything that stops a deploy, each with what to do about it. Rendered once, by the command
/// line, as a diagnostic (`diagnostic`): the file it is about (site.yaml, public/, the destination)
/// and a hint in plain words. No case carries a credential: destinations are shown without them.
public enum DeployError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `--to` and no `deploy:` in site.yaml.
    case noDestination
    /// A destination that cannot be understood; `location` is its place in site.yaml, if it came from there.
    case badDestination(String, reason: String, location: SourceLocation?)
    /// A destination written with a password in it.
    case secretInDestination(String, variable: String, location: SourceLocation?)
    case lastBuildFailed(String)
    case noBuild
    case buildRunning
    /// public/ is not the folder, or not the files, the build's manifest describes.
    case publicChanged(String)
    case toolMissing(String)
    /// The sync engine failed: the step, the command's name, its exit status and the last lines it printed.
    case engineFailed(step: String, tool: String, status: Int32, message: String)
    case io(String, String)

    public var description: String { diagnostic.description }

    public var diagnostic: Diagnostic {
        switch self {
        case .noDestination:
            return .error(at: SourceLocation(file: "content/site.yaml"), "there is nowhere to deploy to",
                          hint: "give the destination with  taawun deploy --to DEST  or add  deploy: DEST  to content/site.yaml "
                            + "(a folder, user@host:path, s3://bucket/path, sftp://, ftp://, webdav:// or an rclone remote name:path)")
        case .badDestination(let text, let reason, let location):
            return .error(at: location ?? SourceLocation(file: "--to"), "cannot deploy to «\(text)»: \(reason)",
                          hint: "write a folder, user@host:path (rsync over SSH), s3://bucket/path, sftp://user@host/path, "
                            + "ftp://user@host/path, webdav://host/path or an rclone remote name:path")
        case .secretInDestination(let text, let variable, let location):
            return .error(at: location ?? SourceLocation(file: "--to"), "the destination «\(text)» holds a password",
                          hint: "remove it from the address and give it to rclone instead: in the environment (\(variable), "
                            + "written with  rclone obscure) or in rclone's own configuration (rclone config); taawun never stores it")
        case .lastBuildFailed(let line):
            return .error(at: SourceLocation(file: "public"), "the last build failed (\(line)): public/ is an older site than content/",
                          hint: "fix what taawun build reported and build again, then deploy")
        case .noBuild:
            return .error(at: SourceLocation(file: "public"), "there is no finished build to deploy",
                          hint: "run  taawun build  first; deploy publishes what the build recorded in .taawun/")
        case .buildRunning:
            return .error(at: SourceLocation(file: "public"), "a build is running, or one was stopped before it finished",
                          hint: "wait for it, or run  taawun build  again, then deploy")
        case .publicChanged(let detail):
            return .error(at: SourceLocation(file: "public"), "public/ is not what the last build made: \(detail)",
                          hint: "run  taawun build  again (it restores public/), then deploy; never edit public/ by hand")
        case .toolMissing(let tool):
            return .error(at: SourceLocation(file: tool), "\(tool) is not installed",
                          hint: "taawun deploy uploads with \(tool): install it with  make deploy-deps  (or  apt-get install \(tool))")
        case .engineFailed(let step, let tool, let status, let message):
            return .error(at: SourceLocation(file: tool), "the deploy stopped while uploading \(step): \(tool) exited with status \(status)"
                            + (message.isEmpty ? "" : ": \(message)"),
                          hint: "nothing is lost: run  taawun deploy  again once the destination answers, and it completes the deploy")
        case .io(let path, let problem):
            return .error(at: SourceLocation(file: path), problem)
        }
    }
}
