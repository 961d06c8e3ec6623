import Deploy
import Foundation
import TaawunTesting
import Testing

/// The scenario (`DeployScenario.run`) against each kind of destination, on servers the
/// tests start on the loopback. Serialized: each starts servers, and the machine has two cores.
extension BlockingDeployTests {
@Suite struct DestinationDeployTests {
    /// A test's own folder under /tmp.
    static func scratch(_ name: String) throws -> URL {
        let folder = URL(fileURLWithPath: "/tmp/deploy-\(name)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func folderThroughRsync() async throws {
        try await OffThePool.run {
        let scratch = try Self.scratch("rsync")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let served = scratch.appendingPathComponent("www/digest")
        let aside = scratch.appendingPathComponent("www/aside")
        let remote = TestRemote(
            destination: served.path, environment: TestEnvironment.base,
            tree: { try TestSite.tree(served) }, stamps: { try DiskTree.stamps(served) },
            // The destination's disk goes away: a file stands where the folder was.
            interrupt: {
                try FileManager.default.moveItem(at: served, to: aside)
                try Data("gone".utf8).write(to: served)
            },
            restore: {
                try FileManager.default.removeItem(at: served)
                try FileManager.default.moveItem(at: aside, to: served)
            })
        try DeployScenario.run(remote)
    }
    }

    @Test func s3ThroughRclone() async throws {
        try await OffThePool.run {
        let scratch = try Self.scratch("s3")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let server = try LocalServer.s3(in: scratch)
        defer { server.stop() }
        let s3 = S3Probe(port: server.port, bucket: "digest", prefix: "site", scratch: scratch)
        let remote = TestRemote(
            destination: "s3://digest/site", environment: s3.environment,
            tree: { try s3.tree() }, stamps: { try s3.stamps() },
            interrupt: { server.pause() }, restore: { server.resume() })
        try DeployScenario.run(remote)

        // Headers: each file served with its type and how long it may be kept.
        let expected: [(String, String, String)] = [
            ("index.html", "text/html; charset=utf-8", ContentHeaders.shortCache),
            ("feed.xml", "application/atom+xml; charset=utf-8", ContentHeaders.shortCache),
            ("sitemap.xml", "application/xml; charset=utf-8", ContentHeaders.shortCache),
            ("assets/favicon.svg", "image/svg+xml", ContentHeaders.dayCache),
        ]
        for (path, type, cache) in expected {
            let headers = try s3.headers(path)
            #expect(headers["content-type"] == type, "\(path)")
            #expect(headers["cache-control"] == cache, "\(path)")
        }
        let tree = try s3.tree()
        let article = try #require(tree.keys.first { $0.hasPrefix("articles/") && $0.hasSuffix(".html") })
        #expect(try s3.headers(article)["content-type"] == "text/html; charset=utf-8")
        // The stylesheet under its content-hashed name is kept a year; under its plain name, a day.
        let hashed = try #require(tree.keys.first { $0.hasPrefix("assets/style.") && $0 != "assets/style.css" })
        #expect(try s3.headers(hashed)["content-type"] == "text/css; charset=utf-8")
        #expect(try s3.headers(hashed)["cache-control"] == ContentHeaders.immutableCache)
        #expect(try s3.headers("assets/style.css")["cache-control"] == ContentHeaders.dayCache)
    }
    }

    @Test func sftpThroughRclone() async throws {
        try await OffThePool.run {
        try rcloneServed("sftp") { port in "sftp://editor@127.0.0.1:\(port)/digest" }
    }
    }

    @Test func webdavThroughRclone() async throws {
        try await OffThePool.run {
        try rcloneServed("webdav") { port in "webdav://editor@127.0.0.1:\(port)/digest" }
    }
    }

    @Test func ftpThroughRclone() async throws {
        try await OffThePool.run {
        try rcloneServed("ftp") { port in "ftp://editor@127.0.0.1:\(port)/digest" }
    }
    }

    /// `rclone serve sftp|webdav` (or pyftpdlib for FTP) over a folder of the test's; stopped and started again on the same port to interrupt.
    func rcloneServed(_ kind: String, destination: (Int) -> String) throws {
        let scratch = try Self.scratch(kind)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let served = scratch.appendingPathComponent("served")
        try FileManager.default.createDirectory(at: served, withIntermediateDirectories: true)
        let password = "pw-\(UUID().uuidString.prefix(12))"
        let box = ServerBox(kind == "ftp" ? try LocalServer.ftp(serving: served, user: "editor", password: password, in: scratch)
                            : try LocalServer.rclone(kind, serving: served, user: "editor", password: password, in: scratch))
        defer { box.server.stop() }
        var environment = TestEnvironment.base
        environment["RCLONE_\(kind.uppercased())_PASS"] =
            try TestEnvironment.run("rclone", ["obscure", password]).trimmingCharacters(in: .whitespacesAndNewlines)
        // FTP: rclone's parallel uploads may race to make the same new folder; a retry settles it.
        if kind == "ftp" { environment["RCLONE_RETRIES"] = "3" }
        let root = served.appendingPathComponent("digest")
        let remote = TestRemote(
            destination: destination(box.server.port), environment: environment,
            tree: { try TestSite.tree(root) }, stamps: { try DiskTree.stamps(root) },
            interrupt: { box.server.stop() }, restore: { box.server = try box.server.restarted() },
            listsChecksums: kind == "sftp")
        try DeployScenario.run(remote)
    }
}
}

final class ServerBox: @unchecked Sendable {
    var server: LocalServer
    init(_ server: LocalServer) { self.server = server }
}

/// moto's S3 server seen from the test: the bucket listed and read back through the S3 API
/// (curl: ListObjectsV2, HEAD), and copied back with rclone to compare bytes.
struct S3Probe {
    let port: Int
    let bucket: String
    let prefix: String
    let scratch: URL
    let secret = "s3-secret-\(UUID().uuidString)"

    var endpoint: String { "http://127.0.0.1:\(port)" }

    var environment: [String: String] {
        var environment = TestEnvironment.base
        environment["AWS_ACCESS_KEY_ID"] = "taawun-test"
        environment["AWS_SECRET_ACCESS_KEY"] = secret
        environment["AWS_REGION"] = "us-east-1"
        environment["RCLONE_S3_ENDPOINT"] = endpoint
        return environment
    }

    /// Every object under the prefix, copied back with rclone.
    func tree() throws -> [String: Data] {
        let copy = scratch.appendingPathComponent("copy-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: copy) }
        var env = environment
        env["RCLONE_S3_ENV_AUTH"] = "true"
        env["RCLONE_S3_PROVIDER"] = "Other"
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        do {
            try TestEnvironment.run("rclone", ["copy", ":s3:\(bucket)/\(prefix)", copy.path], environment: env)
        } catch { return [:] } // no bucket yet
        return try TestSite.tree(copy)
    }

    /// key (under the prefix) → LastModified and ETag, as ListObjectsV2 gives them.
    func stamps() throws -> [String: String] {
        var stamps: [String: String] = [:]
        var token: String?
        repeat {
            var url = "\(endpoint)/\(bucket)?list-type=2&prefix=\(prefix)/"
            if let token { url += "&continuation-token=" + (token.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? token) }
            let xml = try TestEnvironment.run("curl", ["-sS", "--noproxy", "*", url])
            for contents in HTML.matches("<Contents>(.*?)</Contents>", in: xml) {
                guard let key = HTML.matches("<Key>(.*?)</Key>", in: contents).first else { continue }
                let stamp = HTML.matches("<LastModified>(.*?)</LastModified>", in: contents).joined()
                    + " " + HTML.matches("<ETag>(.*?)</ETag>", in: contents).joined()
                stamps[String(key.dropFirst(prefix.count + 1))] = stamp
            }
            token = HTML.matches("<NextContinuationToken>(.*?)</NextContinuationToken>", in: xml).first
        } while token != nil
        return stamps
    }

    /// The headers a HEAD request for the object gets (signed: moto refuses anonymous reads), names in lower case.
    func headers(_ path: String) throws -> [String: String] {
        let encoded = path.split(separator: "/").map { String($0).addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? String($0) }
            .joined(separator: "/")
        let text = try TestEnvironment.run("curl", ["-sS", "-I", "--noproxy", "*", "--aws-sigv4", "aws:amz:us-east-1:s3",
                                                      "--user", "taawun-test:\(secret)", "\(endpoint)/\(bucket)/\(prefix)/\(encoded)"])
        var headers: [String: String] = [:]
        for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return headers
    }
}
