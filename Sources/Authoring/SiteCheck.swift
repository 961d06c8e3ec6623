import ArabicText
import ContentLoading
import Diagnostics
import Foundation
import Markdown
import Output
import Pages
import SiteModel
import Support
import Templates

/// What `taawun check` found: every finding, errors and warnings, in reading order.
public struct CheckReport: Sendable {
    public var diagnostics: [Diagnostic]
    /// Article files checked, drafts and those with errors included.
    public var articles: Int
    public var hasErrors: Bool { diagnostics.hasErrors }
}

/// Validates a site folder without writing anything: the front matter and registries (through
/// ContentLoader), organisations, countries and slugs (through SiteBuilder), the templates and
/// every page they render, and what the loaders cannot see — Markdown links to articles that do
/// not exist and images that are missing. Drafts are checked too: they are what editors work on.
/// `SiteCheck.model` is what `taawun build` runs too: the two agree on every content error.
public struct SiteCheck: Sendable {
    public var root: URL
    public init(root: URL) { self.root = SiteLayout(root: root).root }

    /// Where article images live: content/images/ (published as images/).
    public static let imagesFolder = "images"

    public func run() -> CheckReport {
        let layout = SiteLayout(root: root)
        let content = ContentLoader.load(layout, includeDrafts: true)
        // Every file counts, the ones whose front matter failed too.
        let checked = layout.articlePaths().count
        var diagnostics: [Diagnostic] = []

        let site: Site?
        do {
            let (built, warnings) = try Self.model(content, layout: layout, cache: ModelCache())
            diagnostics += warnings
            site = built
        } catch {
            diagnostics += error.diagnostics
            site = nil
        }
        do throws(DiagnosticsError) {
            let templates = try TemplateSet.load(from: layout.templates, displayPrefix: "templates/")
            // Render one page of each template in memory: mistakes that only show with real
            // values (a missing partial) surface here rather than at publishing time, at a
            // fraction of the cost of rendering the whole site.
            if let site {
                var seen = Set<String>()
                let samples = PagePlanner(site: site).plan().filter { page in
                    page.template.map { seen.insert($0).inserted } ?? false
                }
                _ = try PageRenderer(templates: templates)
                    .renderChanged(samples, templatesFingerprint: templates.fingerprint, previous: { _ in nil }, progress: { _, _ in })
            }
        } catch {
            diagnostics += error.diagnostics
        }

        // The same finding can come from two stages (a template error on many pages): keep one.
        var seen = Set<Diagnostic>()
        let unique = diagnostics.filter { seen.insert($0).inserted }
        return CheckReport(diagnostics: unique.sortedByLocation(), articles: checked)
    }

    /// The site model with every finding about the content that `taawun check` and
    /// `taawun build` share, so that the build refuses what the check calls an error: the
    /// loaders' and the model's findings (front matter, registries, names, slugs and their
    /// length), and the links and images of every article against the site's addresses.
    /// Throws them all, sorted, when one is an error; otherwise returns the site and the warnings.
    /// Links to drafts a load without drafts left out are told apart from links to nothing.
    /// `cache` gets every body the model renders, with its links and images.
    public static func model(_ content: consuming Content, layout: SiteLayout,
                             cache: ModelCache) throws(DiagnosticsError) -> (site: Site, warnings: [Diagnostic]) {
        let config = content.config
        let drafts = content.leftOutDrafts
        // The articles without their Markdown: the model lets the Markdown go as it renders.
        let sources = content.articles.map { source in
            var source = source
            source.body = ""
            return source
        }
        var found: [Diagnostic]
        let site: Site?
        do {
            let built = try SiteBuilder.build(content, cache: cache)
            (site, found) = (built.site, built.warnings)
        } catch {
            (site, found) = (nil, error.diagnostics)
        }
        let stripped = Content(config: config, organizations: [], countries: [], articles: sources, diagnostics: [])
        var addresses = SiteAddresses(layout: layout, site: site ?? addressesOnly(stripped), articles: sources, baseURL: config.baseURL)
        addresses.add(drafts: drafts)
        found += references(in: sources, addresses: addresses, layout: layout, cache: cache, allowUnsafeHTML: config.unsafeHTML)
        found = found.sortedByLocation()
        guard let site, !found.hasErrors else { throw DiagnosticsError(found) }
        return (site, found)
    }

    /// Whether an edit that keeps every article in its place (`SiteBuilder.update`) leaves the
    /// edited articles without link and image findings, as they were: the new bodies
    /// (`sources`, rendered into `cache`) checked against `site`, and none of the last build's
    /// `warnings` in the old bodies (`previous`: a finding located in a body is about a link or
    /// an image). When not, the caller builds in full, which reports every finding.
    /// `edited`: the sources' places in `site.articles`.
    public static func referencesStayClean(_ sources: [ArticleSource], edited: [Int], previous: [ArticleSource], site: Site,
                                           warnings: [Diagnostic], layout: SiteLayout, cache: ModelCache) -> Bool {
        for old in previous where warnings.contains(where: { $0.location.file == old.path && $0.location.line >= old.bodyFirstLine }) {
            return false
        }
        let written = sources.map { references(of: $0, layout: layout, cache: cache, allowUnsafeHTML: site.config.unsafeHTML) }
        if written.allSatisfy({ $0.map { $0.links.isEmpty && $0.images.isEmpty } ?? false }) { return true }
        // Only the articles the edited ones link to are looked up: listing every address would read
        // every article of a build record, which reads them only as pages show them. (A link naming a
        // Markdown file finds no file stem here and is a finding: the full build then reports it.)
        var folders: [String: [String]] = [:], targets: [String: SiteAddresses.Target] = [:]
        for (source, index) in zip(sources, edited) { folders[source.path] = ["articles", site.articles[index].slug] }
        for (source, references) in zip(sources, written) {
            for link in references?.links ?? [] {
                guard case .site(let components) = SiteReference.resolve(link.url, pageFolders: folders[source.path] ?? [], baseURL: site.config.baseURL),
                      components.first == "articles", components.count >= 2, let target = site.articleIndex(slug: components[1]) else { continue }
                targets[components[1]] = SiteAddresses.Target(path: site.articles[target].path, draft: site.articles[target].draft)
            }
        }
        let addresses = SiteAddresses(baseURL: site.config.baseURL, articles: targets, slugByFileStem: [:], pageFolders: folders,
                                      images: SiteAddresses.files(under: layout.images))
        return references(in: sources, addresses: addresses, layout: layout, cache: cache,
                          allowUnsafeHTML: site.config.unsafeHTML).isEmpty
    }

    /// The site's addresses when the full model has errors: SiteBuilder again, without the
    /// organisations and countries that can fail, and without articles whose address itself
    /// failed. Links are then still checked against every article that has an address.
    static func addressesOnly(_ content: Content) -> Site? {
        var stripped = content
        stripped.diagnostics = []
        stripped.articles = content.articles.map { article in
            var article = article
            article.organizations = []
            article.countries = []
            return article
        }
        for _ in 0..<2 {
            do {
                return try SiteBuilder.build(stripped).site
            } catch {
                let failed = Set(error.diagnostics.errors.map(\.location.file))
                guard !failed.isEmpty else { return nil }
                stripped.articles.removeAll { failed.contains($0.path) }
            }
        }
        return nil
    }

    /// Link and image findings for `articles`, located in their files: their links and images
    /// as `cache` has them from rendering their bodies, or, for a body it has without them,
    /// from the file read again.
    static func references(in articles: [ArticleSource], addresses: SiteAddresses, layout: SiteLayout,
                           cache: ModelCache, allowUnsafeHTML: Bool) -> [Diagnostic] {
        let results = UnsafeResults<[Diagnostic]>(count: articles.count)
        DispatchQueue.concurrentPerform(iterations: articles.count) { i in
            let article = articles[i]
            var found: [Diagnostic] = []
            if let references = references(of: article, layout: layout, cache: cache, allowUnsafeHTML: allowUnsafeHTML) {
                for link in references.links { found += addresses.check(link: link, in: article) }
                for image in references.images { found += addresses.check(image: image, in: article) }
            }
            for image in article.details.images { found += addresses.check(fieldImage: image) }
            found += article.details.findings
            results[i] = found
        }
        return results.values.flatMap { $0 }
    }

    static func references(of article: ArticleSource, layout: SiteLayout, cache: ModelCache,
                           allowUnsafeHTML: Bool) -> ModelCache.Body.References? {
        if let known = cache.body(for: article, allowUnsafeHTML: allowUnsafeHTML)?.references { return known }
        let file = ArticleFile(path: layout.root.appendingPathComponent(article.path).path, display: article.path, stamp: nil)
        guard let text = try? ContentLoader.readArticle(file), let split = try? FrontMatter.split(text, file: article.path),
              ArticleLoader.fingerprint(of: text) == article.fingerprint else { return nil }
        let rendered = MarkdownRenderer.render(split.body, allowUnsafeHTML: allowUnsafeHTML)
        return .init(links: rendered.links, images: rendered.images)
    }
}

/// Where a link or image written in an article points.
public enum SiteReference: Sendable, Hashable {
    /// Another site, an e-mail address, a place on the same page: nothing to check here.
    case elsewhere
    /// Above the site's root (too many `../`, or an absolute path outside base_url's path).
    case outside
    /// A place in the site: decoded path components from the site root.
    case site([String])

    /// Resolves `url` as a browser would on a page in `pageFolders` (["articles", slug]) of a
    /// site published at `baseURL`. Percent-encoded components are decoded (links to Arabic
    /// slugs are usually copied from the address bar, encoded).
    public static func resolve(_ url: String, pageFolders: [String], baseURL: String) -> SiteReference {
        var target = url.trimmingCharacters(in: .whitespaces)
        if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
        if target.isEmpty { return .elsewhere }

        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        let basePath = URL(string: base).map { $0.path.hasSuffix("/") ? $0.path : $0.path + "/" } ?? "/"
        var start: [String]
        if hasScheme(target) {
            // A full address of this very site is an internal link written the long way.
            guard target.lowercased().hasPrefix(base.lowercased()) else { return .elsewhere }
            target = String(target.dropFirst(base.count))
            start = []
        } else if target.hasPrefix("//") {
            return .elsewhere
        } else if target.hasPrefix("/") {
            guard target.hasPrefix(basePath) else { return .outside }
            target = String(target.dropFirst(basePath.count))
            start = []
        } else {
            start = pageFolders
        }
        for raw in target.split(separator: "/", omittingEmptySubsequences: true) {
            let component = String(raw).removingPercentEncoding ?? String(raw)
            switch component {
            case ".": continue
            case "..":
                if start.isEmpty { return .outside }
                start.removeLast()
            default: start.append(component)
            }
        }
        return .site(start)
    }

    static func hasScheme(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), let first = text.first, first.isASCII, first.isLetter else { return false }
        return text[..<colon].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }
    }
}

/// What links and images may point at: the articles' addresses and files, and content/images/.
public struct SiteAddresses: Sendable {
    public struct Target: Sendable, Hashable {
        public var path: String
        public var draft: Bool
    }

    public var baseURL: String
    /// Article address (slug) → its file.
    public var articles: [String: Target]
    /// Article file name without ".md" → its slug, for links written as `other.md`.
    public var slugByFileStem: [String: String]
    /// Article file (content/articles/x.md) → the folders of its page (["articles", slug]).
    public var pageFolders: [String: [String]]
    /// Paths under content/images/, relative to it ("2024/photo.jpg").
    public var images: Set<String>
    /// Whether some articles could not be read, so a missing address may be one of them.
    public var someArticlesUnreadable: Bool

    public init(baseURL: String, articles: [String: Target], slugByFileStem: [String: String],
                pageFolders: [String: [String]], images: Set<String>, someArticlesUnreadable: Bool = false) {
        self.baseURL = baseURL
        self.articles = articles
        self.slugByFileStem = slugByFileStem
        self.pageFolders = pageFolders
        self.images = images
        self.someArticlesUnreadable = someArticlesUnreadable
    }

    /// The addresses of `site`, the files of `layout`.
    public init(layout: SiteLayout, site: Site?, articles sources: [ArticleSource], baseURL: String) {
        var targets: [String: Target] = [:]
        var stems: [String: String] = [:]
        var folders: [String: [String]] = [:]
        for article in site?.articles ?? [] {
            targets[article.slug] = Target(path: article.path, draft: article.draft)
            folders[article.path] = ["articles", article.slug]
        }
        for source in sources {
            if let slug = folders[source.path]?.last { stems[source.fileStem] = slug }
            // An article without an address still sits two folders deep: `../` resolves the same.
            if folders[source.path] == nil { folders[source.path] = ["articles", source.fileStem] }
        }
        let readable = Set(sources.map(\.path))
        let unreadable = layout.articleFiles().contains { !readable.contains(layout.display($0)) }
        self.init(baseURL: baseURL, articles: targets, slugByFileStem: stems, pageFolders: folders,
                  images: Self.files(under: layout.images),
                  someArticlesUnreadable: unreadable)
    }

    /// Drafts a build leaves out: a link to one is a warning, as in `taawun check`, not a link to nothing.
    public mutating func add(drafts: [ArticleSource]) {
        for draft in drafts {
            guard let slug = SiteBuilder.address(of: draft) else { continue }
            if articles[slug] == nil { articles[slug] = Target(path: draft.path, draft: true) }
            if slugByFileStem[draft.fileStem] == nil { slugByFileStem[draft.fileStem] = slug }
        }
    }

    static func files(under folder: URL) -> Set<String> {
        let base = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var files = Set<String>()
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.insert(String(url.standardizedFileURL.path.dropFirst(base.count + 1)))
        }
        return files
    }

    func location(_ reference: MarkdownReference, in article: ArticleSource) -> SourceLocation {
        SourceLocation(file: article.path, line: article.bodyFirstLine + reference.line - 1, column: reference.column)
    }

    /// A link must reach an existing article when it points into articles/ or names an article file.
    public func check(link: MarkdownReference, in article: ArticleSource) -> [Diagnostic] {
        let folders = pageFolders[article.path] ?? ["articles", article.fileStem]
        let at = location(link, in: article)
        let components: [String]
        switch SiteReference.resolve(link.url, pageFolders: folders, baseURL: baseURL) {
        case .elsewhere:
            return []
        case .outside:
            return [.error(at: at, "the link «\(link.url)» points outside the site",
                           hint: "from an article, another article is ../its-slug/ (one ../ only)")]
        case .site(let path):
            components = path
        }
        if let last = components.last, last.lowercased().hasSuffix(".md") {
            let stem = String(last.dropLast(3))
            guard let slug = slugByFileStem[stem] else {
                let guess = EditDistance.closest(to: stem, among: slugByFileStem.keys)
                return [.error(at: at, "the link «\(link.url)» names the article file \(last), which does not exist",
                               hint: (guess.map { "did you mean \($0).md? " } ?? "") + "link to an article by its address: ../its-slug/")]
            }
            return [.warning(at: at, "the link «\(link.url)» names a Markdown file, which is not a page on the site",
                             hint: "link to the article's page instead: ../\(slug)/")]
        }
        guard components.first == "articles", components.count >= 2,
              components.count == 2 || (components.count == 3 && components[2] == "index.html") else { return [] }
        let slug = components[1]
        guard let target = articles[slug] else {
            var hint = EditDistance.closest(to: slug, among: articles.keys).map { "did you mean ../\($0)/ ? " } ?? ""
            hint += "copy the address from the article's page in the preview (taawun serve)"
            if someArticlesUnreadable { hint += ", or fix the articles with errors above: one of them may be this one" }
            return [.error(at: at, "the link «\(link.url)» points to articles/\(slug)/, but no article has that address", hint: hint)]
        }
        if target.draft, !article.draft {
            return [.warning(at: at, "the link «\(link.url)» points to a draft (\(target.path))",
                             hint: "the link will be broken on the published site until that article has draft: false")]
        }
        return []
    }

    /// A picture a front-matter field names (`ArticleDetails.images`): a path under content/images/.
    public func check(fieldImage image: Located<String>) -> [Diagnostic] {
        let relative = image.value.hasPrefix("\(SiteCheck.imagesFolder)/") ? String(image.value.dropFirst(SiteCheck.imagesFolder.count + 1)) : image.value
        if images.contains(relative) { return [] }
        if !OutputPath.isContained(relative) {
            return [.error(at: image.location, "«\(image.value)» is not a picture in content/images/",
                           hint: "write the picture's path inside content/images/, e.g. 2024/توقيع-المذكرة.jpg")]
        }
        let guess = EditDistance.closest(to: relative, among: images)
        return [.error(at: image.location, "the image content/images/\(relative) does not exist",
                       hint: (guess.map { "did you mean \($0)? " } ?? "") + "copy the picture into content/images/ (names are case-sensitive)")]
    }

    /// An image on this site must be a file under content/images/.
    public func check(image: MarkdownReference, in article: ArticleSource) -> [Diagnostic] {
        let folders = pageFolders[article.path] ?? ["articles", article.fileStem]
        let at = location(image, in: article)
        let name = image.url.split(separator: "/").last.map { String($0).removingPercentEncoding ?? String($0) } ?? image.url
        let suggested = "../../\(SiteCheck.imagesFolder)/\(Slug.percentEncoded(name))"
        switch SiteReference.resolve(image.url, pageFolders: folders, baseURL: baseURL) {
        case .elsewhere:
            return []
        case .outside:
            return [.error(at: at, "the image «\(image.url)» points outside the site",
                           hint: "put the picture in content/images/ and write ![وصف الصورة](\(suggested))")]
        case .site(let components):
            if components.first == SiteCheck.imagesFolder, components.count >= 2 {
                let relative = components.dropFirst().joined(separator: "/")
                if images.contains(relative) { return [] }
                let guess = EditDistance.closest(to: relative, among: images)
                return [.error(at: at, "the image content/images/\(relative) does not exist",
                               hint: (guess.map { "did you mean \($0)? " } ?? "") + "copy the picture into content/images/ (names are case-sensitive)")]
            }
            let hint = images.contains(name)
                ? "write the address from the article's page: ![وصف الصورة](\(suggested))"
                : "put the picture in content/images/ and write ![وصف الصورة](\(suggested))"
            return [.error(at: at, "the image «\(image.url)» is not in content/images/", hint: hint)]
        }
    }
}
