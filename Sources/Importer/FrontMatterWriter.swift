import ContentLoading

/// Writes an imported article as Markdown with front matter that `ArticleLoader.parse` reads:
/// the fields in `ArticleSource.fields` order, every text double-quoted (so "NO", "2030" or
/// "title: x" stay text), organisations by Arabic name and countries by ISO code.
public enum FrontMatterWriter {
    /// `origin`: a YAML comment line naming the input, so a re-import can recognise its file.
    public static func markdown(_ article: ImportedArticle, origin: String? = nil) -> String {
        var yaml: [String] = []
        if let origin { yaml.append("# " + origin.replacingOccurrences(of: "\n", with: " ")) }
        for field in ArticleSource.fields {
            switch field {
            case "title": yaml.append("title: " + YAMLText.quoted(article.title) + comment(article, "title"))
            case "title_generated": if article.titleGenerated { yaml.append("title_generated: true") }
            case "date":
                if let date = article.date { yaml.append("date: \(date)" + comment(article, "date")) }
                else { yaml.append("date:  # not found in the text: write it as YYYY-MM-DD") }
            case "kicker": if let kicker = article.kicker { yaml.append("kicker: " + YAMLText.quoted(kicker)) }
            case "highlights": yaml += list("highlights", article.highlights)
            case "summary": if let summary = article.summary { yaml.append("summary: " + YAMLText.quoted(summary)) }
            case "source": if let source = article.source { yaml.append("source: " + YAMLText.quoted(source)) }
            case "source_url": if let url = article.sourceURL, ArticleLoader.isWebAddress(url) { yaml.append("source_url: " + YAMLText.quoted(url)) }
            case "dateline": if let dateline = article.dateline { yaml.append("dateline: " + YAMLText.quoted(dateline)) }
            case "organizations":
                if !article.organizations.isEmpty {
                    yaml.append("organizations:")
                    yaml += article.organizations.map { "  - " + YAMLText.quoted($0.name) + comment(article, "organizations", item: $0.name) }
                }
            case "countries":
                let lines = list("countries", article.countries)
                yaml += lines.isEmpty ? [] : [lines[0] + comment(article, "countries")] + lines.dropFirst()
            default: break // slug (the file name is the slug) and draft are the editor's
            }
        }
        var text = "---\n" + yaml.joined(separator: "\n") + "\n---\n\n"
        text += article.body.map { block in
            switch block {
            case .paragraph(let p): return escapeMarkdown(p)
            case .subheading(let h): return "### " + escapeMarkdown(h)
            }
        }.joined(separator: "\n\n")
        return text + "\n"
    }

    /// "  # check: …" after a field the importer guessed weakly, so the editor sees it in the file.
    static func comment(_ article: ImportedArticle, _ field: String, item: String? = nil) -> String {
        guard let check = article.checks.first(where: { $0.field == field && $0.item == item }) else { return "" }
        return "  # check: " + check.reason.replacingOccurrences(of: "\n", with: " ")
    }

    static func list(_ key: String, _ items: [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        return ["\(key):"] + items.map { "  - " + YAMLText.quoted($0) }
    }

    /// Keeps the journalist's characters from being read as Markdown: emphasis, links, HTML,
    /// and lines that would start a list, heading or quote.
    public static func escapeMarkdown(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            switch s {
            case "\\", "*", "_", "`", "[", "]", "<": out.append("\\"); out.append(s)
            default: out.append(s)
            }
        }
        var result = String(out)
        if let first = result.unicodeScalars.first, "#>+-=|".unicodeScalars.contains(first) { result = "\\" + result }
        // "1. …" and "1) …" would start a numbered list.
        let digits = result.unicodeScalars.prefix(10).prefix { ("0"..."9").contains($0) }.count
        if digits > 0, digits <= 9 {
            let marker = result.unicodeScalars.dropFirst(digits).first
            if marker == "." || marker == ")" {
                let index = result.unicodeScalars.index(result.unicodeScalars.startIndex, offsetBy: digits)
                result.unicodeScalars.insert("\\", at: index)
            }
        }
        return result
    }

}
