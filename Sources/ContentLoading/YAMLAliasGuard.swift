import Diagnostics

/// Finds YAML anchors (`&name`) and aliases (`*name`) before the YAML is composed.
/// Editors never need them, and composing them is where "billion laughs" documents explode:
/// Yams compares alias keys by walking their whole expansion. So they are refused up front.
///
/// A scan over the text, not a YAML parser: it tracks quotes, comments, flow brackets and block
/// scalars well enough to tell a node property (`key: &a …`, `- *a`, `[*a, *a]`) from an `&` or
/// `*` inside text (`title: AT&T`, `"*مهم*"`).
enum YAMLAliasGuard {
    /// The 1-based line and column of the first anchor or alias, if any.
    static func firstAnchorOrAlias(in yaml: String) -> (line: Int, column: Int)? {
        var flowDepth = 0
        var openQuote: Character?
        var blockScalarIndent: Int?
        for (lineIndex, line) in yaml.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let chars = Array(line)
            let indent = chars.prefix { $0 == " " }.count
            if let blockIndent = blockScalarIndent {
                if chars.allSatisfy({ $0 == " " }) || indent > blockIndent { continue }
                blockScalarIndent = nil
            }
            var i = 0
            var atNodeStart = openQuote == nil
            while i < chars.count {
                let c = chars[i]
                if let quote = openQuote {
                    if c == quote {
                        if quote == "'" && i + 1 < chars.count && chars[i + 1] == "'" { i += 2; continue }
                        openQuote = nil
                        atNodeStart = false
                    } else if c == "\\" && quote == "\"" {
                        i += 1
                    }
                    i += 1
                    continue
                }
                let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
                let followedBySpace = next == nil || next == " " || next == "\t"
                // Each indicator counts only where YAML reads it as one.
                let isCommentStart = c == "#" && (i == 0 || chars[i - 1] == " " || chars[i - 1] == "\t")
                if c == " " || c == "\t" {
                    // separators keep the state
                } else if isCommentStart {
                    break
                } else if (c == "&" || c == "*") && atNodeStart && !followedBySpace {
                    return (lineIndex + 1, i + 1)
                } else if (c == "\"" || c == "'") && atNodeStart {
                    openQuote = c
                } else if (c == "-" || c == "?") && atNodeStart && followedBySpace {
                    atNodeStart = true
                } else if c == ":" && followedBySpace {
                    atNodeStart = true
                } else if (c == "[" || c == "{") && (atNodeStart || flowDepth > 0) {
                    flowDepth += 1
                    atNodeStart = true
                } else if (c == "]" || c == "}") && flowDepth > 0 {
                    flowDepth -= 1
                    atNodeStart = false
                } else if c == "," && flowDepth > 0 {
                    atNodeStart = true
                } else if (c == "|" || c == ">") && atNodeStart {
                    blockScalarIndent = indent
                    break
                } else {
                    // A plain scalar (or a key): text until ": ", or a flow indicator in flow context.
                    atNodeStart = false
                }
                i += 1
            }
        }
        return nil
    }

    static func diagnostic(in yaml: String, file: String, lineOffset: Int) -> Diagnostic? {
        guard let (line, column) = firstAnchorOrAlias(in: yaml) else { return nil }
        return .error(at: SourceLocation(file: file, line: line + lineOffset, column: column),
                      "YAML anchors (&) and aliases (*) are not allowed here",
                      hint: "write each value out in full; a text that starts with & or * must be in quotes, e.g. kicker: \"*عاجل\"")
    }
}
