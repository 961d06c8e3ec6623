import Diagnostics
import Foundation
import Testing
@testable import PreviewServer

@Suite struct RequestPathTests {
    @Test func decodesPercentEncodedArabicAfterSplitting() {
        #expect(RequestPath.components("/") == [])
        #expect(RequestPath.components("/articles/%D8%AA%D8%B9%D8%A7%D9%88%D9%86/") == ["articles", "تعاون"])
        #expect(RequestPath.components("/articles/تعاون/index.html") == ["articles", "تعاون", "index.html"])
        #expect(RequestPath.components("//assets///style.css") == ["assets", "style.css"])
        #expect(RequestPath.components("/a%20b.txt") == ["a b.txt"])
    }

    @Test func refusesEverythingThatCouldLeaveTheFolder() {
        for path in [
            "/..", "/../etc/passwd", "/articles/../../etc/passwd", "/./index.html",
            "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/articles/%2e%2e%2f%2e%2e%2fsecret",
            "/..%2Fsecret", "/a%2Fb", "/a%5C..%5Cb", "/a\\b", "/%00", "/a%0A", "/%zz", "/%", "/%C0%AE%C0%AE/x",
            "/.taawun-manifest", "/.taawun-cache/index", "/.git/config", "relative/path", "",
        ] {
            #expect(RequestPath.components(path) == nil, "\(path)")
        }
    }

    @Test func followsSymbolicLinksOnlyInsideTheFolder() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("taawun-path-\(UUID().uuidString)")
        let root = base.appendingPathComponent("root")
        defer { try? fm.removeItem(at: base) }
        try fm.createDirectory(at: root.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data("in".utf8).write(to: root.appendingPathComponent("sub/inside.txt"))
        try Data("out".utf8).write(to: base.appendingPathComponent("secret.txt"))
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("alias.txt").path, withDestinationPath: "sub/inside.txt")
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("leak.txt").path, withDestinationPath: base.appendingPathComponent("secret.txt").path)
        try fm.createSymbolicLink(atPath: root.appendingPathComponent("up").path, withDestinationPath: "..")

        #expect(RequestPath.resolve(["sub", "inside.txt"], in: root)?.lastPathComponent == "inside.txt")
        #expect(RequestPath.resolve(["alias.txt"], in: root)?.lastPathComponent == "inside.txt")
        #expect(RequestPath.resolve([], in: root) != nil)
        #expect(RequestPath.resolve(["leak.txt"], in: root) == nil)
        #expect(RequestPath.resolve(["up", "secret.txt"], in: root) == nil)
        #expect(RequestPath.resolve(["up"], in: root) == nil)
        #expect(RequestPath.resolve(["missing.txt"], in: root) == nil)
    }
}

@Suite struct FileTreeTests {
    @Test func seesAddedModifiedRemovedAndRenamedFilesButNotEditorsTemporaryFiles() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("taawun-tree-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let folder = root.appendingPathComponent("content/articles")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        func scan() -> FileTree { FileTree.scan([root.appendingPathComponent("content"), root.appendingPathComponent("templates")], relativeTo: root) }

        try Data("a".utf8).write(to: folder.appendingPathComponent("a.md"))
        try Data("b".utf8).write(to: folder.appendingPathComponent("b.md"))
        let first = scan()
        #expect(first.files.keys.sorted() == ["content/articles/a.md", "content/articles/b.md"])

        for name in [".a.md.swp", "a.md~", "4913", ".#a.md", "x.swx"] {
            try Data("tmp".utf8).write(to: folder.appendingPathComponent(name))
        }
        #expect(first.changes(to: scan()).isEmpty)

        try Data("a, edited".utf8).write(to: folder.appendingPathComponent("a.md"))
        try Data("c".utf8).write(to: folder.appendingPathComponent("c.md"))
        try fm.moveItem(at: folder.appendingPathComponent("b.md"), to: folder.appendingPathComponent("b2.md"))
        let changes = first.changes(to: scan())
        #expect(changes.modified == ["content/articles/a.md"])
        #expect(changes.added == ["content/articles/b2.md", "content/articles/c.md"])
        #expect(changes.removed == ["content/articles/b.md"])
        #expect(changes.all == ["content/articles/a.md", "content/articles/b.md", "content/articles/b2.md", "content/articles/c.md"])
    }

    @Test func aSameSizeEditIsSeenThroughTheModificationTime() throws {
        let fm = FileManager.default
        let root = fm.temporaryDirectory.appendingPathComponent("taawun-tree-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: root) }
        let file = root.appendingPathComponent("content/site.yaml")
        try fm.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("title: أ".utf8).write(to: file)
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: file.path)
        let before = FileTree.scan([root.appendingPathComponent("content")], relativeTo: root)
        let handle = try FileHandle(forWritingTo: file)
        handle.write(Data("title: ب".utf8))
        try handle.close()
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_001)], ofItemAtPath: file.path)
        #expect(before.changes(to: FileTree.scan([root.appendingPathComponent("content")], relativeTo: root)).modified == ["content/site.yaml"])
    }
}

@Suite struct LiveReloadTests {
    @Test func injectsBeforeTheLastClosingBodyInAnyCase() {
        let script = LiveReload.script(generation: "g-1")
        let html = Data("<html><body><pre>&lt;/body&gt; </body></pre></BODY>\n</html>".utf8)
        let out = String(decoding: LiveReload.inject(script, into: html), as: UTF8.self)
        #expect(out == "<html><body><pre>&lt;/body&gt; </body></pre>\(script)</BODY>\n</html>")
        #expect(String(decoding: LiveReload.inject(script, into: Data("<p>x</p>".utf8)), as: UTF8.self) == "<p>x</p>" + script)
    }

    @Test func theScriptListensToTheEventStreamAndCannotBeClosedEarly() {
        let script = LiveReload.script(generation: "</script><b>")
        #expect(script.contains("new EventSource(\"/__taawun/events\")"))
        #expect(script.contains("visibilitychange"))
        #expect(script.components(separatedBy: "</script>").count == 2, "only the real end tag")
    }
}

@Suite struct StatusPagesTests {
    let diagnostics = [
        Diagnostic.error(at: SourceLocation(file: "content/articles/x.md", line: 3, column: 7), "unknown country «أطلانتس»",
                         hint: "write the two-letter code <QA>"),
        Diagnostic.warning(at: SourceLocation(file: "content/articles/y.md", line: 2, column: 1), "a warning"),
    ]

    @Test func theErrorPageIsRightToLeftWithPathsAndMessagesIsolated() {
        let html = StatusPages.errors(diagnostics) { path in
            path == "content/articles/x.md" ? ["---", "title: س", "countries: [أطلانتس]", "---"] : nil
        }
        #expect(html.contains("<html lang=\"ar\" dir=\"rtl\">"))
        #expect(html.contains("<code dir=\"ltr\"><bdi>content/articles/x.md:3:7</bdi></code>"))
        #expect(html.contains("<bdi dir=\"ltr\">unknown country «أطلانتس»</bdi>"))
        #expect(html.contains("<span class=\"line\" dir=\"ltr\">3</span> <bdi dir=\"auto\">countries: [أطلانتس]</bdi>"))
        #expect(html.contains("write the two-letter code &lt;QA&gt;"), "hints are escaped")
        #expect(html.contains("خطأ واحد") && html.contains("تنبيه واحد"))
        #expect(html.range(of: "x.md:3:7")!.lowerBound < html.range(of: "y.md:2:1")!.lowerBound, "errors first")
    }

    @Test func countsAgreeInArabic() {
        #expect(StatusPages.count(2, "خطأ واحد", "خطآن", "أخطاء", "خطأً", "خطأ") == "خطآن")
        #expect(StatusPages.count(5, "خطأ واحد", "خطآن", "أخطاء", "خطأً", "خطأ") == "5 أخطاء")
        #expect(StatusPages.count(12, "خطأ واحد", "خطآن", "أخطاء", "خطأً", "خطأ") == "12 خطأً")
        #expect(StatusPages.count(100, "خطأ واحد", "خطآن", "أخطاء", "خطأً", "خطأ") == "100 خطأ")
    }
}

@Suite struct AbandonedFolderTests {
    @Test func foldersOfKilledPreviewsAreRemovedOthersKept() throws {
        let fm = FileManager.default
        let temporary = fm.temporaryDirectory
        let dead = temporary.appendingPathComponent(PreviewServer.folderPrefix + "test-dead-\(UUID().uuidString)")
        let alive = temporary.appendingPathComponent(PreviewServer.folderPrefix + "test-alive-\(UUID().uuidString)")
        let unknown = temporary.appendingPathComponent(PreviewServer.folderPrefix + "test-unknown-\(UUID().uuidString)")
        defer { for folder in [dead, alive, unknown] { try? fm.removeItem(at: folder) } }
        for folder in [dead, alive, unknown] { try fm.createDirectory(at: folder.appendingPathComponent("site"), withIntermediateDirectories: true) }
        // A process that has exited, recorded as a preview records itself while it runs: its pid
        // is free, or taken by a process or thread that started later.
        let exited = Process()
        exited.executableURL = URL(fileURLWithPath: "/bin/sleep")
        exited.arguments = ["30"]
        try exited.run()
        let record = PreviewServer.owner(exited.processIdentifier)
        #expect(record.split(separator: " ").count == 2, "the start time is recorded")
        kill(exited.processIdentifier, SIGKILL)
        exited.waitUntilExit()
        try Data(record.utf8).write(to: dead.appendingPathComponent(PreviewServer.ownerFile))
        try Data(PreviewServer.owner(1).utf8).write(to: alive.appendingPathComponent(PreviewServer.ownerFile))
        // A pid that is running, but since another start than the one recorded: reused.
        let reused = temporary.appendingPathComponent(PreviewServer.folderPrefix + "test-reused-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: reused) }
        try fm.createDirectory(at: reused, withIntermediateDirectories: true)
        let start = try #require(PreviewServer.startTime(of: 1))
        try Data("1 \(start + 1)".utf8).write(to: reused.appendingPathComponent(PreviewServer.ownerFile))

        PreviewServer.removeAbandonedFolders()
        #expect(!fm.fileExists(atPath: dead.path))
        #expect(fm.fileExists(atPath: alive.path), "pid 1 is running")
        #expect(fm.fileExists(atPath: unknown.path), "no owner file: not ours to judge")
        #expect(!fm.fileExists(atPath: reused.path), "pid 1 is running, but not the process that made the folder")
    }
}

@Suite struct RequestHeadTests {
    let limits = RequestLimits()

    func parse(_ text: String) throws(RequestHead.Refusal) -> RequestHead? {
        try RequestHead.parse(Array(text.utf8), limits: limits)?.head
    }

    @Test func readsARequestAndLeavesThePipelinedOneAfterIt() throws {
        let text = "GET /a?b=1 HTTP/1.1\r\nHost: localhost:8080\r\nAccept:  text/html \r\n\r\nGET /next"
        let (head, length) = try #require(try RequestHead.parse(Array(text.utf8), limits: limits))
        #expect(head.method == "GET" && head.target == "/a?b=1" && head.version == "HTTP/1.1")
        #expect(head.values("host") == ["localhost:8080"])
        #expect(head.values("Accept") == ["text/html"])
        #expect(String(decoding: Array(text.utf8)[length...], as: UTF8.self) == "GET /next")
        #expect(head.request.target.path(percentEncoded: true) == "/a")
        #expect(try parse("GET / HTTP/1.1\r\nHost: x\r\n") == nil, "incomplete: wait for more")
    }

    @Test func refusesAsSoonAsALimitIsCrossed() {
        let longest = "GET /" + String(repeating: "a", count: limits.requestLine - 14) + " HTTP/1.1"
        #expect(longest.utf8.count == limits.requestLine)
        #expect((try? parse(longest + "\r\nHost: x\r\n\r\n")) != nil, "exactly at the limit is fine")
        #expect(throws: RequestHead.Refusal.requestLineTooLong(limit: limits.requestLine)) { try parse("GET /a" + longest + "\r\n\r\n") }
        // No end of line yet: refused without waiting for it.
        #expect(throws: RequestHead.Refusal.requestLineTooLong(limit: limits.requestLine)) {
            try parse("GET /" + String(repeating: "a", count: limits.requestLine))
        }
        #expect(throws: RequestHead.Refusal.headersTooLarge(limit: limits.headers)) {
            try parse("GET / HTTP/1.1\r\nCookie: " + String(repeating: "c", count: limits.headers))
        }
    }

    @Test func refusesWhatIsNotARequest() {
        for text in ["GET /\r\n\r\n", "GET / HTTP/2\r\n\r\n", "GET http://a/ HTTP/1.1\r\n\r\n", "GET /a\tb HTTP/1.1\r\n\r\n",
                     "GET / HTTP/1.1\r\nNo colon\r\n\r\n", "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nA: b\rc\r\n\r\n"] {
            #expect(throws: RequestHead.Refusal.self, "\(text)") { try parse(text) }
        }
    }
}

@Suite struct AllowedHostsTests {
    @Test func loopbackAnswersOnlyItsOwnNames() {
        let hosts = AllowedHosts(listeningOn: "127.0.0.1", computerName: "desk")
        for value in ["localhost", "localhost:8080", "LOCALHOST.", "127.0.0.1:1", "[::1]", "[::1]:8080"] {
            #expect(hosts.check([value], isHTTP11: true) == .allowed, "\(value)")
        }
        for value in ["desk", "10.0.0.2", "attacker.example:8080", "localhost.attacker.example", "localhost:80@evil", "[::1", "localhost:"] {
            #expect(hosts.check([value], isHTTP11: true) == .misdirected(value), "\(value)")
        }
        #expect(hosts.check([], isHTTP11: true) == .badHost("no Host header"))
        #expect(hosts.check([], isHTTP11: false) == .allowed)
        #expect(hosts.check(["localhost", "attacker.example"], isHTTP11: true) == .badHost("more than one Host header"))
    }

    @Test func everyInterfaceAlsoAnswersAddressesAndTheComputersName() {
        let hosts = AllowedHosts(listeningOn: "0.0.0.0", computerName: "Desk")
        for value in ["desk:8080", "desk.local", "192.168.1.20:8080", "[fe80::1]:8080", "0.0.0.0"] {
            #expect(hosts.check([value], isHTTP11: true) == .allowed, "\(value)")
        }
        #expect(hosts.check(["attacker.example"], isHTTP11: true) == .misdirected("attacker.example"))
        #expect(AllowedHosts(listeningOn: "192.168.1.20").check(["192.168.1.20:8080"], isHTTP11: true) == .allowed)
        #expect(AllowedHosts(listeningOn: "::").check(["[2001:db8::1]"], isHTTP11: true) == .allowed)
    }
}
