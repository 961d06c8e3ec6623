import Diagnostics

/// A Markdown file split into its YAML front matter and its body, with the line numbers
/// needed to point diagnostics back into the original file.
public struct FrontMatter: Sendable {
    public var yaml: String
    /// 1-based line of the first YAML line (the line after the opening `---`).
    public var yamlFirstLine: Int
    public var body: String
    /// 1-based line of the first body line.
    public var bodyFirstLine: Int

    /// Splits `---\n…\n---\n` from the body. The text must already have LF line endings.
    public static func split(_ text: String, file: String) throws(Diagnostic) -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            throw .error(at: SourceLocation(file: file, line: 1, column: 1),
                         "the article does not start with front matter",
                         hint: "the first line must be --- , then the fields (title: …), then another --- line before the text")
        }
        lines = lines.dropFirst()
        var yamlLines: [Substring] = []
        var closed = false
        for line in lines {
            let trimmed = line.trimmingTrailingSpaces
            if trimmed == "---" || trimmed == "..." { closed = true; break }
            yamlLines.append(line)
        }
        guard closed else {
            throw .error(at: SourceLocation(file: file, line: 1, column: 1),
                         "the front matter that starts on line 1 is never closed",
                         hint: "add a line with only --- after the last field (date:, countries: …) and before the article text")
        }
        let bodyFirstLine = yamlLines.count + 3
        let bodyLines = lines.dropFirst(yamlLines.count + 1)
        return FrontMatter(yaml: yamlLines.joined(separator: "\n"), yamlFirstLine: 2,
                           body: bodyLines.joined(separator: "\n"), bodyFirstLine: bodyFirstLine)
    }
}

extension Substring {
    var trimmingTrailingSpaces: Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return s
    }
}
