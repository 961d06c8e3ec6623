import Deploy
import Foundation
import Testing

/// The plan as a function: what goes in which step, and what may be deleted.
struct DeployPlanTests {
    let site: [String: UInt64] = [
        "index.html": 2, "articles/a/index.html": 1, "articles/new/index.html": 5, "assets/style.css": 7,
        "feed.xml": 3, "sitemap.xml": 4, "organizations/new-org/feed.xml": 6, "robots.txt": 8,
    ]

    @Test func stepsInTheSafeOrder() {
        let remote = RemoteState(files: ["index.html": 1, "articles/a/index.html": 1, "assets/style.css": 6,
                                         "feed.xml": 3, "sitemap.xml": 3, "robots.txt": 8, "articles/old/index.html": 9])
        let plan = DeployPlan.make(site: site, remote: remote, deletions: .earlierDeploys)
        #expect(plan.steps.map(\.kind) == [.assets, .newPages, .changedPages, .feeds, .deletions])
        #expect(plan.steps[0].paths == ["assets/style.css"])
        #expect(plan.steps[1].paths == ["articles/new/index.html", "organizations/new-org/feed.xml"])
        #expect(plan.steps[2].paths == ["index.html"])
        #expect(plan.steps[3].paths == ["sitemap.xml"])
        #expect(plan.steps[4].paths == ["articles/old/index.html"])
        #expect(plan.unchanged == 3)
    }

    @Test func deletionsFollowThePolicy() {
        let remote = RemoteState(files: ["index.html": 2, "gone.html": 1], unsettled: ["half.html"], foreign: ["theirs.html"])
        let site = ["index.html": UInt64(2)]
        #expect(DeployPlan.make(site: site, remote: remote, deletions: .earlierDeploys).deletions.sorted() == ["gone.html", "half.html"])
        #expect(DeployPlan.make(site: site, remote: remote, deletions: .earlierDeploys).kept == ["theirs.html"])
        #expect(DeployPlan.make(site: site, remote: remote, deletions: .everything).deletions.sorted() == ["gone.html", "half.html", "theirs.html"])
        #expect(DeployPlan.make(site: site, remote: remote, deletions: .nothing).deletions.isEmpty)
    }

    @Test func unsettledFilesAreSentAgain() {
        let remote = RemoteState(files: site, unsettled: ["feed.xml"])
        let plan = DeployPlan.make(site: site, remote: remote, deletions: .earlierDeploys)
        #expect(plan.uploads == ["feed.xml"])
        // A foreign file the site has is changed, not new: a page may link to it already.
        let foreign = DeployPlan.make(site: ["a.html": 1], remote: RemoteState(foreign: ["a.html"]), deletions: .earlierDeploys)
        #expect(foreign.steps.map(\.kind) == [.changedPages])
    }

    @Test func deletedPagesGoBeforeDeletedAssets() {
        let remote = RemoteState(files: ["assets/style.1234abcd.css": 1, "b/index.html": 2, "a/index.html": 3])
        let plan = DeployPlan.make(site: [:], remote: remote, deletions: .earlierDeploys)
        #expect(plan.deletions == ["a/index.html", "b/index.html", "assets/style.1234abcd.css"])
    }

    @Test func headers() {
        #expect(ContentHeaders.of("articles/x/index.html").contentType == "text/html; charset=utf-8")
        #expect(ContentHeaders.of("feed.xml").contentType == "application/atom+xml; charset=utf-8")
        #expect(ContentHeaders.of("countries/qa/feed.xml").contentType == "application/atom+xml; charset=utf-8")
        #expect(ContentHeaders.of("sitemap.xml").contentType == "application/xml; charset=utf-8")
        #expect(ContentHeaders.of("images/2024/a.JPG").contentType == "image/jpeg")
        #expect(ContentHeaders.of("assets/style.3f2a9c1e.css").cacheControl == ContentHeaders.immutableCache)
        #expect(ContentHeaders.of("assets/style.css").cacheControl == ContentHeaders.dayCache)
        #expect(ContentHeaders.of("index.html").cacheControl == ContentHeaders.shortCache)
        #expect(!ContentHeaders.hasContentHash("jquery.min.js"))
    }
}
