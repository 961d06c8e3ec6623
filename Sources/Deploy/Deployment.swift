import Foundation

/// One deploy: the plan made from the site's record and what the last deploy to the destination
/// left there, then run step by step through the engine. The deploy record is written before the
/// first change (every planned file marked unsettled) and again only after the last step
/// succeeded, so a deploy that stops anywhere — a failed upload, a server gone, a killed process —
/// is completed by the next run, which sends and deletes the unsettled files again.
public struct Deployment: Sendable {
    public let site: PublishedSite
    public let destination: Destination
    public let engine: SyncEngine
    public var deletions: DeletionPolicy
    /// Called after each step succeeded (tests check the remote there, or stop its server).
    public var afterStep: (@Sendable (DeployPlan.Step) throws -> Void)?

    public init(site: PublishedSite, destination: Destination, environment: [String: String],
                deletions: DeletionPolicy = .earlierDeploys) {
        self.site = site
        self.destination = destination
        self.engine = SyncEngine(destination: destination, environment: environment)
        self.deletions = deletions
    }

    public var recordURL: URL { DeployRecord.url(for: destination, state: site.state) }

    /// What the remote holds: the deploy record's account, or without one the remote's listing.
    /// With `--delete` the remote is listed too, for the files no deploy put there.
    public func remoteState() throws(DeployError) -> (RemoteState, fromRecord: Bool) {
        guard let record = DeployRecord.read(from: recordURL) else { return (try engine.listing(of: site), false) }
        guard deletions == .everything else { return (RemoteState(record), true) }
        let listed = try engine.listing(of: site)
        return (RemoteState(record, foreign: listed.foreign.subtracting(record.files.keys)), true)
    }

    /// The plan, and what it was made from.
    public func prepare() throws(DeployError) -> (plan: DeployPlan, remote: RemoteState) {
        try checkDestination()
        let (remote, _) = try remoteState()
        return (DeployPlan.make(site: site.files, remote: remote, deletions: deletions), remote)
    }

    public func plan() throws(DeployError) -> DeployPlan { try prepare().plan }

    /// A folder destination inside the site's own folders would publish the site into itself.
    func checkDestination() throws(DeployError) {
        guard let folder = destination.folder?.standardizedFileURL.path else { return }
        for own in [site.folder.path, site.state.path] where folder == own + "/" || folder.hasPrefix(own + "/") || own.hasPrefix(folder) {
            throw .badDestination(destination.text, reason: "it is \(own == site.folder.path ? "public/" : ".taawun/") or holds it",
                                  location: nil)
        }
    }

    public struct Summary: Sendable, Equatable {
        public var uploaded: [String] = []
        public var uploadedBytes: Int64 = 0
        public var deleted: [String] = []
        public var unchanged = 0
        public var kept = 0
        public var seconds = 0.0
    }

    /// Progress: the step, files and bytes done, files and bytes in all.
    public typealias Progress = @Sendable (_ step: DeployPlan.StepKind, _ files: Int, _ bytes: Int64, _ totalFiles: Int, _ totalBytes: Int64) -> Void

    public func bytes(of plan: DeployPlan) -> Int64 { plan.uploads.reduce(0) { $0 + site.size(of: $1) } }

    /// Runs `plan`, made from `remote` (`prepare`).
    public func run(_ plan: DeployPlan, remote: RemoteState, progress: Progress = { _, _, _, _, _ in }) throws(DeployError) -> Summary {
        let start = Date()
        var summary = Summary()
        summary.unchanged = plan.unchanged
        summary.kept = plan.kept.count
        guard !plan.isEmpty else {
            if DeployRecord.read(from: recordURL) == nil { try finalRecord(after: plan, previous: nil).write(to: recordURL, destination: destination) }
            summary.seconds = Date().timeIntervalSince(start)
            return summary
        }
        try site.verify(plan.uploads)
        let previous = DeployRecord.read(from: recordURL)
        // Before anything changes there: what this deploy touches is unknown until it ends.
        var pending = previous ?? DeployRecord(files: remote.files, unsettled: remote.unsettled)
        pending.unsettled.formUnion(plan.uploads)
        pending.unsettled.formUnion(plan.deletions)
        try pending.write(to: recordURL, destination: destination)
        if !plan.uploads.isEmpty { try engine.prepareRemote() }

        let totalFiles = plan.uploads.count + plan.deletions.count
        let totalBytes = bytes(of: plan)
        var doneFiles = 0
        progress(plan.steps[0].kind, 0, 0, totalFiles, totalBytes)
        for step in plan.steps {
            if step.isDeletion {
                try engine.delete(step.paths, from: site.folder)
                summary.deleted += step.paths
            } else {
                try engine.upload(step.paths, from: site.folder, step: step.kind.rawValue)
                summary.uploaded += step.paths
                summary.uploadedBytes += step.paths.reduce(0) { $0 + site.size(of: $1) }
            }
            doneFiles += step.paths.count
            progress(step.kind, doneFiles, summary.uploadedBytes, totalFiles, totalBytes)
            if let afterStep {
                do { try afterStep(step) } catch { throw .io("deploy", "stopped after \(step.kind.rawValue): \(error)") }
            }
        }
        // A build that published another site meanwhile may have changed files as they were sent.
        guard site.isStillPublished else {
            throw .publicChanged("a build published a new site during the deploy; run taawun deploy again to send it")
        }
        try finalRecord(after: plan, previous: pending).write(to: recordURL, destination: destination)
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    /// The record after `plan` ran whole: the site's files, and those it left there.
    func finalRecord(after plan: DeployPlan, previous: DeployRecord?) -> DeployRecord {
        var record = DeployRecord(files: site.files)
        let kept = Set(plan.kept)
        for (path, hash) in previous?.files ?? [:] where kept.contains(path) { record.files[path] = hash }
        // Unsettled files left there by choice (--keep-remote) are still ours, bytes unknown.
        for path in previous?.unsettled ?? [] where kept.contains(path) && record.files[path] == nil { record.unsettled.insert(path) }
        return record
    }
}
