import Diagnostics
import Foundation

/// `content/site.yaml`: what the whole site is called and where it will live.
public struct SiteConfig: Sendable, Hashable {
    public var title: String
    public var description: String
    /// Absolute base URL, always ending in "/", possibly with a path (https://example.org/digest/).
    public var baseURL: String
    /// "ar" (Latin digits) or a locale such as "ar-EG" / "ar-SA" whose digits are Arabic-Indic.
    public var locale: String
    public var pageSize: Int
    /// Opt-in: let raw HTML in Markdown through cmark. Off by default (safe mode).
    public var unsafeHTML: Bool
    /// Whether the site has a search page and index (`search: false` leaves both out, and the
    /// search box and links with them).
    public var search: Bool
    /// Where `taawun deploy` publishes the site when no `--to` is given, and where site.yaml says so.
    public var deploy: String?
    public var deployLocation: SourceLocation?

    public static let fields = ["title", "description", "base_url", "locale", "page_size", "unsafe_html", "search", "deploy"]

    public init(title: String = "تعاون", description: String = "", baseURL: String = "https://example.org/",
                locale: String = "ar", pageSize: Int = 10, unsafeHTML: Bool = false, search: Bool = true) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.locale = locale
        self.pageSize = pageSize
        self.unsafeHTML = unsafeHTML
        self.search = search
    }

    static func parse(_ text: String, path: String) -> (SiteConfig, [Diagnostic]) {
        var fields = YAMLFields(yaml: text, file: path, firstLine: 1, allowedKeys: fields, what: "site settings")
        var config = SiteConfig()
        if let title = fields.text("title") { config.title = title.value }
        else if fields.parsed, fields.keyLocation("title") == nil {
            fields.report(.error(at: SourceLocation(file: path, line: 1, column: 1), "the site has no title",
                                 hint: "add  title: \"تعاون\"  to \(path)"))
        }
        config.description = fields.text("description")?.value ?? ""
        if let base = fields.text("base_url") {
            if ArticleLoader.isWebAddress(base.value) {
                config.baseURL = base.value.hasSuffix("/") ? base.value : base.value + "/"
            } else {
                fields.report(.error(at: base.location, "base_url must be the full web address of the site, starting with https://",
                                     hint: "for example  base_url: https://example.org/digest/"))
            }
        }
        if let locale = fields.text("locale") {
            if locale.value == "ar" || locale.value.hasPrefix("ar-") || locale.value.hasPrefix("ar_") {
                config.locale = locale.value
            } else {
                fields.report(.error(at: locale.location, "the site's locale must be Arabic (ar, ar-EG, ar-MA, …)",
                                     hint: "write  locale: ar  for Latin digits, or  locale: ar-EG  for Arabic-Indic digits"))
            }
        }
        if let size = fields.int("page_size", in: 1...500) { config.pageSize = size }
        config.unsafeHTML = fields.bool("unsafe_html") ?? false
        config.search = fields.bool("search") ?? true
        if let deploy = fields.text("deploy") { (config.deploy, config.deployLocation) = (deploy.value, deploy.location) }
        return (config, fields.diagnostics)
    }
}
