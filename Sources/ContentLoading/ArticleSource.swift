import ArabicText
import Diagnostics
import Foundation
import Support

/// The fields an article shows as the editor wrote them, which nothing in the model
/// interprets: declared once here and read from the front matter below, they travel whole into
/// the site's `Article`, through the build caches (which store them by their Codable
/// conformance) and into its page's values, whose hash is the page's key. A field added here is
/// shown by adding it to those values and a template: nothing else lists the fields.
public struct ArticleDetails: Sendable, Hashable, Codable {
    public var titleGenerated = false
    public var kicker: String?
    public var highlights: [String] = []
    public var source: String?
    public var dateline: String?
    /// The lead picture: a path inside content/images/ ("2024/توقيع.jpg"), shown at the top of
    /// the article and as its og:image; its text for those who cannot see it, and its caption.
    public var image: Located<String>?
    public var imageAlt: String?
    public var imageCaption: String?

    public init(titleGenerated: Bool = false, kicker: String? = nil, highlights: [String] = [], source: String? = nil,
                dateline: String? = nil) {
        self.titleGenerated = titleGenerated
        self.kicker = kicker
        self.highlights = highlights
        self.source = source
        self.dateline = dateline
    }

    /// Pictures the fields name, each a path under content/images/: checked like the body's
    /// images (`SiteCheck`), with the field's own location.
    public var images: [Located<String>] { image.map { [$0] } ?? [] }

    /// What `check` and `build` say about these fields beyond reading them (a picture without
    /// its description, say): warnings located at the field.
    public var findings: [Diagnostic] {
        guard let image, imageAlt?.allSatisfy(\.isWhitespace) ?? true else { return [] }
        return [.warning(at: image.location, "the image has no image_alt",
                         hint: "describe the picture in a few words for readers who cannot see it: image_alt: \"…\"")]
    }

    /// Reads the fields from the front matter; problems go to `fields.diagnostics`.
    init(_ fields: inout YAMLFields) {
        titleGenerated = fields.bool("title_generated") ?? false
        kicker = fields.text("kicker")?.value
        highlights = fields.list("highlights").map(\.value)
        source = fields.text("source")?.value
        dateline = fields.text("dateline")?.value
        // Written as in the body's image links or inside content/images/: kept inside it.
        image = fields.text("image").map { Located(String($0.value.trimmingPrefix("../../").trimmingPrefix("images/")), at: $0.location) }
        imageAlt = fields.text("image_alt")?.value
        imageCaption = fields.text("image_caption")?.value
    }
}

/// One article as the editor wrote it: front-matter fields (with their locations) and the
/// Markdown body. Names of organisations and countries are still the editor's words here;
/// the site model resolves them.
///
/// The build cache keeps it through its Codable conformance (`BinaryCoding`), every field but
/// the Markdown body: a field added here is kept without a word more.
@dynamicMemberLookup
public struct ArticleSource: Sendable, Hashable, Codable {
    /// Path shown in diagnostics, relative to the site root (content/articles/x.md).
    public var path: String
    /// File name without ".md": the slug when neither `slug:` nor a usable title gives one.
    public var fileStem: String
    public var title: String
    public var date: Day?
    public var slug: Located<String>?
    public var summary: String?
    public var sourceURL: Located<String>?
    public var organizations: [Located<String>]
    /// Where the `organizations:` key itself is written, for a finding about the list as a whole.
    public var organizationsField: SourceLocation? = nil
    public var countries: [Located<String>]
    public var draft: Bool
    public var details: ArticleDetails
    /// The Markdown. Empty in an article restored from the build cache, which keeps its
    /// rendered body instead (`ArticleCache.restored`).
    public var body: String = ""
    public var bodyFirstLine: Int
    /// A hash of the file's text: what the build cache knows the file by.
    public var fingerprint: UInt64 = 0

    /// Every field but the body.
    enum CodingKeys: String, CodingKey {
        case path, fileStem, title, date, slug, summary, sourceURL, organizations, organizationsField, countries, draft, details
        case bodyFirstLine, fingerprint
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ArticleDetails, Value>) -> Value {
        get { details[keyPath: keyPath] }
        set { details[keyPath: keyPath] = newValue }
    }

    /// The front-matter fields, in the order `taawun new` writes them.
    public static let fields = guide.map(\.field)

    /// Every front-matter field with the short Arabic note `taawun new` writes above it: a field
    /// without one would be a gap in the editors' instructions.
    public static let guide: [(field: String, note: String)] = [
        ("title", "عنوان المقال كما سيظهر للقراء، بين علامتَي تنصيص."),
        ("title_generated", "اتركه false. تضع أداة الاستيراد true عندما تصوغ العنوان آليًا."),
        ("date", "تاريخ الخبر: سنة-شهر-يوم، مثل 2024-02-28."),
        ("slug", "عنوان الصفحة في الرابط (اختياري). إن بقي فارغًا يُصنع من العنوان. كلمات تفصل بينها شَرطات: مذكرة-تفاهم-إعلامية"),
        ("kicker", "سطر قصير يظهر فوق العنوان (اختياري)، مثل: \"بمشاركة رؤساء الوفود\""),
        ("highlights", "أبرز النقاط (اختياري): [\"النقطة الأولى\", \"النقطة الثانية\"]، أو كل نقطة في سطر تحته يبدأ بـ \"- \"."),
        ("summary", "ملخص من جملة أو جملتين (اختياري). إن بقي فارغًا تُستعمل بداية الفقرة الأولى."),
        ("source", "اسم مصدر الخبر (اختياري)، مثل: \"وكالة الأنباء القطرية\""),
        ("source_url", "رابط الخبر الأصلي كاملًا يبدأ بـ https:// (اختياري)."),
        ("dateline", "مكان الخبر كما في مطلعه (اختياري)، مثل: \"الدوحة\""),
        ("image", "الصورة الرئيسية (اختياري): مسارها داخل content/images/، مثل: \"2024/توقيع-المذكرة.jpg\""),
        ("image_alt", "وصف الصورة لمن لا يراها، في كلمات قليلة (مطلوب إن وُضعت صورة)."),
        ("image_caption", "تعليق يظهر تحت الصورة (اختياري)، مثل: \"من توقيع المذكرة في الدوحة\""),
        ("organizations", "المؤسسات بأسمائها كما في content/organizations.yaml، مثل: [المدينة الإعلامية قطر, تيك توك]"),
        ("countries", "الدول بأسمائها العربية أو برموزها، مثل: [قطر, SA]"),
        ("draft", "true: مسودة لا تُنشر. غيّرها إلى false عندما يصبح المقال جاهزًا للنشر."),
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
            date: date,
            slug: fields.text("slug"),
            summary: fields.text("summary")?.value,
            sourceURL: sourceURL,
            organizations: fields.list("organizations"),
            organizationsField: fields.keyLocation("organizations"),
            countries: fields.list("countries"),
            draft: fields.bool("draft") ?? false,
            details: ArticleDetails(&fields),
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
