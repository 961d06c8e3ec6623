import BuildState
import ContentLoading
import Foundation
import Output
import Support

/// The built site as its build recorded it: every file of public/ with the hash of its bytes, read
/// from the build's manifest in .taawun/ — no file of the site is read to find what changed.
/// `read` refuses a site the record does not vouch for: after a failed build, while a build runs,
/// when public/ is another folder than the one the build published, or a recorded file is gone.
public struct PublishedSite: Sendable {
    /// public/: the folder the manifest vouches for.
    public let folder: URL
    /// .taawun/: where the build state and the deploy records live.
    public let state: URL
    /// Sorted by UTF-8 bytes, as the manifest lists them.
    public let paths: [String]
    /// The hash of each file's bytes (`ContentHash`), by place in `paths`.
    public let hashes: [UInt64]
    /// The published folder by device and inode: a build that publishes a new site changes it.
    let identity: BuildManifest.FolderIdentity

    public var files: [String: UInt64] { Dictionary(uniqueKeysWithValues: zip(paths, hashes)) }

    public static func read(root: URL) throws(DeployError) -> PublishedSite {
        let layout = SiteLayout(root: root)
        return try read(folder: layout.defaultOutput, state: layout.state)
    }

    public static func read(folder: URL, state: URL) throws(DeployError) -> PublishedSite {
        if let line = BuildOutcome.failure(state: state) { throw .lastBuildFailed(line) }
        // A journal is there only while a build writes (or after one was killed: the next build settles it).
        if access(state.appendingPathComponent("journal").path, F_OK) == 0 { throw .buildRunning }
        guard let listing = BuildManifest.Listing.read(from: state), let published = listing.published else { throw .noBuild }
        guard let identity = Self.identity(of: folder.path) else { throw .noBuild }
        guard identity == published else {
            throw .publicChanged("it is another folder than the one the last build published (was it replaced or copied?)")
        }
        let site = PublishedSite(folder: folder.standardizedFileURL, state: state.standardizedFileURL,
                                 paths: listing.paths, hashes: listing.entries.map(\.output), identity: identity)
        if let missing = site.firstMissingFile() { throw .publicChanged("\(missing) is missing") }
        return site
    }

    /// The folder at `path`, a link to it followed (public/ may be one).
    static func identity(of path: String) -> BuildManifest.FolderIdentity? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return BuildManifest.FolderIdentity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Whether public/ is still the folder this site was read from (a build swaps in a new one).
    public var isStillPublished: Bool { Self.identity(of: folder.path) == identity }

    public func url(of path: String) -> URL { folder.appendingPathComponent(path) }

    /// The size of a file, from the file system (only the files a plan uploads are asked).
    public func size(of path: String) -> Int64 {
        var info = stat()
        return stat(url(of: path).path, &info) == 0 ? Int64(info.st_size) : 0
    }

    /// The first recorded file that public/ no longer holds: access(2) only, no file is read.
    func firstMissingFile() -> String? {
        let base = folder.path + "/"
        return paths.first { access(base + $0, F_OK) != 0 }
    }

    /// Reads the files a deploy is about to upload and checks they hold what the build recorded:
    /// nobody edited them in public/ by hand. Only these few files are read.
    public func verify(_ uploads: [String]) throws(DeployError) {
        let recorded = files
        for path in uploads {
            guard let data = FileManager.default.contents(atPath: url(of: path).path) else { throw .publicChanged("\(path) is missing") }
            if ContentHash.of(data) != recorded[path] { throw .publicChanged("\(path) was changed after the build") }
        }
    }
}
