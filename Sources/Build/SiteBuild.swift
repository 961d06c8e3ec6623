import ContentLoading
import Diagnostics
import Foundation
import Output
import Pages
import SiteModel
import Templates

/// What a build is asked to do.
public struct BuildOptions: Sendable {
    public var root: URL
    public var output: URL
    public var includeDrafts: Bool

    public init(root: URL, output: URL? = nil, includeDrafts: Bool = false) {
        let layout = SiteLayout(root: root)
        self.root = layout.root
        self.output = (output ?? layout.defaultOutput).standardizedFileURL
        self.includeDrafts = includeDrafts
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
    public init(options: BuildOptions) { self.options = options }

    public typealias Progress = @Sendable (BuildStage, _ done: Int, _ total: Int) -> Void

    public func run(progress: Progress = { _, _, _ in }) throws(DiagnosticsError) -> BuildReport {
        let start = Date()
        let layout = SiteLayout(root: options.root)
        try checkOutputLocation(layout)

        progress(.loading, 0, 0)
        let content = ContentLoader.load(layout, includeDrafts: options.includeDrafts)
        progress(.modelling, content.articles.count, content.articles.count)
        let (site, warnings) = try SiteBuilder.build(content)
        let templates = try TemplateSet.load(from: layout.templates, displayPrefix: "templates/")

        let writer = SiteWriter(output: options.output)
        let previous = writer.previousManifest()
        let pages = PagePlanner(site: site).pages()
        let renderer = PageRenderer(templates: templates)
        let (files, rendered) = try Self.render(pages, renderer: renderer, templatesFingerprint: templates.fingerprint,
                                                previous: previous, progress: progress)
        let assets = try Self.assetFiles(layout)

        progress(.writing, 0, files.count + assets.count)
        let summary: SiteWriter.Summary
        do {
            summary = try writer.write(files + assets)
        } catch {
            throw DiagnosticsError([.error(at: SourceLocation(file: layout.display(options.output)), error.description)])
        }
        return BuildReport(
            articles: site.articles.count, organizations: site.organizations.count, countries: site.countriesWithArticles.count,
            files: summary.total, written: summary.written, unchanged: summary.unchanged, removed: summary.removed,
            rendered: rendered, seconds: Date().timeIntervalSince(start), warnings: warnings)
    }

    /// Renders on all cores the pages whose inputs changed since the manifest; the others keep
    /// their bytes. Errors from every page are collected, not just the first.
    static func render(_ pages: [Page], renderer: PageRenderer, templatesFingerprint: UInt64,
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
                let data = try renderer.render(page)
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

    static func fingerprint(of page: Page, templates: UInt64) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(page.path)
        switch page.content {
        case .template(let name, let context):
            hasher.combine(name)
            hasher.combine(String(templates))
            hasher.combine(context)
        case .text(let text):
            hasher.combine(text)
        }
        return hasher.value
    }

    /// templates/assets/** → assets/**, byte for byte.
    static func assetFiles(_ layout: SiteLayout) throws(DiagnosticsError) -> [OutputFile] {
        let assets = layout.templates.appendingPathComponent("assets", isDirectory: true)
        guard let enumerator = FileManager.default.enumerator(at: assets, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else { return [] }
        var files: [OutputFile] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { continue }
            let relative = "assets/" + url.standardizedFileURL.path.dropFirst(assets.standardizedFileURL.path.count + 1)
            guard let data = try? Data(contentsOf: url) else {
                throw DiagnosticsError([.error(at: SourceLocation(file: layout.display(url)), "this asset cannot be read")])
            }
            files.append(OutputFile(path: relative, inputFingerprint: ContentHash.of(data), data: data))
        }
        return files.sorted { $0.path < $1.path }
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
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
