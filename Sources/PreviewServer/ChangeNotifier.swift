import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wakes the watch loop as soon as something changes under the watched folders (Linux
/// inotify), so a save is seen within a millisecond instead of at the next poll. It only says
/// "look now": the snapshot comparison (`FileTree`) still decides what changed, and where
/// inotify is missing or runs out of watches the loop polls as before.
final class ChangeNotifier: @unchecked Sendable {
    private let folders: [URL]
    #if canImport(Glibc)
    private let inotify: Int32
    /// Written to by `wake()`, so a stop does not wait for the poll interval.
    private var pipeEnds: [Int32] = [-1, -1]
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
        watchFolders()
        #endif
    }

    deinit {
        #if canImport(Glibc)
        if inotify >= 0 { close(inotify) }
        for end in pipeEnds where end >= 0 { close(end) }
        #endif
    }

    /// Waits until something changes, `wake()` is called, or `seconds` pass.
    func wait(seconds: TimeInterval) {
        #if canImport(Glibc)
        guard inotify >= 0 else { return sleep(seconds) }
        var fds = [pollfd(fd: inotify, events: Int16(POLLIN), revents: 0), pollfd(fd: pipeEnds[0], events: Int16(POLLIN), revents: 0)]
        guard poll(&fds, fds[1].fd >= 0 ? 2 : 1, Int32(seconds * 1000)) > 0 else { return }
        drain(inotify)
        if fds[1].fd >= 0 { drain(fds[1].fd) }
        // New folders (a new images/2025/) need watches of their own.
        watchFolders()
        #else
        sleep(seconds)
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

    /// A watch on every folder under the watched ones (adding one twice is harmless).
    private func watchFolders() {
        guard inotify >= 0 else { return }
        let mask = UInt32(IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB
            | IN_DELETE_SELF | IN_MOVE_SELF)
        func walk(_ path: String, depth: Int) {
            guard depth < 32, inotify_add_watch(inotify, path, mask) >= 0, let directory = opendir(path) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                guard Int32(entry.pointee.d_type) == Int32(DT_DIR) else { continue }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                if name == "." || name == ".." || name.hasPrefix(".") { continue }
                walk(path + "/" + name, depth: depth + 1)
            }
        }
        for folder in folders { walk(folder.standardizedFileURL.path, depth: 0) }
    }
    #endif
}
