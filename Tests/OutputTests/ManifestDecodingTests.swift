import Diagnostics
import Foundation
import Testing
@testable import Output

/// The manifest's fast reader gives exactly what JSONDecoder gives, and falls back to it.
@Suite struct ManifestDecodingTests {
    func roundTrip(_ manifest: BuildManifest) throws {
        let data = try manifest.encoded()
        let slow = try JSONDecoder().decode(BuildManifest.self, from: data)
        #expect(BuildManifest.decode(data) == slow)
        #expect(BuildManifest.decode(data) == manifest)
    }

    @Test func readsWhatItWrites() throws {
        let warning = Diagnostic.warning(at: SourceLocation(file: "content/articles/a.md", line: 3, column: 5),
                                         "«x» \"quoted\" \\ / \u{1}", hint: "h")
        try roundTrip(BuildManifest())
        try roundTrip(BuildManifest(files: ["index.html": .init(input: 0, output: UInt64.max)]))
        try roundTrip(BuildManifest(
            files: [
                "articles/أبريل-2015-خبر/index.html": .init(input: 1, output: 2),
                "organizations/org-001/page/2/index.html": .init(input: 12_345_678_901_234_567_890, output: 3),
                "assets/style.css": .init(input: 4, output: 5),
                "a \"quoted\" \\ name/index.html": .init(input: 6, output: 7), // escapes: JSONDecoder reads it
            ],
            inputs: .init(fingerprint: 99, articles: 3, organizations: 2, countries: 1, warnings: [warning])))
    }

    @Test func oddDocumentsGoTheSlowWayOrFail() {
        #expect(BuildManifest.decode(Data(#"{"version":1,"files":{"a":{"input":1,"output":2}}}"#.utf8))?.files["a"]?.output == 2)
        #expect(BuildManifest.decode(Data(#"{"files":{"a":{"input":1,"output":2}},"version":1}"#.utf8))?.files.count == 1)
        #expect(BuildManifest.decode(Data(#"{"files":{"a":{"input":99999999999999999999,"output":2}},"version":1}"#.utf8)) == nil)
        #expect(BuildManifest.decode(Data(#"{"files":{"a":{"input":1"#.utf8)) == nil)
        #expect(BuildManifest.decode(Data("not json".utf8)) == nil)
    }
}
