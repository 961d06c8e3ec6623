import ArgumentParser
import Diagnostics
import Foundation
import Terminal

/// Starts `taawun-serve`, installed beside `taawun`, in this process's place. The preview server
/// is not linked into `taawun`: its HTTP library brings FoundationNetworking, which loads libcurl
/// and some thirty libraries into every process at start — 5 ms of every command, a fifth of
/// a one-article rebuild's time besides the work itself.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

    @OptionGroup var options: ServeOptions

    func run() throws {
        let server = Self.serverPath()
        let arguments = ["taawun-serve"] + options.arguments
        var pointers = arguments.map { strdup($0) } + [nil]
        execv(server, &pointers)
        // Only reached when the server could not be started.
        let problem = String(cString: strerror(errno))
        Console.standardError.print([.error(
            at: SourceLocation(file: server), "the preview server cannot be started: \(problem)",
            hint: "taawun serve runs taawun-serve, which belongs beside taawun: install both with  make install")])
        throw ExitCode.failure
    }

    /// taawun-serve in this executable's folder (links resolved: `taawun` may be a link on the PATH).
    static func serverPath() -> String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? Bundle.main.executablePath ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("taawun-serve").path
    }
}
