import Foundation
import Output
import ArabicText
import SearchIndex
import SiteModel
import Support
import Templates

/// The search page and the index files its script reads (`SearchIndex`): planned like every
/// other page, each file's text its whole value, so `Page.key` covers it.
extension Plan {
    func searchPage() -> Planned {
        let frame = Frame(path: .search, title: "البحث", description: "ابحث في أخبار \(site.config.title)", section: nil)
        return html(.search, frame) {
            [
                "search_index_href": .text(SitePath.searchFile("index.json").href),
                "search_script_href": .text("assets/search.js"),
            ]
        }
    }

    /// Every file of the index: the manifest, the facets, each shard and each chunk of cards.
    func searchFiles() -> [PlannedPage] {
        let search = shared.search
        let shardCount = SearchIndex.shardCount(articles: site.articles.count)
        let chunkCount = (site.articles.count + SearchIndex.chunkSize - 1) / SearchIndex.chunkSize
        return [searchManifest(), searchFacets()]
            + (0..<shardCount).map { shard in PlannedPage(path: SitePath.searchFile("shards/\(shard).json").output, template: nil) {
                .text(search.shard(shard)) } }
            + (0..<chunkCount).map { chunk in searchChunk(chunk) }
    }

    /// After an edit in place: the shards and chunks it changed (`SearchIndex.updating`).
    func searchFiles(shards: Set<Int>, chunks: Set<Int>) -> [PlannedPage] {
        let search = shared.search
        return shards.sorted().map { shard in PlannedPage(path: SitePath.searchFile("shards/\(shard).json").output, template: nil) {
            .text(search.shard(shard)) } }
            + chunks.sorted().map(searchChunk)
    }

    func searchChunk(_ chunk: Int) -> PlannedPage {
        let search = shared.search
        return PlannedPage(path: SitePath.searchFile("docs/\(chunk).json").output, template: nil) { .text(search.chunk(chunk)) }
    }

    func searchManifest() -> PlannedPage {
        let plan = self
        return PlannedPage(path: SitePath.searchFile("index.json").output, template: nil) {
            .text(plan.shared.search.value.manifest(organizations: plan.searchOrganizations.map(\.entity),
                                                   countries: plan.searchCountries.map(\.entity)))
        }
    }

    func searchFacets() -> PlannedPage {
        let plan = self
        return PlannedPage(path: SitePath.searchFile("facets.json").output, template: nil) {
            .text(plan.shared.search.value.facets(organizations: plan.searchOrganizations.map { ($0.entity.id, $0.articles) },
                                                 countries: plan.searchCountries.map { ($0.entity.id, $0.articles) }))
        }
    }

    /// Organisations with articles, alphabetically, as the facets list them.
    var searchOrganizations: [(entity: SearchIndex.Entity, articles: [Int])] {
        shared.organizations.compactMap { organization in
            site.articlesByOrganization[organization.id].map {
                (SearchIndex.Entity(id: organization.id, name: organization.name, href: SitePath.organization(organization.id).href,
                                    spellings: [organization.name] + organization.aliases), $0)
            }
        }
    }

    var searchCountries: [(entity: SearchIndex.Entity, articles: [Int])] {
        shared.countriesWithArticles.map { country in
            (SearchIndex.Entity(id: country.code, name: country.name, href: SitePath.country(country).href,
                                spellings: SearchIndex.countryNames(country.code, name: country.name)),
             site.articlesByCountry[country.code] ?? [])
        }
    }
}

extension SitePath {
    static let search = SitePath(["search"])
    static func searchFile(_ name: String) -> SitePath {
        let parts = name.split(separator: "/").map(String.init)
        return SitePath(["search"] + parts.dropLast(), file: parts.last!)
    }

    /// The search page filtered to one facet: `search/index.html?country=QA`.
    static func search(filter: String, value: String) -> String {
        search.href + "?" + filter + "=" + Slug.percentEncoded(value)
    }
}

/// A site's search index, made the first time a page needs it (the index files are planned
/// with the rest; a plan kept only to be updated makes it when an edit needs it), and the shards
/// and chunks the edit that made it changed. A plan restored from the build state is given the
/// shards the last build wrote (`searchShards`): an edit then patches those it touches
/// (`SearchPatch`) instead of indexing every article.
final class SearchHolder: @unchecked Sendable {
    private let lock = NSLock()
    private var index: SearchIndex?
    private let make: @Sendable () -> SearchIndex
    private let site: Site
    private let format: ArabicFormat
    /// The last build's shards, when the plan was restored from the build state.
    let previousShards: (@Sendable (Int) -> String?)?
    /// Shards and chunks an edit's patch wrote as text.
    private var shardTexts: [Int: String] = [:]
    private var chunkTexts: [Int: String] = [:]
    let changedShards: Set<Int>
    let changedChunks: Set<Int>
    /// Whether this index was patched from the last build's shards (`SearchPatch`) rather than made whole.
    private(set) var patched = false

    init(site: Site, format: ArabicFormat, previousShards: (@Sendable (Int) -> String?)? = nil) {
        self.site = site
        self.format = format
        make = { SearchIndex(site: site, href: SearchHolder.href, dateText: { format.day($0) }) }
        self.previousShards = previousShards
        changedShards = []
        changedChunks = []
    }

    private init(site: Site, format: ArabicFormat, index: SearchIndex?, patch: SearchPatch?, shards: Set<Int>, chunks: Set<Int>) {
        self.site = site
        self.format = format
        self.index = index
        make = { SearchIndex(site: site, href: SearchHolder.href, dateText: { format.day($0) }) }
        previousShards = nil
        shardTexts = patch?.shards ?? [:]
        chunkTexts = patch?.chunks ?? [:]
        changedShards = shards
        changedChunks = chunks
    }

    static let href: @Sendable (Article) -> String = { SitePath.article($0.slug).href }

    /// Started by `startMaking`.
    private var making: Pending<SearchIndex, Never>?

    var value: SearchIndex {
        lock.lock()
        defer { lock.unlock() }
        if let index { return index }
        let made = making?.value() ?? make()
        index = made
        making = nil
        return made
    }

    /// Starts making the index on a thread of its own. A full build renders the index's files
    /// last; made there, its one-core part (taking each article's keys in order) would run with
    /// nothing beside it. Started when the pages are planned, it runs beside the planning and
    /// the rendering of the other pages instead.
    func startMaking() {
        lock.lock()
        defer { lock.unlock() }
        guard index == nil, making == nil else { return }
        making = Pending(startingNow: true, make)
    }

    /// A shard's text: the patch's when an edit patched it, else written from the index.
    func shard(_ n: Int) -> String {
        lock.lock()
        if let text = shardTexts[n] { lock.unlock(); return text }
        lock.unlock()
        return value.shard(n)
    }

    func chunk(_ n: Int) -> String {
        lock.lock()
        if let text = chunkTexts[n] { lock.unlock(); return text }
        lock.unlock()
        return value.chunk(n)
    }

    private var hasIndex: Bool {
        lock.lock()
        defer { lock.unlock() }
        return index != nil
    }

    /// The index of `site`, this one's with the articles at `edited` replaced in place.
    func updating(site: Site, edited: [Int], format: ArabicFormat) -> SearchHolder {
        if !hasIndex, let previousShards,
           let patch = SearchPatch.make(old: self.site, new: site, edited: edited, shardText: previousShards, href: Self.href,
                                        dateText: { format.day($0) }) {
            let holder = SearchHolder(site: site, format: format, index: nil, patch: patch,
                                      shards: Set(patch.shards.keys), chunks: Set(patch.chunks.keys))
            holder.patched = true
            return holder
        }
        let (index, shards, chunks) = value.updating(old: self.site, site: site, edited: edited, href: Self.href,
                                                     dateText: { format.day($0) })
        return SearchHolder(site: site, format: format, index: index, patch: nil, shards: shards, chunks: chunks)
    }
}

/// Where a new process's edit finds the last build's shards: in the published output itself,
/// each file read back only when its bytes are those the manifest recorded (a shard changed or
/// removed by hand reads as missing, and the edit indexes every article again). Nothing is
/// copied into the build state.
public enum SearchFiles {
    public static func publishedShards(in output: URL, manifest: BuildManifest.Listing) -> @Sendable (Int) -> String? {
        { shard in
            let path = SitePath.searchFile("shards/\(shard).json").output
            guard let entry = manifest.entry(for: path),
                  let data = try? Data(contentsOf: output.appendingPathComponent(path)),
                  ContentHash.of(data) == entry.output else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
