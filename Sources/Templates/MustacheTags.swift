/// One `{{…}}` tag of a template, with where it starts (1-based, columns counted in characters
/// as swift-mustache counts them).
struct MustacheTag: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case variable, unescaped, section, invertedSection, close, partial, parent, block, comment, delimiters, pragma
    }

    var kind: Kind
    var name: String
    var line: Int
    var column: Int

    /// `{{#name}}` as the editor wrote it, for messages.
    var written: String {
        switch kind {
        case .section: return "{{#\(name)}}"
        case .invertedSection: return "{{^\(name)}}"
        case .close: return "{{/\(name)}}"
        case .partial: return "{{> \(name)}}"
        case .parent: return "{{< \(name)}}"
        case .block: return "{{$\(name)}}"
        default: return "{{\(name)}}"
        }
    }

    var opensSection: Bool { [.section, .invertedSection, .parent, .block].contains(kind) }
}

/// A light scan of template text for its tags. swift-mustache parses templates but keeps its
/// tokens private and renders a missing partial as nothing, so the loader finds references
/// (`{{> name}}`, `{{< name}}`) and unclosed sections itself, with their locations.
enum MustacheTags {
    static func scan(_ text: String) -> [MustacheTag] {
        let chars = Array(text)
        var open = Array("{{"), close = Array("}}")
        var tags: [MustacheTag] = []
        var i = 0, line = 1, column = 1

        func matches(_ pattern: [Character], at index: Int) -> Bool {
            index + pattern.count <= chars.count && chars[index..<index + pattern.count].elementsEqual(pattern)
        }
        func advance(to end: Int) {
            while i < end {
                if chars[i].isNewline { line += 1; column = 1 } else { column += 1 }
                i += 1
            }
        }

        while i < chars.count {
            guard matches(open, at: i) else { advance(to: i + 1); continue }
            let (startLine, startColumn) = (line, column)
            var bodyStart = i + open.count
            var closing = close
            // The triple mustache {{{name}}} closes with an extra brace.
            if open == Array("{{"), bodyStart < chars.count, chars[bodyStart] == "{" {
                bodyStart += 1
                closing = Array("}}}")
            }
            var end = bodyStart
            while end < chars.count, !matches(closing, at: end) { end += 1 }
            guard end < chars.count else { break } // unterminated: the parser reports it
            let body = String(chars[bodyStart..<end]).trimmingWhitespace
            advance(to: end + closing.count)

            var tag = MustacheTag(kind: .variable, name: body, line: startLine, column: startColumn)
            if closing.count == 3 {
                tag.kind = .unescaped
            } else if let first = body.first {
                let rest = String(body.dropFirst()).trimmingWhitespace
                switch first {
                case "#": tag = MustacheTag(kind: .section, name: rest, line: startLine, column: startColumn)
                case "^": tag = MustacheTag(kind: .invertedSection, name: rest, line: startLine, column: startColumn)
                case "/": tag = MustacheTag(kind: .close, name: rest, line: startLine, column: startColumn)
                case ">": tag = MustacheTag(kind: .partial, name: rest, line: startLine, column: startColumn)
                case "<": tag = MustacheTag(kind: .parent, name: rest, line: startLine, column: startColumn)
                case "$": tag = MustacheTag(kind: .block, name: rest, line: startLine, column: startColumn)
                case "&": tag = MustacheTag(kind: .unescaped, name: rest, line: startLine, column: startColumn)
                case "!": tag = MustacheTag(kind: .comment, name: rest, line: startLine, column: startColumn)
                case "%": tag = MustacheTag(kind: .pragma, name: rest, line: startLine, column: startColumn)
                case "=":
                    tag = MustacheTag(kind: .delimiters, name: rest, line: startLine, column: startColumn)
                    let parts = rest.hasSuffix("=") ? rest.dropLast().split(whereSeparator: \.isWhitespace) : []
                    if parts.count == 2 { open = Array(parts[0]); close = Array(parts[1]) }
                default: break
                }
            }
            tags.append(tag)
        }
        return tags
    }

    /// The innermost section still open at the end of the text, or the opener a wrong closing
    /// tag was meant to close: what a parse error about sections is really about.
    static func sectionProblem(in tags: [MustacheTag]) -> (opener: MustacheTag?, closer: MustacheTag?) {
        var stack: [MustacheTag] = []
        for tag in tags {
            if tag.opensSection {
                stack.append(tag)
            } else if tag.kind == .close {
                guard let last = stack.last, last.name == tag.name else { return (stack.last, tag) }
                stack.removeLast()
            }
        }
        return (stack.last, nil)
    }
}

extension String {
    /// Leading and trailing white space removed (Pages uses it too).
    package var trimmingWhitespace: String {
        var slice = Substring(self)
        while slice.first?.isWhitespace == true { slice = slice.dropFirst() }
        while slice.last?.isWhitespace == true { slice = slice.dropLast() }
        return String(slice)
    }
}
