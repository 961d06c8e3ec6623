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
              let manifest = decode(data),
              manifest.version == currentVersion else { return nil }
        return manifest
    }

    /// JSONDecoder takes a third of a second for a 10,000-article site's manifest, most of a
    /// rebuild that changes nothing. The "files" object, as `encoded()` writes it, is read here
    /// directly; the rest (a few fields) goes through JSONDecoder. Anything unexpected: JSONDecoder
    /// reads the whole, as before.
    static func decode(_ data: Data) -> BuildManifest? {
        if let fast = data.withUnsafeBytes({ decodeFiles(UnsafeRawBufferPointer($0)) }) { return fast }
        return try? JSONDecoder().decode(BuildManifest.self, from: data)
    }

    private static func decodeFiles(_ bytes: UnsafeRawBufferPointer) -> BuildManifest? {
        let head = Array(#"{"files":{"#.utf8)
        guard bytes.count > head.count, bytes.starts(with: head) else { return nil }
        var i = head.count
        var files: [String: Entry] = [:]
        func expect(_ literal: String) -> Bool {
            for byte in literal.utf8 {
                guard i < bytes.count, bytes[i] == byte else { return false }
                i += 1
            }
            return true
        }
        func number() -> UInt64? {
            var value: UInt64 = 0
            let start = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (a, o2) = m.addingReportingOverflow(UInt64(bytes[i] - 0x30))
                if o1 || o2 { return nil }
                value = a
                i += 1
            }
            return i > start ? value : nil
        }
        /// A key: only the escape JSONEncoder writes in paths ("\/"); any other means the slow way.
        func key() -> String? {
            guard expect("\"") else { return nil }
            var raw: [UInt8] = []
            while i < bytes.count {
                let byte = bytes[i]
                if byte == UInt8(ascii: "\"") { i += 1; return String(validating: raw, as: UTF8.self) }
                if byte == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "/") else { return nil }
                    raw.append(UInt8(ascii: "/"))
                    i += 2
                    continue
                }
                if byte < 0x20 { return nil }
                raw.append(byte)
                i += 1
            }
            return nil
        }
        if i < bytes.count, bytes[i] != UInt8(ascii: "}") {
            while true {
                guard let path = key(), expect(#":{"input":"#), let input = number(), expect(#","output":"#),
                      let output = number(), expect("}") else { return nil }
                files[path] = Entry(input: input, output: output)
                if expect(",") { continue }
                break
            }
        }
        guard expect("}") else { return nil }
        // The rest: {"files":{}<what follows>.
        var rest = Data(#"{"files":{}"#.utf8)
        rest.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[i...]))
        guard var manifest = try? JSONDecoder().decode(BuildManifest.self, from: rest) else { return nil }
        manifest.files = files
        return manifest
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }
}
