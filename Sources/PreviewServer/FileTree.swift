import Support
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The state of the watched files at one moment: size, modification time and inode of each.
/// Polling and comparing snapshots needs no inotify/FSEvents and sees every way editors save
/// (in place, or a temporary file renamed over the old one: a new inode).
public struct FileTree: Sendable, Equatable {
    public struct Stamp: Sendable, Hashable {
        public var modified: Int64
        public var size: Int64
        public var inode: UInt64
    }

    /// Path relative to the site root ("content/articles/x.md") → its stamp.
    public var files: [String: Stamp]

    public init(files: [String: Stamp] = [:]) { self.files = files }

    /// Every regular file under `folders` (recursively, not following symbolic links),
    /// without editors' temporary and hidden files. Missing folders are simply empty.
    public static func scan(_ folders: [URL], relativeTo root: URL) -> FileTree {
        let rootPath = root.standardizedFileURL.path
        var files: [String: Stamp] = [:]
        for folder in folders {
            let path = folder.standardizedFileURL.path
            let relative = path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : path
            walk(path, relative: relative, into: &files)
        }
        return FileTree(files: files)
    }

    /// Looks again at the entries at these absolute paths — a file, or a folder and everything
    /// under it (one created, moved in, deleted) — and says what changed. What inotify named
    /// after a save: the snapshot of every other file stays as it is.
    public mutating func refresh(_ paths: Set<String>, relativeTo root: URL) -> FileChanges {
        let rootPath = root.standardizedFileURL.path + "/"
        var changes = FileChanges()
        for path in paths.sorted() where path.hasPrefix(rootPath) {
            let relative = String(path.dropFirst(rootPath.count))
            guard !relative.split(separator: "/").contains(where: { Self.isIgnored(String($0)) }) else { continue }
            var info = stat()
            let exists = lstat(path, &info) == 0
            let kind = info.st_mode & S_IFMT
            if exists, kind == S_IFREG || kind == S_IFLNK {
                let stamp = Self.stamp(info)
                if let old = files.updateValue(stamp, forKey: relative) {
                    if old != stamp { changes.modified.append(relative) }
                } else {
                    changes.added.append(relative)
                }
                continue
            }
            // A folder, or nothing (any more): compare everything under it.
            var fresh: [String: Stamp] = [:]
            if exists, kind == S_IFDIR { Self.walk(path, relative: relative, into: &fresh) }
            let prefix = relative + "/"
            var old = files.filter { $0.key.hasPrefix(prefix) }
            if let file = files[relative] { old[relative] = file }
            let part = FileTree(files: old).changes(to: FileTree(files: fresh))
            for path in old.keys { files[path] = nil }
            files.merge(fresh) { _, new in new }
            changes.merge(part)
        }
        changes.added.sort()
        changes.removed.sort()
        changes.modified.sort()
        return changes
    }

    /// Files an editor did not mean as content: hidden files (.x.swp, .#x, .goutputstream-…),
    /// backups (x~), vim's write probe (4913) and swap files.
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name == "4913" || name.hasSuffix(".swp") || name.hasSuffix(".swx")
    }

    private static func walk(_ path: String, relative: String, into files: inout [String: Stamp]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = directoryEntryName(entry)
            if name == "." || name == ".." || isIgnored(name) { continue }
            let childPath = path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(childPath, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(childPath, relative: childRelative, into: &files)
            case S_IFREG, S_IFLNK:
                files[childRelative] = stamp(info)
            default:
                continue
            }
        }
    }

    private static func stamp(_ info: stat) -> Stamp {
        Stamp(modified: modificationNanoseconds(info), size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }

    private static func modificationNanoseconds(_ info: stat) -> Int64 {
        #if canImport(Darwin)
        return Int64(info.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(info.st_mtimespec.tv_nsec)
        #else
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        #endif
    }

    /// What changed from this snapshot to `newer`.
    public func changes(to newer: FileTree) -> FileChanges {
        var changes = FileChanges()
        for (path, stamp) in newer.files {
            if let old = files[path] {
                if old != stamp { changes.modified.append(path) }
            } else {
                changes.added.append(path)
            }
        }
        for path in files.keys where newer.files[path] == nil { changes.removed.append(path) }
        changes.added.sort()
        changes.removed.sort()
        changes.modified.sort()
        return changes
    }
}

/// Files added, removed and modified between two snapshots, each list sorted.
/// A rename is the old name removed and the new one added.
public struct FileChanges: Sendable, Hashable {
    public var added: [String] = []
    public var removed: [String] = []
    public var modified: [String] = []

    public init(added: [String] = [], removed: [String] = [], modified: [String] = []) {
        self.added = added
        self.removed = removed
        self.modified = modified
    }

    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && modified.isEmpty }

    /// These changes followed by `later` ones, as one: a file added then changed was added, one
    /// removed and put back was modified, one added and removed again never was.
    public mutating func merge(_ later: FileChanges) {
        for path in later.added {
            if let i = removed.firstIndex(of: path) { removed.remove(at: i); modified.append(path) } else { added.append(path) }
        }
        for path in later.removed {
            if let i = added.firstIndex(of: path) {
                added.remove(at: i)
            } else {
                modified.removeAll { $0 == path }
                removed.append(path)
            }
        }
        for path in later.modified where !added.contains(path) && !modified.contains(path) { modified.append(path) }
        added.sort()
        removed.sort()
        modified.sort()
    }
    public var all: [String] { (added + removed + modified).sorted() }
}
