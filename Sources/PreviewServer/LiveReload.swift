import FlyingFox
import FlyingSocks
import Foundation

/// Live reload over Server-Sent Events. Every page served in preview carries a small script that
/// knows which build it came from; the server announces each new build on
/// `/__taawun/events`, and a page whose build is no longer current reloads itself. Announcing
/// the current build on connect means a page never misses a build that finished while it was
/// loading, and after a restart of `taawun serve` open tabs reload once EventSource reconnects.
public enum LiveReload {
    public static let eventsPath = "/__taawun/events"
    public static let statusPath = "/__taawun/status"

    /// The script for a page of build `generation`. A hidden tab closes its stream (browsers
    /// allow six connections per host, and every open stream holds one) and reconnects when it is
    /// shown again, reloading then if a build happened meanwhile.
    public static func script(generation: String) -> String {
        """
        <script>/* taawun serve: live reload */(()=>{const served=\(jsonString(generation));let events=null;\
        const connect=()=>{if(events)return;events=new EventSource("\(eventsPath)");\
        events.addEventListener("build",e=>{if(e.data!==served){events.close();location.reload();}});};\
        const disconnect=()=>{if(events){events.close();events=null;}};\
        document.addEventListener("visibilitychange",()=>document.hidden?disconnect():connect());\
        if(!document.hidden)connect();})();</script>
        """
    }

    /// `html` with the script before its last `</body>` (any case), or at the end without one.
    public static func inject(_ script: String, into html: Data) -> Data {
        let bytes = [UInt8](html)
        let closing = Array("</body>".utf8)
        var index = bytes.count - closing.count
        while index >= 0 {
            if zip(bytes[index..<(index + closing.count)], closing).allSatisfy({ lowercased($0) == $1 }) {
                var out = Data(bytes[..<index])
                out.append(contentsOf: Array(script.utf8))
                out.append(contentsOf: bytes[index...])
                return out
            }
            index -= 1
        }
        return html + Data(script.utf8)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }

    /// One SSE event announcing `generation`.
    static func event(generation: String) -> [UInt8] {
        Array("event: build\ndata: \(generation)\n\n".utf8)
    }

    static func jsonString(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        // "</" would end the inline script early.
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    }
}

/// The open event streams, each fed by `broadcast`.
final class ReloadBroadcaster: @unchecked Sendable {
    private let lock = NSLock()
    private var streams: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextID = 0
    private var finished = false

    /// A new stream that starts with `first`. It is removed when its reader goes away.
    func subscribe(first: [UInt8]) -> (id: Int, stream: AsyncStream<[UInt8]>) {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self, bufferingPolicy: .bufferingNewest(16))
        continuation.yield(first)
        lock.lock()
        defer { lock.unlock() }
        if finished { continuation.finish(); return (-1, stream) }
        nextID += 1
        let id = nextID
        streams[id] = continuation
        continuation.onTermination = { [weak self] _ in self?.remove(id) }
        return (id, stream)
    }

    func remove(_ id: Int) {
        lock.lock()
        let continuation = streams.removeValue(forKey: id)
        lock.unlock()
        continuation?.finish()
    }

    func broadcast(_ bytes: [UInt8]) {
        lock.lock()
        let all = Array(streams.values)
        lock.unlock()
        for continuation in all { continuation.yield(bytes) }
    }

    var count: Int { lock.lock(); defer { lock.unlock() }; return streams.count }

    /// Ends every stream (the server is stopping), and any opened later.
    func finishAll() {
        lock.lock()
        finished = true
        let all = Array(streams.values)
        streams = [:]
        lock.unlock()
        for continuation in all { continuation.finish() }
    }
}

/// The body of an event-stream response: the bytes of each event as it is broadcast, sent as
/// one HTTP chunk each. Subscribes when the server starts sending, and unsubscribes when the
/// connection drops its iterator (the client went away, or the server is stopping).
struct EventStreamBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let broadcaster: ReloadBroadcaster
    let first: [UInt8]

    func makeAsyncIterator() -> Iterator {
        let (id, stream) = broadcaster.subscribe(first: first)
        return Iterator(base: stream.makeAsyncIterator(), subscription: Subscription(id: id, broadcaster: broadcaster))
    }

    final class Subscription: Sendable {
        let id: Int
        let broadcaster: ReloadBroadcaster
        init(id: Int, broadcaster: ReloadBroadcaster) { self.id = id; self.broadcaster = broadcaster }
        deinit { broadcaster.remove(id) }
    }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<[UInt8]>.Iterator
        let subscription: Subscription
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty { pending = await base.next() ?? [] }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let bytes = await base.next() else { return nil }
                pending = bytes
            }
            let chunk = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(chunk.count)
            return chunk
        }
    }
}
