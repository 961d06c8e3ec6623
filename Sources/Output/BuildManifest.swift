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

    public var version: Int
    public var files: [String: Entry]

    public init(files: [String: Entry] = [:]) {
        self.version = Self.currentVersion
        self.files = files
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
