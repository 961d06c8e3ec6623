import BuildState
import ContentLoading
import Diagnostics
import FlyingSocks
import Foundation
import Pipeline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `taawun serve` runs.
public struct PreviewOptions: Sendable {
    public var root: URL
    /// Loopback unless the editor asks otherwise: the preview shows drafts.
    public var host: String
    /// 0 picks a free port (tests).
    public var port: UInt16
    /// How often the watched folders are scanned for changes.
    public var pollInterval: TimeInterval
    /// How much a request may send, and how slowly (tests shorten the timeout).
    var limits = RequestLimits()

    public init(root: URL, host: String = "127.0.0.1", port: UInt16 = 8080, pollInterval: TimeInterval = 0.1) {
        self.root = SiteLayout(root: root).root
        self.host = host
        self.port = port
        self.pollInterval = pollInterval
    }
}

/// What the preview tells its caller, for the terminal.
public enum PreviewEvent: Sendable {
    case listening(URL)
    /// A build finished; `changes` is nil for the first build.
    case built(BuildReport, changes: FileChanges?)
    /// The build's errors (links and images included: a build checks them as `taawun check` does).
    case failed([Diagnostic], changes: FileChanges?)
}

/// Why the preview could not start.
public enum PreviewError: Error, Sendable, Hashable {
    case notASiteFolder(String)
    case badHost(String)
    case cannotListen(host: String, port: UInt16, reason: String)
    case cannotCreateOutput(String, reason: String)

    public var diagnostic: Diagnostic {
        switch self {
        case .notASiteFolder(let path):
            return .error(at: SourceLocation(file: path), "this folder has no content/ folder, so it is not a site folder",
                          hint: "run the command in the site folder (the one holding content/ and templates/), or pass --root")
        case .badHost(let host):
            return .error(at: SourceLocation(file: "--host \(host)"), "«\(host)» is not an IP address this computer can listen on",
                          hint: "leave --host out to preview on this computer only (127.0.0.1), or give an address such as 0.0.0.0")
        case .cannotListen(let host, let port, let reason):
            return .error(at: SourceLocation(file: "http://\(Self.urlHost(host)):\(port)/"), "cannot listen on port \(port) (\(reason))",
                          hint: "another preview may already be running: stop it, or choose another port with --port \(port == 8080 ? 8081 : 8080)")
        case .cannotCreateOutput(let path, let reason):
            return .error(at: SourceLocation(file: path), "cannot create the preview folder (\(reason))",
                          hint: "check that the temporary folder is writable")
        }
    }

    static func urlHost(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}

/// `taawun serve`: builds the site with drafts into a temporary folder (never public/), serves
/// it over HTTP at once — a "building…" page until the first build is done — watches content/
/// and templates/, rebuilds on every change through the build manifest (only affected pages are
/// rendered), and reloads open tabs. While the content has errors, pages show the errors instead
/// of the stale site, and come back by themselves when the file is fixed.
public final class PreviewServer: @unchecked Sendable {
    public let options: PreviewOptions
    /// Where the preview is built; removed by `stop()`.
    public let output: URL
    let layout: SiteLayout
    let workFolder: URL
    let state = PreviewState()
    let reload = ReloadBroadcaster()
    /// The Host headers answered: names of the address listened on (see `AllowedHosts`).
    let allowedHosts: AllowedHosts
    let events: @Sendable (PreviewEvent) -> Void
    private let stopSignal = StopSignal()
    private let notifier: ChangeNotifier
    private let loopFinished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var http: HTTPListener?
    private var httpTask: Task<Void, Never>?
    private var started = false

    /// Prepares the preview folder; nothing is served until `start()`.
    public init(options: PreviewOptions, events: @escaping @Sendable (PreviewEvent) -> Void = { _ in }) throws(PreviewError) {
        self.options = options
        self.events = events
        allowedHosts = AllowedHosts(listeningOn: options.host)
        layout = SiteLayout(root: options.root)
        watchedFolders = [layout.content, layout.templates]
        notifier = ChangeNotifier(folders: watchedFolders)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: layout.content.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .notASiteFolder(options.root.path)
        }
        Self.removeAbandonedFolders()
        // mkdtemp: a fresh folder only this user can read, so drafts stay private.
        var template = Array((FileManager.default.temporaryDirectory.path + "/\(Self.folderPrefix)XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .cannotCreateOutput(FileManager.default.temporaryDirectory.path, reason: String(cString: strerror(errno)))
        }
        workFolder = URL(fileURLWithPath: String(cString: made), isDirectory: true)
        try? Data(Self.owner(getpid()).utf8).write(to: workFolder.appendingPathComponent(Self.ownerFile))
        // The build's state (and its second tree) beside its output, so the output is one level down.
        output = workFolder.appendingPathComponent("site", isDirectory: true)
    }

    /// Starts listening and building; returns the address to open.
    @discardableResult
    public func start() async throws(PreviewError) -> URL {
        let address = try Self.address(host: options.host, port: options.port)
        let server: HTTPListener
        do {
            server = try await HTTPListener(address: address, limits: options.limits, handler: PreviewHandler(preview: self))
        } catch {
            try? FileManager.default.removeItem(at: workFolder)
            throw .cannotListen(host: options.host, port: options.port, reason: Self.describe(error))
        }
        let port = server.port
        let task = Task { _ = try? await server.run() }
        lock.withLock {
            http = server
            httpTask = task
            started = true
        }

        let thread = Thread { [self] in
            watchLoop()
            loopFinished.signal()
        }
        thread.name = "taawun-serve-watch"
        // The editor is waiting for this work.
        thread.qualityOfService = .userInitiated
        thread.start()

        let url = URL(string: "http://\(PreviewError.urlHost(options.host)):\(port)/")!
        events(.listening(url))
        return url
    }

    /// Stops serving, waits for a running build to end, and deletes the preview folder.
    public func stop() async {
        let (server, task, wasStarted) = lock.withLock {
            defer { (http, httpTask, started) = (nil, nil, false) }
            return (http, httpTask, started)
        }
        stopSignal.set()
        notifier.wake()
        reload.finishAll()
        task?.cancel()
        await task?.value
        server?.close()
        if wasStarted {
            let finished = loopFinished
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                DispatchQueue.global().async {
                    finished.wait()
                    continuation.resume()
                }
            }
        }
        try? FileManager.default.removeItem(at: workFolder)
    }

    // MARK: Watching and building

    /// The folders whose changes trigger a rebuild.
    let watchedFolders: [URL]

    /// Runs on its own thread: builds, then waits for changes — the files inotify names, or a scan
    /// of the watched folders every `pollInterval` where it cannot. A change waits for the burst to
    /// settle (an editor's save-and-rename, a git checkout), so a burst becomes one rebuild;
    /// changes made during a build are seen after it.
    private func watchLoop() {
        var tree = FileTree.scan(watchedFolders, relativeTo: layout.root)
        rebuild(changes: nil)
        while !stopSignal.isSet {
            var changes = nextChanges(&tree, waiting: options.pollInterval)
            guard !changes.isEmpty, !stopSignal.isSet else { continue }
            let settleUntil = Date().addingTimeInterval(1)
            while Date() < settleUntil, !stopSignal.isSet {
                let more = nextChanges(&tree, waiting: 0.015)
                if more.isEmpty { break }
                changes.merge(more)
            }
            if stopSignal.isSet { break }
            if !changes.isEmpty { rebuild(changes: changes) }
        }
    }

    /// What changed under the watched folders, waiting up to `seconds` for something to.
    private func nextChanges(_ tree: inout FileTree, waiting seconds: TimeInterval) -> FileChanges {
        switch notifier.wait(seconds: seconds) {
        case .nothing:
            return FileChanges()
        case .paths(let paths):
            return tree.refresh(paths, relativeTo: layout.root)
        case .unknown:
            let newer = FileTree.scan(watchedFolders, relativeTo: layout.root)
            defer { tree = newer }
            return tree.changes(to: newer)
        }
    }

    /// Unchanged articles are not parsed or rendered again from one save to the next.
    private let buildCache = BuildCache()

    private func rebuild(changes: FileChanges?) {
        let build = SiteBuild(options: BuildOptions(root: layout.root, output: output, includeDrafts: true,
                                                    state: output.deletingLastPathComponent().appendingPathComponent("state", isDirectory: true)),
                              cache: buildCache, changedFiles: changes?.all)
        do {
            let report = try build.run()
            let wasReady = state.isReady
            // Nothing rendered differently and the page was fine: no reload (a save without
            // edits, a change to a file the site does not use). Images are copied by the build,
            // so a changed image counts as a written file.
            if !wasReady || report.written > 0 || report.removed > 0 {
                announce(state.publish(.ready))
            }
            events(.built(report, changes: changes))
        } catch {
            let html = StatusPages.errors(error.diagnostics, source: sourceLines)
            announce(state.publish(.failed(html: html, errors: error.diagnostics.errors.count)))
            events(.failed(error.diagnostics, changes: changes))
        }
    }

    private func announce(_ generation: String) {
        reload.broadcast(LiveReload.event(generation: generation))
    }

    /// The lines of a file named in a diagnostic, for the error page's quotes.
    func sourceLines(_ path: String) -> [Substring]? {
        guard !path.hasPrefix("/"), let text = try? TextFile.read(layout.root.appendingPathComponent(path), displayPath: path) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    // MARK: Serving

    /// Where files are looked up: the preview build (which holds the copied images too).
    var mounts: [(prefix: [String], folder: URL)] {
        [([], output)]
    }

    /// The file or folder for safe request components, or nil.
    func lookUp(_ components: [String]) -> URL? {
        for mount in mounts where components.starts(with: mount.prefix) {
            if let found = RequestPath.resolve(Array(components.dropFirst(mount.prefix.count)), in: mount.folder) {
                return found
            }
        }
        return nil
    }

    static let folderPrefix = "taawun-serve-"
    static let ownerFile = "owner.pid"

    /// Deletes the preview folders of previews that were killed before they could clean up
    /// (their process is gone), so drafts do not pile up in the temporary folder.
    static func removeAbandonedFolders() {
        let fm = FileManager.default
        let temporary = fm.temporaryDirectory
        for name in (try? fm.contentsOfDirectory(atPath: temporary.path)) ?? [] where name.hasPrefix(folderPrefix) {
            let folder = temporary.appendingPathComponent(name, isDirectory: true)
            guard let text = try? String(contentsOf: folder.appendingPathComponent(ownerFile), encoding: .utf8),
                  isAbandoned(owner: text) else { continue }
            try? fm.removeItem(at: folder)
        }
    }

    /// The owner file's text: the pid and when that process started. Pids are reused (and a
    /// thread's id is a pid to `kill`), so a live pid alone does not prove the owner lives.
    static func owner(_ pid: Int32) -> String {
        startTime(of: pid).map { "\(pid) \($0)" } ?? String(pid)
    }

    /// Whether the process an owner file names is gone: no such pid, or another process (or
    /// thread) that started at another time holds it now. An owner file without a start time
    /// (an older taawun's) is judged by its pid alone.
    static func isAbandoned(owner text: String) -> Bool {
        let parts = text.split(separator: " ")
        guard let first = parts.first, let pid = Int32(first), pid != getpid() else { return false }
        if kill(pid, 0) != 0 { return errno == ESRCH }
        guard parts.count > 1, let started = UInt64(parts[1]) else { return false }
        return startTime(of: pid).map { $0 != started } ?? false
    }

    /// A process's start, in clock ticks since boot (field 22 of /proc/PID/stat); nil off Linux.
    static func startTime(of pid: Int32) -> UInt64? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After the command's name (which may hold spaces and parentheses): field 3 onwards.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }

    static func address(host: String, port: UInt16) throws(PreviewError) -> any SocketAddress {
        let name = host == "localhost" ? "127.0.0.1" : host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        do {
            return name.contains(":") ? try sockaddr_in6.inet6(ip6: name, port: port) : try sockaddr_in.inet(ip4: name, port: port)
        } catch {
            throw .badHost(host)
        }
    }

    static func describe(_ error: any Error) -> String {
        if case SocketError.failed(_, let errno, let message) = error { return "\(message) (\(errno))" }
        return "\(error)"
    }
}

/// What the preview is showing: which build (its generation) and how it went.
final class PreviewState: @unchecked Sendable {
    enum Phase: Sendable {
        case building
        case ready
        case failed(html: String, errors: Int)
    }

    private let lock = NSLock()
    /// Random per run, so a tab from an earlier `taawun serve` never matches.
    private let session = String(UInt32.random(in: .min ... .max), radix: 16)
    private var number = 0
    private var phase = Phase.building

    var current: (phase: Phase, generation: String) {
        lock.lock()
        defer { lock.unlock() }
        return (phase, "\(session)-\(number)")
    }

    var isReady: Bool {
        if case .ready = current.phase { return true }
        return false
    }

    /// Records a new state and returns its generation.
    func publish(_ phase: Phase) -> String {
        lock.lock()
        defer { lock.unlock() }
        self.phase = phase
        number += 1
        return "\(session)-\(number)"
    }
}

/// A flag the watch loop sleeps on, so `stop()` wakes it at once.
final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var stopped = false

    func set() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    var isSet: Bool { condition.lock(); defer { condition.unlock() }; return stopped }

    /// Sleeps up to `seconds`; true if stopped.
    func wait(seconds: TimeInterval) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while !stopped, condition.wait(until: deadline) {}
        return stopped
    }
}
