import ArabicText
import BuildState
import Diagnostics
import FlyingFox
import Foundation
import Pipeline
import TaawunTesting
import Testing
@testable import PreviewServer

/// The preview end to end: real files in a temporary site folder, real HTTP on 127.0.0.1.
@Suite struct PreviewServerTests {
    static let slugA = "خبر-التعاون-الأول"
    var pathA: String { "/articles/\(Slug.percentEncoded(Self.slugA))/" }

    func site() throws -> TestSite {
        let site = try TestSite.withSecretOutside()
        try site.article("a", title: "خبر التعاون الأول", body: "الفقرة الأولى من الخبر.")
        try site.article("draft", title: "مسودة لم تنشر", extra: "draft: true\n", body: "نص المسودة.")
        return site
    }

    @Test func servesTheSiteWithDraftsAndTheReloadScriptOutsidePublic() async throws {
        let site = try site()
        defer { site.remove() }
        var output: URL?
        try await RunningPreview.with(site) { preview in
            output = preview.server.output
            #expect(preview.url.host == "127.0.0.1")
            try await preview.waitUntilBuilt()

            let home = try await preview.get("/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"]?.hasPrefix("text/html") == true)
            #expect(home.headers["cache-control"] == "no-store")
            #expect(home.body.contains("/__taawun/events"))
            #expect(home.body.range(of: "/__taawun/events")!.lowerBound < home.body.range(of: "</body>", options: .backwards)!.lowerBound)

            let article = try await preview.get(pathA)
            #expect(article.status == 200)
            #expect(article.body.contains("الفقرة الأولى من الخبر."))
            let draft = try await preview.get("/articles/\(Slug.percentEncoded("مسودة-لم-تنشر"))/")
            #expect(draft.status == 200, "drafts are previewed")
            #expect(draft.body.contains("نص المسودة."))

            let noSlash = try await preview.raw("/articles/\(Slug.percentEncoded(Self.slugA))")
            #expect(noSlash.status == 302)
            #expect(noSlash.headers["location"] == pathA)

            let head = try await offThePool { [port = preview.port] in
                let connection = try RawConnection(port: port)
                defer { connection.close() }
                try connection.send("HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                return connection.readToEnd(deadline: Date().addingTimeInterval(20))
            }
            #expect(head.hasPrefix("HTTP/1.1 200"))
            #expect(head.hasSuffix("\r\n\r\n"), "HEAD has headers only")
            #expect(head.contains("Content-Length: \(home.body.utf8.count)"))

            let css = try await preview.get("/assets/style.css")
            #expect(css.status == 200)
            #expect(css.headers["content-type"]?.hasPrefix("text/css") == true)
            #expect(!css.body.contains("EventSource"), "only HTML gets the script")

            let missing = try await preview.get("/articles/لا-يوجد/")
            #expect(missing.status == 404)
            #expect(missing.body.contains("/__taawun/events"), "a missing page reloads once it exists")

            #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent("public").path), "public/ is left alone")
            #expect(!preview.server.output.path.hasPrefix(site.root.path + "/"))
            #expect(FileManager.default.fileExists(atPath: preview.server.output.appendingPathComponent("index.html").path))
        }
        #expect(!FileManager.default.fileExists(atPath: try #require(output).path), "the temporary build is removed on exit")
    }

    @Test func neverServesAFileOutsideTheSite() async throws {
        let site = try site()
        defer { site.remove() }
        try site.write("content/images/photo.jpg", "JPEG")
        let fm = FileManager.default
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("content/images/leak.txt").path,
                                  withDestinationPath: site.outside.appendingPathComponent("secret.txt").path)
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("content/images/outside").path,
                                  withDestinationPath: site.outside.path)
        try fm.createSymbolicLink(atPath: site.root.appendingPathComponent("content/images/alias.jpg").path,
                                  withDestinationPath: "photo.jpg")
        try await RunningPreview.with(site) { preview in
            try await preview.waitUntilBuilt()

            #expect(try await preview.raw("/images/photo.jpg").body == "JPEG")
            #expect(try await preview.raw("/images/alias.jpg").body == "JPEG", "links inside the site are fine")
            let depth = String(repeating: "../", count: 12)
            let encodedDepth = String(repeating: "%2e%2e/", count: 12)
            let outsideFromOutput = "\(preview.server.output.path)/../../../"
            for target in [
                "/../outside/secret.txt", "/\(depth)etc/passwd", "/\(encodedDepth)etc/passwd", "/%2E%2E%2F%2E%2E%2Foutside%2Fsecret.txt",
                "/images/..%2F..%2F..%2Foutside%2Fsecret.txt", "/images/%2e%2e/%2e%2e/%2e%2e/outside/secret.txt",
                "/images/leak.txt", "/images/outside/secret.txt", "/.taawun-manifest", "/%00", outsideFromOutput,
                "/articles/..\\..\\..\\outside\\secret.txt",
            ] {
                let response = try await preview.raw(target)
                #expect(response.status != 200, "\(target) → \(response.status)")
                #expect(!response.body.contains("TOP-SECRET"), "\(target)")
                #expect(!response.body.contains("root:"), "\(target)")
            }
        }
    }

    /// With a poll of two minutes, only the change notification (inotify) can bring a rebuild
    /// within `waitForBuild`'s 30 seconds: a save in a watched folder, and in a folder made
    /// after the preview started.
    @Test func aSaveIsSeenAtOnceNotAtTheNextPoll() async throws {
        let site = try site()
        defer { site.remove() }
        try await RunningPreview.with(site, pollInterval: 120) { preview in
            var status = try await preview.waitUntilBuilt()
            try site.article("a", title: "خبر التعاون الأول", body: "نص حفظه المحرر للتو.")
            status = try await preview.waitForBuild(after: status)
            #expect(try await preview.get(pathA).body.contains("نص حفظه المحرر للتو."))

            try site.write("content/articles/2025/new.md", "---\ntitle: \"خبر في مجلد جديد\"\ndate: 2025-01-02\n---\nنص.\n")
            status = try await preview.waitForBuild(after: status)
            try site.article("2025/new", title: "خبر في مجلد جديد بعد التعديل")
            status = try await preview.waitForBuild(after: status)
            #expect(try await preview.get("/").body.contains("خبر في مجلد جديد بعد التعديل"))
        }
    }

    @Test func watcherRebuildsOnEditAddDeleteAndRename() async throws {
        let site = try site()
        defer { site.remove() }
        try await RunningPreview.with(site) { preview in
            var status = try await preview.waitUntilBuilt()
            #expect(status.state == "ready")

            // Edit.
            try site.article("a", title: "خبر التعاون الأول", body: "نص بعد التعديل.")
            status = try await preview.waitForBuild(after: status)
            #expect(try await preview.get(pathA).body.contains("نص بعد التعديل."))

            // Add.
            try site.article("b", title: "خبر جديد تماما")
            status = try await preview.waitForBuild(after: status)
            let pathB = "/articles/\(Slug.percentEncoded("خبر-جديد-تماما"))/"
            #expect(try await preview.get(pathB).status == 200)
            #expect(try await preview.get("/").body.contains("خبر جديد تماما"))

            // Rename: the address comes from the title, so it stays; the old file name is gone.
            try FileManager.default.moveItem(at: site.root.appendingPathComponent("content/articles/b.md"),
                                             to: site.root.appendingPathComponent("content/articles/b-renamed.md"))
            try site.article("b-renamed", title: "خبر أعيدت تسميته")
            status = try await preview.waitForBuild(after: status)
            #expect(try await preview.get(pathB).status == 404)
            #expect(try await preview.get("/articles/\(Slug.percentEncoded("خبر-أعيدت-تسميته"))/").status == 200)

            // Delete.
            try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/articles/a.md"))
            status = try await preview.waitForBuild(after: status)
            #expect(try await preview.get(pathA).status == 404)
            #expect(!(try await preview.get("/").body.contains("خبر التعاون الأول")))

            // After all that, incremental rebuilds left exactly what a clean build writes.
            let clean = site.sandbox.appendingPathComponent("clean", isDirectory: true)
            _ = try SiteBuild(options: BuildOptions(root: site.root, output: clean, includeDrafts: true)).run()
            let rebuilt = try TestSite.tree(preview.server.output), fresh = try TestSite.tree(clean)
            #expect(rebuilt.keys.sorted() == fresh.keys.sorted())
            #expect(rebuilt == fresh, "byte-identical to a clean build")
        }
    }

    @Test func brokenLinksFailTheBuild() async throws {
        let site = try site()
        defer { site.remove() }
        let events = EventLog()
        try await RunningPreview.with(site, events: events.record) { preview in
            let status = try await preview.waitUntilBuilt()
            try site.article("a", title: "خبر التعاون الأول", body: "انظر [خبرًا لا وجود له](../لا-وجود-له/).")
            try await preview.waitForBuild(after: status)
            // The build refuses it, as taawun check does: the browser shows the error.
            try await preview.waitUntil("the link error") {
                events.failures.contains { $0.message.contains("لا-وجود-له") && $0.location.file == "content/articles/a.md" && $0.location.line == 5 }
            }
            #expect(events.listening == [preview.url])
        }
    }

    /// What the preview reported, recorded from its threads.
    final class EventLog: @unchecked Sendable {
        private let lock = NSLock()
        private var all: [PreviewEvent] = []
        func record(_ event: PreviewEvent) { lock.withLock { all.append(event) } }
        var failures: [Diagnostic] {
            lock.withLock { all.flatMap { if case .failed(let found, _) = $0 { return found } else { return [] } } }
        }
        var listening: [URL] {
            lock.withLock { all.compactMap { if case .listening(let url) = $0 { return url } else { return nil } } }
        }
    }

    @Test func aBrokenFileShowsItsErrorsAndThePageRecoversWhenFixed() async throws {
        let site = try site()
        defer { site.remove() }
        try await RunningPreview.with(site) { preview in
            var status = try await preview.waitUntilBuilt()

            try site.write("content/articles/a.md", "---\ntitle: \"خبر التعاون الأول\"\ndate: 2024-02-30\n---\nنص.\n")
            status = try await preview.waitForBuild(after: status)
            #expect(status.state == "failed")
            #expect(status.errors == 1)

            let page = try await preview.get(pathA)
            #expect(page.status == 500)
            #expect(page.body.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(page.body.contains("<code dir=\"ltr\"><bdi>content/articles/a.md:3:7</bdi></code>"))
            #expect(page.body.contains("2024-02-30"))
            #expect(page.body.contains("/__taawun/events"), "the error page reloads itself too")
            #expect(!page.body.contains("الفقرة الأولى من الخبر."), "not the stale page")
            #expect(try await preview.get("/").status == 500, "every page shows the errors")
            #expect(try await preview.get("/assets/style.css").status == 200)

            try site.article("a", title: "خبر التعاون الأول", body: "صُحّح التاريخ.")
            status = try await preview.waitForBuild(after: status)
            #expect(status.state == "ready")
            let fixed = try await preview.get(pathA)
            #expect(fixed.status == 200)
            #expect(fixed.body.contains("صُحّح التاريخ."))
        }
    }

    @Test func theEventStreamAnnouncesEveryNewBuild() async throws {
        let site = try site()
        defer { site.remove() }
        try await RunningPreview.with(site) { preview in
            let built = try await preview.waitUntilBuilt()

            let stream = try RawConnection(port: preview.port)
            defer { stream.close() }
            try stream.send("GET /__taawun/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            let received = Received()
            func nextGeneration(after known: Set<String>) async throws -> String {
                try await offThePool {
                    let deadline = Date().addingTimeInterval(30)
                    while Date() < deadline {
                        let generations = received.text.components(separatedBy: "\n").filter { $0.hasPrefix("data: ") }.map { String($0.dropFirst(6)) }
                        if let fresh = generations.first(where: { !known.contains($0) }) { return fresh }
                        guard let chunk = stream.readSome() else { break }
                        received.text += String(decoding: chunk, as: UTF8.self)
                    }
                    throw RunningPreview.Timeout(what: "an event")
                }
            }
            let first = try await nextGeneration(after: [])
            #expect(first == built.generation, "a new stream is told the current build at once")
            #expect(received.text.contains("text/event-stream"))

            try site.article("a", title: "خبر التعاون الأول", body: "تعديل يعلن عنه.")
            let second = try await nextGeneration(after: [first])
            #expect(second != first)
            #expect(try await preview.status().generation == second)
        }
    }

    /// What the event stream has sent so far (read on another thread).
    final class Received: @unchecked Sendable {
        var text = ""
    }

    @Test func theBuildingPageIsServedUntilTheFirstBuildEnds() async throws {
        let site = try site()
        defer { site.remove() }
        // Never started: the state is "building", as in the first moments of `taawun serve`.
        let server = try PreviewServer(options: PreviewOptions(root: site.root, port: 0))
        let request = HTTPRequest(method: .GET, version: .http11, path: "/articles/x/", query: [], headers: [.host: "127.0.0.1"], body: Data())
        let response = try? await PreviewHandler(preview: server).handleRequest(request)
        let data = try? await response?.bodyData
        await server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.output.deletingLastPathComponent().path))
        #expect(response?.statusCode == .serviceUnavailable)
        let body = String(decoding: try #require(data), as: UTF8.self)
        #expect(body.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(body.contains("جارٍ بناء الموقع"))
        #expect(body.contains("/__taawun/events"), "it reloads itself when the build is done")
    }

    @Test func aSecondPreviewOnTheSamePortSaysSo() async throws {
        let site = try site()
        defer { site.remove() }
        try await RunningPreview.with(site) { preview in
            let second = try PreviewServer(options: PreviewOptions(root: site.root, port: UInt16(preview.port)))
            await #expect(throws: PreviewError.self) { try await second.start() }
            #expect(throws: PreviewError.badHost("not-an-address")) {
                _ = try PreviewServer.address(host: "not-an-address", port: 0)
            }
            #expect(throws: PreviewError.self) { try PreviewServer(options: PreviewOptions(root: site.outside)) }
        }
    }
}
