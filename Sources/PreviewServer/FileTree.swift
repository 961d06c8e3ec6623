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

    /// Files an editor did not mean as content: hidden files (.x.swp, .#x, .goutputstream-…),
    /// backups (x~), vim's write probe (4913) and swap files.
    public static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasSuffix("~") || name == "4913" || name.hasSuffix(".swp") || name.hasSuffix(".swx")
    }

    private static func walk(_ path: String, relative: String, into files: inout [String: Stamp]) {
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name == "." || name == ".." || isIgnored(name) { continue }
            let childPath = path + "/" + name
            let childRelative = relative.isEmpty ? name : relative + "/" + name
            var info = stat()
            guard lstat(childPath, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                walk(childPath, relative: childRelative, into: &files)
            case S_IFREG, S_IFLNK:
                files[childRelative] = Stamp(modified: modificationNanoseconds(info), size: Int64(info.st_size),
                                             inode: UInt64(info.st_ino))
            default:
                continue
            }
        }
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
    public var all: [String] { (added + removed + modified).sorted() }
}
