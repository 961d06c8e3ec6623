import ContentLoading
import Diagnostics
import Foundation
import Output
import Pages
import SiteModel
import Templates

/// What the last `taawun build` made, kept in the output folder's cache (`.taawun-cache/last`)
/// so that the next process can update it after an edit (`SiteBuild.update`) as the preview
/// updates what it keeps in memory, instead of reading back every article, building the site
/// model and planning 13,000 pages to replace three:
///
/// - the build's settings, the fingerprint of its other inputs, its warnings, and the identity
///   of the manifest it left (so nobody changed the folder since) and of the bodies file;
/// - every article file as listed, with its stamp and fingerprint;
/// - each file's front matter as read, read back only for the files that changed;
/// - the site's articles in the site's order, each body as a place in the bodies file, the
///   organisations and countries, the related-articles table, the names' Arabic order and the
///   plan's keys of the articles (`ArticleKeys`).
///
/// The stamps come first: a build in which no article changed reads only them. Like the rest of
/// the cache it is only a cache: anything missing, damaged, foreign or out of date and the build
/// runs in full, with the same output.
enum KeptBuild {
    static let magic: UInt64 = 0x314B_4e55_5741_4154 // "TAAWUNK1"
    static let version = 1

    static func path(output: URL) -> String {
        StoredCache.Location(output: output).folder.appendingPathComponent("last").path
    }

    /// What is kept: what `LastBuild` holds but the pages, the templates and the manifest, which
    /// the output folder and templates/ hold already.
    struct Contents {
        var includeDrafts: Bool
        var otherInputs: UInt64
        var warnings: [Diagnostic]
        /// Every article file as listed, stamped, with its fingerprint.
        var articleFiles: [ArticleFile]
        var articleHashes: [UInt64]
        /// Each file's front matter as read; nil for one unchanged since `previous`, whose
        /// record is copied from there.
        var sources: [ArticleSource?]
        var previous: Restored?
        var site: Site
        var related: RelatedArticles
        /// The plan's keys of the site's articles, when the build has them.
        var keys: ArticleKeys?
        var manifestStamp: [Int]
    }

    /// A kept build read back: the last build, and the mapped file with where each article
    /// file's front matter is in it (`save` copies those of the files that did not change).
    struct Restored: @unchecked Sendable {
        var last: LastBuild
        let file: Data
        let sourceRecords: [Range<Int>]
    }

    // MARK: - Writing

    /// Writes `kept` into the output folder's cache. Bodies already in the cache's bodies file
    /// (`archive`, when it is the file on disk, or at `bodyPlaces`, where `StoredCache.save`
    /// just wrote them) are referred to; others are appended to it. Fails silently, removing the
    /// file: the next build then runs in full.
    static func save(_ kept: Contents, output: URL, binary: UInt64, archive: BodyArchive?,
                     bodyPlaces: [String: StoredCache.Place] = [:]) {
        let target = path(output: output)
        unlink(target)
        let location = StoredCache.Location(output: output)
        let site = kept.site
        guard kept.sources.count == kept.articleFiles.count, kept.articleHashes.count == kept.articleFiles.count,
              kept.manifestStamp.count == 4, kept.articleFiles.allSatisfy({ $0.stamp != nil }) else { return }

        // Where each body is in the bodies file, appending those that are not there.
        var bodyFile: StoredCache.ChunkedFile?
        var places: [(offset: Int, length: Int)] = []
        places.reserveCapacity(site.articles.count)
        let archiveOnDisk = archive.flatMap { StoredCache.isOnDisk($0, location) ? $0 : nil }
        for i in site.articles.indices {
            let (path, body) = (site.articles[i].path, site.articles[i].body)
            if let place = bodyPlaces[path], place.hash == body.hash {
                places.append((place.offset, place.length))
            } else if let stored = body.archived, let archiveOnDisk, stored.archive === archiveOnDisk {
                places.append((stored.offset, stored.length))
            } else {
                if bodyFile == nil {
                    bodyFile = StoredCache.ChunkedFile(path: location.bodies.path, appending: true)
                    guard bodyFile != nil else { return }
                }
                var html = body.html
                places.append((bodyFile!.size, html.utf8.count))
                html.withUTF8 { bodyFile!.buffer.write(raw: $0) }
                bodyFile!.flushIfFull()
            }
        }
        if var file = bodyFile, !file.close() { return }
        var info = stat()
        guard stat(location.bodies.path, &info) == 0 else { return }
        let bodiesSize = Int(info.st_size)
        guard places.allSatisfy({ $0.offset + $0.length <= bodiesSize }),
              let warnings = try? JSONEncoder().encode(kept.warnings) else { return }

        let temporary = target + ".tmp"
        guard var file = StoredCache.ChunkedFile(path: temporary, appending: false) else { return }
        func fail() { _ = file.close(); unlink(temporary) }
        file.buffer.write(magic)
        file.buffer.write(version)
        file.buffer.write(binary)
        file.buffer.write(kept.includeDrafts)
        file.buffer.write(kept.otherInputs)
        for value in kept.manifestStamp { file.buffer.write(value) }
        file.buffer.write(UInt64(info.st_dev))
        file.buffer.write(UInt64(info.st_ino))
        file.buffer.write(bodiesSize)
        file.buffer.write(warnings.count)
        file.buffer.write(raw: warnings)

        file.buffer.write(kept.articleFiles.count)
        for (article, hash) in zip(kept.articleFiles, kept.articleHashes) {
            let stamp = article.stamp!
            file.buffer.write(article.display)
            file.buffer.write(article.path)
            file.buffer.write(Int(stamp.size))
            file.buffer.write(stamp.seconds)
            file.buffer.write(stamp.nanoseconds)
            file.buffer.write(stamp.inode)
            file.buffer.write(hash)
            file.flushIfFull()
        }

        // The front matter, one record per file, and then where each record is.
        let sourcesSizeAt = file.size
        file.buffer.write(0) // the records' size in bytes, filled in below
        let sourcesStart = file.size
        var records: [Range<Int>] = []
        records.reserveCapacity(kept.sources.count)
        for (i, source) in kept.sources.enumerated() {
            let start = file.size - sourcesStart
            if let source {
                source.encode(into: &file.buffer)
            } else if let previous = kept.previous, i < previous.sourceRecords.count {
                previous.file.withUnsafeBytes { file.buffer.write(raw: $0[previous.sourceRecords[i]]) }
            } else {
                return fail()
            }
            records.append(start..<(file.size - sourcesStart))
            file.flushIfFull()
        }
        let sourcesSize = file.size - sourcesStart
        for record in records {
            file.buffer.write(record.lowerBound)
            file.buffer.write(record.count)
        }

        file.buffer.write(site.articles.count)
        for i in site.articles.indices { // by index: an Article is large to copy
            write(site.articles[i], place: places[i], into: &file.buffer)
            file.flushIfFull()
        }
        let organizations = site.organizations.values.sorted { $0.id < $1.id }
        file.buffer.write(organizations.count)
        for organization in organizations {
            file.buffer.write(organization.id)
            file.buffer.write(organization.name)
            file.buffer.write(organization.aliases)
            file.buffer.write(organization.country)
            file.buffer.write(organization.website)
            file.buffer.write(organization.description)
            file.buffer.write(organization.isRegistered)
        }
        let countries = site.countries.values.sorted { $0.code < $1.code }
        file.buffer.write(countries.count)
        for country in countries {
            file.buffer.write(country.code)
            file.buffer.write(country.name)
        }
        file.buffer.write(kept.related.key)
        file.buffer.write(kept.related.lists.count)
        for list in kept.related.lists {
            file.buffer.write(list.count)
            for i in list { file.buffer.write(i) }
            file.flushIfFull()
        }
        let collation = [site.organizationsAlphabetically.map(\.name), site.countriesAlphabetically.map(\.name)]
        file.buffer.write(collation.count)
        for list in collation { file.buffer.write(list) }
        let keys = kept.keys.flatMap { $0.cards.count == site.articles.count && $0.articles.count == site.articles.count ? $0 : nil }
        file.buffer.write(keys != nil)
        if let keys {
            for (card, article) in zip(keys.cards, keys.articles) {
                file.buffer.write(card)
                file.buffer.write(article)
            }
        }
        guard file.patch(UInt64(sourcesSize), at: sourcesSizeAt), file.close() else { unlink(temporary); return }
        rename(temporary, target)
    }

    /// An article with its body's place: what `readArticle` reads back.
    private static func write(_ article: Article, place: (offset: Int, length: Int), into out: inout ByteWriter) {
        out.write(article.slug)
        out.write(article.path)
        out.write(article.title)
        out.write(article.titleGenerated)
        out.write(Day.number(of: article.date))
        out.write(article.kicker)
        out.write(article.highlights)
        out.write(article.summary)
        out.write(article.source)
        out.write(article.sourceURL)
        out.write(article.dateline)
        out.write(article.organizationIDs)
        out.write(article.countryCodes)
        out.write(article.draft)
        out.write(place.offset)
        out.write(place.length)
        out.write(article.body.hash)
    }

    private static func readArticle(_ reader: inout ByteReader, archive: BodyArchive, bodiesSize: Int) -> Article? {
        guard let slug = reader.string(), let path = reader.string(), let title = reader.string(),
              let titleGenerated = reader.bool(), let dateNumber = reader.int(), let kicker = reader.optionalString(),
              let highlights = reader.strings(), let summary = reader.string(), let source = reader.optionalString(),
              let sourceURL = reader.optionalString(), let dateline = reader.optionalString(),
              let organizationIDs = reader.strings(), let countryCodes = reader.strings(), let draft = reader.bool(),
              let offset = reader.int(), let length = reader.int(), let hash = reader.uint64(),
              offset >= 0, length >= 0, offset <= bodiesSize - length else { return nil }
        guard case .some(let date) = Day.from(number: dateNumber) else { return nil }
        return Article(
            slug: slug, path: path, title: title, titleGenerated: titleGenerated, date: date, kicker: kicker,
            highlights: highlights, summary: summary, source: source, sourceURL: sourceURL, dateline: dateline,
            organizationIDs: organizationIDs, countryCodes: countryCodes, draft: draft,
            body: ArticleBody(archive: archive, offset: offset, length: length, hash: hash))
    }

    // MARK: - Reading

    /// What the output folder's cache keeps of the last build, for this one.
    enum Found {
        /// A build that this one can update: written by this binary with the same options and
        /// other inputs, the same files listed, and some of them (but not most: a checkout)
        /// changed since.
        case updatable(Restored)
        /// No file changed since that build: each one's fingerprint as it recorded it.
        case unchanged(articleHashes: [UInt64])
        case nothing
    }

    /// The last build (see `Found`). For an updatable one, the changed files' front matter as it
    /// was is put into `cache` (`SiteBuild.update` compares them), and the bodies file it refers
    /// to becomes `cache.archive`. Only the files' stamps are read when none changed.
    static func restore(into cache: BuildCache, output: URL, binary: UInt64, layout: SiteLayout, options: BuildOptions,
                        articleFiles: [ArticleFile], others: UInt64) -> Found {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path(output: output)), options: .alwaysMapped) else {
            return .nothing
        }
        let location = StoredCache.Location(output: output)
        return data.withUnsafeBytes { raw -> Found in
            restore(raw, data, into: cache, location: location, output: output, binary: binary, layout: layout,
                    options: options, articleFiles: articleFiles, others: others)
        }
    }

    private static func restore(_ raw: UnsafeRawBufferPointer, _ data: Data, into cache: BuildCache, location: StoredCache.Location,
                                output: URL, binary: UInt64, layout: SiteLayout, options: BuildOptions,
                                articleFiles: [ArticleFile], others: UInt64) -> Found {
        var reader = ByteReader(raw)
        guard reader.uint64() == magic, reader.int() == version, reader.uint64() == binary,
              reader.bool() == options.includeDrafts, reader.uint64() == others else { return .nothing }
        var manifestStamp: [Int] = []
        for _ in 0..<4 {
            guard let value = reader.int() else { return .nothing }
            manifestStamp.append(value)
        }
        guard let device = reader.uint64(), let inode = reader.uint64(), let bodiesSize = reader.int(),
              let warningsLength = reader.count(), let warningsJSON = reader.bytes(warningsLength),
              let fileCount = reader.count(), fileCount == articleFiles.count else { return .nothing }

        // The files, as listed then; which of them changed since.
        var files: [ArticleFile] = []
        var hashes: [UInt64] = []
        var changed: [Int] = []
        files.reserveCapacity(fileCount)
        hashes.reserveCapacity(fileCount)
        for i in 0..<fileCount {
            guard let display = reader.string(), display == articleFiles[i].display, let path = reader.string(),
                  let size = reader.int(), let seconds = reader.int(), let nanoseconds = reader.int(),
                  let inode = reader.uint64(), let hash = reader.uint64() else { return .nothing }
            let stamp = ArticleCache.Stamp(size: Int64(size), seconds: seconds, nanoseconds: nanoseconds, inode: inode)
            if articleFiles[i].stamp != stamp { changed.append(i) }
            files.append(ArticleFile(path: path, display: display, stamp: stamp))
            hashes.append(hash)
        }
        // Nothing to update, or so much that a full build is as quick.
        if changed.isEmpty { return .unchanged(articleHashes: hashes) }
        guard changed.count <= max(16, fileCount / 10) else { return .nothing }

        guard let archive = BodyArchive(path: location.bodies.path), archive.identity.device == device,
              archive.identity.inode == inode, archive.count >= bodiesSize,
              let warnings = try? JSONDecoder().decode([Diagnostic].self, from: Data(warningsJSON)),
              let sourcesSize = reader.count() else { return .nothing }
        let sourcesStart = reader.offset
        guard reader.bytes(sourcesSize) != nil else { return .nothing }
        var records: [Range<Int>] = []
        records.reserveCapacity(fileCount)
        for _ in 0..<fileCount {
            guard let start = reader.int(), let length = reader.int(), start >= 0, length >= 0,
                  start <= sourcesSize - length else { return .nothing }
            records.append((sourcesStart + start)..<(sourcesStart + start + length))
        }
        var sources: [Int: ArticleSource] = [:]
        for i in changed {
            var record = ByteReader(UnsafeRawBufferPointer(rebasing: raw[..<records[i].upperBound]), offset: records[i].lowerBound)
            guard let source = ArticleSource.decode(from: &record), record.isAtEnd, source.path == files[i].display
            else { return .nothing }
            sources[i] = source
        }

        guard let articleCount = reader.count() else { return .nothing }
        var articles: [Article] = []
        articles.reserveCapacity(articleCount)
        for _ in 0..<articleCount {
            guard let article = readArticle(&reader, archive: archive, bodiesSize: bodiesSize) else { return .nothing }
            articles.append(article)
        }
        guard let organizationCount = reader.count() else { return .nothing }
        var organizations: [String: Organization] = [:]
        for _ in 0..<organizationCount {
            guard let id = reader.string(), let name = reader.string(), let aliases = reader.strings(),
                  let country = reader.optionalString(), let website = reader.optionalString(),
                  let description = reader.optionalString(), let isRegistered = reader.bool() else { return .nothing }
            organizations[id] = Organization(id: id, name: name, aliases: aliases, country: country, website: website,
                                             description: description, isRegistered: isRegistered)
        }
        guard let countryCount = reader.count() else { return .nothing }
        var countries: [String: Country] = [:]
        for _ in 0..<countryCount {
            guard let code = reader.string(), let name = reader.string() else { return .nothing }
            countries[code] = Country(code: code, name: name)
        }
        guard let relatedKey = reader.uint64(), let listCount = reader.count(), listCount == articleCount else { return .nothing }
        var lists: [[Int]] = []
        lists.reserveCapacity(listCount)
        for _ in 0..<listCount {
            guard let n = reader.count() else { return .nothing }
            var list: [Int] = []
            for _ in 0..<n {
                guard let i = reader.int(), (0..<listCount).contains(i) else { return .nothing }
                list.append(i)
            }
            lists.append(list)
        }
        guard let collationCount = reader.count() else { return .nothing }
        var sortedLists: [[String]] = []
        for _ in 0..<collationCount {
            guard let list = reader.strings() else { return .nothing }
            sortedLists.append(list)
        }
        guard let hasKeys = reader.bool() else { return .nothing }
        var keys: ArticleKeys?
        if hasKeys {
            var cards: [UInt64] = [], articleKeys: [UInt64] = []
            cards.reserveCapacity(articleCount)
            articleKeys.reserveCapacity(articleCount)
            for _ in 0..<articleCount {
                guard let card = reader.uint64(), let article = reader.uint64() else { return .nothing }
                cards.append(card)
                articleKeys.append(article)
            }
            keys = ArticleKeys(cards: cards, articles: articleKeys)
        }
        guard reader.isAtEnd else { return .nothing }
        let collation = CollationMemo()
        collation.restore(sortedLists)

        let writer = SiteWriter(output: output, updatesInPlace: options.updatesInPlace)
        guard writer.manifestStamp() == manifestStamp, let manifest = BuildManifest.Listing.read(from: output),
              let templates = try? TemplateSet.load(from: layout.templates, displayPrefix: "templates/") else { return .nothing }
        let site = Site(config: ContentLoader.config(layout), articles: articles, organizations: organizations,
                        countries: countries, collation: collation)
        // The planner checks the table's key against the site's: a table that does not fit is made anew.
        let plan = PagePlanner(site: site, related: RelatedArticles(key: relatedKey, lists: lists)).updatablePlan(keys: keys)

        for (i, source) in sources { cache.articles.restore(source, for: files[i].display, stamp: files[i].stamp!) }
        cache.archive = archive
        let last = LastBuild(
            output: output.path, includeDrafts: options.includeDrafts, otherInputs: others, articleFiles: files,
            articleHashes: hashes, plan: plan, templates: templates, warnings: warnings, manifest: manifest,
            manifestStamp: manifestStamp)
        return .updatable(Restored(last: last, file: data, sourceRecords: records))
    }
}
