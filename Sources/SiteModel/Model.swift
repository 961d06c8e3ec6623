import ContentLoading
import Diagnostics

/// An organisation as the site shows it: from the registry, or discovered in an article's
/// front matter when no registry entry matches (then `isRegistered` is false).
public struct Organization: Sendable, Hashable, Identifiable, Codable {
    /// The URL path component: the registry id, or a slug of the Arabic name.
    public var id: String
    public var name: String
    public var aliases: [String]
    /// ISO 3166-1 alpha-2 code, upper case.
    public var country: String?
    public var website: String?
    public var description: String?
    public var isRegistered: Bool

    public init(id: String, name: String, aliases: [String] = [], country: String? = nil,
                website: String? = nil, description: String? = nil, isRegistered: Bool) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.country = country
        self.website = website
        self.description = description
        self.isRegistered = isRegistered
    }
}

/// A country with its display name. Its pages live at countries/<code in lower case>/.
public struct Country: Sendable, Hashable, Identifiable, Codable {
    public var code: String
    public var name: String
    public var id: String { code }
    public var pathComponent: String { code.lowercased() }

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// An article ready for the pages: names resolved to organisations and countries, body rendered.
/// The fields shown as written come whole from the source (`ArticleDetails`): `article.kicker`
/// reads `article.details.kicker`.
///
/// The build record stores articles through their Codable conformance (`BinaryCoding`), every
/// field but the body, which it keeps apart in the bodies file: a field added here is kept with
/// nothing else to change.
@dynamicMemberLookup
public struct Article: Sendable, Hashable, Identifiable, Codable {
    public var slug: String
    public var id: String { slug }
    /// content/articles/x.md, for messages.
    public var path: String
    public var title: String
    public var date: Day?
    /// The editor's summary, or the start of the first paragraph.
    public var summary: String
    public var sourceURL: String?
    /// Organisation ids, in the order the front matter names them, without repeats.
    public var organizationIDs: [String]
    /// ISO codes, in front-matter order, without repeats.
    public var countryCodes: [String]
    public var draft: Bool
    public var details: ArticleDetails
    /// The body as HTML from cmark. Not coded: stored bodies live in the bodies file.
    public var body = ArticleBody(html: "")

    private enum CodingKeys: String, CodingKey {
        case slug, path, title, date, summary, sourceURL, organizationIDs, countryCodes, draft, details
    }

    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<ArticleDetails, Value>) -> Value {
        get { details[keyPath: keyPath] }
        set { details[keyPath: keyPath] = newValue }
    }

    public init(slug: String, path: String, title: String, date: Day?, summary: String, sourceURL: String?,
                organizationIDs: [String], countryCodes: [String], draft: Bool, details: ArticleDetails, body: ArticleBody) {
        self.slug = slug
        self.path = path
        self.title = title
        self.date = date
        self.summary = summary
        self.sourceURL = sourceURL
        self.organizationIDs = organizationIDs
        self.countryCodes = countryCodes
        self.draft = draft
        self.details = details
        self.body = body
    }

    public var bodyHTML: String {
        get { body.html }
        set { body = ArticleBody(html: newValue) }
    }

    public init(slug: String, path: String, title: String, titleGenerated: Bool, date: Day?, kicker: String?,
                highlights: [String], summary: String, source: String?, sourceURL: String?, dateline: String?,
                organizationIDs: [String], countryCodes: [String], draft: Bool, body: ArticleBody) {
        self.init(slug: slug, path: path, title: title, date: date, summary: summary, sourceURL: sourceURL,
                  organizationIDs: organizationIDs, countryCodes: countryCodes, draft: draft,
                  details: ArticleDetails(titleGenerated: titleGenerated, kicker: kicker, highlights: highlights, source: source,
                                          dateline: dateline),
                  body: body)
    }

    public init(slug: String, path: String, title: String, titleGenerated: Bool, date: Day?, kicker: String?,
                highlights: [String], summary: String, source: String?, sourceURL: String?, dateline: String?,
                organizationIDs: [String], countryCodes: [String], draft: Bool, bodyHTML: String) {
        self.init(slug: slug, path: path, title: title, titleGenerated: titleGenerated, date: date, kicker: kicker,
                  highlights: highlights, summary: summary, source: source, sourceURL: sourceURL, dateline: dateline,
                  organizationIDs: organizationIDs, countryCodes: countryCodes, draft: draft, body: ArticleBody(html: bodyHTML))
    }
}
