// taawun-bench: where the time of a build goes, stage by stage, on one site folder.
//
//     swift build -c release --product taawun-bench
//     .build/release/taawun-bench bench/work/n10000/site [--repeat 3]
//
// Each stage runs alone, on one thread, over the whole corpus (the build runs most of them on
// every core; the "build" rows at the end time the stages as the build runs them). Times are
// the best of --repeat runs. Nothing here is part of `make test`; `make bench` runs it.
import BuildState
import ContentLoading
import Diagnostics
import Foundation
import Markdown
import Output
import Pages
import Pipeline
import SearchIndex
import SiteModel
import Templates

struct Row {
    var stage: String
    var seconds: Double
    var items: Int
    var parallel: Bool
}

var rows: [Row] = []

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Best of `repeats` runs of `body`; returns the last result.
@MainActor @discardableResult
func stage<T>(_ name: String, items: Int, parallel: Bool = false, repeats: Int, _ body: () throws -> T) rethrows -> T {
    var best = Double.infinity
    var result: T?
    for _ in 0..<max(1, repeats) {
        let start = now()
        result = try body()
        best = min(best, now() - start)
    }
    rows.append(Row(stage: name, seconds: best, items: items, parallel: parallel))
    FileHandle.standardError.write(Data("  \(name): \(String(format: "%.1f", best * 1000)) ms\n".utf8))
    return result!
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("taawun-bench: \(message)\n".utf8))
    exit(1)
}

var arguments = Array(CommandLine.arguments.dropFirst())
var repeats = 3
if let i = arguments.firstIndex(of: "--repeat"), i + 1 < arguments.count, let n = Int(arguments[i + 1]) {
    repeats = n
    arguments.removeSubrange(i...(i + 1))
}
guard let rootPath = arguments.first else { fail("usage: taawun-bench SITE_FOLDER [--repeat N]") }
let layout = SiteLayout(root: URL(fileURLWithPath: rootPath))

FileHandle.standardError.write(Data("taawun-bench: \(layout.root.path)\n".utf8))

// MARK: Loading

let files = stage("list content/articles/*.md", items: 1, repeats: repeats) { layout.articleFiles() }
let n = files.count
let texts = stage("read + decode (TextFile.read)", items: n, repeats: repeats) {
    files.compactMap { url in try? TextFile.read(url, displayPath: layout.display(url)) }
}
if texts.count != n { fail("\(n - texts.count) articles cannot be read") }
stage("front matter split (FrontMatter.split)", items: n, repeats: repeats) {
    var lines = 0
    for (i, text) in texts.enumerated() {
        lines += (try? FrontMatter.split(text, file: files[i].path))?.bodyFirstLine ?? 0
    }
    return lines
}
let sources = stage("front matter parse (split + Yams + fields)", items: n, repeats: repeats) {
    texts.enumerated().compactMap { i, text in try? ArticleLoader.parse(text, path: layout.display(files[i])) }
}
if sources.count != n { fail("\(n - sources.count) articles do not parse; run taawun build on the folder for the errors") }
stage("cmark render (MarkdownRenderer.render)", items: n, repeats: repeats) {
    sources.reduce(0) { $0 + MarkdownRenderer.render($1.body).html.utf8.count }
}

// MARK: Model, plan, render

let content = stage("build: ContentLoader.load (all cores)", items: n, parallel: true, repeats: repeats) {
    ContentLoader.load(layout, includeDrafts: false)
}
let built = stage("build: SiteBuilder.build (cmark on all cores)", items: n, parallel: true, repeats: repeats) {
    Result { () throws(DiagnosticsError) -> Site in try SiteBuilder.build(content).site }
}
guard case .success(let site) = built else {
    if case .failure(let error) = built { fail("the site does not build: \(error.diagnostics.first.map { "\($0.location.description): \($0.message)" } ?? "")") }
    fail("the site does not build")
}
// MARK: Search: the index and its files, with the CPU time they take (`--search-only` stops here)

func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}
let searchStart = cpuSeconds()
let searchIndex = stage("search: SearchIndex (all cores)", items: n, parallel: true, repeats: repeats) {
    SearchIndex(site: site, href: { "articles/\($0.slug)/index.html" }, dateText: { $0.description })
}
let searchMiddle = cpuSeconds()
let searchBytes = stage("search: every shard and chunk as text", items: searchIndex.shardCount + searchIndex.chunkCount, repeats: repeats) {
    (0..<searchIndex.shardCount).reduce(0) { $0 + searchIndex.shard($1).utf8.count }
        + (0..<searchIndex.chunkCount).reduce(0) { $0 + searchIndex.chunk($1).utf8.count }
}
let searchEnd = cpuSeconds()
print(String(format: "search index: %.3f s CPU to index, %.3f s CPU to write %d shards and %d chunks (%.1f MB), per run of %d articles",
             (searchMiddle - searchStart) / Double(max(1, repeats)), (searchEnd - searchMiddle) / Double(max(1, repeats)),
             searchIndex.shardCount, searchIndex.chunkCount, Double(searchBytes) / 1e6, n))
if CommandLine.arguments.contains("--search-only") { exit(0) }

let related = stage("Site.related, every article", items: site.articles.count, repeats: repeats) {
    site.articles.reduce(0) { $0 + site.related(to: $1, limit: 5).count }
}
_ = related
let loadedTemplates = stage("TemplateSet.load", items: 1, repeats: repeats) {
    Result { () throws(DiagnosticsError) -> TemplateSet in try TemplateSet.load(from: layout.templates, displayPrefix: "templates/") }
}
guard case .success(let templates) = loadedTemplates else {
    if case .failure(let error) = loadedTemplates { fail("the templates do not load: \(error.diagnostics.first?.message ?? "")") }
    fail("the templates do not load")
}
let relatedTable = stage("RelatedArticles, the whole table (all cores)", items: n, parallel: true, repeats: repeats) { PagePlanner(site: site).related }
let planned = stage("PagePlanner.plan (related table given)", items: n, repeats: repeats) {
    PagePlanner(site: site, related: relatedTable).plan()
}
// The cooperation network's pictures (issue #19), all drawn anew: part of the page values below.
let network = stage("network pictures, all drawn (graph, layouts, SVG)", items: site.organizations.count + site.countries.count,
                    repeats: repeats) { PagePlanner(site: site, related: relatedTable).drawNetworkPictures() }
let pages = stage("page values (PlannedPage.page)", items: planned.count, repeats: repeats) { planned.map { $0.page } }
let keys = stage("page keys (Page.key: the values hashed)", items: pages.count, repeats: repeats) {
    pages.map { $0.key(templates: templates.fingerprint) }
}
let renderer = PageRenderer(templates: templates)
var byTemplate: [String: (seconds: Double, count: Int, bytes: Int)] = [:]
let rendered: [Data] = stage("template render (PageRenderer.render)", items: pages.count, repeats: 1) {
    pages.map { page in
        let start = now()
        guard let data = try? renderer.render(page) else { fail("\(page.path) does not render") }
        let name: String
        switch page.content {
        case .template(let template, _): name = template
        case .text: name = "(text)"
        }
        let elapsed = now() - start
        byTemplate[name, default: (0, 0, 0)].seconds += elapsed
        byTemplate[name, default: (0, 0, 0)].count += 1
        byTemplate[name, default: (0, 0, 0)].bytes += data.count
        return data
    }
}
let totalBytes = rendered.reduce(0) { $0 + $1.count }
stage("content hash (ContentHash.of)", items: pages.count, repeats: repeats) {
    rendered.reduce(UInt64(0)) { $0 ^ ContentHash.of($1) }
}

// MARK: Writing

let scratchRoot = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-bench-\(getpid())")
let scratch = scratchRoot.appendingPathComponent("public")
let scratchState = scratchRoot.appendingPathComponent(".taawun")
defer { try? FileManager.default.removeItem(at: scratchRoot) }
// The writer stages record each page's key as what it was made from, as the build does.
let outputFiles = zip(zip(planned, keys), rendered).map { OutputFile(path: $0.0.path, inputFingerprint: $0.1, data: $1) }
stage("write, fresh folder (SiteWriter.write)", items: pages.count, parallel: true, repeats: 1) {
    try? FileManager.default.removeItem(at: scratchRoot)
    return try! SiteWriter(output: scratch, state: scratchState).write(outputFiles)
}
stage("write, nothing changed (SiteWriter.write)", items: pages.count, parallel: true, repeats: repeats) {
    try! SiteWriter(output: scratch, state: scratchState).write(outputFiles)
}
// As a build after a one-article edit calls it: unchanged pages come without bytes.
let skipped = outputFiles.map { OutputFile(path: $0.path, inputFingerprint: $0.inputFingerprint, data: nil) }
stage("write, one file changed (SiteWriter.write)", items: pages.count, parallel: true, repeats: repeats) {
    var files = skipped
    files[0] = outputFiles[0]
    files[0].data!.append(contentsOf: Array("<!-- \(now()) -->".utf8))
    files[0].inputFingerprint &+= UInt64(now() * 1e6)
    let writer = SiteWriter(output: scratch, state: scratchState)
    let edited = files
    return try! writer.write(paths: edited.map(\.path), previous: writer.previousManifest()) { edited[$0] }
}
stage("manifest read (BuildManifest.read)", items: 1, repeats: repeats) { BuildManifest.read(from: scratchState)?.files.count ?? 0 }
try? FileManager.default.removeItem(at: scratchRoot)

// MARK: Whole builds, as `taawun build` runs them

stage("build: SiteBuild.run, fresh output", items: pages.count, parallel: true, repeats: 1) {
    try! SiteBuild(options: BuildOptions(root: layout.root, output: scratch)).run()
}
stage("build: SiteBuild.run, nothing changed", items: pages.count, parallel: true, repeats: repeats) {
    try! SiteBuild(options: BuildOptions(root: layout.root, output: scratch)).run()
}

// MARK: Report

let serial = rows.filter { !$0.parallel && !$0.stage.hasPrefix("build:") }
let serialTotal = serial.reduce(0) { $0 + $1.seconds }
print("")
print("Stages of one build of \(n) articles → \(pages.count) files (\(totalBytes / 1_048_576) MiB), best of \(repeats), \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("")
print("| stage | threads | time | per item | share of one-thread work |")
print("|---|---|---:|---:|---:|")
for row in rows {
    let per = row.items > 1 ? String(format: "%.1f µs", row.seconds / Double(row.items) * 1e6) : ""
    let share = row.parallel || row.stage.hasPrefix("build:") ? "" : String(format: "%.0f %%", row.seconds / serialTotal * 100)
    print("| \(row.stage) | \(row.parallel ? "all" : "one") | \(String(format: "%.0f ms", row.seconds * 1000)) | \(per) | \(share) |")
}
print("")
print("Network pictures: \(network.pictures) drawn; the whole network \(network.whole.map(String.init).joined(separator: " / ")) bytes "
      + "(network page wide / narrow / home), organisations' and countries' ego networks \(network.egos / 1024) KiB, "
      + "articles per year \(network.activity / 1024) KiB in all")
print("")
print("Template render by page template (one thread):")
print("")
print("| template | pages | time | per page | bytes per page |")
print("|---|---:|---:|---:|---:|")
for (name, entry) in byTemplate.sorted(by: { $0.value.seconds > $1.value.seconds }) {
    print("| \(name) | \(entry.count) | \(String(format: "%.0f ms", entry.seconds * 1000)) | \(String(format: "%.0f µs", entry.seconds / Double(entry.count) * 1e6)) | \(entry.bytes / max(1, entry.count)) |")
}
