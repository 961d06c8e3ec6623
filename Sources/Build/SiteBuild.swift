import ContentLoading
import Diagnostics
import Foundation
import Output
import Pages
import SiteModel
import Templates
import Fingerprints

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var root: URL
    public var output: URL
    public var includeDrafts: Bool
    /// For the preview's private folder: update changed files in place (see `SiteWriter`).
    public var updatesInPlace: Bool

    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false, updatesInPlace: Bool = false) {
        let layout = SiteLayout(root: root)
        self.root = layout.root
        self.output = (output ?? layout.defaultOutput).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.updatesInPlace = updatesInPlace
    }
}

/// What a build did, for the closing line.
public struct BuildReport: Sendable {
    public var articles: Int
    public var organizations: Int
    public var countries: Int
    public var files: Int
    public var written: Int
    public var unchanged: Int
    public var removed: Int
    public var rendered: Int
    public var seconds: Double
    public var warnings: [Diagnostic]
}

/// Parsed articles and rendered bodies kept between builds of one process. The output is the
/// same with or without it.
public final class BuildCache: @unchecked Sendable {
    let articles = ArticleCache()
    let model = ModelCache()
    private let lock = NSLock()
    private var storedArchive: BodyArchive?
    private var storedRelated: RelatedArticles?
    public init() {}

    /// The last plan's related articles.
    var related: RelatedArticles? {
        get { lock.lock(); defer { lock.unlock() }; return storedRelated }
        set { lock.lock(); storedRelated = newValue; lock.unlock() }
    }

    /// The output folder's bodies file, mapped, once it has been read back (`StoredCache`).
    var archive: BodyArchive? {
        get { lock.lock(); defer { lock.unlock() }; return storedArchive }
        set { lock.lock(); storedArchive = newValue; lock.unlock() }
    }
}

/// The stages a long build reports progress for.
public enum BuildStage: String, Sendable {
    case loading = "reading articles"
    case modelling = "linking organisations and countries"
    case rendering = "rendering pages"
    case writing = "writing files"
}

/// content/ → model → pages → public/. Every failure is a `DiagnosticsError` naming files
/// and lines; nothing is written unless the whole site rendered.
public struct SiteBuild: Sendable {
    public var options: BuildOptions
    /// Kept by a long-running process (the preview) so a rebuild reuses unchanged work.
    public var cache: BuildCache?

    public init(options: BuildOptions, cache: BuildCache? = nil) {
        self.options = options
        self.cache = cache
    }

    public typealias Progress = @Sendable (BuildStage, _ done: Int, _ total: Int) -> Void

    public func run(progress: Progress = { _, _, _ in }) throws(DiagnosticsError) -> BuildReport {
        let start = Date()
        let layout = SiteLayout(root: options.root)
        try checkOutputLocation(layout)

        // A long-running process hands in its cache; a single build reads back the one the
        // previous build left in the output folder, and leaves its own there.
        let binary = BuildInputs.binaryFingerprint()
        let cache = self.cache ?? BuildCache()
        if self.cache == nil, let binary {
            StoredCache.restore(into: cache, output: options.output, binary: binary,
                                allowUnsafeHTML: ContentLoader.config(layout).unsafeHTML)
        }

        // Nothing read by the build changed since the build that wrote the output, and the output
        // is all there: that build's output is what this one would write, byte for byte.
        let articleFiles = layout.stampedArticleFiles()
        let inputs = binary.flatMap {
            BuildInputs.fingerprint(layout, articles: articleFiles, options: options, binary: $0, known: cache.articles)
        }
        let writer = SiteWriter(output: options.output, updatesInPlace: options.updatesInPlace)
        let previous = writer.previousManifest()
        if let inputs, let previous, let recorded = previous.inputs, recorded.fingerprint == inputs, writer.isIntact(previous) {
            return BuildReport(
                articles: recorded.articles, organizations: recorded.organizations, countries: recorded.countries,
                files: previous.files.count, written: 0, unchanged: previous.files.count, removed: 0,
                rendered: 0, seconds: Date().timeIntervalSince(start), warnings: recorded.warnings)
        }

        progress(.loading, 0, 0)
        // The content (with every new article's Markdown) lives only until the model is built.
        let (site, warnings) = try { () throws(DiagnosticsError) in
            let content = ContentLoader.load(layout, includeDrafts: options.includeDrafts, cache: cache.articles,
                                             files: articleFiles) { article, unsafe in
                cache.model.body(for: article, allowUnsafeHTML: unsafe) != nil
            }
            progress(.modelling, content.articles.count, content.articles.count)
            return try SiteBuilder.build(consume content, cache: cache.model)
        }()
        let templates = try TemplateSet.load(from: layout.templates, displayPrefix: "templates/")

        let record = inputs.map {
            BuildManifest.Inputs(fingerprint: $0, articles: site.articles.count, organizations: site.organizations.count,
                                 countries: site.countriesWithArticles.count, warnings: warnings)
        }
        let planner = PagePlanner(site: site, related: cache.related)
        cache.related = planner.related
        let pages = planner.plan()
        let renderer = PageRenderer(templates: templates)
        let fingerprints = Self.fingerprints(pages, templates: templates.fingerprint)
        let upToDate = previous.map { previous in
            pages.indices.allSatisfy { previous.files[pages[$0].path]?.input == fingerprints[$0] }
        } ?? false
        let assets: [OutputFile]
        do {
            assets = try Self.assetFiles(layout)
        } catch {
            // A page's own error comes before an asset's, as when every page rendered first.
            if !upToDate {
                _ = try Self.render(pages, renderer: renderer, templatesFingerprint: templates.fingerprint,
                                    previous: previous, progress: { _, _, _ in })
            }
            throw error
        }
        let summary: SiteWriter.Summary
        let rendered: Int
        if let previous, upToDate {
            // Every page's inputs are as last time: no page is rendered, and the writer leaves
            // the folder untouched when the assets did not change either.
            let files = pages.indices.map { OutputFile(path: pages[$0].path, inputFingerprint: fingerprints[$0], data: nil) }
            progress(.writing, 0, files.count + assets.count)
            do {
                summary = try writer.write(files + assets, previous: previous, inputs: record)
            } catch {
                throw DiagnosticsError([.error(at: SourceLocation(file: layout.display(options.output)), error.description)])
            }
            rendered = 0
        } else {
            (summary, rendered) = try Self.renderAndWrite(pages, fingerprints: fingerprints, assets: assets, renderer: renderer,
                                                         templatesFingerprint: templates.fingerprint, writer: writer,
                                                         previous: previous, inputs: record, display: layout.display(options.output),
                                                         progress: progress)
        }
        if self.cache == nil, let binary { StoredCache.save(cache, output: options.output, binary: binary) }
        return BuildReport(
            articles: site.articles.count, organizations: site.organizations.count, countries: site.countriesWithArticles.count,
            files: summary.total, written: summary.written, unchanged: summary.unchanged, removed: summary.removed,
            rendered: rendered, seconds: Date().timeIntervalSince(start), warnings: warnings)
    }

    /// Renders on all cores the pages whose inputs changed since the manifest; the others keep
    /// their bytes. Errors from every page are collected, not just the first.
    static func render(_ pages: [PlannedPage], renderer: PageRenderer, templatesFingerprint: UInt64,
                       previous: BuildManifest?, progress: Progress) throws(DiagnosticsError) -> ([OutputFile], Int) {
        let results = UnsafeResults<Result<OutputFile, Diagnostic>>(count: pages.count)
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: pages.count) { i in
            let page = pages[i]
            let fingerprint = Self.fingerprint(of: page, templates: templatesFingerprint)
            if let entry = previous?.files[page.path], entry.input == fingerprint {
                results[i] = .success(OutputFile(path: page.path, inputFingerprint: fingerprint, data: nil))
                return
            }
            do throws(Diagnostic) {
                let data = try renderer.render(page.page)
                results[i] = .success(OutputFile(path: page.path, inputFingerprint: fingerprint, data: data))
            } catch {
                results[i] = .failure(error)
            }
            let n = done.increment()
            if n % 500 == 0 { progress(.rendering, n, pages.count) }
        }
        var files: [OutputFile] = []
        var errors: Set<Diagnostic> = []
        for result in results.values {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let error): errors.insert(error)
            }
        }
        if !errors.isEmpty { throw DiagnosticsError(Array(errors).sortedByLocation()) }
        return (files, done.value)
    }

    /// Renders the pages whose inputs changed and writes every file as it is rendered, on all
    /// cores, so only a few pages' bytes are in memory at a time (the whole site's would be
    /// gigabytes at 100,000 articles). Errors from every page are collected; then nothing is
    /// replaced. The errors take precedence over the writer's, as when rendering came first.
    static func renderAndWrite(_ pages: [PlannedPage], fingerprints: [UInt64], assets: [OutputFile], renderer: PageRenderer,
                               templatesFingerprint: UInt64, writer: SiteWriter, previous: BuildManifest?,
                               inputs: BuildManifest.Inputs?, display: String,
                               progress: Progress) throws(DiagnosticsError) -> (SiteWriter.Summary, Int) {
        let errors = DiagnosticSet()
        let done = Counter()
        let produced = Counter()
        do {
            let summary = try writer.write(paths: pages.map(\.path) + assets.map(\.path), previous: previous, inputs: inputs) { i in
                produced.add()
                if i >= pages.count { return assets[i - pages.count] }
                let page = pages[i]
                let fingerprint = fingerprints[i]
                if let entry = previous?.files[page.path], entry.input == fingerprint {
                    return OutputFile(path: page.path, inputFingerprint: fingerprint, data: nil)
                }
                let file: OutputFile?
                do throws(Diagnostic) {
                    file = OutputFile(path: page.path, inputFingerprint: fingerprint, data: try renderer.render(page.page))
                } catch {
                    errors.insert(error)
                    file = nil
                }
                let n = done.increment()
                if n % 500 == 0 { progress(.rendering, n, pages.count) }
                return file
            }
            return (summary, done.value)
        } catch {
            if !errors.isEmpty { throw DiagnosticsError(errors.sorted) }
            if produced.value < pages.count + assets.count {
                // The writer refused before rendering (an unsafe path, a folder that is not
                // ours): report the pages' own errors first, as a render-then-write build would.
                _ = try render(pages, renderer: renderer, templatesFingerprint: templatesFingerprint,
                               previous: previous, progress: { _, _, _ in })
            }
            throw DiagnosticsError([.error(at: SourceLocation(file: display), error.description)])
        }
    }

    /// Every page's input fingerprint: its key (see `PageKey`) with the templates'.
    static func fingerprints(_ pages: [PlannedPage], templates: UInt64) -> [UInt64] {
        pages.map { fingerprint(of: $0, templates: templates) }
    }

    static func fingerprint(of page: PlannedPage, templates: UInt64) -> UInt64 {
        var hasher = WordHasher()
        hasher.add(word: page.key)
        hasher.add(word: templates)
        return hasher.value
    }

    /// templates/assets/** → assets/** and content/images/** → images/**, byte for byte.
    static func assetFiles(_ layout: SiteLayout) throws(DiagnosticsError) -> [OutputFile] {
        try copies(of: layout.templates.appendingPathComponent("assets", isDirectory: true), as: "assets", layout: layout)
            + copies(of: layout.images, as: "images", layout: layout)
    }

    static func copies(of folder: URL, as prefix: String, layout: SiteLayout) throws(DiagnosticsError) -> [OutputFile] {
        var files: [OutputFile] = []
        let base = folder.standardizedFileURL.path
        for url in BuildInputs.files(under: folder) {
            let relative = prefix + "/" + url.standardizedFileURL.path.dropFirst(base.count + 1)
            guard let data = try? Data(contentsOf: url) else {
                throw DiagnosticsError([.error(at: SourceLocation(file: layout.display(url)), "this file cannot be read",
                                              hint: "check the file's permissions, or remove it from \(layout.display(folder))")])
            }
            files.append(OutputFile(path: relative, inputFingerprint: ContentHash.of(data), data: data))
        }
        return files
    }

    /// The output folder must not be the site folder itself or hold the content or templates:
    /// replacing it would delete the editors' work.
    func checkOutputLocation(_ layout: SiteLayout) throws(DiagnosticsError) {
        let output = options.output.path.hasSuffix("/") ? options.output.path : options.output.path + "/"
        for protected in [layout.root, layout.content, layout.templates] {
            let path = protected.path.hasSuffix("/") ? protected.path : protected.path + "/"
            if path.hasPrefix(output) {
                throw DiagnosticsError([.error(
                    at: SourceLocation(file: options.output.path),
                    "the output folder would replace \(layout.display(protected).isEmpty ? "the site folder" : layout.display(protected))",
                    hint: "choose a separate folder with --output, e.g. --output public")])
            }
        }
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// Diagnostics gathered from concurrent work, without repeats.
final class DiagnosticSet: @unchecked Sendable {
    private let lock = NSLock()
    private var set: Set<Diagnostic> = []
    func insert(_ diagnostic: Diagnostic) { lock.lock(); set.insert(diagnostic); lock.unlock() }
    var isEmpty: Bool { lock.lock(); defer { lock.unlock() }; return set.isEmpty }
    var sorted: [Diagnostic] { lock.lock(); defer { lock.unlock() }; return Array(set).sortedByLocation() }
}

/// One fingerprint of everything a build reads: the settings and registries, every article
/// file, every file under templates/ (theme and assets), the options, and the taawun binary
/// itself (its size, modification time and inode: a new taawun may write other bytes).
/// Contents are hashed, not modification times, so `touch` or a checkout changes nothing.
enum BuildInputs {
    /// nil when some input cannot be read: the build then runs in full and reports why.
    /// `binary` is `binaryFingerprint()`. An article whose file has the stamp `known` has for
    /// it is not read: its fingerprint is the one `known` recorded from its text.
    static func fingerprint(_ layout: SiteLayout, articles: [ArticleFile], options: BuildOptions, binary: UInt64,
                            known: ArticleCache) -> UInt64? {
        // `articles` is the listing the loader reads; the other inputs with their paths shown as in messages.
        let others = ([layout.siteFile, layout.organizationsFile, layout.countriesFile]
            + Self.files(under: layout.templates) + Self.files(under: layout.images)).map { ($0.path, layout.display($0)) }
        let all = others.map { ($0.0, $0.1, ArticleCache.Stamp?.none) } + articles.map { ($0.path, $0.display, $0.stamp) }
        let hashes = UnsafeResults<UInt64?>(count: all.count)
        let chunk = 64
        DispatchQueue.concurrentPerform(iterations: (all.count + chunk - 1) / chunk) { c in
            for i in (c * chunk)..<min(all.count, (c + 1) * chunk) {
                let (file, display, stamp) = all[i]
                guard i >= others.count else {
                    hashes[i] = hash(file: URL(fileURLWithPath: file))
                    continue
                }
                // An article counts by the fingerprint of its text, as the cache knows it.
                if let stamp, let fingerprint = known.fingerprint(for: display, stamp: stamp) {
                    hashes[i] = fingerprint
                } else if let text = try? TextFile.read(URL(fileURLWithPath: file), displayPath: display) {
                    hashes[i] = ArticleLoader.fingerprint(of: text)
                } else {
                    hashes[i] = hash(file: URL(fileURLWithPath: file))
                }
            }
        }
        var total = WordHasher()
        total.add(word: binary)
        total.add(word: options.includeDrafts ? 1 : 0)
        for (i, hash) in hashes.values.enumerated() {
            guard let hash else { return nil }
            total.add(string: all[i].1)
            total.add(word: hash)
        }
        return total.value
    }

    /// The running taawun's own bytes: another version may write other bytes. (Its path is left
    /// out, like the root's and the output's, which the output does not depend on.)
    static func binaryFingerprint() -> UInt64? {
        hash(file: Bundle.main.executableURL ?? URL(fileURLWithPath: "/proc/self/exe"))
    }

    /// Every regular file under a folder (templates/, content/images/), hidden ones aside,
    /// sorted: a superset of what TemplateSet and the copies read.
    /// A symbolic link counts only when it points at a file inside the same folder: a build never
    /// publishes a file from outside the site.
    static func files(under folder: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        let inside = folder.resolvingSymlinksInPath().path + "/"
        var files: [URL] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values?.isSymbolicLink == true {
                let target = url.resolvingSymlinksInPath()
                guard target.path.hasPrefix(inside),
                      (try? target.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
                files.append(url)
            } else if values?.isRegularFile == true {
                files.append(url)
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// A hash of the file's bytes; a missing file hashes as absent (the optional registries),
    /// an unreadable one as nil.
    static func hash(file: URL) -> UInt64? {
        let fd = open(file.path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return errno == ENOENT ? 0x6162_7365_6e74 : nil }
        defer { close(fd) }
        var hasher = WordHasher()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            buffer.withUnsafeBytes { hasher.add(bytes: UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        hasher.add(word: 0x656e64) // so that a file's bytes cannot run on into the next path
        return hasher.value
    }
}
