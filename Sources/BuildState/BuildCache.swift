import ContentLoading
import Diagnostics
import Foundation
import Output
import Pages
import SiteModel
import Templates
import Network

/// Parsed articles and rendered bodies kept between builds of one process. The output is the
/// same with or without it.
public final class BuildCache: @unchecked Sendable {
    package let articles = ArticleCache()
    package let model = ModelCache()
    private let lock = NSLock()
    private var storedArchive: BodyArchive?
    private var storedRelated: RelatedArticles?
    private var storedLast: LastBuild?
    /// The network's pictures, drawn once per graph (`PictureMemo`, `PictureFile`).
    package let pictures = PictureMemo()
    private var picturesUnread = true
    public init() {}

    /// True the first time only: whether the build state's pictures are still to be read.
    package func takePicturesUnread() -> Bool {
        lock.lock(); defer { picturesUnread = false; lock.unlock() }
        return picturesUnread
    }

    package var last: LastBuild? {
        get { lock.lock(); defer { lock.unlock() }; return storedLast }
        set { lock.lock(); storedLast = newValue; lock.unlock() }
    }

    package func takeLast() -> LastBuild? {
        lock.lock()
        defer { storedLast = nil; lock.unlock() }
        return storedLast
    }

    /// The last plan's related articles.
    package var related: RelatedArticles? {
        get { lock.lock(); defer { lock.unlock() }; return storedRelated }
        set { lock.lock(); storedRelated = newValue; lock.unlock() }
    }

    /// The build record's bodies file, mapped, once it has been read back (`BuildRecord`).
    package var archive: BodyArchive? {
        get { lock.lock(); defer { lock.unlock() }; return storedArchive }
        set { lock.lock(); storedArchive = newValue; lock.unlock() }
    }
}

/// What the last build of a long-running process made, for the next one to update
/// (`SiteBuild.update`): its settings and inputs, its plan and templates, and the manifest it
/// left in the build state with that file's identity (so nobody else changed it since).
package struct LastBuild: Sendable {
    package var output: String
    package var includeDrafts: Bool
    package var otherInputs: UInt64
    /// Every article file as listed, stamped, and the fingerprint of its text.
    package var articleFiles: [ArticleFile]
    package var articleHashes: [UInt64]
    package var plan: SitePlan
    package var templates: TemplateSet
    package var warnings: [Diagnostic]
    /// The manifest's files, in the order it lists them.
    package var manifest: BuildManifest.Listing
    package var manifestStamp: [Int]?
    /// The files an update edited, each with its article's index in the site (`BuildRecord.savePatch`).
    package var edited: [(file: Int, article: Int)] = []

    package init(output: String, includeDrafts: Bool, otherInputs: UInt64, articleFiles: [ArticleFile], articleHashes: [UInt64],
                 plan: SitePlan, templates: TemplateSet, warnings: [Diagnostic], manifest: BuildManifest.Listing, manifestStamp: [Int]?) {
        self.output = output
        self.includeDrafts = includeDrafts
        self.otherInputs = otherInputs
        self.articleFiles = articleFiles
        self.articleHashes = articleHashes
        self.plan = plan
        self.templates = templates
        self.warnings = warnings
        self.manifest = manifest
        self.manifestStamp = manifestStamp
    }

    /// The article files now, when `changed` (paths from the site root) are all files of this
    /// build's listing and are still there: the listing with those stamped again. nil otherwise:
    /// then list them all.
    package func articleFiles(after changed: [String]?) -> [ArticleFile]? {
        guard let changed, !changed.isEmpty else { return nil }
        var files = articleFiles
        for path in changed {
            guard let i = files.firstIndex(where: { $0.display == path }),
                  let stamp = ArticleCache.stamp(ofPath: files[i].path) else { return nil }
            files[i].stamp = stamp
        }
        return files
    }
}
