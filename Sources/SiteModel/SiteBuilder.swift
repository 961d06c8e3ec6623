import ArabicText
import ContentLoading
import Diagnostics
import Gazetteer
import Foundation
import Markdown
import Support

/// Turns loaded content into the site model: resolves organisation and country names, gives
/// every article a safe, unique slug, renders bodies with cmark. Reports every problem at once.
public enum SiteBuilder {
    public static let summaryLimit = 220

    /// Builds the site, or throws every error found. Warnings come back with the site.
    /// `cache` (the preview's) reuses rendered bodies and the gazetteer from the previous build.
    /// `content` is consumed: each article's Markdown is let go once its body is rendered, so
    /// a large site never holds all its Markdown and all its HTML at once.
    public static func build(_ content: consuming Content, cache: ModelCache? = nil) throws(DiagnosticsError) -> (site: Site, warnings: [Diagnostic]) {
        var diagnostics = content.diagnostics
        let gazetteer = cache?.gazetteer(for: content.countries) ?? CountryGazetteer(overrides: content.countries)
        let directory = OrganizationDirectory(records: content.organizations)

        var organizations = directory.registered
        var countries: [String: Country] = [:]
        func addCountry(_ code: String) {
            if countries[code] == nil { countries[code] = Country(code: code, name: gazetteer.name(for: code)) }
        }
        for organization in organizations.values { if let code = organization.country { addCountry(code) } }

        var sources = content.articles
        content.articles = []
        let bodies = renderBodies(&sources, allowUnsafeHTML: content.config.unsafeHTML, cache: cache)
        var articles: [Article] = []
        var slugOwners: [String: String] = [:]
        var warnedUnknown = Set<String>()
        // Ten thousand articles name a few hundred organisations and countries: each written
        // form is looked up once (by its exact bytes: look-ups see scalars, so two canonically
        // equal spellings may resolve differently).
        var organizationLookups: [ExactText: OrganizationLookup] = [:]
        var countryLookups: [ExactText: String?] = [:]

        for (source, body) in zip(sources, bodies) {
            var organizationIDs: [String] = []
            for written in source.organizations {
                let lookup = organizationLookups[ExactText(written.value)] ?? {
                    let lookup = OrganizationLookup(written.value, in: directory)
                    organizationLookups[ExactText(written.value)] = lookup
                    return lookup
                }()
                let id: String
                if case .registered(let registeredID) = lookup {
                    id = registeredID
                } else if case .discovered(let discovered) = lookup {
                    id = discovered.id
                    if organizations[id] == nil { organizations[id] = discovered }
                    if warnedUnknown.insert(id).inserted {
                        let suggestion = directory.suggestion(for: written.value)
                        diagnostics.append(.warning(
                            at: written.location, "«\(written.value)» is not in content/organizations.yaml; it gets a page of its own",
                            hint: (suggestion.map { "did you mean «\($0)»? " } ?? "")
                                + "if it is a new organisation, add it to content/organizations.yaml with an id, its country and a description"))
                    }
                } else {
                    diagnostics.append(.error(at: written.location, "«\(written.value)» is not an organisation name",
                                              hint: "write the organisation's Arabic name, e.g. - مكتب الاتصال الحكومي"))
                    continue
                }
                if !organizationIDs.contains(id) { organizationIDs.append(id) }
            }

            if organizationIDs.count > NameLimits.organizationsPerArticle, let first = source.organizations.first {
                diagnostics.append(.warning(
                    at: source.organizationsField ?? first.location,
                    "this article names \(organizationIDs.count) organisations; lists show the first \(NameLimits.onCard) on its card "
                        + "and each organisation page its \(NameLimits.partners) most frequent partners",
                    hint: "name only the organisations the news is about, such as the parties to the agreement: "
                        + "at most \(NameLimits.organizationsPerArticle), not every name the text mentions"))
            }

            var countryCodes: [String] = []
            for written in source.countries {
                let found = countryLookups[ExactText(written.value)] ?? {
                    let code = gazetteer.code(for: written.value)
                    countryLookups[ExactText(written.value)] = code
                    return code
                }()
                guard let code = found else {
                    let suggestion = gazetteer.suggestion(for: written.value)
                    diagnostics.append(.error(
                        at: written.location, "unknown country «\(written.value)»",
                        hint: (suggestion.map { "did you mean «\($0)»? " } ?? "")
                            + "write the two-letter code (QA, SA, MA …) or the Arabic name; new spellings go in content/countries.yaml"))
                    continue
                }
                addCountry(code)
                if !countryCodes.contains(code) { countryCodes.append(code) }
            }

            guard let slug = slug(for: source, diagnostics: &diagnostics) else { continue }
            if let owner = slugOwners[slug] {
                diagnostics.append(.error(
                    at: source.slug?.location ?? SourceLocation(file: source.path, line: 2, column: 1),
                    "the address articles/\(slug)/ is already used by \(owner)",
                    hint: "two articles cannot share an address: give one of them its own  slug:  in the front matter"))
                continue
            }
            slugOwners[slug] = source.path

            articles.append(article(source, body: body, slug: slug, organizationIDs: organizationIDs, countryCodes: countryCodes))
        }

        if diagnostics.hasErrors { throw DiagnosticsError(diagnostics.sortedByLocation()) }
        let site = Site(config: content.config, articles: articles, organizations: organizations, countries: countries,
                        collation: cache?.collation)
        return (site, diagnostics.sortedByLocation())
    }

    /// The site after an edit that changed what articles say but not where they belong: each of
    /// `edited` is an article of `site` read again (`source`) with the source it was built from
    /// (`previous`). When every one keeps its file, date, draft status, slug and the organisations
    /// and countries it names — written the same, on the same lines — the site's order, indices
    /// and diagnostics are those of the previous build, and only these articles are built again
    /// (with the names they resolved to then). nil when an edit does more: build the site anew.
    /// Returns the site and the edited articles' indices in it.
    public static func update(_ site: Site, edited: [(previous: ArticleSource, source: ArticleSource)],
                              cache: ModelCache? = nil) -> (site: Site, indices: [Int])? {
        var indices: [Int] = []
        var ignored: [Diagnostic] = []
        for (previous, source) in edited {
            guard source.path == previous.path, source.fileStem == previous.fileStem, source.date == previous.date,
                  source.draft == previous.draft, source.slug == previous.slug,
                  source.organizations == previous.organizations, source.organizationsField == previous.organizationsField,
                  source.countries == previous.countries,
                  let slug = slug(for: previous, diagnostics: &ignored), let index = site.articleIndex(slug: slug),
                  site.articles[index].path == source.path, self.slug(for: source, diagnostics: &ignored) == slug,
                  !indices.contains(index)
            else { return nil }
            indices.append(index)
        }
        var sources = edited.map(\.source)
        let bodies = renderBodies(&sources, allowUnsafeHTML: site.config.unsafeHTML, cache: cache, keepingOthers: true)
        var replacements: [Int: Article] = [:]
        for (i, index) in indices.enumerated() {
            let old = site.articles[index]
            replacements[index] = article(edited[i].source, body: bodies[i], slug: old.slug,
                                          organizationIDs: old.organizationIDs, countryCodes: old.countryCodes)
        }
        return (site.replacingArticles(replacements), indices)
    }

    static func article(_ source: ArticleSource, body: ModelCache.Body, slug: String, organizationIDs: [String],
                        countryCodes: [String]) -> Article {
        article(source, summary: source.summary ?? TextCut.atWordBoundary(body.firstParagraph, limit: summaryLimit),
                body: body.html, slug: slug, organizationIDs: organizationIDs, countryCodes: countryCodes)
    }

    /// The article built from `source` with what the model found for it: its summary (the
    /// editor's or the body's start), body, slug and resolved names. The build cache rebuilds
    /// a kept site's articles with it.
    public static func article(_ source: ArticleSource, summary: String, body: ArticleBody, slug: String,
                               organizationIDs: [String], countryCodes: [String]) -> Article {
        Article(
            slug: slug, path: source.path, title: source.title, date: source.date, summary: summary,
            sourceURL: source.sourceURL?.value, organizationIDs: organizationIDs, countryCodes: countryCodes,
            draft: source.draft, details: source.details, body: body)
    }

    /// What a written organisation name resolves to, before any diagnostics are decided.
    enum OrganizationLookup {
        case registered(String)
        case discovered(Organization)
        case notAName

        init(_ written: String, in directory: OrganizationDirectory) {
            if let id = directory.registeredID(for: written) {
                self = .registered(id)
            } else if let discovered = OrganizationDirectory.unregistered(named: written) {
                self = .discovered(discovered)
            } else {
                self = .notAName
            }
        }
    }

    /// The address `source` would have, nil when it has none; its problems are left to `build`.
    public static func address(of source: ArticleSource) -> String? {
        var ignored: [Diagnostic] = []
        return slug(for: source, diagnostics: &ignored)
    }

    /// `slug:` when it is safe, else the title's words, else the file name.
    static func slug(for source: ArticleSource, diagnostics: inout [Diagnostic]) -> String? {
        if let written = source.slug {
            if Slug.isSafe(written.value), Slug.fitsFileName(written.value) { return written.value }
            if Slug.isSafe(written.value) {
                diagnostics.append(.error(
                    at: written.location,
                    "the slug «\(written.value)» cannot be used as a web address: it is \(written.value.utf8.count) bytes long, and a folder name holds at most \(Slug.maxComponentBytes) bytes",
                    hint: "shorten it to a few words (an Arabic letter takes 2 bytes), e.g.  slug: مذكرة-تفاهم-تيك-توك"))
                return nil
            }
            diagnostics.append(.error(
                at: written.location, "the slug «\(written.value)» cannot be used as a web address",
                hint: "use only letters, digits and hyphens, e.g.  slug: مذكرة-تفاهم-تيك-توك  (no /, no dots, no spaces)"))
            return nil
        }
        if let slug = Slug.make(from: source.title) ?? Slug.make(from: source.fileStem) { return slug }
        diagnostics.append(.error(at: SourceLocation(file: source.path, line: 2, column: 1),
                                  "no address can be made from this article's title or file name",
                                  hint: "add  slug: a-few-words  to the front matter"))
        return nil
    }

    /// cmark on all cores, for the articles the cache does not hold; results keep article order.
    /// The cache keeps the bodies of these articles alone, or adds them to the ones it has (`keepingOthers`).
    static func renderBodies(_ articles: inout [ArticleSource], allowUnsafeHTML: Bool, cache: ModelCache? = nil,
                             keepingOthers: Bool = false) -> [ModelCache.Body] {
        let results = UnsafeResults<ModelCache.Body>(count: articles.count)
        articles.withUnsafeMutableBufferPointer { buffer in
            // Each slot is read and emptied by exactly one iteration.
            nonisolated(unsafe) let articles = buffer
            DispatchQueue.concurrentPerform(iterations: articles.count) { i in
                let article = articles[i]
                if let cached = cache?.body(for: article, allowUnsafeHTML: allowUnsafeHTML) {
                    results[i] = cached
                } else {
                    let rendered = MarkdownRenderer.render(article.body, allowUnsafeHTML: allowUnsafeHTML)
                    results[i] = ModelCache.Body(fingerprint: article.fingerprint, allowUnsafeHTML: allowUnsafeHTML,
                                                 firstParagraph: rendered.firstParagraph, html: ArticleBody(html: rendered.html),
                                                 references: .init(links: rendered.links, images: rendered.images))
                }
                articles[i].body = ""
            }
        }
        let bodies = results.values
        cache?.keep(Dictionary(zip(articles.map(\.path), bodies), uniquingKeysWith: { _, last in last }), addingTo: keepingOthers)
        return bodies
    }
}
