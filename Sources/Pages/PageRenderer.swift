import Diagnostics
import Foundation
import Output
import Support
import Templates

/// Renders planned pages to bytes. A value type holding only the parsed templates, so one
/// renderer serves every thread of a concurrent build.
public struct PageRenderer: Sendable {
    public let templates: TemplateSet

    /// Makes ready, on the calling thread, what rendering with the site's `locale` needs from
    /// ICU (`ArabicFormat.prepare`).
    public static func prepareFormats(locale: String) {
        ArabicFormat.prepare(locale: locale)
    }

    public init(templates: TemplateSet) {
        self.templates = templates
    }

    /// The page's bytes, UTF-8. Throws a diagnostic naming the template when it does not exist.
    public func render(_ page: Page) throws(Diagnostic) -> Data {
        var bytes: [UInt8]
        switch page.content {
        case .template(let name, let values): bytes = try templates.renderUTF8(name, values)
        case .text(let finished): bytes = Array(finished.utf8)
        }
        ForbiddenCharacters.remove(from: &bytes)
        return Data(bytes)
    }
}

extension PageRenderer {
    /// Renders on all cores the pages whose inputs changed since the manifest; the others keep
    /// their bytes. Errors from every page are collected, not just the first. `progress` hears
    /// of every 500th page rendered; the count rendered is returned with the files.
    public func renderChanged(_ pages: [PlannedPage], templatesFingerprint: UInt64,
                              previous: @Sendable (String) -> BuildManifest.Entry?,
                              progress: @Sendable (_ done: Int, _ total: Int) -> Void) throws(DiagnosticsError) -> ([OutputFile], Int) {
        let results = UnsafeResults<Result<OutputFile, Diagnostic>>(count: pages.count)
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            let page = pages[i].page
            let fingerprint = page.key(templates: templatesFingerprint)
            if let entry = previous(page.path), entry.input == fingerprint {
                results[i] = .success(OutputFile(path: page.path, inputFingerprint: fingerprint, data: nil))
                return
            }
            do throws(Diagnostic) {
                let data = try render(page)
                results[i] = .success(OutputFile(path: page.path, inputFingerprint: fingerprint, data: data))
            } catch {
                results[i] = .failure(error)
            }
            let n = done.increment()
            if n % 500 == 0 { progress(n, pages.count) }
        }
        var files: [OutputFile] = []
        var errors: Set<Diagnostic> = []
        for result in results.values {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): errors.insert(error)
            }
        }
        if !errors.isEmpty { throw DiagnosticsError(Array(errors).sortedByLocation()) }
        return (files, done.value)
    }
}

/// Characters that neither HTML nor XML may contain — C0 controls other than tab, newline and
/// carriage return, DEL, C1 controls, and the noncharacters U+FDD0–U+FDEF, U+FFFE, U+FFFF —
/// removed from finished output, so a stray control character pasted into an article cannot
/// make a page invalid HTML or a feed unreadable XML.
enum ForbiddenCharacters {
    /// On valid UTF-8: each forbidden character is one byte below 0x80 or a sequence that
    /// starts with 0xC2 or 0xEF, so no byte of another character is ever taken for one.
    static func remove(from bytes: inout [UInt8]) {
        // Nearly every page has none: look first, copy only when there is something to drop.
        guard let first = firstForbidden(in: bytes) else { return }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        kept.append(contentsOf: bytes[..<first])
        var i = first
        while i < bytes.count {
            let length = forbiddenLength(bytes, at: i)
            if length > 0 {
                i += length
            } else {
                kept.append(bytes[i])
                i += 1
            }
        }
        bytes = kept
    }

    static func firstForbidden(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            // Eight bytes at a time: a word goes by when none of its bytes can start a forbidden
            // character — none below 0x20 but tab, newline and carriage return (every line of a
            // page ends in one), none equal to 0x7F, 0xC2 («, no-break space) or 0xEF. The tests
            // are exact per byte, so a word is looked at byte by byte only when it holds one of
            // these. (Each helper sets the high bit of every byte below 0x20, or equal to `byte`.)
            let highs: UInt64 = 0x8080_8080_8080_8080, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            func below0x20(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ 0x6060_6060_6060_6060) | x) & highs }
            func equal(_ x: UInt64, _ byte: UInt64) -> UInt64 {
                let y = x ^ (byte &* 0x0101_0101_0101_0101)
                return ~(((y & lows) &+ lows) | y) & highs
            }
            var i = 0
            while i < buffer.count {
                if i + 8 <= buffer.count {
                    let word = UnsafeRawPointer(buffer.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    let controls = below0x20(word) & ~(equal(word, 0x09) | equal(word, 0x0A) | equal(word, 0x0D))
                    if controls | equal(word, 0x7F) | equal(word, 0xC2) | equal(word, 0xEF) == 0 {
                        i += 8
                        continue
                    }
                }
                for j in i..<min(i + 8, buffer.count) where forbiddenLength(buffer, at: j) > 0 { return j }
                i += 8
            }
            return nil
        }
    }

    /// How many bytes the forbidden character at `i` takes, or 0 when there is none there.
    static func forbiddenLength<Bytes: RandomAccessCollection<UInt8>>(_ bytes: Bytes, at i: Int) -> Int where Bytes.Index == Int {
        let byte = bytes[i]
        if byte < 0x20 { return byte == 0x09 || byte == 0x0A || byte == 0x0D ? 0 : 1 }
        if byte == 0x7F { return 1 }
        if byte == 0xC2, i + 1 < bytes.count, (0x80...0x9F).contains(bytes[i + 1]) { return 2 }
        if byte == 0xEF, i + 2 < bytes.count,
           (bytes[i + 1] == 0xB7 && (0x90...0xAF).contains(bytes[i + 2])) || (bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE) {
            return 3
        }
        return 0
    }

}
