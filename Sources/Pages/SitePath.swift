import ArabicText
import SiteModel

/// Where one output file lives under public/, and the three ways pages refer to it.
///
/// Links between pages are relative and name the file: `../../organizations/katara/index.html`,
/// not `../../organizations/katara/`. A relative link works at a domain root and under any
/// sub-path; naming `index.html` as well makes `public/` browsable straight from disk, where
/// file:// shows a folder listing instead of its index. (At a host the link shows `index.html` in
/// the address bar; the canonical link and the sitemap give search engines the pretty address.)
///
/// Templates write every internal link as `{{root}}{{href}}`: `href` is the same from every page,
/// so an article's card is computed once and reused on any page, and `root` is the page's way
/// back to the site root — "../" per folder, or base_url's path on the 404 page, which a host
/// serves at arbitrary depths.
struct SitePath: Hashable, Sendable {
    /// Folder names from the site root, unencoded.
    var folders: [String]
    var file: String

    init(_ folders: [String], file: String = "index.html") {
        self.folders = folders
        self.file = file
    }

    /// Where Build writes the file: unencoded UTF-8, "articles/<slug>/index.html".
    var output: String { (folders + [file]).joined(separator: "/") }

    /// The percent-encoded path from the site root, for `{{root}}{{href}}`.
    var href: String { (folders + [file]).map(Slug.percentEncoded).joined(separator: "/") }

    /// What a page at this path puts before an `href` to reach the site root.
    var root: String { String(repeating: "../", count: folders.count) }

    /// The address under base_url: pages by their folder ("…/articles/<slug>/"), other files by name.
    func absoluteURL(base: String) -> String {
        let encoded = folders.map { Slug.percentEncoded($0) + "/" }.joined()
        return base + encoded + (file == "index.html" ? "" : Slug.percentEncoded(file))
    }

    /// Page `number` of a paginated list whose first page is `self`: "<self's folder>/page/<n>/".
    func paginated(_ number: Int) -> SitePath {
        number <= 1 ? self : SitePath(folders + ["page", String(number)])
    }

    /// A file beside this page: "organizations/<id>/feed.xml".
    func sibling(_ file: String) -> SitePath { SitePath(folders, file: file) }
}

/// The site's URL scheme, in one place.
extension SitePath {
    static let home = SitePath([])
    static let organizations = SitePath(["organizations"])
    static let countries = SitePath(["countries"])
    static let feed = SitePath([], file: "feed.xml")
    static let sitemap = SitePath([], file: "sitemap.xml")
    static let robots = SitePath([], file: "robots.txt")
    static let notFound = SitePath([], file: "404.html")

    static func article(_ slug: String) -> SitePath { SitePath(["articles", slug]) }
    static func organization(_ id: String) -> SitePath { SitePath(["organizations", id]) }
    static func country(_ country: Country) -> SitePath { SitePath(["countries", country.pathComponent]) }
}
