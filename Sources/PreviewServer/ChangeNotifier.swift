import Support
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Says what changed under the watched folders (Linux inotify): the entries its events name,
/// within a millisecond of a save, so the watch loop looks at those files alone instead of
/// listing 10,000 articles after every save and at every poll. Where inotify is missing, runs
/// out of watches or drops events, it says so (`unknown`) and the loop scans the folders.
final class ChangeNotifier: @unchecked Sendable {
    enum Noticed: Equatable {
        /// Nothing changed while waiting.
        case nothing
        /// The absolute paths of the entries that changed: files, or folders to look at whole.
        case paths(Set<String>)
        /// Something may have changed anywhere: scan everything.
        case unknown
    }

    private let folders: [URL]
    #if canImport(Glibc)
    private let inotify: Int32
    /// Written to by `wake()`, so a stop does not wait for the poll interval.
    private var pipeEnds: [Int32] = [-1, -1]
    /// The folder each watch stands for.
    private var watched: [Int32: String] = [:]
    /// Whether every watched folder got its watch (else the loop must poll).
    private var isComplete = true
    #endif

    init(folders: [URL]) {
        self.folders = folders
        #if canImport(Glibc)
        inotify = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        if pipe(&pipeEnds) == 0 {
            for end in pipeEnds { _ = fcntl(end, F_SETFL, O_NONBLOCK); _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        } else {
            pipeEnds = [-1, -1]
        }
        for folder in folders { watch(folder.standardizedFileURL.path, isWatchedFolder: true) }
        #endif
    }

    deinit {
        #if canImport(Glibc)
        if inotify >= 0 { close(inotify) }
        for end in pipeEnds where end >= 0 { close(end) }
        #endif
    }

    /// Waits until something changes, `wake()` is called, or `seconds` pass, and says what changed.
    func wait(seconds: TimeInterval) -> Noticed {
        #if canImport(Glibc)
        guard inotify >= 0 else {
            sleep(seconds)
            return .unknown
        }
        var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: pipeEnds[0], events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, fds[1].fd >= 0 ? 2 : 1, Int32(seconds * 1000))
        if fds[1].fd >= 0, fds[1].revents != 0 { drain(fds[1].fd) }
        let noticed = ready > 0 ? readEvents() : .nothing
        return isComplete ? noticed : .unknown
        #else
        sleep(seconds)
        return .unknown
        #endif
    }

    func wake() {
        #if canImport(Glibc)
        if pipeEnds[1] >= 0 { var byte: UInt8 = 1; _ = write(pipeEnds[1], &byte, 1) }
        #endif
    }

    private func sleep(_ seconds: TimeInterval) {
        Thread.sleep(forTimeInterval: seconds)
    }

    #if canImport(Glibc)
    private func drain(_ fd: Int32) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while read(fd, &buffer, buffer.count) > 0 {}
    }

    /// Every event waiting: `struct inotify_event` (watch, mask, cookie, name length) and its name.
    private func readEvents() -> Noticed {
        var paths = Set<String>()
        var overflowed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            buffer.withUnsafeBytes { bytes in
                var offset = 0
                while offset + 16 <= count {
                    let descriptor = bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = bytes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(bytes.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let name = String(decoding: bytes[(offset + 16)..<min(count, offset + 16 + length)].prefix { $0 != 0 }, as: UTF8.self)
                    offset += 16 + length
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true; continue }
                    guard let folder = watched[descriptor] else { continue }
                    if mask & UInt32(IN_IGNORED) != 0 {
                        watched[descriptor] = nil
                        // A watched folder itself went away: nothing would tell when it is back.
                        if folders.contains(where: { $0.standardizedFileURL.path == folder }) { isComplete = false }
                        continue
                    }
                    let path = name.isEmpty ? folder : folder + "/" + name
                    paths.insert(path)
                    // A new folder (a new images/2025/, or one moved in) needs watches of its own;
                    // what was put in it before they were added is found by looking at it whole.
                    if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0, !name.hasPrefix(".") {
                        watch(path)
                    }
                }
            }
        }
        return overflowed ? .unknown : .paths(paths)
    }

    /// A watch on the folder and every folder under it, hidden ones aside.
    private func watch(_ path: String, isWatchedFolder: Bool = false, depth: Int = 0) {
        guard inotify >= 0, depth < 32 else { return }
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF)
        let descriptor = inotify_add_watch(inotify, path, mask)
        guard descriptor >= 0 else {
            // A folder inside that is already gone again is fine; a missing watched folder (nothing
            // would tell when it appears) or running out of watches means polling.
            if isWatchedFolder || (errno != ENOENT && errno != ENOTDIR) { isComplete = false }
            return
        }
        watched[descriptor] = path
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            guard Int32(entry.pointee.d_type) == Int32(DT_DIR) else { continue }
            let name = directoryEntryName(entry)
            if name == "." || name == ".." || name.hasPrefix(".") { continue }
            watch(path + "/" + name, depth: depth + 1)
        }
    }
    #endif
}
