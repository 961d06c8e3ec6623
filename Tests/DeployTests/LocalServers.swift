import Foundation
import TaawunTesting
#if canImport(Glibc)
import Glibc
#endif

/// The servers a deploy test publishes to, started by the test on the loopback (127.0.0.1, a free
/// port each) and stopped by it: moto's S3 server, `rclone serve sftp` and `rclone serve webdav`
/// over a folder of the test's own. Nothing here is skipped when a tool is missing: the test fails
/// and says to run `make deploy-deps`, which `make test` does first.
final class LocalServer: @unchecked Sendable {
    let process: Process
    let port: Int
    let arguments: [String]
    let executable: String
    let log: URL

    private init(executable: String, arguments: [String], port: Int, log: URL) throws {
        self.executable = executable
        self.arguments = arguments
        self.port = port
        self.log = log
        process = Process()
        try Self.start(process, executable: executable, arguments: arguments, log: log)
        try waitUntilListening()
    }

    static func start(_ process: Process, executable: String, arguments: [String], log: URL) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = TestEnvironment.base
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// moto's S3 server (from .venv-deploy/, installed by make deploy-deps).
    static func s3(in folder: URL) throws -> LocalServer {
        let moto = Repository.root.appendingPathComponent(".venv-deploy/bin/moto_server").path
        guard access(moto, X_OK) == 0 else { throw Missing.tool("moto_server (.venv-deploy/bin/moto_server)") }
        let port = try freePort()
        return try LocalServer(executable: moto, arguments: ["-H", "127.0.0.1", "-p", String(port)], port: port,
                               log: folder.appendingPathComponent("moto.log"))
    }

    /// `rclone serve sftp|webdav` over `served`, with a user and password.
    static func rclone(_ kind: String, serving served: URL, user: String, password: String, in folder: URL, port: Int? = nil) throws -> LocalServer {
        guard let rclone = TestEnvironment.find("rclone") else { throw Missing.tool("rclone") }
        let port = try port ?? freePort()
        var arguments = ["serve", kind, served.path, "--addr", "127.0.0.1:\(port)", "--user", user, "--pass", password,
                         "--config", folder.appendingPathComponent("rclone-server.conf").path]
        // The SFTP server's host key is made by rclone in its cache folder: the test's own.
        arguments += ["--cache-dir", folder.appendingPathComponent("rclone-cache").path]
        return try LocalServer(executable: rclone, arguments: arguments, port: port,
                               log: folder.appendingPathComponent("\(kind).log"))
    }

    /// pyftpdlib's FTP server (from .venv-deploy/, installed by make deploy-deps) over `served`,
    /// through ftp_server.py: Debian's rclone has no FTP server of its own.
    static func ftp(serving served: URL, user: String, password: String, in folder: URL, port: Int? = nil) throws -> LocalServer {
        let python = Repository.root.appendingPathComponent(".venv-deploy/bin/python").path
        guard access(python, X_OK) == 0 else { throw Missing.tool("python in .venv-deploy") }
        let port = try port ?? freePort()
        let data = try freePort()
        return try LocalServer(executable: python,
                               arguments: [Repository.root.appendingPathComponent("Tests/DeployTests/ftp_server.py").path,
                                           String(port), served.path, user, password, String(data)],
                               port: port, log: folder.appendingPathComponent("ftp.log"))
    }

    /// The same server started again on the same port (after `stop`).
    func restarted() throws -> LocalServer {
        try LocalServer(executable: executable, arguments: arguments, port: port, log: log)
    }

    /// Ends the server: SIGTERM, then SIGKILL after two seconds (moto's server keeps running on SIGTERM).
    func stop() {
        guard process.isRunning else { return }
        resume()
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    /// Stops the server's process where it is (SIGSTOP): connections hang, as with a host gone
    /// away; its memory (moto keeps the bucket in it) is kept for `resume`.
    func pause() { kill(process.processIdentifier, SIGSTOP) }
    func resume() { kill(process.processIdentifier, SIGCONT) }

    deinit { resume(); stop() }

    func waitUntilListening() throws {
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if Self.accepts(port) { return }
            if !process.isRunning { break }
            usleep(100_000)
        }
        let log = (try? String(contentsOf: self.log, encoding: .utf8)) ?? ""
        stop()
        throw Missing.server("\(executable) did not listen on 127.0.0.1:\(port): \(log.suffix(800))")
    }

    static func accepts(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    /// A port nothing listens on now: the kernel's choice for a socket bound to port 0.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw Missing.server("no free port on 127.0.0.1") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { _ = getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    enum Missing: Error, CustomStringConvertible {
        case tool(String), server(String)
        var description: String {
            switch self {
            case .tool(let name): return "\(name) is not installed: run  make deploy-deps  (make test does)"
            case .server(let text): return text
            }
        }
    }
}

/// The environment the engines and servers of a test run with: this process's, less what would
/// send loopback traffic elsewhere or break rclone (a proxy; AWS_CA_BUNDLE, which this machine
/// sets and rclone refuses), with rclone's configuration pointed at an empty one of the tests' own.
enum TestEnvironment {
    static var base: [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in environment.keys where key.hasPrefix("AWS_") || key.hasPrefix("RCLONE_") || key.lowercased().hasSuffix("_proxy")
            || key == "REQUESTS_CA_BUNDLE" || key == "SSL_CERT_FILE" || key == "CURL_CA_BUNDLE" {
            environment[key] = nil
        }
        environment["RCLONE_CONFIG"] = "/tmp/deploy-no-rclone-config/rclone.conf" // empty (rclone may make it): no remotes
        // Fail fast when a test stops a server: the default waits minutes and retries three times.
        environment["RCLONE_CONTIMEOUT"] = "2s"
        environment["RCLONE_TIMEOUT"] = "2s"
        environment["RCLONE_RETRIES"] = "1"
        environment["RCLONE_LOW_LEVEL_RETRIES"] = "1"
        return environment
    }

    static func find(_ tool: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            + ["/usr/bin", "/usr/sbin", "/bin"] {
            let candidate = "\(folder)/\(tool)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    /// Runs a tool and returns its standard output; fails the test's call when it fails.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String], environment: [String: String] = base) throws -> String {
        guard let executable = find(tool) else { throw LocalServer.Missing.tool(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LocalServer.Missing.server("\(tool) \(arguments.first ?? "") failed (\(process.terminationStatus)): \(String(decoding: errors, as: UTF8.self).suffix(600))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
