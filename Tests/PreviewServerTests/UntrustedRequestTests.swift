import ArabicText
import Foundation
import TaawunTesting
import Testing
@testable import PreviewServer

/// What a hostile web page can make a browser send to the preview (found by an attacker test):
/// a request under another site's name (DNS rebinding), a huge request line or huge headers, and
/// a path that turns a redirect into another host. Real server on 127.0.0.1, raw sockets.
@Suite struct UntrustedRequestTests {
    static let draftText = "نص المسودة."
    var draftPath: String { "/articles/\(Slug.percentEncoded("مسودة-لم-تنشر"))/" }

    /// Runs `body` once a preview of a site with one draft has built it.
    func withPreview(limits: RequestLimits = RequestLimits(), _ body: (RunningPreview) async throws -> Void) async throws {
        let site = try TestSite.withSecretOutside()
        defer { site.remove() }
        try site.article("draft", title: "مسودة لم تنشر", extra: "draft: true\n", body: Self.draftText)
        try await RunningPreview.with(site, limits: limits) { preview in
            try await preview.waitUntilBuilt()
            try await body(preview)
        }
    }

    func get(_ path: String, host: String) -> String {
        "GET \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\r\n"
    }

    @Test func onlyTheNamesOfTheBoundAddressAreAnswered() async throws {
        try await withPreview { preview in
            let port = preview.port
            for host in ["127.0.0.1:\(port)", "127.0.0.1", "localhost:\(port)", "localhost", "LocalHost:\(port)", "[::1]:\(port)", "[::1]"] {
                let response = try await preview.exchange(get(draftPath, host: host))
                #expect(response.status == 200, "Host: \(host)")
                #expect(response.body.contains(Self.draftText), "Host: \(host)")
            }
            for host in ["attacker.example:\(port)", "attacker.example", "127.0.0.1.attacker.example:\(port)",
                         "localhost.attacker.example", "192.168.1.20:\(port)", "[::2]:\(port)", "localhost:\(port)@attacker.example"] {
                let response = try await preview.exchange(get(draftPath, host: host))
                #expect(response.status == 421, "Host: \(host)")
                #expect(!response.body.contains(Self.draftText), "Host: \(host)")
                #expect(!response.body.contains("مسودة لم تنشر"), "Host: \(host)")
                #expect(response.body.contains("DNS rebinding"), "the page says why, in English too")
                #expect(response.body.contains("<html lang=\"ar\" dir=\"rtl\">"))
            }
        }
    }

    @Test func aRequestWithoutOneHostIsBad() async throws {
        try await withPreview { preview in
            let missing = try await preview.exchange("GET \(draftPath) HTTP/1.1\r\nConnection: close\r\n\r\n")
            #expect(missing.status == 400)
            #expect(!missing.body.contains(Self.draftText))
            let twice = try await preview.exchange("GET \(draftPath) HTTP/1.1\r\nHost: 127.0.0.1\r\nHost: attacker.example\r\nConnection: close\r\n\r\n")
            #expect(twice.status == 400)
            #expect(!twice.body.contains(Self.draftText))
            let oldClient = try await preview.exchange("GET \(draftPath) HTTP/1.0\r\n\r\n")
            #expect(oldClient.status == 200, "HTTP/1.0 clients may leave Host out")
        }
    }

    /// The huge request is sent in two parts: a normal request on another connection is answered
    /// between them, and the huge one is refused before its second part is sent — so neither
    /// waits for the whole line.
    @Test func aHugeRequestLineIsRefusedAtOnceAndStallsNoOtherRequest() async throws {
        try await withPreview { preview in
            let port = preview.port
            let huge = try RawConnection(port: port)
            defer { huge.close() }
            let line = "GET /" + String(repeating: "a", count: 100_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
            let firstPart = line.utf8.prefix(10_000), rest = line.utf8.dropFirst(10_000)
            try huge.send(Array(firstPart))

            let normal = try await preview.exchange(get(draftPath, host: "127.0.0.1"))
            #expect(normal.status == 200, "answered while the huge request line is still unfinished")

            let refused = try await offThePool { RunningPreview.parse(huge.readToEnd(deadline: Date().addingTimeInterval(20))) }
            #expect(refused.status == 414, "refused before the rest of the line is sent")
            #expect(refused.body.contains("8 KB"))
            try? huge.send(Array(rest))

            // All 100 KB in one go, with a normal request beside it.
            async let whole = preview.exchange(line)
            async let beside = preview.exchange(get(draftPath, host: "127.0.0.1"))
            #expect(try await whole.status == 414)
            #expect(try await beside.status == 200)
        }
    }

    @Test func oversizedHeadersAreRefused() async throws {
        try await withPreview { preview in
            let filler = String(repeating: "x", count: 1_000)
            let many = (1...40).map { "X-Filler-\($0): \(filler)\r\n" }.joined()
            let manyHeaders = try await preview.exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\(many)Connection: close\r\n\r\n")
            #expect(manyHeaders.status == 431)
            let cookie = "Cookie: c=" + String(repeating: "y", count: 40_000) + "\r\n"
            let oneHuge = try await preview.exchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\(cookie)Connection: close\r\n\r\n")
            #expect(oneHuge.status == 431)
            #expect(oneHuge.body.contains("32 KB"))
        }
    }

    @Test func aClientThatSendsNothingIsDisconnected() async throws {
        try await withPreview(limits: RequestLimits(readTimeout: 0.5)) { preview in
            let silent = try RawConnection(port: preview.port)
            defer { silent.close() }
            try silent.send(Array("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8))
            // readToEnd returns when the server closes the connection, or at the (generous) deadline.
            let closed = try await offThePool { () -> Bool in
                let deadline = Date().addingTimeInterval(20)
                while Date() < deadline {
                    if silent.readSome() == nil { return true }
                }
                return false
            }
            #expect(closed, "the server closes a connection whose request never ends")
        }
    }

    @Test func aFolderRedirectStaysOnTheSameHost() async throws {
        try await withPreview { preview in
            for target in ["//articles", "///articles", "//articles?x=1", "/articles"] {
                let response = try await preview.raw(target)
                #expect(response.status == 302, "\(target)")
                let location = try #require(response.headers["location"], "\(target)")
                #expect(!location.hasPrefix("//"), "\(target) → \(location)")
                #expect(location.hasPrefix("/articles/"), "\(target) → \(location)")
            }
            for target in ["/\\articles", "/%5Carticles", "/%2F/articles"] {
                let response = try await preview.raw(target)
                #expect(response.headers["location"] == nil, "\(target) → \(response.headers["location"] ?? "")")
            }
        }
    }
}
