import Foundation
import TaawunTesting
import Testing

/// `taawun deploy` as an editor runs it, against moto's S3 server: the destination from site.yaml,
/// a dry run that prints the plan and sends nothing, the deploy's summary, and the secret key,
/// given in the environment, nowhere in what it prints nor in the site folder.
extension BlockingDeployTests {
@Suite struct DeployCommandTests {
    /// The taawun executable that `swift test` built beside the tests.
    static var taawun: URL {
        let tests = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = tests.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("taawun")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return Repository.root.appendingPathComponent(".build/debug/taawun")
    }

    static func run(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = taawun
        process.arguments = arguments
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func deployFromSiteYAMLKeepsTheSecret() async throws {
        try await OffThePool.run {
        #expect(FileManager.default.isExecutableFile(atPath: Self.taawun.path), "taawun is built by swift build")
        let scratch = try DestinationDeployTests.scratch("cli")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let server = try LocalServer.s3(in: scratch)
        defer { server.stop() }
        let s3 = S3Probe(port: server.port, bucket: "cli-bucket", prefix: "digest", scratch: scratch)
        let site = try TestSite(.repository)
        defer { site.remove() }
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings + "deploy: s3://cli-bucket/digest\n")
        let root = ["--root", site.root.path]

        // Before a build: refused, with a hint.
        let early = try Self.run(["deploy"] + root, environment: s3.environment)
        #expect(early.status != 0 && early.output.contains("taawun build"))

        let build = try Self.run(["build"] + root, environment: s3.environment)
        #expect(build.status == 0, "\(build.output)")
        let files = try TestSite.tree(site.output).count

        let dry = try Self.run(["deploy", "--dry-run"] + root, environment: s3.environment)
        #expect(dry.status == 0, "\(dry.output)")
        #expect(dry.output.contains("in all: \(files) uploads"))
        #expect(dry.output.contains("upload index.html"))
        #expect(try s3.stamps().isEmpty, "a dry run sent files")

        let real = try Self.run(["deploy"] + root, environment: s3.environment)
        #expect(real.status == 0, "\(real.output)")
        #expect(real.output.contains("\(files) files uploaded"))
        #expect(try s3.tree() == TestSite.tree(site.output))

        let again = try Self.run(["deploy"] + root, environment: s3.environment)
        #expect(again.output.contains("nothing to do"))

        // The secret: in nothing printed, nothing in the site folder (.taawun/ included).
        for output in [early.output, dry.output, real.output, again.output] { #expect(!output.contains(s3.secret)) }
        for (path, data) in try TestSite.tree(site.root) {
            #expect(!String(decoding: data, as: UTF8.self).contains(s3.secret), "\(path) holds the secret")
        }
        #expect(FileManager.default.fileExists(atPath: site.state.appendingPathComponent("deploys").path))

        // A failed build is recorded, and the deploy refuses to publish the older site.
        try site.write("content/articles/broken.md", "---\ntitle: [\n---\n")
        let failed = try Self.run(["build"] + root, environment: s3.environment)
        #expect(failed.status != 0)
        let refused = try Self.run(["deploy"] + root, environment: s3.environment)
        #expect(refused.status != 0 && refused.output.contains("the last build failed"))
    }
    }

    /// A destination site.yaml gets wrong is reported at its line and column, with what to write.
    @Test func aWrongDestinationInSiteYAMLPointsAtItsLine() async throws {
        try await OffThePool.run {
        let site = try TestSite(.repository)
        defer { site.remove() }
        let settings = try String(contentsOf: site.root.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        try site.write("content/site.yaml", settings + "deploy: gopher://example.org/site\n")
        let line = settings.split(separator: "\n", omittingEmptySubsequences: false).count
        let run = try Self.run(["deploy", "--root", site.root.path], environment: TestEnvironment.base)
        #expect(run.status != 0)
        #expect(run.output.contains("content/site.yaml:\(line):9: error: cannot deploy to «gopher://example.org/site»"), "\(run.output)")
        #expect(run.output.contains("hint: write a folder"))
    }
    }
}
}
