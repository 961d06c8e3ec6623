import Support
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

    /// The page's key: a hash of its path and of exactly what it is made from — the template's
    /// name and the values handed to it, or its finished text — with `templates`, the templates'
    /// fingerprint. A rebuild renders a page only when its key changed, so a field added to the
    /// model changes the keys of exactly the pages that show it, with nothing to list by hand.
    public func key(templates: UInt64) -> UInt64 {
        var hasher = WordHasher()
        hasher.add(string: path)
        hasher.add(word: templates)
        switch content {
        case .template(let name, let values):
            hasher.add(string: name)
            values.addKey(to: &hasher)
        case .text(let text):
            hasher.add(word: 0)
            hasher.add(string: text)
        }
        return hasher.value
    }
}

public enum PageContent: Sendable, Hashable {
    /// A template by name (without `.mustache`) and the precomputed values it shows.
    case template(String, TemplateValue)
    /// Finished text, written as UTF-8.
    case text(String)
}
