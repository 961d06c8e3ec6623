import Diagnostics
import Support
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Everything under `content/`, parsed but not yet resolved into the site model.
public struct Content: Sendable {
    public var config: SiteConfig
    public var organizations: [OrganizationRecord]
    public var countries: [CountryRecord]
    /// Sorted by path, so every later stage is deterministic.
    public var articles: [ArticleSource]
    /// Every finding, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]
    /// The drafts a load without drafts left out, without their Markdown: links to them are
    /// told apart from links to nothing.
    public var leftOutDrafts: [ArticleSource] = []

    public init(config: SiteConfig, organizations: [OrganizationRecord], countries: [CountryRecord],
                articles: [ArticleSource], diagnostics: [Diagnostic]) {
        self.config = config
        self.organizations = organizations
        self.countries = countries
        self.articles = articles
        self.diagnostics = diagnostics
    }
}

/// The site folder's layout, in one place.
public struct SiteLayout: Sendable {
    public var root: URL
    public init(root: URL) { self.root = root.standardizedFileURL }

    public var content: URL { root.appendingPathComponent("content", isDirectory: true) }
    public var articles: URL { content.appendingPathComponent("articles", isDirectory: true) }
    public var siteFile: URL { content.appendingPathComponent("site.yaml") }
    public var organizationsFile: URL { content.appendingPathComponent("organizations.yaml") }
    public var countriesFile: URL { content.appendingPathComponent("countries.yaml") }
    public var templates: URL { root.appendingPathComponent("templates", isDirectory: true) }
    /// Article images, published as images/.
    public var images: URL { content.appendingPathComponent("images", isDirectory: true) }
    public var defaultOutput: URL { root.appendingPathComponent("public", isDirectory: true) }
    /// The build state: what builds keep between them (manifest, caches, the second tree), never published.
    public var state: URL { root.appendingPathComponent(".taawun", isDirectory: true) }

    /// A path relative to the root for messages (content/articles/x.md).
    public func display(_ url: URL) -> String {
        let full = url.standardizedFileURL.path
        let base = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return full.hasPrefix(base) ? String(full.dropFirst(base.count)) : full
    }

    /// Every article file with its stamp, taken once for both what the build fingerprints and
    /// what it loads: the two then agree on which files changed.
    public func stampedArticleFiles() -> [ArticleFile] {
        listArticles(stamping: true)
    }

    /// Every `.md` file under content/articles, sorted.
    public func articleFiles() -> [URL] {
        articlePaths().map { URL(fileURLWithPath: $0.path) }
    }

    /// Every `.md` file under content/articles, sorted: its absolute path, and the path
    /// messages show (content/articles/x.md). Hidden files and folders are left out, and links
    /// to folders are not followed.
    public func articlePaths() -> [(path: String, display: String)] {
        listArticles(stamping: false).map { ($0.path, $0.display) }
    }

    /// "x.md", in any case.
    static func isMarkdownFileName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = name.count
        return n > 3 && name[n - 3] == UInt8(ascii: ".") && name[n - 2] | 0x20 == UInt8(ascii: "m") && name[n - 1] | 0x20 == UInt8(ascii: "d")
    }

    /// With readdir(3) on bytes: FileManager and URL cost more than the listing itself at 10,000
    /// articles, and so did a String per name. Every file's path below content/articles is put in
    /// one buffer and the paths are sorted there; then, on all cores, each file is stamped by its
    /// name in its folder (a stat by full path looks up every folder on the way again) and its
    /// Strings are made, in their final order.
    private func listArticles(stamping: Bool) -> [ArticleFile] {
        // Each file's path below content/articles ("2024/x.md"), followed by a NUL so that its
        // name (the end of it) can be handed to fstatat as it is.
        var paths: [UInt8] = []
        var files: [(start: Int, count: Int, name: Int, folder: Int32, isLink: Bool)] = []
        var folders: [OpaquePointer] = []
        defer { for folder in folders { closedir(folder) } }
        let root = articles.path.hasSuffix("/") ? String(articles.path.dropLast()) : articles.path
        func walk(_ prefix: [UInt8], depth: Int) {
            guard let directory = opendir(root + "/" + String(decoding: prefix, as: UTF8.self)) else { return }
            folders.append(directory)
            let folder = dirfd(directory)
            while let entry = readdir(directory) {
                let name = directoryEntryBytes(entry)
                if name.first == UInt8(ascii: ".") { continue }
                var kind = Int32(entry.pointee.d_type)
                if kind == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard fstatat(folder, name.baseAddress!, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                    kind = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFLNK ? Int32(DT_LNK) : Int32(DT_REG)
                }
                if kind == Int32(DT_DIR) {
                    if depth < 31 { walk(prefix + name + [UInt8(ascii: "/")], depth: depth + 1) }
                } else if Self.isMarkdownFileName(name) {
                    files.append((paths.count, prefix.count + name.count, paths.count + prefix.count, folder, kind == Int32(DT_LNK)))
                    paths.append(contentsOf: prefix)
                    paths.append(contentsOf: name)
                    paths.append(0)
                }
            }
        }
        walk([], depth: 0)

        return paths.withUnsafeBufferPointer { buffer -> [ArticleFile] in
            nonisolated(unsafe) let base = buffer.baseAddress!
            let files = files
            // In the order of the paths' bytes: `<` on Strings normalises Arabic names at every comparison.
            let order = files.indices.sorted { a, b in
                let x = files[a], y = files[b]
                let order = memcmp(base + x.start, base + y.start, Swift.min(x.count, y.count))
                return order != 0 ? order < 0 : x.count < y.count
            }
            // What each file is, following links: a link to a folder is no article (.some(nil));
            // a dangling link is listed without a stamp, and reading it reports the problem.
            let results = UnsafeResults<ArticleFile?>(count: order.count)
            let chunk = 256
            DispatchQueue.concurrentPerform(iterations: (order.count + chunk - 1) / chunk) { c in
                for k in (c * chunk)..<Swift.min(order.count, (c + 1) * chunk) {
                    let file = files[order[k]]
                    var stamp: ArticleCache.Stamp?
                    if stamping || file.isLink {
                        var info = stat()
                        if fstatat(file.folder, base + file.name, &info, 0) == 0 {
                            if file.isLink, (info.st_mode & S_IFMT) == S_IFDIR { results[k] = .some(nil); continue }
                            if stamping { stamp = ArticleCache.Stamp(info) }
                        }
                    }
                    let relative = String(decoding: UnsafeBufferPointer(start: base + file.start, count: file.count), as: UTF8.self)
                    results[k] = ArticleFile(path: root + "/" + relative, display: "content/articles/" + relative, stamp: stamp)
                }
            }
            return results.values.compactMap { $0 }
        }
    }
}

/// An article file: its absolute path, the path messages show, and its stamp when taken.
public struct ArticleFile: Sendable {
    public var path: String
    public var display: String
    public var stamp: ArticleCache.Stamp?

    public init(path: String, display: String, stamp: ArticleCache.Stamp?) {
        self.path = path
        self.display = display
        self.stamp = stamp
    }
}

public enum ContentLoader {
    /// Loads the whole content folder. Drafts are left out unless `includeDrafts`.
    /// Articles are parsed on all cores; results keep file order. `cache` (the preview's) skips
    /// files that did not change since the previous build.
    /// A kept article has no Markdown: it is reused only when `hasRenderedBody` says its body,
    /// rendered with the site's `unsafe_html`, is kept too; otherwise its file is read again.
    public static func load(_ layout: SiteLayout, includeDrafts: Bool, cache: ArticleCache? = nil,
                            files: [ArticleFile]? = nil,
                            hasRenderedBody: @escaping @Sendable (ArticleSource, _ allowUnsafeHTML: Bool) -> Bool = { _, _ in false }) -> Content {
        var diagnostics: [Diagnostic] = []

        var config = SiteConfig()
        if let text = readOptional(layout.siteFile, layout: layout, diagnostics: &diagnostics) {
            let (parsed, found) = SiteConfig.parse(text, path: layout.display(layout.siteFile))
            config = parsed
            diagnostics += found
        } else if !FileManager.default.fileExists(atPath: layout.siteFile.path) {
            diagnostics.append(.error(at: SourceLocation(file: layout.display(layout.siteFile)),
                                      "the site settings file is missing",
                                      hint: "create content/site.yaml with at least  title:  and  base_url:  (is --root pointing at the site folder?)"))
        }

        let registries = loadRegistries(layout, cache: cache)
        diagnostics += registries.diagnostics

        let unsafe = config.unsafeHTML
        let listed = files ?? layout.articlePaths().map { ArticleFile(path: $0.path, display: $0.display, stamp: nil) }
        let results = loadArticles(listed, cache: cache) { hasRenderedBody($0, unsafe) }
        var articles: [ArticleSource] = []
        var leftOutDrafts: [ArticleSource] = []
        for (file, result) in zip(listed, results) {
            switch result {
            case .success(let article):
                if includeDrafts || !article.draft {
                    articles.append(article)
                } else {
                    var draft = article
                    draft.body = ""
                    leftOutDrafts.append(draft)
                }
            case .failure(let error):
                diagnostics += error.diagnostics
                // What could be read of a file with errors is still checked (its names, slug and
                // links), so an editor sees all its problems at once; no site is built with it,
                // since its errors are among the content's.
                if let partial = ArticleLoader.partial(file), includeDrafts || !partial.draft { articles.append(partial) }
            }
        }
        var content = Content(config: config, organizations: registries.organizations, countries: registries.countries,
                              articles: articles, diagnostics: diagnostics)
        content.leftOutDrafts = leftOutDrafts
        return content
    }

    /// Only the site settings, with defaults where site.yaml is missing or wrong (the full load
    /// reports those problems).
    public static func config(_ layout: SiteLayout) -> SiteConfig {
        var ignored: [Diagnostic] = []
        guard let text = readOptional(layout.siteFile, layout: layout, diagnostics: &ignored) else { return SiteConfig() }
        return SiteConfig.parse(text, path: layout.display(layout.siteFile)).0
    }

    /// Only the registries (organizations.yaml, countries.yaml): what the importer needs.
    /// `cache` keeps registries that parsed without a finding, by their text's fingerprint.
    public static func loadRegistries(_ layout: SiteLayout, cache: ArticleCache? = nil)
        -> (organizations: [OrganizationRecord], countries: [CountryRecord], diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let organizations = registry(layout.organizationsFile, layout: layout, cached: \.organizations, in: cache,
                                     parse: RegistryParser.organizations(_:path:), diagnostics: &diagnostics)
        let countries = registry(layout.countriesFile, layout: layout, cached: \.countries, in: cache,
                                 parse: RegistryParser.countries(_:path:), diagnostics: &diagnostics)
        return (organizations, countries, diagnostics)
    }

    /// One optional registry file: the cached records when its text is unchanged, else parsed.
    static func registry<Record>(_ file: URL, layout: SiteLayout,
                                 cached: WritableKeyPath<ArticleCache.Registries, (fingerprint: UInt64, records: [Record])?>,
                                 in cache: ArticleCache?, parse: (String, String) -> ([Record], [Diagnostic]),
                                 diagnostics: inout [Diagnostic]) -> [Record] {
        guard let text = readOptional(file, layout: layout, diagnostics: &diagnostics) else { return [] }
        let fingerprint = ArticleLoader.fingerprint(of: text)
        if let kept = cache?.registries[keyPath: cached], kept.fingerprint == fingerprint { return kept.records }
        let (records, found) = parse(text, layout.display(file))
        diagnostics += found
        if found.isEmpty { cache?.registries[keyPath: cached] = (fingerprint, records) }
        return records
    }

    /// Parses the files concurrently (reading and YAML parsing dominate a cold build).
    public static func loadArticles(_ files: [URL], layout: SiteLayout, cache: ArticleCache? = nil) -> [Result<ArticleSource, DiagnosticsError>] {
        loadArticles(files.map { ArticleFile(path: $0.path, display: layout.display($0), stamp: nil) }, cache: cache) { _ in false }
    }

    /// Reads these article files again (edited since `cache` stored them) and stores them in the
    /// cache, which keeps every other article it has.
    public static func reload(_ files: [ArticleFile], cache: ArticleCache) -> [Result<ArticleSource, DiagnosticsError>] {
        loadArticles(files, cache: cache, isWholeListing: false) { _ in false }
    }

    /// A file listed without its stamp is stamped here, before it is read. When the files are
    /// every article there is (`isWholeListing`), the cache forgets the others.
    static func loadArticles(_ files: [ArticleFile], cache: ArticleCache?, isWholeListing: Bool = true,
                             reusable: @Sendable (ArticleSource) -> Bool) -> [Result<ArticleSource, DiagnosticsError>] {
        let results = UnsafeResults<Result<ArticleSource, DiagnosticsError>>(count: files.count)
        if isWholeListing { cache?.keep(only: Set(files.map(\.display))) }
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let (file, path) = (files[i].path, files[i].display)
            let stamp = cache.flatMap { _ in files[i].stamp ?? ArticleCache.stamp(ofPath: file) }
            if let stamp, let cached = cache?.result(for: path, stamp: stamp) {
                switch cached {
                case .failure:
                    results[i] = cached
                    return
                case .success(let article) where reusable(article):
                    results[i] = cached
                    return
                case .success:
                    break
                }
            }
            defer { if let stamp, let result = results[i] { cache?.store(result, for: path, stamp: stamp) } }
            do throws(Diagnostic) {
                let text = try readArticle(files[i])
                do throws(DiagnosticsError) {
                    results[i] = .success(try ArticleLoader.parse(text, path: path))
                } catch {
                    results[i] = .failure(error)
                }
            } catch {
                results[i] = .failure(DiagnosticsError([error]))
            }
        }
        return results.values
    }

    /// An article file's text. A file that is a symbolic link to a file outside the site folder
    /// is refused before it is read: a build publishes nothing from elsewhere on the machine.
    public static func readArticle(_ file: ArticleFile) throws(Diagnostic) -> String {
        if let target = linkTargetOutsideSite(file) {
            throw .error(at: SourceLocation(file: file.display),
                         "this article is a link to a file outside the site folder (\(target)), which is not read",
                         hint: "copy the file into content/articles/ instead of linking to it")
        }
        return try TextFile.read(URL(fileURLWithPath: file.path), displayPath: file.display)
    }

    /// Where `file` leads when it is a symbolic link whose target (all links followed) is not in
    /// the site folder; nil for a plain file or a link that stays inside. The site folder is the
    /// file's path less its displayed path (root/ + content/articles/x.md); when they do not
    /// line up, the file's own folder is the limit.
    public static func linkTargetOutsideSite(_ file: ArticleFile) -> String? {
        var info = stat()
        guard lstat(file.path, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return nil }
        let boundary = file.path.hasSuffix("/" + file.display)
            ? String(file.path.dropLast(file.display.count + 1)) : (file.path as NSString).deletingLastPathComponent
        guard let resolvedBoundary = realpath(boundary, nil) else { return file.path }
        defer { free(resolvedBoundary) }
        guard let resolved = realpath(file.path, nil) else { return file.path } // dangling: no place inside
        defer { free(resolved) }
        let folder = String(cString: resolvedBoundary), target = String(cString: resolved)
        return target.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") ? nil : target
    }

    static func readOptional(_ url: URL, layout: SiteLayout, diagnostics: inout [Diagnostic]) -> String? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        do throws(Diagnostic) {
            return try TextFile.read(url, displayPath: layout.display(url))
        } catch {
            diagnostics.append(error)
            return nil
        }
    }
}
