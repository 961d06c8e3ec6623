import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The preview's HTTP/1.1 server, on FlyingSocks' non-blocking sockets and event loop.
///
/// Why not FlyingFox's `HTTPServer`: in 0.27.1 it reads the request line and headers a byte at a
/// time into buffers without a size limit, with no read timeout (its `timeout` bounds the handler
/// only), and has no hook for either: a 100 KB request line — which any web page can make a
/// browser send with an <img> — took it 6 s to read in a release build (over a minute in a debug
/// one), and other requests waited meanwhile. So the preview accepts connections
/// itself: each runs in a task of its own, reads its head in 4 KB reads through `RequestHead`,
/// which refuses it (414, 431) as soon as a limit is crossed, and a client that sends nothing for
/// `readTimeout` is dropped. FlyingFox's request and response types and the handler are kept.
final class HTTPListener: Sendable {
    let limits: RequestLimits
    /// The port the socket got (the one asked for, or a free one for 0).
    let port: UInt16
    private let socket: Socket
    private let pool: any AsyncSocketPool
    private let handler: any HTTPHandler
    private let connections = ConnectionTasks()

    /// Binds and listens at once, so a port in use is reported by the caller; serves in `run()`.
    init(address: some SocketAddress, limits: RequestLimits = RequestLimits(), handler: some HTTPHandler) async throws {
        self.limits = limits
        self.handler = handler
        socket = try Socket(domain: Int32(type(of: address).family))
        do {
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: address)
            try socket.listen()
            switch try socket.sockname() {
            case .ip4(_, let bound), .ip6(_, let bound): port = bound
            case .unix: port = 0
            }
            pool = HTTPServer.defaultPool()
            try await pool.prepare()
        } catch {
            try? socket.close()
            throw error
        }
    }

    /// Accepts connections until cancelled.
    func run() async throws {
        let listener = try AsyncSocket(socket: socket, pool: pool)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.pool.run() }
            group.addTask {
                for try await connection in listener.sockets {
                    self.connections.start { await self.serve(connection) }
                }
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// Ends every open connection (an event stream never ends by itself) and closes the socket;
    /// called after `run()`'s task was cancelled.
    func close() {
        connections.cancelAll()
        try? socket.close()
    }

    /// One connection, request after request, until the client closes it, stays silent too long,
    /// or sends something refused.
    private func serve(_ connection: AsyncSocket) async {
        defer { try? connection.close() }
        var buffered: [UInt8] = []
        while !Task.isCancelled {
            let read: HeadRead?
            do {
                read = try await withDeadline(seconds: limits.readTimeout) { [buffered] in
                    try await self.readHead(from: connection, buffered: buffered)
                }
            } catch {
                return
            }
            switch read {
            case nil, .closed?:
                return
            case .refused(let refusal)?:
                let response = HTTPResponse(statusCode: refusal.status, headers: [.contentType: "text/plain; charset=utf-8"],
                                            body: Data(refusal.explanation.utf8))
                try? await send(response, on: connection, keepAlive: false)
                await discardTheRest(of: connection)
                return
            case .head(let head, let rest)?:
                buffered = rest
                let keepAlive = head.keepsAlive && !head.hasBody
                let response = (try? await handler.handleRequest(head.request)) ?? HTTPResponse(statusCode: .internalServerError)
                guard (try? await send(response, on: connection, keepAlive: keepAlive)) != nil else { return }
                if !keepAlive || response.bodyLength == nil {
                    if head.hasBody { await discardTheRest(of: connection) }
                    return
                }
            }
        }
    }

    enum HeadRead: Sendable {
        case head(RequestHead, rest: [UInt8])
        case refused(RequestHead.Refusal)
        /// The client closed the connection.
        case closed
    }

    /// Reads until `RequestHead` has a whole head (bytes after it, a pipelined request, are
    /// returned with it) or refuses what it has.
    private func readHead(from connection: AsyncSocket, buffered: [UInt8]) async throws -> HeadRead {
        var bytes = buffered
        while true {
            do throws(RequestHead.Refusal) {
                if let (head, length) = try RequestHead.parse(bytes, limits: limits) {
                    return .head(head, rest: Array(bytes[length...]))
                }
            } catch {
                return .refused(error)
            }
            do {
                bytes += try await connection.read(atMost: 4096)
            } catch SocketError.disconnected {
                return .closed
            }
        }
    }

    /// Writes the status line and headers, then the body as it comes (the event stream's never ends).
    private func send(_ response: HTTPResponse, on connection: AsyncSocket, keepAlive: Bool) async throws {
        guard case .httpBody(let body) = response.payload else { return }
        var headers = response.headers
        if let length = response.bodyLength, headers[.contentLength] == nil { headers[.contentLength] = String(length) }
        // Without a length (the event stream), the body ends when the connection closes.
        if !keepAlive || response.bodyLength == nil { headers[.connection] = "close" }
        var head = "HTTP/1.1 \(response.statusCode.code) \(response.statusCode.phrase)\r\n"
        for (name, value) in headers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            head += "\(name.rawValue): \(value)\r\n"
        }
        try await connection.write(Data((head + "\r\n").utf8))
        for try await chunk in body {
            try await connection.write(chunk)
        }
    }

    /// Reads and drops what the client is still sending (up to 1 MB, for a second or two) before
    /// the connection is closed: closing with unread bytes makes the system reset the connection,
    /// which can destroy the answer before the client reads it.
    private func discardTheRest(of connection: AsyncSocket) async {
        _ = shutdown(connection.socket.file.rawValue, Int32(SHUT_WR))
        _ = try? await withDeadline(seconds: 2) {
            var discarded = 0
            while discarded < 1 << 20 { discarded += try await connection.read(atMost: 4096).count }
            return discarded
        }
    }
}

private extension HTTPResponse {
    var bodyLength: Int? {
        if case .httpBody(let body) = payload { return body.count }
        return nil
    }
}

/// The tasks serving connections, so that `close()` can end them all.
final class ConnectionTasks: @unchecked Sendable {
    private let lock = NSLock()
    private var tasks: [Int: Task<Void, Never>] = [:]
    private var lastID = 0

    func start(_ work: @escaping @Sendable () async -> Void) {
        lock.withLock {
            lastID += 1
            let id = lastID
            // Made while the lock is held, so the task cannot remove itself before it is added.
            tasks[id] = Task {
                await work()
                self.lock.withLock { _ = self.tasks.removeValue(forKey: id) }
            }
        }
    }

    func cancelAll() {
        lock.withLock { Array(tasks.values) }.forEach { $0.cancel() }
    }
}

/// `work`'s result, or nil when it has not finished within `seconds` (it is cancelled then).
func withDeadline<T: Sendable>(seconds: TimeInterval, _ work: @escaping @Sendable () async throws -> T) async throws -> T? {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
            return nil
        }
        defer { group.cancelAll() }
        return try await group.next() ?? nil
    }
}
