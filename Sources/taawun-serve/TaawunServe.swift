import ArgumentParser
import Diagnostics
import Foundation
import Pipeline
import PreviewServer
import Terminal

/// `taawun serve`, which `taawun` hands its options to (see its `ServeCommand`): the preview
/// server lives in an executable of its own so that every other command starts without it.
@main
struct TaawunServe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taawun serve", abstract: ServeOptions.abstract, discussion: ServeOptions.discussion)

    @OptionGroup var options: ServeOptions

    func run() throws {
        let console = Console.standardError
        let reporter = ServeReporter(console: console)
        let preview: PreviewServer
        do throws(PreviewError) {
            preview = try PreviewServer(options: PreviewOptions(root: URL(fileURLWithPath: options.site.root), host: options.host,
                                                                port: options.port),
                                        events: reporter.report)
        } catch {
            console.print([error.diagnostic])
            throw ExitCode.failure
        }
        reporter.outputFolder = preview.output.path

        // Ctrl-C, `kill` and closing the terminal stop the server and delete the preview folder.
        let stop = DispatchSemaphore(value: 0)
        var sources: [DispatchSourceSignal] = []
        for signalNumber in [SIGINT, SIGTERM, SIGHUP] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            sources.append(source)
        }

        let startError = Blocking.wait { () async -> PreviewError? in
            do throws(PreviewError) {
                try await preview.start()
                return nil
            } catch {
                return error
            }
        }
        if let startError {
            console.print([startError.diagnostic])
            throw ExitCode.failure
        }
        stop.wait()
        console.line("stopping…")
        Blocking.wait { await preview.stop() }
        sources.forEach { $0.cancel() }
    }
}

/// Turns preview events into terminal lines. Warnings are printed when they first appear, not
/// again on every save.
final class ServeReporter: @unchecked Sendable {
    let console: Console
    private let lock = NSLock()
    private var shownWarnings = Set<Diagnostic>()
    /// The temporary folder the preview is built in, named in the first build's line.
    var outputFolder: String {
        get { lock.withLock { folder } }
        set { lock.withLock { folder = newValue } }
    }
    private var folder = "the preview folder"

    init(console: Console) { self.console = console }

    /// Straight to standard output, unbuffered: the preview runs for hours, often into a log.
    private let output = Console(handle: FileHandle.standardOutput)

    func report(_ event: PreviewEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .listening(let url):
            output.line("serving \(url.absoluteString) (drafts included) — open it in a browser; press Ctrl-C to stop")
            if let host = url.host, !["127.0.0.1", "::1", "localhost"].contains(host) {
                console.line("warning: --host \(host) lets other computers on the network see the preview, drafts included")
            }
        case .built(let report, let changes):
            let fresh = report.warnings.filter { !shownWarnings.contains($0) }
            shownWarnings = Set(report.warnings)
            console.print(fresh)
            if let changes {
                output.line("\(Self.describe(changes)): \(BuildSummary.count(report.rendered, "page", "pages")) rendered"
                      + String(format: " in %.2f s", report.seconds))
            } else {
                output.line(BuildSummary.line(report, output: folder))
            }
        case .failed(let diagnostics, let changes):
            shownWarnings = []
            console.print(diagnostics)
            let errors = BuildSummary.count(diagnostics.errors.count, "error", "errors")
            console.line((changes.map { Self.describe($0) + ": " } ?? "") + "\(errors); the browser shows them until the file is fixed and saved")
        }
    }

    static func describe(_ changes: FileChanges) -> String {
        let all = changes.all
        guard let first = all.first else { return "rebuilt" }
        return all.count == 1 ? "\(first) changed" : "\(first) and \(all.count - 1) more changed"
    }
}

/// Runs async work from a synchronous command and waits for it.
enum Blocking {
    static func wait<T: Sendable>(_ work: @escaping @Sendable () async -> T) -> T {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox<T>()
        Task {
            box.value = await work()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var value: T?
    }
}
