import Templates

/// One output file of the site: where it goes under public/ and what fills it.
public struct Page: Sendable, Hashable {
    /// Relative output path, unencoded UTF-8: "index.html", "articles/<slug>/index.html", "feed.xml".
    public var path: String
    public var content: PageContent

    public init(path: String, content: PageContent) {
        self.path = path
        self.content = content
    }
}

public enum PageContent: Sendable, Hashable {
    /// A template by name (without `.mustache`) and the precomputed values it shows.
    case template(String, TemplateValue)
    /// Finished text, written as UTF-8.
    case text(String)
}
