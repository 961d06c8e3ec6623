import Deploy
import Foundation
import TaawunTesting
import Testing

/// The order of a deploy, checked on a real site: after every single step, no page on the remote
/// links to a file that is not there. And the check can fail: the same changes sent with the
/// changed pages before the new ones leave the home page linking to an article not yet there.
extension BlockingDeployTests {
@Suite struct DeployOrderTests {
    /// Every internal link of every page of `tree` that leads to no file of `tree`.
    static func brokenLinks(_ tree: [String: Data]) -> [String] {
        var broken: [String] = []
        for (path, data) in tree where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for href in HTML.links(in: html) {
                guard let target = HTML.resolve(href, from: path) else { continue }
                if tree[target] == nil && tree[target + "index.html"] == nil && tree[target + "/index.html"] == nil {
                    broken.append("\(path) → \(href)")
                }
            }
        }
        return broken.sorted()
    }

    /// The seed site deployed to a folder, then changed: an article added (naming organisations that
    /// have pages), one edited, one deleted, and built again.
    static func changedSite() throws -> (TestSite, URL) {
        let site = try DeployScenario.builtSite()
        let folder = URL(fileURLWithPath: "/tmp/deploy-order-\(UUID().uuidString.prefix(8))")
        let remote = TestRemote(destination: folder.path, environment: TestEnvironment.base,
                                tree: { try TestSite.tree(folder) }, stamps: { [:] }, interrupt: {}, restore: {})
        try DeployScenario.deploy(site, remote)
        #expect(brokenLinks(try TestSite.tree(folder)).isEmpty)
        let names = try DeployScenario.articles(site)
        let named = try String(contentsOf: site.root.appendingPathComponent("content/articles/\(names[0])"), encoding: .utf8)
        // The new article names the same organisations as the first seed article.
        let organizations = named.components(separatedBy: "\n").drop { !$0.hasPrefix("organizations:") }.prefix { !$0.hasPrefix("---") }
            .prefix(while: { $0.hasPrefix("organizations:") || $0.hasPrefix("  -") || $0.hasPrefix("- ") }).joined(separator: "\n")
        try site.write("content/articles/zz-order-new.md",
                       TestSite.articleText(title: "شراكة إعلامية جديدة لتبادل المحتوى", organizations.isEmpty ? "" : organizations,
                                            body: "تتعاون المؤسستان في إنتاج المحتوى."))
        try DeployScenario.edit(site, article: names[3], adding: "وتمتد الشراكة ثلاث سنوات.")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/articles/\(names[4])"))
        try DeployScenario.build(site)
        return (site, folder)
    }

    @Test func noPageLinksToAMissingOneAfterAnyStep() async throws {
        try await OffThePool.run {
        let (site, folder) = try Self.changedSite()
        defer { site.remove(); try? FileManager.default.removeItem(at: folder) }
        let remote = TestRemote(destination: folder.path, environment: TestEnvironment.base,
                                tree: { try TestSite.tree(folder) }, stamps: { [:] }, interrupt: {}, restore: {})
        let steps = Steps()
        try DeployScenario.deploy(site, remote) { step in
            steps.append(step.kind)
            let broken = Self.brokenLinks(try TestSite.tree(folder))
            #expect(broken.isEmpty, "after \(step.kind.rawValue): \(broken.prefix(5))")
        }
        #expect(steps.kinds.contains(.newPages) && steps.kinds.contains(.changedPages) && steps.kinds.last == .deletions)
        #expect(try TestSite.tree(folder) == TestSite.tree(site.output))
    }
    }

    @Test func theCheckFailsForAnotherOrder() async throws {
        try await OffThePool.run {
        let (site, folder) = try Self.changedSite()
        defer { site.remove(); try? FileManager.default.removeItem(at: folder) }
        let remote = TestRemote(destination: folder.path, environment: TestEnvironment.base,
                                tree: { try TestSite.tree(folder) }, stamps: { [:] }, interrupt: {}, restore: {})
        var deployment = try DeployScenario.deployment(site, remote)
        let (plan, state) = try deployment.prepare()
        // The changed pages first: the home page then links to the new article before it is there.
        var wrong = plan
        wrong.steps.sort { a, b in a.kind == .changedPages && b.kind != .changedPages }
        #expect(wrong.steps.first?.kind == .changedPages)
        let found = TestFlag()
        deployment.afterStep = { step in
            if try step.kind == .changedPages && !Self.brokenLinks(TestSite.tree(folder)).isEmpty { found.value = true }
        }
        _ = try deployment.run(wrong, remote: state)
        #expect(found.value, "sending changed pages before new ones should have left a broken link")
    }
    }
}
}
