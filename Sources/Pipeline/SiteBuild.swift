import Authoring
import BuildState
import ContentLoading
import Diagnostics
import Foundation
import Output
import Pages
import SiteModel
import Templates
import Support

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
    /// Whether the last build's plan was updated for an edit (`SiteBuild.update`) rather than
    /// the site planned anew.
    public var updatedThePlan = false
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
    /// The files (paths from the site root, as messages show them) changed since the previous
    /// build with this `cache`, as the preview's watcher saw them; nil when unknown. With it, a
    /// rebuild after an edit does not list and stamp every article again.
    public var changedFiles: [String]?

    /// Set by the command line, whose process ends with the build: what the build held — at
    /// 10,000 articles a hundred megabytes of small objects, longer to free one by one than an
    /// update takes — is then left for the process's end to reclaim.
    public var endsTheProcess = false

    public init(options: BuildOptions, cache: BuildCache? = nil, changedFiles: [String]? = nil) {
        self.options = options
        self.cache = cache
        self.changedFiles = changedFiles
    }

    /// Keeps `state` alive until the process ends, when `endsTheProcess`.
    private func leave(_ state: Any...) {
        if endsTheProcess { StateLeftForExit.shared.keep(state) }
    }

    public typealias Progress = @Sendable (BuildStage, _ done: Int, _ total: Int) -> Void

    /// The build, step by step: list the inputs; update the last build after an edit, or stop
    /// when nothing changed; load the content; model the site; plan the pages; render them and
    /// commit the output (`SiteWriter`: the whole new site or none of it); save the build state.
    public func run(progress: Progress = { _, _, _ in }) throws(DiagnosticsError) -> BuildReport {
        let start = Date()
        let layout = SiteLayout(root: options.root)
        try step(.output) { () throws(DiagnosticsError) in try checkOutputLocation(layout) }
        let early = EarlyWork(layout: layout, options: options, startingNow: cache == nil)
        // Nothing is left running: a process must not end while ICU works.
        defer { early.finish() }

        var run = listInputs(layout, early: early)
        if let report = try step(.update, { () throws(DiagnosticsError) in try updateTheLastBuild(&run, layout: layout, start: start) }) {
            return report
        }
        if let report = stopIfNothingChanged(&run, layout: layout, start: start) { return report }
        progress(.loading, 0, 0)
        let (site, warnings) = try step(.model) { () throws(DiagnosticsError) in try loadAndModel(run, layout: layout, progress: progress) }
        let templates = try step(.templates) { () throws(DiagnosticsError) in try early.templates.value() }
        let record = run.record(site: site, warnings: warnings)
        let plan = self.plan(site, cache: run.cache)
        let (summary, rendered) = try step(.commit) { () throws(DiagnosticsError) in
            try renderAndCommit(plan.pages, templates: templates, run: run, record: record, layout: layout, progress: progress)
        }
        saveState(run, site: site, warnings: warnings, plan: plan, templates: templates)
        leave(run.cache, site, plan.pages, plan.planner, plan.sitePlan as Any, run.last as Any)
        return BuildReport(
            articles: site.articles.count, organizations: site.organizations.count, countries: site.countriesWithArticles.count,
            files: summary.total, written: summary.written, unchanged: summary.unchanged, removed: summary.removed,
            rendered: rendered, seconds: Date().timeIntervalSince(start), warnings: warnings)
    }

    /// The steps that can stop a build, as its closing line names them (`DiagnosticsError.step`).
    public enum Step: String, Sendable {
        case output = "checking the output folder"
        case update = "updating the last build"
        case model = "reading and modelling the content"
        case templates = "reading the templates"
        case commit = "rendering and publishing the pages"
    }

    /// Runs one step, naming it on the diagnostics that stop it.
    func step<Value>(_ step: Step, _ work: () throws(DiagnosticsError) -> Value) throws(DiagnosticsError) -> Value {
        do {
            return try work()
        } catch {
            throw DiagnosticsError(error.diagnostics, step: error.step ?? step.rawValue)
        }
    }

    /// What a single build starts on another core while this one lists the articles: reading and
    /// compiling the templates, making ICU ready for the dates, reading the manifest's listing.
    /// (A long-running process's update uses the templates it kept, and its ICU is ready.)
    struct EarlyWork {
        let templates: Pending<TemplateSet, DiagnosticsError>
        let formats: Pending<Void, Never>
        let listing: Pending<BuildManifest.Listing?, Never>

        init(layout: SiteLayout, options: BuildOptions, startingNow: Bool) {
            templates = Pending(startingNow: startingNow) { () throws(DiagnosticsError) in
                try TemplateSet.load(from: layout.templates, displayPrefix: "templates/")
            }
            formats = Pending(startingNow: startingNow) { PageRenderer.prepareFormats(locale: ContentLoader.config(layout).locale) }
            listing = Pending(startingNow: startingNow) { [writer = options.writer] () -> BuildManifest.Listing? in
                writer.settle()
                return BuildManifest.Listing.read(from: writer.state)
            }
        }

        func finish() { templates.finish(); formats.finish(); listing.finish() }
    }

    /// What this run knows of its inputs as it goes: the article files, the fingerprints of
    /// everything else, the last build (kept in memory or in the build state), the previous
    /// manifest.
    struct Run {
        let cache: BuildCache
        /// The running taawun's fingerprint; nil when it cannot be read (then nothing is kept).
        let binary: UInt64?
        var last: LastBuild?
        let articleFiles: [ArticleFile]
        /// Everything the build reads but the articles (`BuildInputs.otherInputs`).
        let others: UInt64?
        var kept: BuildRecord.Restored?
        /// Every article's fingerprint, when the build record vouches that none changed.
        var keptHashes: [UInt64]?
        var articleHashes: [UInt64?] = []
        /// The fingerprint of everything read, once computed.
        var inputs: UInt64?
        var previous: BuildManifest?

        /// Whether every article's fingerprint is known: the build state can then be saved.
        var hashesAreComplete: Bool { articleHashes.count == articleFiles.count && !articleHashes.contains(nil) }

        /// The fingerprint of everything the build read; the article files are fingerprinted now.
        mutating func fingerprintInputs() -> UInt64? {
            guard let others else { return nil }
            articleHashes = keptHashes?.map(Optional.some) ?? BuildInputs.articleHashes(articleFiles, known: cache.articles)
            return BuildInputs.fingerprint(others: others, articles: articleFiles, hashes: articleHashes)
        }

        /// The manifest's record of this build's inputs and what it reported.
        mutating func record(site: Site, warnings: [Diagnostic]) -> BuildManifest.Inputs? {
            // With no recorded inputs to compare against, the fingerprint waits until the loader has
            // fingerprinted every article it read, instead of reading every file one more time.
            if inputs == nil { inputs = fingerprintInputs() }
            return inputs.map {
                BuildManifest.Inputs(fingerprint: $0, articles: site.articles.count, organizations: site.organizations.count,
                                     countries: site.countriesWithArticles.count, warnings: warnings)
            }
        }
    }

    /// Step 1: the article files with their stamps, the other inputs' fingerprint, and the last
    /// build: the one a long-running process kept, or the one the build state keeps when an
    /// article changed since (`BuildRecord`).
    func listInputs(_ layout: SiteLayout, early: EarlyWork) -> Run {
        let binary = BuildInputs.binaryFingerprint()
        let cache = self.cache ?? BuildCache()
        // What the last build made is taken out until this one succeeds: the changes of a build
        // that failed are not in the next one's `changedFiles`.
        let last = cache.takeLast()
        let articleFiles = last?.articleFiles(after: changedFiles) ?? layout.stampedArticleFiles()
        let others = binary.flatMap { BuildInputs.otherInputs(layout, options: options, binary: $0) }
        var run = Run(cache: cache, binary: binary, last: last, articleFiles: articleFiles, others: others)
        if let binary { PictureFile.load(into: cache, state: options.state, binary: binary) }
        if self.cache == nil, let binary, let others {
            switch BuildRecord.restore(into: cache, binary: binary, layout: layout, options: options,
                                     articleFiles: articleFiles, others: others,
                                     manifest: { early.listing.value() }, templates: { try? early.templates.value() }) {
            case .updatable(let restored): (run.kept, run.last) = (restored, restored.last)
            case .unchanged(let hashes): run.keptHashes = hashes
            case .nothing: break
            }
        }
        return run
    }

    /// Step 2, after an edit that moves no article: the last build updated (`update`), and the
    /// build state's build record patched. nil when the edit needs the whole site planned.
    func updateTheLastBuild(_ run: inout Run, layout: SiteLayout, start: Date) throws(DiagnosticsError) -> BuildReport? {
        guard let others = run.others, let last = run.last,
              var report = try update(last, layout: layout, articleFiles: run.articleFiles, others: others, cache: run.cache, start: start)
        else { return nil }
        let cache = run.cache
        if let binary = run.binary, let kept = run.kept, let updated = cache.last, let stamp = updated.manifestStamp {
            let contents = BuildRecord.Contents(
                includeDrafts: updated.includeDrafts, otherInputs: updated.otherInputs, warnings: updated.warnings,
                articleFiles: updated.articleFiles, articleHashes: updated.articleHashes,
                sources: Self.sources(of: updated.articleFiles, in: cache.articles, only: updated.edited.map(\.file)), previous: kept,
                site: updated.plan.site, related: updated.plan.related, keys: updated.plan.articleKeys,
                manifestStamp: stamp, bodies: cache.model.allBodies, registries: cache.articles.registries)
            if !BuildRecord.savePatch(contents, edited: updated.edited, state: options.state, archive: cache.archive) {
                BuildRecord.save(contents, state: options.state, binary: binary, archive: cache.archive)
            }
            report.seconds = Date().timeIntervalSince(start)
        }
        if let binary = run.binary { PictureFile.save(cache, state: options.state, binary: binary) }
        leave(cache, last, run.kept as Any)
        return report
    }

    /// Step 2, otherwise: when nothing read by the build changed since the build that wrote the
    /// output, and the output is all there, that build's output is what this one would write,
    /// byte for byte: stop. Else the build cache is restored for the steps to come.
    func stopIfNothingChanged(_ run: inout Run, layout: SiteLayout, start: Date) -> BuildReport? {
        // With every article as the build record recorded it, the first thing to find out is
        // whether anything at all is to be built; only then is the build cache read.
        if run.keptHashes == nil { restoreCache(into: run, layout: layout) }
        let writer = options.writer
        run.previous = writer.previousManifest()
        if let previous = run.previous, let recorded = previous.inputs {
            run.inputs = run.fingerprintInputs()
            if run.inputs == recorded.fingerprint, writer.isIntact(previous) {
                run.cache.last = run.last
                return BuildReport(
                    articles: recorded.articles, organizations: recorded.organizations, countries: recorded.countries,
                    files: previous.files.count, written: 0, unchanged: previous.files.count, removed: 0,
                    rendered: 0, seconds: Date().timeIntervalSince(start), warnings: recorded.warnings)
            }
        }
        if run.keptHashes != nil { restoreCache(into: run, layout: layout) }
        return nil
    }

    /// What the build record the previous single build left says of each file, for the steps to come.
    func restoreCache(into run: Run, layout: SiteLayout) {
        guard self.cache == nil, let binary = run.binary else { return }
        BuildRecord.restoreCache(into: run.cache, state: options.state, binary: binary,
                                 allowUnsafeHTML: ContentLoader.config(layout).unsafeHTML)
    }

    /// Steps 3 and 4: the content loaded and the site modelled, with `taawun check`'s findings
    /// (links, images and names too: `SiteCheck.model`). The content, with every new article's
    /// Markdown, lives only until the model is built.
    func loadAndModel(_ run: Run, layout: SiteLayout, progress: Progress) throws(DiagnosticsError) -> (Site, [Diagnostic]) {
        let cache = run.cache
        let content = ContentLoader.load(layout, includeDrafts: options.includeDrafts, cache: cache.articles,
                                         files: run.articleFiles) { article, unsafe in
            cache.model.body(for: article, allowUnsafeHTML: unsafe) != nil
        }
        progress(.modelling, content.articles.count, content.articles.count)
        return try SiteCheck.model(consume content, layout: layout, cache: cache.model)
    }

    /// The pages of a site, and what a long-running process keeps of the plan to update it after an edit.
    struct Plan {
        let planner: PagePlanner
        let pages: [PlannedPage]
        let sitePlan: SitePlan?
        /// The articles' keys, for the build record.
        let keys: ArticleKeys?
    }

    /// Step 5: every page of the site, with the related-articles table reused when it still fits.
    func plan(_ site: Site, cache: BuildCache) -> Plan {
        let planner = PagePlanner(site: site, related: cache.related, pictures: cache.pictures)
        cache.related = planner.related
        // A long-running process keeps the plan, to update it after an edit.
        let sitePlan = self.cache == nil ? nil : planner.sitePlan()
        if let pages = sitePlan?.pages { return Plan(planner: planner, pages: pages, sitePlan: sitePlan, keys: nil) }
        let (pages, keys) = planner.planKeepingKeys()
        return Plan(planner: planner, pages: pages, sitePlan: sitePlan, keys: keys)
    }

    /// Step 6: the pages rendered and, with the assets, committed as the new output.
    func renderAndCommit(_ pages: [PlannedPage], templates: TemplateSet, run: Run, record: BuildManifest.Inputs?,
                         layout: SiteLayout, progress: Progress) throws(DiagnosticsError) -> (SiteWriter.Summary, Int) {
        let renderer = PageRenderer(templates: templates)
        let previous = run.previous
        let assets: [OutputFile]
        do {
            assets = try Self.assetFiles(layout)
        } catch {
            // A page's own error comes before an asset's, as when every page rendered first.
            _ = try renderer.renderChanged(pages, templatesFingerprint: templates.fingerprint,
                                           previous: { previous?.files[$0] }, progress: { _, _ in })
            throw error
        }
        // Every page whose key (the hash of its values) is as last time keeps its file; when no
        // page and no asset changed, the writer leaves the folder untouched.
        return try Self.renderAndWrite(pages, assets: assets, renderer: renderer, templatesFingerprint: templates.fingerprint,
                                       writer: options.writer, previous: previous, inputs: record,
                                       display: layout.display(options.output), progress: progress)
    }

    /// Step 7: what the next build starts from. A single build writes the build record in the
    /// build state (`BuildRecord`); a long-running process keeps the build in memory.
    func saveState(_ run: Run, site: Site, warnings: [Diagnostic], plan: Plan, templates: TemplateSet) {
        let cache = run.cache, writer = options.writer
        if let binary = run.binary { PictureFile.save(cache, state: options.state, binary: binary) }
        if self.cache == nil, let binary = run.binary {
            if let others = run.others, run.hashesAreComplete, let stamp = writer.manifestStamp() {
                BuildRecord.save(
                    BuildRecord.Contents(
                        includeDrafts: options.includeDrafts, otherInputs: others, warnings: warnings,
                        articleFiles: run.articleFiles, articleHashes: run.articleHashes.map { $0! },
                        sources: Self.sources(of: run.articleFiles, in: cache.articles), previous: nil,
                        site: site, related: plan.planner.related, keys: plan.keys, manifestStamp: stamp,
                        bodies: cache.model.allBodies, registries: cache.articles.registries),
                    state: options.state, binary: binary, archive: cache.archive)
            }
        }
        if let sitePlan = plan.sitePlan, let others = run.others, run.hashesAreComplete,
           let manifest = writer.previousManifest(), let stamp = writer.manifestStamp() {
            cache.last = LastBuild(
                output: options.output.path, includeDrafts: options.includeDrafts, otherInputs: others,
                articleFiles: run.articleFiles, articleHashes: run.articleHashes.map { $0! }, plan: sitePlan, templates: templates,
                warnings: warnings, manifest: BuildManifest.Listing(manifest), manifestStamp: stamp)
        } else {
            cache.last = nil
        }
    }

    /// The rebuild of a long-running process after an edit that keeps every article in its place
    /// (`SiteBuilder.update`): only the edited files are read, only the pages that can show them
    /// are planned again (`SitePlan.updating`), and those whose key changed are rendered and
    /// replaced. Its output is what a full build would write (tests compare them). nil when the
    /// edit does more — another output or option, a changed template, setting or registry, an
    /// article added, removed or moved, a file that does not parse — or the output folder is not
    /// as the last build left it: then the caller builds in full, which reports every problem.
    func update(_ last: LastBuild, layout: SiteLayout, articleFiles: [ArticleFile], others: UInt64, cache: BuildCache,
                start: Date) throws(DiagnosticsError) -> BuildReport? {
        guard last.output == options.output.path, last.includeDrafts == options.includeDrafts, last.otherInputs == others,
              articleFiles.count == last.articleFiles.count else { return nil }
        // The same files, listed in the same order; which of them changed.
        var edited: [Int] = []
        var previous: [ArticleSource] = []
        for (i, file) in articleFiles.enumerated() {
            let before = last.articleFiles[i]
            guard let stamp = file.stamp, let old = before.stamp, file.display == before.display else { return nil }
            guard stamp != old else { continue }
            guard case .success(let source)? = cache.articles.result(for: file.display, stamp: old) else { return nil }
            edited.append(i)
            previous.append(source)
        }
        let writer = options.writer
        guard !edited.isEmpty, writer.manifestStamp() == last.manifestStamp, writer.canReplace(last.manifest) else { return nil }

        var sources: [ArticleSource] = []
        for result in ContentLoader.reload(edited.map { articleFiles[$0] }, cache: cache.articles) {
            guard case .success(let source) = result else { return nil }
            sources.append(source)
        }
        guard let (site, indices) = SiteBuilder.update(last.plan.site, edited: Array(zip(previous, sources)), cache: cache.model)
        else { return nil }
        // A link or image finding in an edited article: the full build reports it (SiteCheck.model).
        guard SiteCheck.referencesStayClean(sources, edited: indices, previous: previous, site: site, warnings: last.warnings,
                                            layout: layout, cache: cache.model) else { return nil }
        let (plan, replanned) = last.plan.updating(site: site, edited: indices)
        let (files, rendered) = try PageRenderer(templates: last.templates)
            .renderChanged(replanned, templatesFingerprint: last.templates.fingerprint, previous: last.manifest.entry(for:),
                           progress: { _, _ in })
        var next = last
        for (i, source) in zip(edited, sources) { next.articleHashes[i] = source.fingerprint }
        let record = BuildInputs.fingerprint(others: others, articles: articleFiles, hashes: next.articleHashes).map {
            BuildManifest.Inputs(fingerprint: $0, articles: site.articles.count, organizations: site.organizations.count,
                                 countries: site.countriesWithArticles.count, warnings: last.warnings)
        }
        let summary: SiteWriter.Summary
        do {
            (summary, next.manifest) = try writer.replace(files.filter { $0.data != nil }, previous: last.manifest, inputs: record)
        } catch {
            cache.last = nil
            throw DiagnosticsError([.error(at: SourceLocation(file: layout.display(options.output)), error.description, hint: error.hint)])
        }
        next.plan = plan
        next.edited = Array(zip(edited, indices))
        next.manifestStamp = writer.manifestStamp()
        next.articleFiles = articleFiles
        cache.last = next
        return BuildReport(
            articles: site.articles.count, organizations: site.organizations.count, countries: site.countriesWithArticles.count,
            files: summary.total, written: summary.written, unchanged: summary.unchanged, removed: 0,
            rendered: rendered, seconds: Date().timeIntervalSince(start), warnings: last.warnings, updatedThePlan: true)
    }

    /// Each file's front matter as `cache` keeps it for the file as it is now, by the file's
    /// index; a file it does not keep (one a build record has, unchanged) is left out.
    /// `only`: the files to look up, when not all.
    static func sources(of files: [ArticleFile], in cache: ArticleCache, only: [Int]? = nil) -> [Int: ArticleSource] {
        var sources: [Int: ArticleSource] = [:]
        for i in only ?? Array(files.indices) where files.indices.contains(i) {
            guard let stamp = files[i].stamp, case .success(let source)? = cache.result(for: files[i].display, stamp: stamp) else { continue }
            sources[i] = source
        }
        return sources
    }

    /// The key recorded for a page whose key was not computed: it matches no page.
    static let unknownKey: UInt64 = 0

    /// Renders the pages whose inputs changed and writes every file as it is rendered, on all
    /// cores, so only a few pages' bytes are in memory at a time (the whole site's would be
    /// gigabytes at 100,000 articles). Errors from every page are collected; then nothing is
    /// replaced. The errors take precedence over the writer's, as when rendering came first.
    static func renderAndWrite(_ pages: [PlannedPage], assets: [OutputFile], renderer: PageRenderer,
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
                let page = pages[i].page
                // With no previous build to compare with, a page's key would save nothing now and
                // costs a tenth of a fresh build: it is recorded as unknown, and the next build that
                // plans this page renders it (a one-article edit renders its few pages anyway).
                let fingerprint = previous == nil ? Self.unknownKey : page.key(templates: templatesFingerprint)
                if let entry = previous?.files[page.path], entry.input == fingerprint, fingerprint != Self.unknownKey {
                    return OutputFile(path: page.path, inputFingerprint: fingerprint, data: nil)
                }
                let file: OutputFile?
                do throws(Diagnostic) {
                    file = OutputFile(path: page.path, inputFingerprint: fingerprint, data: try renderer.render(page))
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
                _ = try renderer.renderChanged(pages, templatesFingerprint: templatesFingerprint,
                                               previous: { previous?.files[$0] }, progress: { _, _ in })
            }
            throw DiagnosticsError([.error(at: SourceLocation(file: display), error.description, hint: error.hint)])
        }
    }

    /// templates/assets/** → assets/** and content/images/** → images/**, byte for byte; each
    /// theme asset also under its content-hashed name, the one templates link to (`AssetNames`).
    static func assetFiles(_ layout: SiteLayout) throws(DiagnosticsError) -> [OutputFile] {
        let assets = try copies(of: layout.templates.appendingPathComponent("assets", isDirectory: true), as: "assets", layout: layout)
        let hashed = assets.compactMap { file in
            file.data.map { OutputFile(path: AssetNames.hashed(file.path, data: $0), inputFingerprint: file.inputFingerprint, data: $0) }
        }
        return try assets + hashed + copies(of: layout.images, as: "images", layout: layout)
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
    /// Everything a build reads but the articles: the settings and registries, every file under
    /// templates/ (theme and assets) and content/images/, the options and the binary.
    static func otherInputs(_ layout: SiteLayout, options: BuildOptions, binary: UInt64) -> UInt64? {
        let files = [layout.siteFile, layout.organizationsFile, layout.countriesFile]
            + Self.files(under: layout.templates) + Self.files(under: layout.images)
        let hashes = UnsafeResults<UInt64?>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { hashes[$0] = hash(file: files[$0]) }
        var total = WordHasher()
        total.add(word: binary)
        total.add(word: options.includeDrafts ? 1 : 0)
        for (file, hash) in zip(files, hashes.values) {
            guard let hash else { return nil }
            total.add(string: layout.display(file))
            total.add(word: hash)
        }
        return total.value
    }

    /// The fingerprint of everything a build reads: `otherInputs` with every article file
    /// (`articles`, the listing the loader reads, and `hashes`, theirs from `articleHashes`).
    /// nil when some input cannot be read: the build then runs in full and reports why.
    static func fingerprint(others: UInt64, articles: [ArticleFile], hashes: [UInt64?]) -> UInt64? {
        var total = WordHasher()
        total.add(word: others)
        for (article, hash) in zip(articles, hashes) {
            guard let hash else { return nil }
            total.add(string: article.display)
            total.add(word: hash)
        }
        return total.value
    }

    /// Each article file's fingerprint, nil when it cannot be read. An article whose file has the
    /// stamp `known` has for it is not read: its fingerprint is the one `known` recorded from its text.
    static func articleHashes(_ articles: [ArticleFile], known: ArticleCache) -> [UInt64?] {
        let hashes = UnsafeResults<UInt64?>(count: articles.count)
        let chunk = 64
        DispatchQueue.concurrentPerform(iterations: (articles.count + chunk - 1) / chunk) { c in
            for i in (c * chunk)..<min(articles.count, (c + 1) * chunk) {
                let article = articles[i]
                if let stamp = article.stamp, let fingerprint = known.fingerprint(for: article.display, stamp: stamp) {
                    hashes[i] = fingerprint
                } else if let text = try? ContentLoader.readArticle(article) {
                    hashes[i] = ArticleLoader.fingerprint(of: text)
                } else {
                    // A link out of the site folder is not read (the load reports it).
                    hashes[i] = ContentLoader.linkTargetOutsideSite(article) == nil ? hash(file: URL(fileURLWithPath: article.path)) : .some(nil)
                }
            }
        }
        return hashes.values
    }

    /// The running taawun: another version may write other bytes. (Its path is left out, like
    /// the root's and the output's, which the output does not depend on.)
    static func binaryFingerprint() -> UInt64? { runningBinary }

    /// Taken once per process, from the file's identity rather than its 18 MB (reading them was
    /// a tenth of a one-article rebuild): device, inode, size, modification time and the
    /// status-change time, which every write to the file sets and no user can set back.
    private static let runningBinary: UInt64? = {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 || stat(Bundle.main.executablePath ?? "", &info) == 0 else { return nil }
        var hasher = WordHasher()
        for word in [UInt64(info.st_dev), UInt64(info.st_ino), UInt64(info.st_size), UInt64(info.st_mtim.tv_sec),
                     UInt64(info.st_mtim.tv_nsec), UInt64(info.st_ctim.tv_sec), UInt64(info.st_ctim.tv_nsec)] {
            hasher.add(word: word)
        }
        return hasher.value
    }()

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
