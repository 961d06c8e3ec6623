import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which Host headers the preview answers. A page on another site can point its own name at
/// 127.0.0.1 (DNS rebinding) and then read the preview — drafts included — as if it were its own
/// site; the browser still sends that name as the Host, so only names of the address the preview
/// listens on are answered: localhost, 127.0.0.1, [::1] and the `--host` value, with any port (a
/// forwarded port, as `ssh -L` makes, changes the port but not the name).
///
/// Listening on every interface (0.0.0.0, ::), it also answers any IP address — an address typed
/// in the browser cannot be a rebinding, which needs a name — and this computer's name (and the
/// same name ending in .local, as Bonjour and Avahi announce it).
struct AllowedHosts: Sendable, Equatable {
    let names: Set<String>
    let anyAddress: Bool

    init(listeningOn host: String, computerName: String? = AllowedHosts.computerName()) {
        let bound = Self.name(of: host) ?? host.lowercased()
        var names: Set<String> = ["localhost", "127.0.0.1", "::1", bound]
        anyAddress = bound == "0.0.0.0" || bound == "::"
        if anyAddress, let computer = computerName?.lowercased(), !computer.isEmpty {
            names.insert(computer)
            if !computer.hasSuffix(".local") { names.insert(computer + ".local") }
        }
        self.names = names
    }

    enum Verdict: Equatable {
        case allowed
        /// The request names no host, or several (RFC 9112 §3.2: 400).
        case badHost(String)
        /// The request names a host that is not this preview (421).
        case misdirected(String)
    }

    /// What to do with a request carrying these Host values.
    func check(_ hostValues: [String], isHTTP11: Bool) -> Verdict {
        guard let value = hostValues.first else {
            // HTTP/1.0 clients may leave Host out; every browser sends it.
            return isHTTP11 ? .badHost("no Host header") : .allowed
        }
        guard hostValues.count == 1 else { return .badHost("more than one Host header") }
        guard let name = Self.name(of: value) else { return .misdirected(value) }
        if names.contains(name) { return .allowed }
        if anyAddress, Self.isIPAddress(name) { return .allowed }
        return .misdirected(value)
    }

    /// The host name of a Host value ("Example.org:8080" → "example.org", "[::1]:80" → "::1"), or
    /// nil when the value is not a host with an optional port.
    static func name(of value: String) -> String? {
        let value = value.lowercased()
        var name: Substring
        var rest: Substring
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            name = value[value.index(after: value.startIndex)..<close]
            rest = value[value.index(after: close)...]
        } else if let colon = value.firstIndex(of: ":") {
            name = value[..<colon]
            rest = value[colon...]
        } else {
            name = value[...]
            rest = ""
        }
        if !rest.isEmpty {
            guard rest.first == ":", rest.count > 1, rest.dropFirst().allSatisfy(\.isASCII), rest.dropFirst().allSatisfy(\.isNumber) else { return nil }
        }
        // "localhost." is the same name as "localhost".
        if name.hasSuffix(".") { name = name.dropLast() }
        return name.isEmpty ? nil : String(name)
    }

    static func isIPAddress(_ name: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, name, &v4) == 1 || inet_pton(AF_INET6, name, &v6) == 1
    }

    static func computerName() -> String? {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
