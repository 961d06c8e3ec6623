import Foundation

/// One file of the finished site: where it goes under the output folder, a fingerprint of
/// everything it was made from, and its bytes — nil when the manifest says the previous build
/// already wrote exactly this file (its inputs did not change), so it need not be rendered.
public struct OutputFile: Sendable {
    public var path: String
    public var inputFingerprint: UInt64
    public var data: Data?

    public init(path: String, inputFingerprint: UInt64, data: Data?) {
        self.path = path
        self.inputFingerprint = inputFingerprint
        self.data = data
    }
}

/// Keeps every written path inside the output folder, whatever a slug or id says.
public enum OutputPath {
    /// A relative path of non-empty components with no ".", "..", NUL or backslash, not absolute.
    public static func isContained(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { component in
            !component.isEmpty && component != "." && component != ".."
        }
    }
}

/// FNV-1a of bytes: the manifest's record of what a file contains.
public enum ContentHash {
    public static func of(_ data: Data) -> UInt64 {
        // On the contiguous bytes: iterating Data itself is several times slower.
        data.withUnsafeBytes(of)
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        return value
    }
}
