import ArabicText
import Diagnostics
import Foundation
import Fingerprints

/// One article as the editor wrote it: front-matter fields (with their locations) and the
/// Markdown body. Names of organisations and countries are still the editor's words here;
/// the site model resolves them.
public struct ArticleSource: Sendable, Hashable {
    /// Path shown in diagnostics, relative to the site root (content/articles/x.md).
    public var path: String
    /// File name without ".md": the slug when neither `slug:` nor a usable title gives one.
    public var fileStem: String
    public var title: String
    public var titleGenerated: Bool
    public var date: Day?
    public var slug: Located<String>?
    public var kicker: String?
    public var highlights: [String]
    public var summary: String?
    public var source: String?
    public var sourceURL: Located<String>?
    public var dateline: String?
    public var organizations: [Located<String>]
    /// Where the `organizations:` key itself is written, for a finding about the list as a whole.
    public var organizationsField: SourceLocation? = nil
    public var countries: [Located<String>]
    public var draft: Bool
    /// The Markdown. Empty in an article restored from the build cache, which keeps its
    /// rendered body instead (`ArticleCache.restored`).
    public var body: String
    public var bodyFirstLine: Int
    /// A hash of the file's text: what the build cache knows the file by.
    public var fingerprint: UInt64 = 0

    /// The front-matter fields, in the order `taawun new` writes them.
    public static let fields = [
        "title", "title_generated", "date", "slug", "kicker", "highlights", "summary", "source",
        "source_url", "dateline", "organizations", "countries", "draft",
    ]
}

/// Reads `content/articles/*.md` into `ArticleSource` values, reporting every problem.
public enum ArticleLoader {
    /// Parses one article. Returns the article and its warnings, or throws all its errors.
    public static func parse(_ text: String, path: String) throws(DiagnosticsError) -> ArticleSource {
        let frontMatter = try split(text, path: path)
        var article: ArticleSource
        if let simple = simplyRead(frontMatter, path: path) {
            article = simple
        } else {
            article = try read(frontMatter, path: path)
        }
        article.fingerprint = fingerprint(of: text)
        return article
    }

    /// What can be read of the article in `file` when its fields have errors: the fields that
    /// are right, so the site model and the link check can still look at its names, slug and
    /// body. nil when the file or its front matter cannot be read at all.
    public static func partial(_ file: ArticleFile) -> ArticleSource? {
        guard let text = try? ContentLoader.readArticle(file),
              let frontMatter = try? split(text, path: file.display) else { return nil }
        var fields = YAMLFields(yaml: frontMatter.yaml, file: file.display, firstLine: frontMatter.yamlFirstLine,
                                allowedKeys: ArticleSource.fields, what: "front matter")
        guard fields.parsed else { return nil }
        var article = article(from: &fields, frontMatter: frontMatter, path: file.display)
        article.fingerprint = fingerprint(of: text)
        return article
    }

    static func split(_ text: String, path: String) throws(DiagnosticsError) -> FrontMatter {
        do {
            return try FrontMatter.split(text, file: path)
        } catch {
            throw DiagnosticsError([error])
        }
    }

    /// The article when `SimpleYAML` reads its front matter and the fields have no problem at
    /// all; nil otherwise. Every diagnostic comes from `read`, the reference.
    static func simplyRead(_ frontMatter: FrontMatter, path: String) -> ArticleSource? {
        guard var fields = YAMLFields(simpleYAML: frontMatter.yaml, file: path, firstLine: frontMatter.yamlFirstLine,
                                      allowedKeys: ArticleSource.fields, what: "front matter") else { return nil }
        let article = article(from: &fields, frontMatter: frontMatter, path: path)
        return fields.diagnostics.isEmpty ? article : nil
    }

    /// The reference: Yams reads the front matter, whatever YAML it is.
    static func read(_ frontMatter: FrontMatter, path: String) throws(DiagnosticsError) -> ArticleSource {
        var fields = YAMLFields(yaml: frontMatter.yaml, file: path, firstLine: frontMatter.yamlFirstLine,
                                allowedKeys: ArticleSource.fields, what: "front matter")
        let article = article(from: &fields, frontMatter: frontMatter, path: path)
        if fields.diagnostics.hasErrors { throw DiagnosticsError(fields.diagnostics) }
        return article
    }

    /// The field checks, whichever reader read the fields; problems go to `fields.diagnostics`.
    static func article(from fields: inout YAMLFields, frontMatter: FrontMatter, path: String) -> ArticleSource {
        let fileStem = fileStem(path)
        let before = fields.diagnostics.count
        let title = fields.text("title")
        if title == nil, fields.parsed, fields.diagnostics.count == before {
            fields.report(.error(at: fields.keyLocation("title") ?? SourceLocation(file: path, line: 2, column: 1),
                                 "the article has no title",
                                 hint: "add a line such as  title: \"مكتب الاتصال الحكومي يوقع مذكرة تفاهم\"  to the front matter"))
        }
        var date: Day?
        if let raw = fields.text("date") {
            date = Day(iso: Digits.western(raw.value))
            if date == nil {
                fields.report(.error(at: raw.location, "\"\(raw.value)\" is not a date",
                                     hint: "write the date as year-month-day with a real day, e.g. date: 2024-02-28"))
            }
        } else if let node = fields.node("date"), node.scalar == nil {
            fields.report(.error(at: fields.location(node.position), "the date must be a single value such as 2024-02-28"))
        }
        var sourceURL = fields.text("source_url")
        if let url = sourceURL, !isWebAddress(url.value) {
            fields.report(.error(at: url.location, "source_url must be a web address starting with http:// or https://",
                                 hint: "copy the full address of the original article from the browser's address bar"))
            sourceURL = nil
        }
        return ArticleSource(
            path: path,
            fileStem: fileStem,
            title: title?.value ?? "",
            titleGenerated: fields.bool("title_generated") ?? false,
            date: date,
            slug: fields.text("slug"),
            kicker: fields.text("kicker")?.value,
            highlights: fields.list("highlights").map(\.value),
            summary: fields.text("summary")?.value,
            source: fields.text("source")?.value,
            sourceURL: sourceURL,
            dateline: fields.text("dateline")?.value,
            organizations: fields.list("organizations"),
            organizationsField: fields.keyLocation("organizations"),
            countries: fields.list("countries"),
            draft: fields.bool("draft") ?? false,
            body: frontMatter.body,
            bodyFirstLine: frontMatter.bodyFirstLine
        )
    }

    /// The file name without ".md". A plain name ("000123.md", "مقال-عربي.md") is cut directly;
    /// any other asks URL, the reference (a few µs an article).
    public static func fileStem(_ path: String) -> String {
        let name = path.utf8.lastIndex(of: UInt8(ascii: "/")).map { path[path.index(after: $0)...] } ?? path[...]
        let stem = name.dropLast(3)
        if name.hasSuffix(".md"), !stem.isEmpty, !stem.contains(where: { ".%\\~".contains($0) }) { return String(stem) }
        return URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    public static func fingerprint(of text: String) -> UInt64 {
        var hasher = WordHasher()
        hasher.add(string: text)
        return hasher.value
    }

    /// http(s) with a host: `javascript:` and other schemes never reach a page.
    public static func isWebAddress(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else { return false }
        return true
    }
}

// MARK: - The build cache's encoding

extension ArticleSource {
    /// Every field but the Markdown body, which the cache does not keep.
    public func encode(into writer: inout ByteWriter) {
        writer.write(path)
        writer.write(fileStem)
        writer.write(title)
        writer.write(titleGenerated)
        writer.write(Day.number(of: date))
        Self.write(slug, &writer)
        writer.write(kicker)
        writer.write(highlights)
        writer.write(summary)
        writer.write(source)
        Self.write(sourceURL, &writer)
        writer.write(dateline)
        writer.write(organizations.count)
        for name in organizations { Self.write(name, &writer) }
        writer.write(organizationsField != nil)
        if let organizationsField {
            writer.write(organizationsField.line)
            writer.write(organizationsField.column)
        }
        writer.write(countries.count)
        for name in countries { Self.write(name, &writer) }
        writer.write(draft)
        writer.write(bodyFirstLine)
        writer.write(fingerprint)
    }

    /// What `encode` wrote, with an empty body; nil when the bytes are damaged.
    public static func decode(from reader: inout ByteReader) -> ArticleSource? {
        guard let path = reader.string(), let fileStem = reader.string(), let title = reader.string(),
              let titleGenerated = reader.bool(), let dateNumber = reader.int(), let slug = located(&reader, path),
              let kicker = reader.optionalString(), let highlights = reader.strings(), let summary = reader.optionalString(),
              let source = reader.optionalString(), let sourceURL = located(&reader, path), let dateline = reader.optionalString(),
              let organizations = list(&reader, path), let organizationsField = position(&reader, path),
              let countries = list(&reader, path),
              let draft = reader.bool(), let bodyFirstLine = reader.int(), let fingerprint = reader.uint64() else { return nil }
        guard case .some(let date) = Day.from(number: dateNumber) else { return nil }
        var article = ArticleSource(
            path: path, fileStem: fileStem, title: title, titleGenerated: titleGenerated, date: date, slug: slug,
            kicker: kicker, highlights: highlights, summary: summary, source: source, sourceURL: sourceURL,
            dateline: dateline, organizations: organizations, organizationsField: organizationsField, countries: countries,
            draft: draft, body: "",
            bodyFirstLine: bodyFirstLine)
        article.fingerprint = fingerprint
        return article
    }

    private static func write(_ value: Located<String>?, _ writer: inout ByteWriter) {
        writer.write(value != nil)
        if let value {
            writer.write(value.value)
            writer.write(value.location.line)
            writer.write(value.location.column)
        }
    }

    /// A place in this file: .some(nil) when absent, nil when damaged.
    private static func position(_ reader: inout ByteReader, _ path: String) -> SourceLocation?? {
        guard let present = reader.bool() else { return nil }
        guard present else { return .some(nil) }
        guard let line = reader.int(), let column = reader.int() else { return nil }
        return .some(SourceLocation(file: path, line: line, column: column))
    }

    /// A located text of this file: .some(nil) when absent, nil when damaged.
    private static func located(_ reader: inout ByteReader, _ path: String) -> Located<String>?? {
        guard let present = reader.bool() else { return nil }
        guard present else { return .some(nil) }
        guard let value = reader.string(), let line = reader.int(), let column = reader.int() else { return nil }
        return .some(Located(value, at: SourceLocation(file: path, line: line, column: column)))
    }

    private static func list(_ reader: inout ByteReader, _ path: String) -> [Located<String>]? {
        guard let n = reader.count() else { return nil }
        var items: [Located<String>] = []
        for _ in 0..<n {
            guard case .some(.some(let item)) = located(&reader, path) else { return nil }
            items.append(item)
        }
        return items
    }
}
