/// The page templates every theme must provide: one per kind of page the site has. The Pages
/// stage names them through this type, so the list the loader checks and the names the pages
/// use cannot drift apart. Partials and the base layout are found through the references the
/// page templates make, not listed here.
public enum PageTemplate: String, CaseIterable, Sendable {
    case home
    case article
    case organizations
    case organization
    case countries
    case country
    case network
    case notFound = "404"
    case feed
    case sitemap
    case search

    public var name: String { rawValue }
}
