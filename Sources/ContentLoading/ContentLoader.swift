import Diagnostics
import Fingerprints
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
    static func isMarkdownFileName(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard utf8.count > 3 else { return false }
        let end = Array(utf8.suffix(3))
        return end[0] == UInt8(ascii: ".") && end[1] | 0x20 == UInt8(ascii: "m") && end[2] | 0x20 == UInt8(ascii: "d")
    }

    /// With readdir(3) on strings (FileManager and URL cost more than the listing itself at
    /// 10,000 articles), each file stamped by its name in its folder (a stat by full path looks
    /// up every folder on the way again), the stamps taken on all cores once every folder is read.
    private func listArticles(stamping: Bool) -> [ArticleFile] {
        var found: [ArticleFile] = []
        // The files to stamp: where each is in `found`, its folder (kept open) and name, and
        // whether it is a symbolic link.
        var toStamp: [(index: Int, folder: Int32, name: String, isLink: Bool)] = []
        var folders: [OpaquePointer] = []
        defer { for folder in folders { closedir(folder) } }
        func walk(_ path: String, display: String, depth: Int) {
            guard depth < 32, let directory = opendir(path) else { return }
            folders.append(directory)
            let folder = dirfd(directory)
            let (inFolder, inDisplay) = (path + "/", display + "/")
            while let entry = readdir(directory) {
                let name = directoryEntryName(entry)
                if name.hasPrefix(".") { continue }
                let child = inFolder + name, childDisplay = inDisplay + name
                var kind = Int32(entry.pointee.d_type)
                if kind == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard fstatat(folder, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
                    kind = (info.st_mode & S_IFMT) == S_IFDIR ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFLNK ? Int32(DT_LNK) : Int32(DT_REG)
                }
                if kind == Int32(DT_DIR) {
                    walk(child, display: childDisplay, depth: depth + 1)
                } else if Self.isMarkdownFileName(name) {
                    if stamping || kind == Int32(DT_LNK) { toStamp.append((found.count, folder, name, kind == Int32(DT_LNK))) }
                    found.append(ArticleFile(path: child, display: childDisplay, stamp: nil))
                }
            }
        }
        walk(articles.path.hasSuffix("/") ? String(articles.path.dropLast()) : articles.path, display: "content/articles", depth: 0)

        // What each file is, following links; a dangling link is listed without a stamp, and
        // reading it reports the problem.
        // (Only what is kept of each `stat`: a fifth of its size, in fresh memory.)
        let results = UnsafeResults<(stamp: ArticleCache.Stamp, isFolder: Bool)?>(count: toStamp.count)
        let chunk = 256
        DispatchQueue.concurrentPerform(iterations: (toStamp.count + chunk - 1) / chunk) { [toStamp] c in
            for k in (c * chunk)..<min(toStamp.count, (c + 1) * chunk) {
                var info = stat()
                results[k] = fstatat(toStamp[k].folder, toStamp[k].name, &info, 0) == 0
                    ? (ArticleCache.Stamp(info), (info.st_mode & S_IFMT) == S_IFDIR) : .some(nil)
            }
        }
        let stamps = results.values
        var linksToFolders = Set<Int>()
        for (k, file) in toStamp.enumerated() {
            guard let (stamp, isFolder) = stamps[k] else { continue }
            // A link to a folder is no article.
            if file.isLink, isFolder { linksToFolders.insert(file.index); continue }
            if stamping { found[file.index].stamp = stamp }
        }
        if !linksToFolders.isEmpty { found = found.enumerated().filter { !linksToFolders.contains($0.offset) }.map(\.element) }
        // In the order of the paths' bytes: `<` on Strings normalises Arabic names at every comparison.
        return found.sortedByUTF8(\.path)
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
        for result in results {
            switch result {
            case .success(let article):
                if includeDrafts || !article.draft { articles.append(article) }
            case .failure(let error):
                diagnostics += error.diagnostics
            }
        }
        return Content(config: config, organizations: registries.organizations, countries: registries.countries,
                       articles: articles, diagnostics: diagnostics)
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
                let text = try TextFile.read(URL(fileURLWithPath: file), displayPath: path)
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

/// Fixed-size result slots written from `concurrentPerform`, one slot per iteration.
public final class UnsafeResults<Value>: @unchecked Sendable {
    private var storage: [Value?]
    private let lock = NSLock()
    public init(count: Int) { storage = Array(repeating: nil, count: count) }
    public subscript(index: Int) -> Value? {
        get { lock.lock(); defer { lock.unlock() }; return storage[index] }
        set { lock.lock(); storage[index] = newValue; lock.unlock() }
    }
    public var values: [Value] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
}
