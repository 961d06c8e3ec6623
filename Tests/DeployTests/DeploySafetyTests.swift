import BuildState
import Deploy
import Foundation
import Output
import TaawunTesting
import Testing

/// What a deploy refuses, what a dry run leaves alone, and where credentials never go.
extension BlockingDeployTests {
@Suite struct DeploySafetyTests {
    static func folderRemote(_ folder: URL) -> TestRemote {
        TestRemote(destination: folder.path, environment: TestEnvironment.base,
                   tree: { try TestSite.tree(folder) }, stamps: { [:] }, interrupt: {}, restore: {})
    }

    @Test func refusesWhatTheRecordDoesNotVouchFor() async throws {
        try await OffThePool.run {
        let site = try TestSite(.repository)
        defer { site.remove() }
        #expect(throws: DeployError.noBuild) { try PublishedSite.read(root: site.root) }
        try DeployScenario.build(site)
        _ = try PublishedSite.read(root: site.root)

        // A failed build (as the command records it).
        BuildOutcome.recordFailure("build failed: 1 error; public/ was left as it was", state: site.state)
        #expect(throws: DeployError.lastBuildFailed("build failed: 1 error; public/ was left as it was")) {
            try PublishedSite.read(root: site.root)
        }
        BuildOutcome.recordSuccess(state: site.state)

        // A file taken out of public/ by hand.
        let tree = try TestSite.tree(site.output)
        let page = try #require(tree.keys.sorted().first { $0.hasSuffix(".html") })
        try FileManager.default.removeItem(at: site.output.appendingPathComponent(page))
        #expect(throws: DeployError.self) { try PublishedSite.read(root: site.root) }
        try tree[page]!.write(to: site.output.appendingPathComponent(page))

        // A file edited by hand: refused before anything is sent.
        let folder = URL(fileURLWithPath: "/tmp/deploy-safety-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("<p>edited</p>".utf8).write(to: site.output.appendingPathComponent(page))
        #expect(throws: DeployError.self) { try DeployScenario.deploy(site, Self.folderRemote(folder)) }
        #expect(!FileManager.default.fileExists(atPath: folder.path))

        // public/ replaced by a copy: another folder than the build published.
        try tree[page]!.write(to: site.output.appendingPathComponent(page))
        let copy = site.root.appendingPathComponent("public-copy")
        try FileManager.default.copyItem(at: site.output, to: copy)
        try FileManager.default.removeItem(at: site.output)
        try FileManager.default.moveItem(at: copy, to: site.output)
        #expect(throws: DeployError.self) { try PublishedSite.read(root: site.root) }
    }
    }

    /// A build that publishes a new site while a deploy runs: the deploy stops and says so (files
    /// it sent may come from either site), and the next deploy sends the new site whole.
    @Test func aBuildDuringTheDeployIsCaught() async throws {
        try await OffThePool.run {
        let site = try DeployScenario.builtSite()
        defer { site.remove() }
        let folder = URL(fileURLWithPath: "/tmp/deploy-overtaken-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let remote = Self.folderRemote(folder)
        try DeployScenario.deploy(site, remote)
        let names = try DeployScenario.articles(site)
        try DeployScenario.edit(site, article: names[0], adding: "جملة أولى.")
        try site.write("content/articles/zz-overtaken.md", TestSite.articleText(title: "خبر جديد أثناء النشر", body: "نص."))
        try DeployScenario.build(site)
        let built = TestFlag()
        #expect(throws: DeployError.self) {
            try DeployScenario.deploy(site, remote) { _ in
                guard !built.value else { return }
                built.value = true
                try DeployScenario.edit(site, article: names[1], adding: "جملة ثانية.")
                try DeployScenario.build(site)
            }
        }
        #expect(built.value)
        try DeployScenario.deploy(site, remote)
        #expect(try TestSite.tree(folder) == TestSite.tree(site.output))
    }
    }

    @Test func dryRunChangesNothing() async throws {
        try await OffThePool.run {
        let site = try DeployScenario.builtSite()
        defer { site.remove() }
        let folder = URL(fileURLWithPath: "/tmp/deploy-dry-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let deployment = try DeployScenario.deployment(site, Self.folderRemote(folder))
        let plan = try deployment.plan()
        #expect(plan.uploads.count == (try TestSite.tree(site.output)).count)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(!FileManager.default.fileExists(atPath: deployment.recordURL.path))
    }
    }

    @Test func aFolderInsideTheSiteIsRefused() async throws {
        try await OffThePool.run {
        let site = try DeployScenario.builtSite()
        defer { site.remove() }
        let remote = Self.folderRemote(site.output.appendingPathComponent("mirror"))
        #expect(throws: DeployError.self) { try DeployScenario.deploy(site, remote) }
    }
    }

    /// Without a record (another machine deployed, or .taawun/ was deleted) the remote is listed:
    /// only what differs is sent, and files no deploy of ours put there stay unless --delete.
    @Test func withoutARecordTheRemoteIsListed() async throws {
        try await OffThePool.run {
        let site = try DeployScenario.builtSite()
        defer { site.remove() }
        let folder = URL(fileURLWithPath: "/tmp/deploy-list-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: folder) }
        let remote = Self.folderRemote(folder)
        try DeployScenario.deploy(site, remote)
        try Data("theirs".utf8).write(to: folder.appendingPathComponent("verify-google.html"))
        let tree = try TestSite.tree(site.output)
        let page = try #require(tree.keys.sorted().first { $0.hasPrefix("articles/") })
        try Data("stale".utf8).write(to: folder.appendingPathComponent(page))
        try FileManager.default.removeItem(at: site.state.appendingPathComponent("deploys"))

        let summary = try DeployScenario.deploy(site, remote)
        #expect(summary.uploaded == [page])
        #expect(summary.deleted.isEmpty)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("verify-google.html").path))

        var deployment = try DeployScenario.deployment(site, remote, deletions: .everything)
        let (plan, state) = try deployment.prepare()
        #expect(plan.deletions == ["verify-google.html"])
        deployment.deletions = .everything
        _ = try deployment.run(plan, remote: state)
        #expect(try TestSite.tree(folder) == tree)
    }
    }
}
}
