import CGumbo
import Foundation

/// A node of a parsed web page: an element or a run of text (comments are dropped).
enum HTMLNode: Sendable {
    case element(HTMLElement)
    case text(String)
}

/// An element with its lower-cased tag name, attributes and children, copied out of gumbo's tree
/// so that everything after parsing is plain Swift values.
struct HTMLElement: Sendable {
    var tag: String
    var attributes: [String: String]
    var children: [HTMLNode]

    func attribute(_ name: String) -> String? { attributes[name] }

    /// Every element under this one, in document order (an explicit stack: pages can nest deeply).
    func descendants() -> [HTMLElement] {
        var found: [HTMLElement] = []
        var stack: [HTMLElement] = [self]
        while let element = stack.popLast() {
            found.append(element)
            for case .element(let child) in element.children.reversed() { stack.append(child) }
        }
        return Array(found.dropFirst())
    }

    /// The text inside, with runs of white space made single spaces.
    var text: String {
        var parts: [String] = []
        var stack: [HTMLNode] = children.reversed()
        while let node = stack.popLast() {
            switch node {
            case .text(let t): parts.append(t)
            case .element(let e):
                if e.tag == "br" { parts.append(" ") }
                stack += e.children.reversed()
            }
        }
        return HTMLTree.collapse(parts.joined())
    }
}

/// Parses HTML with gumbo (HTML5's parsing algorithm: any bytes give a tree, as browsers do).
enum HTMLTree {
    /// Elements nested deeper than this keep only their text: the copy into Swift stays bounded
    /// (a hostile page can nest a million <div>s).
    static let maxDepth = 200

    /// The document's <html> element.
    static func parse(_ html: String) -> HTMLElement {
        // gumbo frees its tree recursively: a deeply nested page needs a deep stack, so parsing
        // runs on a thread of its own with room for it.
        let box = ResultBox()
        let thread = Thread {
            box.element = parseHere(html)
            box.done.signal()
        }
        thread.stackSize = 1 << 26
        thread.start()
        box.done.wait()
        return box.element ?? HTMLElement(tag: "html", attributes: [:], children: [])
    }

    private final class ResultBox: @unchecked Sendable {
        var element: HTMLElement?
        let done = DispatchSemaphore(value: 0)
    }

    private static func parseHere(_ html: String) -> HTMLElement {
        var options = kGumboDefaultOptions
        options.max_errors = 0 // the errors are not read: do not keep them
        var bytes = boundedNesting(Array(html.utf8))
        let count = bytes.count
        return bytes.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: count) { pointer in
                guard let output = gumbo_parse_with_options(&options, pointer, count) else {
                    return HTMLElement(tag: "html", attributes: [:], children: [])
                }
                defer { gumbo_destroy_output(&options, output) }
                if case .element(let root)? = convert(output.pointee.root, depth: 0) { return root }
                return HTMLElement(tag: "html", attributes: [:], children: [])
            }
        }
    }

    private static func convert(_ node: UnsafeMutablePointer<GumboNode>, depth: Int) -> HTMLNode? {
        switch node.pointee.type {
        case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
            return .text(String(cString: node.pointee.v.text.text))
        case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
            let element = node.pointee.v.element
            var attributes: [String: String] = [:]
            for i in 0..<Int(element.attributes.length) {
                guard let raw = element.attributes.data[i] else { continue }
                let attribute = raw.assumingMemoryBound(to: GumboAttribute.self).pointee
                let name = String(cString: attribute.name).lowercased()
                if attributes[name] == nil { attributes[name] = String(cString: attribute.value) }
            }
            var children: [HTMLNode] = []
            if depth >= maxDepth {
                children = [.text(flatText(node))]
            } else {
                for i in 0..<Int(element.children.length) {
                    guard let raw = element.children.data[i] else { continue }
                    if let child = convert(raw.assumingMemoryBound(to: GumboNode.self), depth: depth + 1) { children.append(child) }
                }
            }
            return .element(HTMLElement(tag: tagName(element), attributes: attributes, children: children))
        default:
            return nil // comments, the document node
        }
    }

    private static func tagName(_ element: GumboElement) -> String {
        if element.tag != GUMBO_TAG_UNKNOWN, let name = gumbo_normalized_tagname(element.tag) {
            return String(cString: name)
        }
        var piece = element.original_tag
        gumbo_tag_from_original_text(&piece)
        guard let data = piece.data, piece.length > 0 else { return "unknown" }
        let bytes = UnsafeRawBufferPointer(start: data, count: piece.length)
        return String(decoding: bytes, as: UTF8.self).lowercased()
    }

    /// The text under a node, without recursion.
    private static func flatText(_ node: UnsafeMutablePointer<GumboNode>) -> String {
        var parts: [String] = []
        var stack = [node]
        while let current = stack.popLast() {
            switch current.pointee.type {
            case GUMBO_NODE_TEXT, GUMBO_NODE_WHITESPACE, GUMBO_NODE_CDATA:
                parts.append(String(cString: current.pointee.v.text.text))
            case GUMBO_NODE_ELEMENT, GUMBO_NODE_TEMPLATE:
                let children = current.pointee.v.element.children
                for i in stride(from: Int(children.length) - 1, through: 0, by: -1) {
                    if let raw = children.data[i] { stack.append(raw.assumingMemoryBound(to: GumboNode.self)) }
                }
                parts.append(" ")
            default: break
            }
        }
        return parts.joined()
    }

    /// Elements opened deeper than this are left out before parsing (their text stays).
    static let maxOpenElements = 2_000

    /// HTML5 tree building looks through the open elements for each start tag, so a page nested a
    /// hundred thousand deep takes minutes: start tags beyond `maxOpenElements` open ones are
    /// dropped (one linear pass; tags that close themselves or their siblings are not counted).
    static func boundedNesting(_ bytes: [UInt8]) -> [UInt8] {
        let selfClosing: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                                        "track", "wbr", "p", "li", "option", "dt", "dd", "tr", "td", "th", "tbody", "thead", "rt", "rp"]
        let rawText: Set<String> = ["script", "style", "textarea", "title", "xmp", "noscript", "iframe", "plaintext"]
        func isLetter(_ b: UInt8) -> Bool { (65...90).contains(b) || (97...122).contains(b) }
        func find(_ needle: [UInt8], from start: Int) -> Int? {
            var i = start
            while i + needle.count <= bytes.count {
                if bytes[i] == needle[0], Array(bytes[i..<i + needle.count]).map({ $0 | 0x20 }) == needle { return i }
                i += 1
            }
            return nil
        }
        var open = 0
        var out: [UInt8] = []
        var dropped = false
        var i = 0
        var copied = 0
        while i < bytes.count {
            guard bytes[i] == 60, i + 1 < bytes.count else { i += 1; continue } // "<"
            let next = bytes[i + 1]
            if next == 33, i + 3 < bytes.count, bytes[i + 2] == 45, bytes[i + 3] == 45 { // "<!--"
                i = find(Array("-->".utf8), from: i + 4).map { $0 + 3 } ?? bytes.count
                continue
            }
            if next == 47 { open = max(0, open - 1); i += 2; continue } // "</"
            guard isLetter(next) else { i += 1; continue }
            var j = i + 1
            while j < bytes.count, isLetter(bytes[j]) || (48...57).contains(bytes[j]) || bytes[j] == 45 { j += 1 }
            let name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self).lowercased()
            let end = bytes[j...].firstIndex(of: 62) ?? bytes.count // ">"
            if rawText.contains(name) {
                i = find(Array("</\(name)".utf8), from: end).map { $0 + 2 + name.utf8.count } ?? bytes.count
                continue
            }
            if selfClosing.contains(name) || end > i && bytes[end - 1] == 47 { i = end; continue }
            open += 1
            if open > maxOpenElements {
                if !dropped { out.reserveCapacity(bytes.count); dropped = true }
                out += bytes[copied..<i]
                copied = min(end + 1, bytes.count)
                open -= 1
            }
            i = end
        }
        guard dropped else { return bytes }
        out += bytes[copied...]
        return out
    }

    /// White space (including no-break spaces and new lines) as single spaces, trimmed.
    static func collapse(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for ch in text {
            if ch.isWhitespace || ch == "\u{200B}" {
                pendingSpace = true
            } else if ch == "\u{200E}" || ch == "\u{200F}" || ch == "\u{FEFF}" {
                continue // direction marks the browser needs, not the words
            } else {
                if pendingSpace && !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(ch)
            }
        }
        return out
    }
}
