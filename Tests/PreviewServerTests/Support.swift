import ContentLoading
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import PreviewServer
import TaawunTesting

extension TestSite {
    /// A folder beside the site holding a secret (secret.txt) the server must never serve.
    var outside: URL { sandbox.appendingPathComponent("outside", isDirectory: true) }

    /// The repository's settings and templates, the articles a test writes, and the secret
    /// outside.
    static func withSecretOutside() throws -> TestSite {
        let site = try TestSite(.repositorySettings)
        try FileManager.default.createDirectory(at: site.outside, withIntermediateDirectories: true)
        try Data("TOP-SECRET".utf8).write(to: site.outside.appendingPathComponent("secret.txt"))
        return site
    }
}

/// A running preview of a `TestSite` on 127.0.0.1 and a free port, with an HTTP client.
struct RunningPreview {
    let site: TestSite
    let server: PreviewServer
    let url: URL
    var port: Int { url.port! }

    static func start(_ site: TestSite, pollInterval: TimeInterval = 0.05, limits: RequestLimits = RequestLimits(),
                      events: @escaping @Sendable (PreviewEvent) -> Void = { _ in }) async throws -> RunningPreview {
        var options = PreviewOptions(root: site.root, port: 0, pollInterval: pollInterval)
        options.limits = limits
        let server = try PreviewServer(options: options, events: events)
        let url = try await server.start()
        return RunningPreview(site: site, server: server, url: url)
    }

    /// Runs `body` against a preview of `site` and always stops it (deleting its temporary
    /// build) before returning, whether `body` passed or threw.
    static func with(_ site: TestSite, pollInterval: TimeInterval = 0.05, limits: RequestLimits = RequestLimits(),
                     events: @escaping @Sendable (PreviewEvent) -> Void = { _ in },
                     _ body: (RunningPreview) async throws -> Void) async throws {
        let preview = try await start(site, pollInterval: pollInterval, limits: limits, events: events)
        do {
            try await body(preview)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    func stop() async {
        await server.stop()
    }

    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// A GET with URLSession, as a browser would send it (the path is percent-encoded here).
    func get(_ path: String) async throws -> Response {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let target = URL(string: path, relativeTo: url)!
        let (data, response) = try await session.data(from: target)
        let http = response as! HTTPURLResponse
        var headers: [String: String] = [:]
        for (key, value) in http.allHeaderFields { headers[String(describing: key).lowercased()] = String(describing: value) }
        return Response(status: http.statusCode, headers: headers, body: String(decoding: data, as: UTF8.self))
    }

    /// The request line exactly as given (no client normalises "..") over a plain socket.
    func raw(_ target: String) async throws -> Response {
        try await exchange("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
    }

    /// Sends `request` exactly as given over a plain socket; the answer, read until the server closes.
    func exchange(_ request: String) async throws -> Response {
        let port = port
        return try await offThePool {
            let connection = try RawConnection(port: port)
            defer { connection.close() }
            try connection.send(request)
            return Self.parse(connection.readToEnd(deadline: Date().addingTimeInterval(20)))
        }
    }

    static func parse(_ text: String) -> Response {
        // Split on the blank line by range: "\r\n" is one Character, so counts would be off.
        let blank = text.range(of: "\r\n\r\n")
        let head = blank.map { String(text[..<$0.lowerBound]) } ?? text
        let lines = head.components(separatedBy: "\r\n")
        let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return Response(status: status, headers: headers, body: blank.map { String(text[$0.upperBound...]) } ?? "")
    }

    struct Status: Decodable, Equatable {
        var generation: String
        var state: String
        var errors: Int
    }

    func status() async throws -> Status {
        try JSONDecoder().decode(Status.self, from: Data(try await get(LiveReload.statusPath).body.utf8))
    }

    /// Polls until `condition` holds, failing after `seconds` (a bound, not a timing assertion).
    func waitUntil(_ what: String, seconds: TimeInterval = 30, _ condition: () async throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw Timeout(what: what)
    }

    /// Waits for the first build and returns its status.
    @discardableResult
    func waitUntilBuilt() async throws -> Status {
        var last: Status?
        try await waitUntil("the first build") {
            last = try await status()
            return last?.state != "building"
        }
        return last!
    }

    /// Waits for a build after `previous` and returns its status.
    @discardableResult
    func waitForBuild(after previous: Status) async throws -> Status {
        var last: Status?
        try await waitUntil("a rebuild") {
            last = try await status()
            return last != previous && last?.state != "building"
        }
        return last!
    }

    struct Timeout: Error, CustomStringConvertible {
        var what: String
        var description: String { "timed out waiting for \(what)" }
    }
}

/// Runs blocking socket reads on a thread of their own: on the two threads of Swift's
/// cooperative pool (two cores) they would starve the server under test.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// A TCP connection to the preview, for raw request lines and the event stream.
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard descriptor >= 0, result == 0 else { throw POSIXError(.ECONNREFUSED) }
        // Reads wake up every 200 ms so callers can honour their deadlines.
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // A send the server never reads fails after 20 s instead of hanging the tests.
        var sendTimeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &sendTimeout, socklen_t(MemoryLayout<timeval>.size))
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    /// Sends all of `bytes`; throws if the server closed the connection first (no SIGPIPE).
    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let count = bytes[sent...].withUnsafeBytes { Darwin.send(descriptor, $0.baseAddress, $0.count, 0) }
            #endif
            guard count > 0 else { throw POSIXError(.EPIPE) }
            sent += count
        }
    }

    /// Whatever arrives within 200 ms (empty when nothing did), nil once the server closed.
    func readSome() -> Data? {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        if count > 0 { return Data(buffer[..<count]) }
        if count == 0 { return nil }
        return Data()
    }

    func readToEnd(deadline: Date) -> String {
        var data = Data()
        while Date() < deadline, let chunk = readSome() { data += chunk }
        return String(decoding: data, as: UTF8.self)
    }

    func close() {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }
}
