import Foundation
import Support

/// What the remote is known to hold before a deploy.
public struct RemoteState: Sendable, Equatable {
    /// Files there by the hash of their bytes (the build's `ContentHash`): from the deploy record,
    /// or for a remote listed without one, the files whose bytes are the site's.
    public var files: [String: UInt64]
    /// Files whose state there is unknown (a deploy stopped while changing them; a listed file
    /// whose bytes differ from the site's): sent, or deleted, again.
    public var unsettled: Set<String>
    /// Files there that no deploy of this site put there: deleted only with `--delete`.
    public var foreign: Set<String>

    public init(files: [String: UInt64] = [:], unsettled: Set<String> = [], foreign: Set<String> = []) {
        self.files = files
        self.unsettled = unsettled
        self.foreign = foreign
    }

    public init(_ record: DeployRecord, foreign: Set<String> = []) {
        self.init(files: record.files, unsettled: record.unsettled, foreign: foreign)
    }
}

/// Which remote files a deploy may delete.
public enum DeletionPolicy: Sendable {
    /// Files an earlier deploy put there and the site no longer has (the default).
    case earlierDeploys
    /// Also every other file the site does not have (`--delete`).
    case everything
    /// None (`--keep-remote`).
    case nothing
}

/// The uploads and deletions of a deploy, in the order that never shows a broken link: new and
/// changed assets (stylesheets, images) first, so every page sent after finds them; then new
/// pages (and new feeds), which nothing published links to yet; then changed pages, which may now
/// link to the new ones; then the feeds and the sitemap, which list them; deletions last, once no page sent links
/// to what goes. A pure function of the site's files and what the remote holds.
public struct DeployPlan: Sendable, Equatable {
    public enum StepKind: String, Sendable, CaseIterable {
        case assets = "assets"
        case newPages = "new pages"
        case changedPages = "changed pages"
        case feeds = "feeds and sitemap"
        case deletions = "deletions"
    }

    public struct Step: Sendable, Equatable {
        public var kind: StepKind
        public var paths: [String]
        public var isDeletion: Bool { kind == .deletions }

        public init(kind: StepKind, paths: [String]) {
            self.kind = kind
            self.paths = paths
        }
    }

    /// The steps with something to do, in order.
    public var steps: [Step]
    /// Files the remote already holds as the site has them.
    public var unchanged: Int
    /// Remote files the site no longer has that this plan leaves there (by the deletion policy).
    public var kept: [String]

    public init(steps: [Step], unchanged: Int, kept: [String]) {
        self.steps = steps
        self.unchanged = unchanged
        self.kept = kept
    }

    public var uploads: [String] { steps.filter { !$0.isDeletion }.flatMap(\.paths) }
    public var deletions: [String] { steps.filter(\.isDeletion).flatMap(\.paths) }
    public var isEmpty: Bool { steps.isEmpty }

    /// What a file is for the order of a deploy.
    public enum Role: Sendable { case asset, page, feed }

    public static func role(of path: String) -> Role {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        if name.hasSuffix(".html") { return .page }
        if name.hasSuffix(".xml") || name == "robots.txt" { return .feed }
        return .asset
    }

    public static func make(site: [String: UInt64], remote: RemoteState, deletions policy: DeletionPolicy) -> DeployPlan {
        var byKind: [StepKind: [String]] = [:]
        var unchanged = 0
        for (path, hash) in site {
            if remote.files[path] == hash && !remote.unsettled.contains(path) { unchanged += 1; continue }
            // New: nothing there that a page could already link to.
            let isNew = remote.files[path] == nil && !remote.unsettled.contains(path) && !remote.foreign.contains(path)
            let kind: StepKind
            switch role(of: path) {
            case .asset: kind = .assets
            case .page: kind = isNew ? .newPages : .changedPages
            // A new feed (a new organisation's) is linked only from new pages: it goes with them.
            case .feed: kind = isNew ? .newPages : .feeds
            }
            byKind[kind, default: []].append(path)
        }
        let ours = Set(remote.files.keys).union(remote.unsettled).subtracting(site.keys)
        let others = remote.foreign.subtracting(site.keys).subtracting(ours)
        var gone: [String] = [], kept: [String] = []
        switch policy {
        case .earlierDeploys: gone = Array(ours); kept = Array(others)
        case .everything: gone = Array(ours.union(others))
        case .nothing: kept = Array(ours.union(others))
        }
        // Pages go before the assets they used, so no page left for a moment names a missing file.
        byKind[.deletions] = gone.sorted { a, b in
            let (ra, rb) = (role(of: a) == .asset, role(of: b) == .asset)
            return ra != rb ? !ra : a.utf8Precedes(b)
        }
        let steps = StepKind.allCases.compactMap { kind -> Step? in
            guard var paths = byKind[kind], !paths.isEmpty else { return nil }
            if kind != .deletions { paths = paths.sortedByUTF8 { $0 } }
            return Step(kind: kind, paths: paths)
        }
        return DeployPlan(steps: steps, unchanged: unchanged, kept: kept.sortedByUTF8 { $0 })
    }
}
