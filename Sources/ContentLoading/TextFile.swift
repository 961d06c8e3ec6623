import Diagnostics
import Support
import Foundation

/// Reads a text file as editors save it: UTF-8 with or without BOM, LF or CRLF.
public enum TextFile {
    /// The file's text with BOM removed and line endings normalised to LF.
    /// Invalid UTF-8, NUL bytes and unreadable files become a diagnostic naming the file.
    public static func read(_ url: URL, displayPath: String) throws(Diagnostic) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .error(at: SourceLocation(file: displayPath), "the file cannot be read (\(error.localizedDescription))",
                         hint: "check that the file exists and that you have permission to read it")
        }
        return try decode(data, displayPath: displayPath)
    }

    public static func decode(_ data: Data, displayPath: String) throws(Diagnostic) -> String {
        // The common case on contiguous bytes (Data's generic collection paths are several
        // times slower); anything unusual goes the careful way below, which locates the problem.
        let fast: String? = data.withUnsafeBytes { raw in
            var bytes = raw.bindMemory(to: UInt8.self)[...]
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
            let buffer = UnsafeBufferPointer(rebasing: bytes)
            if let base = buffer.baseAddress, memchr(base, 0, buffer.count) != nil { return nil }
            return String(exactUTF8: buffer)
        }
        if let fast { return normalizingLineEndings(fast) }
        return try decodeCarefully(data, displayPath: displayPath)
    }

    static func decodeCarefully(_ data: Data, displayPath: String) throws(Diagnostic) -> String {
        var bytes = data[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let nul = bytes.firstIndex(of: 0) {
            let location = location(ofByte: nul - bytes.startIndex, in: bytes, file: displayPath)
            throw .error(at: location, "the file contains a NUL byte, so it is not a text file",
                         hint: "save the article again as plain UTF-8 text")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8Offset(bytes)
            throw .error(at: location(ofByte: offset, in: bytes, file: displayPath),
                         "the file is not valid UTF-8 text",
                         hint: "save the file with the encoding \"UTF-8\" in your editor (not Windows-1256 or ISO-8859-6)")
        }
        return normalizingLineEndings(text)
    }

    public static func normalizingLineEndings(_ text: String) -> String {
        // memchr on the contiguous bytes: the generic `contains` over the UTF-8 view cost as much
        // as reading and validating the file.
        let hasCR = text.utf8.withContiguousStorageIfAvailable { bytes in
            bytes.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\r")), bytes.count) != nil } ?? false
        } ?? text.utf8.contains(UInt8(ascii: "\r"))
        guard hasCR else { return text }
        return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    static func location(ofByte offset: Int, in bytes: Data.SubSequence, file: String) -> SourceLocation {
        var line = 1
        var lineStart = bytes.startIndex
        let target = bytes.startIndex + offset
        var i = bytes.startIndex
        while i < target {
            if bytes[i] == UInt8(ascii: "\n") { line += 1; lineStart = i + 1 }
            i += 1
        }
        // Column in characters of the valid prefix of the line.
        let prefix = bytes[lineStart..<target]
        let column = (String(validating: prefix, as: UTF8.self)?.count ?? prefix.count) + 1
        return SourceLocation(file: file, line: line, column: column)
    }

    static func firstInvalidUTF8Offset(_ bytes: Data.SubSequence) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .emptyInput, .error: return offset
            }
        }
    }
}
