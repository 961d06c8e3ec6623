import BuildState
import ContentLoading
import Deploy
import Foundation
import Pipeline
import TaawunTesting
import Testing

/// A destination as a test sees it: how to deploy there, how to read back what it holds, and a
/// stamp per file that changes only when the server stores that file again (to tell which files
/// were really uploaded), and how to interrupt and restore it.
struct TestRemote: Sendable {
    var destination: String
    var environment: [String: String]
    /// Every file there: path → bytes.
    var tree: @Sendable () throws -> [String: Data]
    /// path → a token the server changes when it stores the file (inode and change time on disk;
    /// an object's LastModified and ETag).
    var stamps: @Sendable () throws -> [String: String]
    /// Makes the destination stop answering mid-deploy, and brings it back.
    var interrupt: @Sendable () throws -> Void
    var restore: @Sendable () throws -> Void
    /// Whether the remote's listing gives a checksum to compare with (rsync, S3, SFTP; not WebDAV or FTP here).
    var listsChecksums = true
}

enum DeployScenario {
    /// A site made from the repository's content and theme, built.
    static func builtSite() throws -> TestSite {
        let site = try TestSite(.repository)
        try build(site)
        return site
    }

    static func build(_ site: TestSite) throws {
        var build = SiteBuild(options: BuildOptions(root: site.root))
        build.cache = nil
        _ = try build.run()
    }

    static func deployment(_ site: TestSite, _ remote: TestRemote, deletions: DeletionPolicy = .earlierDeploys) throws -> Deployment {
        let published = try PublishedSite.read(root: site.root)
        let destination = try Destination.parse(remote.destination, base: site.root)
        return Deployment(site: published, destination: destination, environment: remote.environment, deletions: deletions)
    }

    @discardableResult
    static func deploy(_ site: TestSite, _ remote: TestRemote, afterStep: (@Sendable (DeployPlan.Step) throws -> Void)? = nil) throws -> Deployment.Summary {
        var deployment = try deployment(site, remote)
        deployment.afterStep = afterStep
        let (plan, state) = try deployment.prepare()
        return try deployment.run(plan, remote: state)
    }

    /// The seed articles' files, sorted.
    static func articles(_ site: TestSite) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: site.root.appendingPathComponent("content/articles").path)
            .filter { $0.hasSuffix(".md") }.sorted()
    }

    /// Adds a sentence to an article's body, as an editor would.
    static func edit(_ site: TestSite, article name: String, adding sentence: String) throws {
        let url = site.root.appendingPathComponent("content/articles/\(name)")
        let text = try String(contentsOf: url, encoding: .utf8)
        try Data((text + "\n\(sentence)\n").utf8).write(to: url)
    }

    /// The published article page of an article file, by reading which page links its title… found
    /// as the one page under articles/ that the file's removal takes away.
    static func articlePages(_ tree: [String: Data]) -> Set<String> {
        Set(tree.keys.filter { $0.hasPrefix("articles/") && $0.hasSuffix("/index.html") })
    }

    /// The whole scenario of the issue against one destination: deploy the seed site; edit one
    /// article and deploy again (exactly the changed files sent, the remote equal to public/
    /// byte for byte); delete an article (its page goes only in the deletion step); and a deploy
    /// interrupted after its first step, completed by the next run.
    static func run(_ remote: TestRemote) throws {
        let site = try builtSite()
        defer { site.remove() }

        // 1. The first deploy sends everything.
        let first = try deploy(site, remote)
        let public1 = try TestSite.tree(site.output)
        #expect(Set(first.uploaded) == Set(public1.keys))
        #expect(try remote.tree() == public1)

        // 2. One article edited: exactly the files whose bytes changed are sent.
        let before = try remote.stamps()
        Thread.sleep(forTimeInterval: 1.1) // servers that stamp to the second
        let names = try articles(site)
        try edit(site, article: names[0], adding: "وأكد الطرفان أهمية تبادل الخبرات في مجال التدريب الإعلامي.")
        try build(site)
        let public2 = try TestSite.tree(site.output)
        let changed = Set(public2.keys.filter { public1[$0] != public2[$0] })
        #expect(!changed.isEmpty && changed.count < public2.count / 2)
        let second = try deploy(site, remote)
        #expect(Set(second.uploaded) == changed)
        #expect(second.deleted.isEmpty)
        let after = try remote.stamps()
        let restored = Set(after.keys.filter { before[$0] != after[$0] })
        #expect(restored == changed, "the server stored other files than those that changed")
        #expect(try remote.tree() == public2)

        // 3. An article deleted: its page disappears only with the deletion step.
        let pagesBefore = articlePages(public2)
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/articles/\(names[1])"))
        try build(site)
        let public3 = try TestSite.tree(site.output)
        let gone = pagesBefore.subtracting(articlePages(public3))
        #expect(gone.count == 1)
        let steps = Steps()
        let third = try deploy(site, remote) { step in
            let there = try remote.tree()
            steps.append(step.kind)
            for page in gone {
                #expect((there[page] == nil) == step.isDeletion, "\(page) after \(step.kind.rawValue)")
            }
        }
        #expect(steps.kinds.last == .deletions)
        #expect(Set(third.deleted) == Set(public2.keys).subtracting(public3.keys))
        #expect(try remote.tree() == public3)

        // 4. Interrupted after its first step (the server stops answering); the next run completes it.
        try edit(site, article: names[2], adding: "وتشمل المذكرة تنظيم ورش عمل مشتركة.")
        try site.write("content/articles/zz-deploy-new.md", TestSite.articleText(title: "اتفاقية تعاون جديدة بين مؤسستين إعلاميتين", body: "نص الاتفاقية الجديدة."))
        try build(site)
        let public4 = try TestSite.tree(site.output)
        let interrupted = TestFlag()
        #expect(throws: DeployError.self) {
            try deploy(site, remote) { _ in
                if !interrupted.value { interrupted.value = true; try remote.interrupt() }
            }
        }
        try remote.restore()
        #expect(interrupted.value)
        #expect(try remote.tree() != public4)
        let completing = try deploy(site, remote)
        #expect(!completing.uploaded.isEmpty)
        #expect(try remote.tree() == public4)
        // And now there is nothing left to do.
        let idle = try deploy(site, remote)
        #expect(idle.uploaded.isEmpty && idle.deleted.isEmpty)

        // 5. Without the record (another machine deployed; .taawun/ deleted) the remote is listed:
        // where it gives checksums nothing is sent again, elsewhere everything is.
        try FileManager.default.removeItem(at: site.state.appendingPathComponent("deploys"))
        let listed = try deploy(site, remote)
        #expect(Set(listed.uploaded) == (remote.listsChecksums ? [] : Set(public4.keys)))
        #expect(listed.deleted.isEmpty)
        #expect(try remote.tree() == public4)
    }
}

final class Steps: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [DeployPlan.StepKind] = []
    func append(_ kind: DeployPlan.StepKind) { lock.lock(); list.append(kind); lock.unlock() }
    var kinds: [DeployPlan.StepKind] { lock.lock(); defer { lock.unlock() }; return list }
}

final class TestFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = false
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}

/// Files on disk: their bytes, and a stamp (inode, change time) that storing them again changes.
enum DiskTree {
    static func stamps(_ folder: URL) throws -> [String: String] {
        var stamps: [String: String] = [:]
        for path in try TestSite.tree(folder).keys {
            var info = stat()
            stat(folder.appendingPathComponent(path).path, &info)
            stamps[path] = "\(info.st_ino) \(info.st_ctim.tv_sec).\(info.st_ctim.tv_nsec)"
        }
        return stamps
    }
}
