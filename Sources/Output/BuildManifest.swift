import Diagnostics
import Foundation

/// What the previous build wrote, kept inside the output folder: for each file the fingerprint
/// of its inputs and the hash of its bytes. It lets a rebuild skip unchanged pages and keep
/// unchanged files untouched (same bytes, same modification time).
public struct BuildManifest: Codable, Sendable, Equatable {
    public static let fileName = ".taawun-manifest.json"
    static let currentVersion = 1

    public struct Entry: Codable, Sendable, Equatable {
        public var input: UInt64
        public var output: UInt64
    }

    /// What the build that wrote this folder read, as one fingerprint, and what it reported:
    /// a later build whose inputs have the same fingerprint can stop there, the output being
    /// what it would write again. Absent in manifests written before it existed.
    public struct Inputs: Codable, Sendable, Equatable {
        public var fingerprint: UInt64
        public var articles: Int
        public var organizations: Int
        public var countries: Int
        public var warnings: [Diagnostic]

        public init(fingerprint: UInt64, articles: Int, organizations: Int, countries: Int, warnings: [Diagnostic]) {
            self.fingerprint = fingerprint
            self.articles = articles
            self.organizations = organizations
            self.countries = countries
            self.warnings = warnings
        }
    }

    public var version: Int
    public var files: [String: Entry]
    public var inputs: Inputs?

    public init(files: [String: Entry] = [:], inputs: Inputs? = nil) {
        self.version = Self.currentVersion
        self.files = files
        self.inputs = inputs
    }

    /// The manifest of an output folder, or nil if there is none (or it is from another version).
    public static func read(from output: URL) -> BuildManifest? {
        guard let data = try? Data(contentsOf: output.appendingPathComponent(fileName)),
              let manifest = try? JSONDecoder().decode(BuildManifest.self, from: data),
              manifest.version == currentVersion else { return nil }
        return manifest
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
