import ContentLoading
import Diagnostics
import Support
import Foundation
import Output
import Pages
import SiteModel
import Templates

/// What the last `taawun build` made, kept in the build state's cache (`.taawun/cache/last`)
/// so that the next process can update it after an edit (`SiteBuild.update`) as the preview
/// updates what it keeps in memory, instead of reading back every article, building the site
/// model and planning 13,000 pages to replace three:
///
/// - the build's settings, the fingerprint of its other inputs, its warnings, and the identity
///   of the manifest it left (so nobody changed the folder since) and of the bodies file;
/// - every article file as listed, with its stamp and fingerprint;
/// - each file's front matter as read, read back only for the files that changed;
/// - the site's articles in the site's order, each body as a place in the bodies file, read
///   back only as pages show them; the organisations and countries, the site's indexes, the
///   related-articles table, the names' Arabic order and the plan's keys of the articles
///   (`ArticleKeys`).
///
/// An update does not write all that again: it writes what it changed — the edited files' stamps,
/// front matter, articles and keys, the new manifest's identity — into a small patch beside it
/// (`last.patch`), which the next build reads over the kept build. After `mostPatchedFiles`
/// edited files the whole is written again.
///
/// The stamps come first: a build in which no article changed reads only them. Like the rest of
/// the cache it is only a cache: anything missing, damaged, foreign or out of date and the build
/// runs in full, with the same output.
package enum KeptBuild {
    static let magic: UInt64 = 0x324B_4e55_5741_4154 // "TAAWUNK2"
    static let patchMagic: UInt64 = 0x3150_4e55_5741_4154 // "TAAWUNP1"
    static let version = 6
    /// Edited files a patch holds before the kept build is written whole again.
    static let mostPatchedFiles = 64

    static func path(state: URL) -> String {
        StoredCache.Location(state: state).folder.appendingPathComponent("last").path
    }

    static func patchPath(state: URL) -> String { path(state: state) + ".patch" }

    /// What is kept: what `LastBuild` holds but the pages, the templates and the manifest, which
    /// the build state and templates/ hold already.
    package struct Contents {
        package var includeDrafts: Bool
        package var otherInputs: UInt64
        package var warnings: [Diagnostic]
        /// Every article file as listed, stamped, with its fingerprint.
        package var articleFiles: [ArticleFile]
        package var articleHashes: [UInt64]
        /// Each file's front matter as read, by the file's index; a file not here is unchanged
        /// since `previous`, whose record is copied from there. (Sparse: an update reads one file
        /// of 10,000, and an array of them all was 3 MB of fresh memory to fault in.)
        package var sources: [Int: ArticleSource]
        package var previous: Restored?
        package var site: Site
        package var related: RelatedArticles
        /// The plan's keys of the site's articles, when the build has them.
        package var keys: ArticleKeys?
        package var manifestStamp: [Int]

        package init(includeDrafts: Bool, otherInputs: UInt64, warnings: [Diagnostic], articleFiles: [ArticleFile],
                     articleHashes: [UInt64], sources: [Int: ArticleSource], previous: Restored?, site: Site,
                     related: RelatedArticles, keys: ArticleKeys?, manifestStamp: [Int]) {
            self.includeDrafts = includeDrafts
            self.otherInputs = otherInputs
            self.warnings = warnings
            self.articleFiles = articleFiles
            self.articleHashes = articleHashes
            self.sources = sources
            self.previous = previous
            self.site = site
            self.related = related
            self.keys = keys
            self.manifestStamp = manifestStamp
        }
    }

    /// A kept build read back: the last build, and the mapped file with where each article
    /// file's front matter is in it, or in the patch (`save` copies those of the files that did
    /// not change).
    package struct Restored: @unchecked Sendable {
        package var last: LastBuild
        let file: Data
        /// The kept build's own number, which its patch names.
        let generation: UInt64
        let sourceRecords: [Range<Int>]
        /// What the patch holds, by the index of the file.
        let patched: [Int: PatchedFile]

        /// The front matter of the file at `index` as recorded.
        func withSourceRecord<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
            if let patched = patched[index] { return patched.source.withUnsafeBytes(body) }
            return file.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[sourceRecords[index]])) }
        }
    }

    /// An edited file as a patch records it: its front matter and its article, as bytes.
    struct PatchedFile {
        var source: [UInt8]
        var article: Int
        var record: [UInt8]
    }

    // MARK: - Writing

    /// Writes `kept` into the build state's cache, whole. Bodies already in the cache's bodies
    /// file (`archive`, when it is the file on disk, or at `bodyPlaces`, where `StoredCache.save`
    /// wrote them, asked for only when the articles come: last) are referred to; others are
    /// appended to it. Fails silently, removing the file: the next build then runs in full.
    package static func save(_ kept: Contents, state: URL, binary: UInt64, archive: BodyArchive?,
                     bodyPlaces: () -> [String: StoredCache.Place] = { [:] }) {
        let target = path(state: state)
        unlink(patchPath(state: state))
        unlink(target)
        // StoredCache.save makes the folder too, at the same time on another core.
        try? FileManager.default.createDirectory(at: StoredCache.Location(state: state).folder, withIntermediateDirectories: true)
        let site = kept.site
        guard kept.articleHashes.count == kept.articleFiles.count,
              kept.manifestStamp.count == 4, kept.articleFiles.allSatisfy({ $0.stamp != nil }),
              let warnings = try? JSONEncoder().encode(kept.warnings) else { return }

        let temporary = target + ".tmp"
        guard var file = StoredCache.ChunkedFile(path: temporary, appending: false) else { return }
        func fail() { _ = file.close(); unlink(temporary) }
        file.buffer.write(magic)
        file.buffer.write(version)
        file.buffer.write(binary)
        file.buffer.write(UInt64.random(in: .min ... .max)) // the generation, which a patch names
        file.buffer.write(kept.includeDrafts)
        file.buffer.write(kept.otherInputs)
        for value in kept.manifestStamp { file.buffer.write(value) }
        let bodiesAt = file.size
        file.buffer.write(0) // the bodies file's device, inode and size, filled in below
        file.buffer.write(0)
        file.buffer.write(0)
        file.buffer.write(warnings.count)
        file.buffer.write(raw: warnings)

        file.buffer.write(kept.articleFiles.count)
        for (article, hash) in zip(kept.articleFiles, kept.articleHashes) {
            file.buffer.write(article.display)
            write(article.stamp!, hash: hash, into: &file.buffer)
            file.flushIfFull()
        }

        // The front matter, one record per file, and then where each record is.
        let sourcesSizeAt = file.size
        file.buffer.write(0) // the records' size in bytes, filled in below
        let sourcesStart = file.size
        var records: [Range<Int>] = []
        records.reserveCapacity(kept.articleFiles.count)
        for i in kept.articleFiles.indices {
            let start = file.size - sourcesStart
            if let source = kept.sources[i] {
                source.encode(into: &file.buffer)
            } else if let previous = kept.previous, i < previous.sourceRecords.count {
                previous.withSourceRecord(i) { file.buffer.write(raw: $0) }
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
        let organizations = site.organizations.values.sorted { $0.id < $1.id }
        file.buffer.write(organizations.count)
        for organization in organizations { try! BinaryCoding.encode(organization, into: &file.buffer) }
        let countries = site.countries.values.sorted { $0.code < $1.code }
        file.buffer.write(countries.count)
        for country in countries { try! BinaryCoding.encode(country, into: &file.buffer) }
        file.buffer.write(kept.related.key)
        file.buffer.write(kept.related.lists.count)
        for list in kept.related.lists {
            write(list, into: &file.buffer)
            file.flushIfFull()
        }
        let collation = [site.organizationsAlphabetically.map(\.name), site.countriesAlphabetically.map(\.name)]
        file.buffer.write(collation.count)
        for list in collation { file.buffer.write(list) }
        let keys = kept.keys.flatMap { $0.cards.count == site.articles.count ? $0 : nil }
        file.buffer.write(keys != nil)
        if let keys {
            for card in keys.cards { file.buffer.write(card) }
        }
        write(site.indexes, into: &file.buffer)

        // Where each body is in the bodies file, once `bodyPlaces` (the build cache, saved on
        // another core meanwhile) says where it put them.
        var bodies = Bodies(state: state, archive: archive, bodyPlaces: bodyPlaces())
        var places: [(offset: Int, length: Int)] = []
        places.reserveCapacity(site.articles.count)
        for i in site.articles.indices {
            guard let place = bodies.place(of: site.articles[i]) else { return fail() }
            places.append(place)
        }
        guard let (device, inode, bodiesSize) = bodies.finish(),
              places.allSatisfy({ $0.offset + $0.length <= bodiesSize }) else { return fail() }

        // The articles, each record then where each one starts, and a checksum of the records:
        // they are read one by one as pages need them, after the checksum said they are whole.
        let articlesSizeAt = file.size
        file.buffer.write(0) // the records' size and checksum, filled in below
        file.buffer.write(0)
        let articlesStart = file.size
        var starts: [Int] = []
        var checksum = WordHasher()
        starts.reserveCapacity(site.articles.count)
        for i in site.articles.indices { // by index: an Article is large to copy
            starts.append(file.size - articlesStart)
            let start = file.buffer.bytes.count
            write(site.articles[i], place: places[i], into: &file.buffer)
            file.buffer.bytes.withUnsafeBytes { checksum.add(bytes: UnsafeRawBufferPointer(rebasing: $0[start...])) }
            file.flushIfFull()
        }
        let articlesSize = file.size - articlesStart
        write(starts, into: &file.buffer)

        guard file.patch(device, at: bodiesAt), file.patch(inode, at: bodiesAt + 8), file.patch(UInt64(bodiesSize), at: bodiesAt + 16),
              file.patch(UInt64(sourcesSize), at: sourcesSizeAt), file.patch(UInt64(articlesSize), at: articlesSizeAt),
              file.patch(checksum.value, at: articlesSizeAt + 8), file.close() else { unlink(temporary); return }
        rename(temporary, target)
    }

    /// After an update of the kept build `kept.previous`: writes the files edited since it was
    /// written whole (`edited`, this update's, and those its patch holds) into the patch. false
    /// when there are too many of them, or the patch could not be written: then `save` writes
    /// the whole.
    package static func savePatch(_ kept: Contents, edited: [(file: Int, article: Int)], state: URL, archive: BodyArchive?) -> Bool {
        let target = patchPath(state: state)
        guard let previous = kept.previous, kept.manifestStamp.count == 4,
              kept.articleFiles.count == previous.sourceRecords.count, kept.articleHashes.count == kept.articleFiles.count,
              let keys = kept.keys, keys.cards.count == kept.site.articles.count
        else { return false }
        var patched = previous.patched
        for (fileIndex, articleIndex) in edited {
            guard let source = kept.sources[fileIndex] else { return false }
            var record = ByteWriter()
            source.encode(into: &record)
            patched[fileIndex] = PatchedFile(source: record.bytes, article: articleIndex, record: [])
        }
        guard patched.count <= mostPatchedFiles, patched.allSatisfy({ kept.articleFiles[$0.key].stamp != nil }) else { return false }
        var bodies = Bodies(state: state, archive: archive)
        for (fileIndex, articleIndex) in edited {
            guard let place = bodies.place(of: kept.site.articles[articleIndex]) else { return false }
            var record = ByteWriter()
            write(kept.site.articles[articleIndex], place: place, into: &record)
            patched[fileIndex]!.record = record.bytes
        }
        guard let (device, inode, bodiesSize) = bodies.finish() else { return false }

        var out = ByteWriter()
        out.write(patchMagic)
        out.write(version)
        out.write(previous.generation)
        for value in kept.manifestStamp { out.write(value) }
        out.write(device)
        out.write(inode)
        out.write(bodiesSize)
        out.write(patched.count)
        for fileIndex in patched.keys.sorted() {
            let entry = patched[fileIndex]!
            out.write(fileIndex)
            write(kept.articleFiles[fileIndex].stamp!, hash: kept.articleHashes[fileIndex], into: &out)
            out.write(entry.source.count)
            out.write(raw: entry.source)
            out.write(entry.article)
            out.write(entry.record.count)
            out.write(raw: entry.record)
            out.write(keys.cards[entry.article])
        }
        // Written and renamed as the rest of the cache, without an fsync (FileManager's would
        // take longer than the update): a cache lost in a crash only means a full build.
        let temporary = target + ".tmp"
        guard var file = StoredCache.ChunkedFile(path: temporary, appending: false) else { return false }
        file.buffer.write(raw: out.bytes)
        guard file.close(), rename(temporary, target) == 0 else { unlink(temporary); return false }
        return true
    }

    /// Where articles' bodies are in the cache's bodies file, appending those that are not there.
    private struct Bodies {
        let location: StoredCache.Location
        let archiveOnDisk: BodyArchive?
        let bodyPlaces: [String: StoredCache.Place]
        var appended: StoredCache.ChunkedFile?

        init(state: URL, archive: BodyArchive?, bodyPlaces: [String: StoredCache.Place] = [:]) {
            let location = StoredCache.Location(state: state)
            self.location = location
            archiveOnDisk = archive.flatMap { StoredCache.isOnDisk($0, location) ? $0 : nil }
            self.bodyPlaces = bodyPlaces
        }

        mutating func place(of article: Article) -> (offset: Int, length: Int)? {
            let body = article.body
            if let place = bodyPlaces[article.path], place.hash == body.hash { return (place.offset, place.length) }
            if let stored = body.archived, let archiveOnDisk, stored.archive === archiveOnDisk {
                return (stored.offset, stored.length)
            }
            if appended == nil {
                appended = StoredCache.ChunkedFile(path: location.bodies.path, appending: true)
                guard appended != nil else { return nil }
            }
            var html = body.html
            let place = (appended!.size, html.utf8.count)
            html.withUTF8 { appended!.buffer.write(raw: $0) }
            appended!.flushIfFull()
            return place
        }

        /// The bodies file's device, inode and size once everything is written.
        mutating func finish() -> (UInt64, UInt64, Int)? {
            if var file = appended, !file.close() { return nil }
            var info = stat()
            guard stat(location.bodies.path, &info) == 0 else { return nil }
            return (UInt64(info.st_dev), UInt64(info.st_ino), Int(info.st_size))
        }
    }

    private static func write(_ stamp: ArticleCache.Stamp, hash: UInt64, into out: inout ByteWriter) {
        out.write(Int(stamp.size))
        out.write(stamp.seconds)
        out.write(stamp.nanoseconds)
        out.write(stamp.inode)
        out.write(hash)
    }

    private static func readStamp(_ reader: inout ByteReader) -> (ArticleCache.Stamp, hash: UInt64)? {
        guard let size = reader.int(), let seconds = reader.int(), let nanoseconds = reader.int(),
              let inode = reader.uint64(), let hash = reader.uint64() else { return nil }
        return (ArticleCache.Stamp(size: Int64(size), seconds: seconds, nanoseconds: nanoseconds, inode: inode), hash)
    }

    /// An article with its body's place: what `readArticle` reads back. The article's fields go
    /// through its Codable conformance, so none can be left out; its body is a place in the
    /// bodies file.
    private static func write(_ article: Article, place: (offset: Int, length: Int), into out: inout ByteWriter) {
        try! BinaryCoding.encode(article, into: &out) // the byte format has no failure of its own
        out.write(place.offset)
        out.write(place.length)
        out.write(article.body.hash)
    }

    private static func readArticle(_ reader: inout ByteReader, archive: BodyArchive, bodiesSize: Int) -> Article? {
        guard var article = try? BinaryCoding.decode(Article.self, from: &reader),
              let offset = reader.int(), let length = reader.int(), let hash = reader.uint64(),
              offset >= 0, length >= 0, offset <= bodiesSize - length else { return nil }
        article.body = ArticleBody(archive: archive, offset: offset, length: length, hash: hash)
        return article
    }

    private static func write(_ numbers: [Int], into out: inout ByteWriter) {
        out.write(numbers.count)
        for number in numbers { out.write(number) }
    }

    /// Numbers each in 0..<limit.
    private static func readNumbers(_ reader: inout ByteReader, below limit: Int = .max) -> [Int]? {
        guard let n = reader.count() else { return nil }
        var numbers: [Int] = []
        numbers.reserveCapacity(n)
        for _ in 0..<n {
            guard let number = reader.int(), number >= 0, number < limit else { return nil }
            numbers.append(number)
        }
        return numbers
    }

    private static func write(_ table: [String: [Int]], into out: inout ByteWriter) {
        out.write(table.count)
        for key in table.keys.sorted() {
            out.write(key)
            write(table[key]!, into: &out)
        }
    }

    private static func readTable(_ reader: inout ByteReader, below limit: Int) -> [String: [Int]]? {
        guard let n = reader.count() else { return nil }
        var table: [String: [Int]] = [:]
        for _ in 0..<n {
            guard let key = reader.string(), let numbers = readNumbers(&reader, below: limit) else { return nil }
            table[key] = numbers
        }
        return table
    }

    private static func write(_ numbers: [String: Int], into out: inout ByteWriter) {
        out.write(numbers.count)
        for key in numbers.keys.sorted() {
            out.write(key)
            out.write(numbers[key]!)
        }
    }

    private static func readNumbering(_ reader: inout ByteReader) -> [String: Int]? {
        guard let n = reader.count() else { return nil }
        var numbers: [String: Int] = [:]
        for _ in 0..<n {
            guard let key = reader.string(), let number = reader.int() else { return nil }
            numbers[key] = number
        }
        return numbers
    }

    private static func write(_ indexes: Site.Indexes, into out: inout ByteWriter) {
        write(indexes.articlesByOrganization, into: &out)
        write(indexes.articlesByCountry, into: &out)
        out.write(indexes.slugs)
        write(indexes.organizationNumber, into: &out)
        write(indexes.countryNumber, into: &out)
        for rows in [indexes.organizationsOfArticle, indexes.countriesOfArticle] {
            write(rows.starts, into: &out)
            write(rows.values, into: &out)
        }
        out.write(indexes.mostRepeatsOfACountry)
        out.write(indexes.relationsKey)
    }

    private static func readIndexes(_ reader: inout ByteReader, articleCount: Int) -> Site.Indexes? {
        guard let byOrganization = readTable(&reader, below: articleCount),
              let byCountry = readTable(&reader, below: articleCount),
              let slugs = reader.strings(), slugs.count == articleCount,
              let organizationNumber = readNumbering(&reader), let countryNumber = readNumbering(&reader) else { return nil }
        // Each name's number is below the count of names, and so is every number in the rows.
        var rows: [NumberRows] = []
        for numbering in [organizationNumber, countryNumber] {
            guard numbering.values.allSatisfy({ (0..<numbering.count).contains($0) }),
                  let starts = readNumbers(&reader), let values = readNumbers(&reader, below: numbering.count),
                  starts.count == articleCount + 1, let read = NumberRows(starts: starts, values: values) else { return nil }
            rows.append(read)
        }
        guard let mostRepeats = reader.int(), let relationsKey = reader.uint64() else { return nil }
        return Site.Indexes(
            articlesByOrganization: byOrganization, articlesByCountry: byCountry, slugs: slugs,
            organizationNumber: organizationNumber, countryNumber: countryNumber,
            organizationsOfArticle: rows[0], countriesOfArticle: rows[1], mostRepeatsOfACountry: mostRepeats,
            relationsKey: relationsKey)
    }

    // MARK: - Reading

    /// What the build state's cache keeps of the last build, for this one.
    package enum Found {
        /// A build that this one can update: written by this binary with the same options and
        /// other inputs, the same files listed, and some of them (but not most: a checkout)
        /// changed since.
        case updatable(Restored)
        /// No file changed since that build: each one's fingerprint as it recorded it.
        case unchanged(articleHashes: [UInt64])
        case nothing
    }

    /// What a patch says over the kept build it names.
    private struct Patch {
        var manifestStamp: [Int]
        var bodies: (device: UInt64, inode: UInt64, size: Int)
        var files: [Int: (stamp: ArticleCache.Stamp, hash: UInt64, source: [UInt8], article: Int, record: [UInt8],
                          card: UInt64)]

        /// The patch at `path` when it names `generation`; .some(nil) when there is none.
        static func read(_ path: String, generation: UInt64, fileCount: Int) -> Patch?? {
            guard let data = FileManager.default.contents(atPath: path) else { return .some(nil) }
            return data.withUnsafeBytes { raw -> Patch?? in
                var reader = ByteReader(raw)
                guard reader.uint64() == patchMagic, reader.int() == version, reader.uint64() == generation else { return nil }
                var stamp: [Int] = []
                for _ in 0..<4 {
                    guard let value = reader.int() else { return nil }
                    stamp.append(value)
                }
                guard let device = reader.uint64(), let inode = reader.uint64(), let size = reader.int(),
                      let count = reader.count() else { return nil }
                var patch = Patch(manifestStamp: stamp, bodies: (device, inode, size), files: [:])
                for _ in 0..<count {
                    guard let index = reader.int(), (0..<fileCount).contains(index), patch.files[index] == nil,
                          let (fileStamp, hash) = readStamp(&reader),
                          let sourceLength = reader.count(), let source = reader.bytes(sourceLength),
                          let article = reader.int(), let recordLength = reader.count(), let record = reader.bytes(recordLength),
                          let card = reader.uint64() else { return nil }
                    patch.files[index] = (fileStamp, hash, Array(source), article, Array(record), card)
                }
                return reader.isAtEnd ? .some(patch) : nil
            }
        }
    }

    /// The last build (see `Found`). For an updatable one, the changed files' front matter as it
    /// was is put into `cache` (`SiteBuild.update` compares them), and the bodies file it refers
    /// to becomes `cache.archive`. Only the files' stamps are read when none changed.
    package static func restore(into cache: BuildCache, binary: UInt64, layout: SiteLayout, options: BuildOptions,
                        articleFiles: [ArticleFile], others: UInt64, manifest: () -> BuildManifest.Listing?,
                        templates: () -> TemplateSet?) -> Found {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: path(state: options.state)), options: .alwaysMapped) else {
            return .nothing
        }
        let location = StoredCache.Location(state: options.state)
        return data.withUnsafeBytes { raw -> Found in
            restore(raw, data, into: cache, location: location, binary: binary, layout: layout,
                    options: options, articleFiles: articleFiles, others: others, manifest: manifest, templates: templates)
        }
    }

    private static func restore(_ raw: UnsafeRawBufferPointer, _ data: Data, into cache: BuildCache, location: StoredCache.Location,
                                binary: UInt64, layout: SiteLayout, options: BuildOptions,
                                articleFiles: [ArticleFile], others: UInt64, manifest: () -> BuildManifest.Listing?,
                                templates: () -> TemplateSet?) -> Found {
        var reader = ByteReader(raw)
        guard reader.uint64() == magic, reader.int() == version, reader.uint64() == binary, let generation = reader.uint64(),
              reader.bool() == options.includeDrafts, reader.uint64() == others else { return .nothing }
        var manifestStamp: [Int] = []
        for _ in 0..<4 {
            guard let value = reader.int() else { return .nothing }
            manifestStamp.append(value)
        }
        guard var device = reader.uint64(), var inode = reader.uint64(), var bodiesSize = reader.int(),
              let warningsLength = reader.count(), let warningsJSON = reader.bytes(warningsLength),
              let fileCount = reader.count(), fileCount == articleFiles.count,
              case .some(let patch) = Patch.read(patchPath(state: options.state), generation: generation, fileCount: fileCount)
        else { return .nothing }
        if let patch {
            manifestStamp = patch.manifestStamp
            (device, inode, bodiesSize) = patch.bodies
        }

        // The files, as listed then; which of them changed since.
        var files: [ArticleFile] = []
        var hashes: [UInt64] = []
        var changed: [Int] = []
        files.reserveCapacity(fileCount)
        hashes.reserveCapacity(fileCount)
        for i in 0..<fileCount {
            // The name compared as bytes: no String is made of it.
            var display = articleFiles[i].display
            guard let length = reader.count(), let name = reader.bytes(length),
                  display.withUTF8({ $0.elementsEqual(name) }), var (stamp, hash) = readStamp(&reader) else { return .nothing }
            if let patched = patch?.files[i] { (stamp, hash) = (patched.stamp, patched.hash) }
            if articleFiles[i].stamp != stamp { changed.append(i) }
            files.append(ArticleFile(path: articleFiles[i].path, display: display, stamp: stamp))
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
            func decode(_ bytes: UnsafeRawBufferPointer) -> ArticleSource? {
                var record = ByteReader(bytes)
                guard let source = ArticleSource.decode(from: &record), record.isAtEnd, source.path == files[i].display
                else { return nil }
                return source
            }
            let source = patch?.files[i].map { patched in patched.source.withUnsafeBytes(decode) }
                ?? decode(UnsafeRawBufferPointer(rebasing: raw[records[i]]))
            guard let source else { return .nothing }
            sources[i] = source
        }

        guard let articleCount = reader.count() else { return .nothing }
        guard let organizationCount = reader.count() else { return .nothing }
        var organizations: [String: Organization] = [:]
        for _ in 0..<organizationCount {
            guard let organization = try? BinaryCoding.decode(Organization.self, from: &reader) else { return .nothing }
            organizations[organization.id] = organization
        }
        guard let countryCount = reader.count() else { return .nothing }
        var countries: [String: Country] = [:]
        for _ in 0..<countryCount {
            guard let country = try? BinaryCoding.decode(Country.self, from: &reader) else { return .nothing }
            countries[country.code] = country
        }
        guard let relatedKey = reader.uint64(), let listCount = reader.count(), listCount == articleCount else { return .nothing }
        var lists: [[Int]] = []
        lists.reserveCapacity(listCount)
        for _ in 0..<listCount {
            guard let list = readNumbers(&reader, below: listCount) else { return .nothing }
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
            var cards: [UInt64] = []
            cards.reserveCapacity(articleCount)
            for _ in 0..<articleCount {
                guard let card = reader.uint64() else { return .nothing }
                cards.append(card)
            }
            for patched in patch.map({ Array($0.files.values) }) ?? [] {
                guard (0..<articleCount).contains(patched.article) else { return .nothing }
                cards[patched.article] = patched.card
            }
            keys = ArticleKeys(cards: cards)
        }
        guard let indexes = readIndexes(&reader, articleCount: articleCount) else { return .nothing }

        // The articles stay where they are, checked whole, until a page reads them.
        guard let articlesSize = reader.count(), let checksum = reader.uint64() else { return .nothing }
        let articlesStart = reader.offset
        guard let articleBytes = reader.bytes(articlesSize),
              let starts = readNumbers(&reader, below: articlesSize), starts.count == articleCount,
              zip(starts, starts.dropFirst()).allSatisfy({ $0 < $1 }), starts.first ?? 0 == 0, reader.isAtEnd else {
            return .nothing
        }
        let ends = Array(starts.dropFirst()) + [articlesSize]
        var hasher = WordHasher()
        for (start, end) in zip(starts, ends) { hasher.add(bytes: UnsafeRawBufferPointer(rebasing: articleBytes[start..<end])) }
        guard hasher.value == checksum else { return .nothing }
        let articleRecords = ArticleRecords(count: articleCount) { [data, bodiesSize] i in
            data.withUnsafeBytes { raw in
                var record = ByteReader(UnsafeRawBufferPointer(rebasing: raw[..<(articlesStart + ends[i])]),
                                        offset: articlesStart + starts[i])
                guard let article = readArticle(&record, archive: archive, bodiesSize: bodiesSize), record.isAtEnd else {
                    preconditionFailure("a kept article record that passed its checksum does not read back")
                }
                return article
            }
        }
        var articles = ArticleList(articleRecords)
        var patchedFiles: [Int: PatchedFile] = [:]
        for (i, patched) in patch?.files ?? [:] {
            let article = patched.record.withUnsafeBytes { bytes -> Article? in
                var record = ByteReader(bytes)
                guard let article = readArticle(&record, archive: archive, bodiesSize: bodiesSize), record.isAtEnd else { return nil }
                return article
            }
            guard let article, (0..<articleCount).contains(patched.article) else { return .nothing }
            articles[patched.article] = article
            patchedFiles[i] = PatchedFile(source: patched.source, article: patched.article, record: patched.record)
        }

        let collation = CollationMemo()
        collation.restore(sortedLists)

        let writer = options.writer
        guard writer.manifestStamp() == manifestStamp, let manifest = manifest(),
              let templates = templates() else { return .nothing }
        let site = Site(config: ContentLoader.config(layout), articles: articles, organizations: organizations,
                        countries: countries, indexes: indexes, collation: collation)
        // The planner checks the table's key against the site's: a table that does not fit is made anew.
        let plan = PagePlanner(site: site, related: RelatedArticles(key: relatedKey, lists: lists)).updatablePlan(keys: keys)

        for (i, source) in sources { cache.articles.restore(source, for: files[i].display, stamp: files[i].stamp!) }
        cache.archive = archive
        let last = LastBuild(
            output: options.output.path, includeDrafts: options.includeDrafts, otherInputs: others, articleFiles: files,
            articleHashes: hashes, plan: plan, templates: templates, warnings: warnings, manifest: manifest,
            manifestStamp: manifestStamp)
        return .updatable(Restored(last: last, file: data, generation: generation, sourceRecords: records, patched: patchedFiles))
    }
}
