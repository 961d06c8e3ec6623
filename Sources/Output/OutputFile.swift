import Support
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
        // On the UTF-8 bytes: Foundation's `String.contains` asks ICU, for every file of the site.
        let bytes = path.utf8
        guard !bytes.isEmpty, bytes.first != UInt8(ascii: "/"), !bytes.contains(0), !bytes.contains(UInt8(ascii: "\\")) else { return false }
        return bytes.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).allSatisfy { component in
            !component.isEmpty && !component.elementsEqual(".".utf8) && !component.elementsEqual("..".utf8)
        }
    }
}

/// A hash of a file's bytes: the manifest's record of what a file contains.
public enum ContentHash {
    public static func of(_ data: Data) -> UInt64 {
        data.withUnsafeBytes(of)
    }

    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = WordHasher()
        hasher.add(bytes: bytes)
        return hasher.value
    }
}
