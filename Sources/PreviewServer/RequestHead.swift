import FlyingFox
import Foundation

/// How much a client may send before the preview answers, and how slowly.
struct RequestLimits: Sendable {
    /// The request line ("GET /path HTTP/1.1"): 8 KB, as in nginx and Apache. The site's longest
    /// addresses (percent-encoded Arabic slugs) are a few hundred bytes.
    var requestLine = 8 * 1024
    /// All header lines together: a browser sends one or two KB, a little more with cookies.
    var headers = 32 * 1024
    /// A client that has not sent a whole request head this long after the last answer (or after
    /// connecting) is dropped; it only ever held its own connection.
    var readTimeout: TimeInterval = 15
}

/// The request line and headers of one request, read and checked before the handler sees them.
struct RequestHead: Sendable, Equatable {
    var method: String
    var target: String
    var version: String
    var headers: [Header]

    struct Header: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Why a request is refused before its head is fully read.
    enum Refusal: Error, Sendable, Equatable {
        case requestLineTooLong(limit: Int)
        case headersTooLarge(limit: Int)
        case malformed(String)

        var status: HTTPStatusCode {
            switch self {
            case .requestLineTooLong: return .uriTooLong
            case .headersTooLarge: return .requestHeaderFieldsTooLarge
            case .malformed: return .badRequest
            }
        }

        /// A short answer for whoever reads the response: Arabic, then English.
        var explanation: String {
            switch self {
            case .requestLineTooLong(let limit):
                return "عنوان الطلب أطول من \(limit / 1024) كيلوبايت، فلم يُقرأ.\n"
                    + "The request line is longer than \(limit / 1024) KB, so it was not read.\n"
            case .headersTooLarge(let limit):
                return "ترويسات الطلب أكبر من \(limit / 1024) كيلوبايت، فلم تُقرأ.\n"
                    + "The request headers are larger than \(limit / 1024) KB together, so they were not read.\n"
            case .malformed(let reason):
                return "الطلب غير مفهوم.\nThe request is not valid HTTP: \(reason).\n"
            }
        }
    }

    /// The head at the start of `bytes` and how many bytes it took, or nil while it is incomplete
    /// and within the limits. A limit crossed throws at once, without waiting for the rest.
    static func parse(_ bytes: [UInt8], limits: RequestLimits) throws(Refusal) -> (head: RequestHead, length: Int)? {
        guard let lineEnd = bytes.firstIndex(of: newline) else {
            // +1: the carriage return that may precede the newline still to come.
            if bytes.count > limits.requestLine + 1 { throw .requestLineTooLong(limit: limits.requestLine) }
            return nil
        }
        let requestLine = withoutCarriageReturn(bytes[..<lineEnd])
        guard requestLine.count <= limits.requestLine else { throw .requestLineTooLong(limit: limits.requestLine) }

        let headersStart = lineEnd + 1
        var lineStart = headersStart
        var headerLines: [ArraySlice<UInt8>] = []
        while true {
            guard let end = bytes[lineStart...].firstIndex(of: newline) else {
                if bytes.count - headersStart > limits.headers { throw .headersTooLarge(limit: limits.headers) }
                return nil
            }
            let line = withoutCarriageReturn(bytes[lineStart..<end])
            lineStart = end + 1
            if lineStart - headersStart > limits.headers { throw .headersTooLarge(limit: limits.headers) }
            if line.isEmpty { break }
            headerLines.append(line)
        }
        return (try make(requestLine: requestLine, headerLines: headerLines), lineStart)
    }

    private static let newline = UInt8(ascii: "\n")

    private static func withoutCarriageReturn(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }

    /// Control characters have no place in a request line or a header; a stray carriage return
    /// could split a header the preview echoes (a redirect's Location).
    private static func hasControlCharacters(_ bytes: ArraySlice<UInt8>, allowingTab: Bool) -> Bool {
        bytes.contains { ($0 < 0x20 && !(allowingTab && $0 == 0x09)) || $0 == 0x7F }
    }

    private static func make(requestLine: ArraySlice<UInt8>, headerLines: [ArraySlice<UInt8>]) throws(Refusal) -> RequestHead {
        guard !hasControlCharacters(requestLine, allowingTab: false) else { throw .malformed("control characters in the request line") }
        let parts = String(decoding: requestLine, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty else { throw .malformed("the request line is not «METHOD /path HTTP/1.1»") }
        guard parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { throw .malformed("only HTTP/1.0 and HTTP/1.1 are served") }
        guard parts[1].hasPrefix("/") else { throw .malformed("the address does not start with /") }
        var headers: [Header] = []
        for line in headerLines {
            // A line starting with a space continues the previous one (obsolete line folding): refused, as RFC 9112 allows.
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), line.first != UInt8(ascii: " "), line.first != 0x09,
                  !hasControlCharacters(line, allowingTab: true) else {
                throw .malformed("a header line is not «Name: value»")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            guard !name.isEmpty, !name.contains(" "), !name.contains("\t") else { throw .malformed("a header name is empty or has spaces") }
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
            headers.append(Header(name: name, value: value))
        }
        return RequestHead(method: String(parts[0]), target: String(parts[1]), version: String(parts[2]), headers: headers)
    }

    /// The values of the headers called `name`, in order (header names ignore case).
    func values(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// HTTP/1.1 keeps the connection open unless asked not to; HTTP/1.0 clients get one answer.
    var keepsAlive: Bool {
        version == "HTTP/1.1" && !values("Connection").contains { $0.lowercased().contains("close") }
    }

    /// The preview never reads request bodies (it answers GET and HEAD); a request with one is
    /// answered and its connection closed, so the body is never taken for the next request.
    var hasBody: Bool {
        !values("Transfer-Encoding").isEmpty || values("Content-Length").contains { $0 != "0" }
    }

    /// FlyingFox's request, for the handler.
    var request: HTTPRequest {
        let pieces = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var fields = HTTPHeaders()
        for header in headers { fields.addValue(header.value, for: HTTPHeader(header.name)) }
        return HTTPRequest(method: HTTPMethod(method), version: HTTPVersion(version),
                           target: HTTPRequest.Target(path: String(pieces[0]), query: pieces.count > 1 ? String(pieces[1]) : ""),
                           headers: fields, body: HTTPBodySequence())
    }
}
