import ContentLoading
import Diagnostics
import Support
import Foundation
import Output
import Pages
import SiteModel
import Templates

/// The build record: the one thing builds keep between them, in the build state's cache
/// (`.taawun/cache/`), beside the manifest, which records the outputs (each file's key and
/// content hash). It records every input and what it became:
///
/// - the build's settings, the fingerprint of its other inputs (settings, registries, templates,
///   pictures), its warnings, and the identity of the manifest it left (so nobody changed the
///   output since) and of the bodies file;
/// - every article file as listed, with its stamp and fingerprint;
/// - each file's front matter as read, and where its rendered body is in `bodies`
///   (`FileRecord`), read back only for the files that changed, or all of them when a full build
///   reuses them (`restoreCache`);
/// - the registries as parsed, the related-articles table and the names' Arabic order;
/// - the site's articles in the site's order, each body as a place in the bodies file, read
///   back only as pages show them; the organisations and countries, the site's indexes and the
///   plan's keys of the articles (`ArticleKeys`).
///
/// Three builds read it: one in which no article changed reads only the stamps, and stops when
/// the manifest's fingerprint of every input matches; one after an edit restores the last build
/// (`SiteBuild.update`), as the preview keeps it in memory, instead of reading back every article,
/// building the site model and planning 13,000 pages to replace three; any other reuses each
/// unchanged file's front matter and body (`restoreCache`), so neither cmark nor YAML runs again.
///
/// An update does not write all that again: it writes what it changed — the edited files' stamps,
/// records, articles and keys, the new manifest's identity — into a small patch beside it
/// (`last.patch`), which the next build reads over the record. After `mostPatchedFiles`
/// edited files the whole is written again.
///
/// Every stored type has one codec, derived by the compiler (`BinaryCoding`), but the few
/// tables of numbers the reader checks as it goes. It is only a cache: anything missing,
/// damaged, foreign or out of date and the build runs in full, with the same output.
package enum BuildRecord {
    static let magic: UInt64 = 0x3352_4e55_5741_4154 // "TAAWUNR3"
    static let patchMagic: UInt64 = 0x3250_4e55_5741_4154 // "TAAWUNP2"
    static let version = 7
    /// Edited files a patch holds before the record is written whole again.
    static let mostPatchedFiles = 64

    static func path(state: URL) -> String { CacheFiles(state: state).record.path }

    static func patchPath(state: URL) -> String { CacheFiles(state: state).patch.path }

    /// What the record keeps of one article file: its front matter as read (without the
    /// Markdown) and, when it was rendered, its body's place in the bodies file.
    struct FileRecord: Codable {
        var source: ArticleSource
        var body: StoredBody?
    }

    /// A rendered body in the bodies file, with what the site model takes from it.
    struct StoredBody: Codable {
        var allowUnsafeHTML: Bool
        var firstParagraph: String
        var hash: UInt64
        var offset: Int
        var length: Int
    }

    /// The registries as last parsed without a finding, by their text's fingerprint.
    struct StoredRegistries: Codable {
        struct Registry<Record: Codable>: Codable {
            var fingerprint: UInt64
            var records: [Record]
        }
        var organizations: Registry<OrganizationRecord>?
        var countries: Registry<CountryRecord>?

        init(_ registries: ArticleCache.Registries) {
            organizations = registries.organizations.map { Registry(fingerprint: $0.fingerprint, records: $0.records) }
            countries = registries.countries.map { Registry(fingerprint: $0.fingerprint, records: $0.records) }
        }

        var registries: ArticleCache.Registries {
            var registries = ArticleCache.Registries()
            registries.organizations = organizations.map { ($0.fingerprint, $0.records) }
            registries.countries = countries.map { ($0.fingerprint, $0.records) }
            return registries
        }
    }

    /// What is recorded: what `LastBuild` holds but the pages, the templates and the manifest,
    /// which the build state and templates/ hold already; and the bodies and registries as the
    /// build cache holds them.
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
        /// The rendered bodies by article path (`ModelCache.allBodies`): those of the files whose
        /// records are written, at their fingerprints, are recorded.
        package var bodies: [String: ModelCache.Body]
        package var registries: ArticleCache.Registries

        package init(includeDrafts: Bool, otherInputs: UInt64, warnings: [Diagnostic], articleFiles: [ArticleFile],
                     articleHashes: [UInt64], sources: [Int: ArticleSource], previous: Restored?, site: Site,
                     related: RelatedArticles, keys: ArticleKeys?, manifestStamp: [Int],
                     bodies: [String: ModelCache.Body], registries: ArticleCache.Registries) {
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
            self.bodies = bodies
            self.registries = registries
        }

        /// The record of the file at `index`, when its front matter is here (not only in `previous`).
        func fileRecord(_ index: Int, bodies places: inout Bodies) -> FileRecord? {
            guard let source = sources[index] else { return nil }
            guard let body = bodies[source.path], body.fingerprint == source.fingerprint,
                  let place = places.place(path: source.path, body: body.html) else { return FileRecord(source: source) }
            return FileRecord(source: source, body: StoredBody(
                allowUnsafeHTML: body.allowUnsafeHTML, firstParagraph: body.firstParagraph, hash: body.html.hash,
                offset: place.offset, length: place.length))
        }
    }

    /// A record read back: the last build, and the mapped file with where each article file's
    /// record is in it, or in the patch (`save` copies those of the files that did not change).
    package struct Restored: @unchecked Sendable {
        package var last: LastBuild
        let file: Data
        /// The record's own number, which its patch names.
        let generation: UInt64
        let fileRecords: [Range<Int>]
        /// What the patch holds, by the index of the file.
        let patched: [Int: PatchedFile]

        /// The record of the file at `index` (`FileRecord`) as written.
        func withFileRecord<T>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> T) -> T {
            if let patched = patched[index] { return patched.file.withUnsafeBytes(body) }
            return file.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[fileRecords[index]])) }
        }
    }

    /// An edited file as a patch records it: its record and its article, as bytes.
    struct PatchedFile {
        var file: [UInt8]
        var article: Int
        var record: [UInt8]
    }

    // MARK: - Writing

    /// Writes `kept` into the build state's cache, whole. Bodies already in the bodies file
    /// (`archive`, when it is the file on disk) are referred to; others are appended to it, or,
    /// when most of it is stale and no earlier record's places are copied, it is written anew.
    /// Fails silently, removing the record: the next build then runs in full.
    package static func save(_ kept: Contents, state: URL, binary: UInt64, archive: BodyArchive?) {
        let files = CacheFiles(state: state)
        let target = files.record.path
        unlink(files.patch.path)
        unlink(target)
        try? FileManager.default.createDirectory(at: files.folder, withIntermediateDirectories: true)
        let site = kept.site
        guard kept.articleHashes.count == kept.articleFiles.count,
              kept.manifestStamp.count == 4, kept.articleFiles.allSatisfy({ $0.stamp != nil }),
              let warnings = try? JSONEncoder().encode(kept.warnings) else { return }

        let temporary = target + ".tmp"
        guard var file = ChunkedFile(path: temporary, appending: false) else { return }
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

        // A bodies file mostly of bodies no article has any more is written anew, when no
        // record is copied from the previous one (which would point into the old file).
        let live = kept.bodies.values.reduce(0) { $0 + ($1.html.archived?.length ?? 0) }
        let stale = archive.map { $0.count > 2 * live + (1 << 20) } ?? false
        var bodies = Bodies(files: files, archive: archive, rewrite: stale && kept.previous == nil)

        // Each file's record, and then where each record is.
        let recordsSizeAt = file.size
        file.buffer.write(0) // the records' size in bytes, filled in below
        let recordsStart = file.size
        var records: [Range<Int>] = []
        records.reserveCapacity(kept.articleFiles.count)
        for i in kept.articleFiles.indices {
            let start = file.size - recordsStart
            if let record = kept.fileRecord(i, bodies: &bodies) {
                try! BinaryCoding.encode(record, into: &file.buffer) // strings and numbers: nothing can fail
            } else if let previous = kept.previous, i < previous.fileRecords.count {
                previous.withFileRecord(i) { file.buffer.write(raw: $0) }
            } else {
                return fail()
            }
            records.append(start..<(file.size - recordsStart))
            file.flushIfFull()
        }
        let recordsSize = file.size - recordsStart
        for record in records {
            file.buffer.write(record.lowerBound)
            file.buffer.write(record.count)
        }

        // What a full build reuses besides the files: registries, related articles, names' order.
        try! BinaryCoding.encode(StoredRegistries(kept.registries), into: &file.buffer)
        file.buffer.write(kept.related.key)
        file.buffer.write(kept.related.lists.count)
        for list in kept.related.lists {
            write(list, into: &file.buffer)
            file.flushIfFull()
        }
        let collation = [site.organizationsAlphabetically.map(\.name), site.countriesAlphabetically.map(\.name)]
        file.buffer.write(collation.count)
        for list in collation { file.buffer.write(list) }

        // The site: its organisations, countries, the articles' keys and the indexes.
        file.buffer.write(site.articles.count)
        let organizations = site.organizations.values.sorted { $0.id < $1.id }
        file.buffer.write(organizations.count)
        for organization in organizations { try! BinaryCoding.encode(organization, into: &file.buffer) }
        let countries = site.countries.values.sorted { $0.code < $1.code }
        file.buffer.write(countries.count)
        for country in countries { try! BinaryCoding.encode(country, into: &file.buffer) }
        let keys = kept.keys.flatMap { $0.cards.count == site.articles.count ? $0 : nil }
        file.buffer.write(keys != nil)
        if let keys {
            for card in keys.cards { file.buffer.write(card) }
        }
        write(site.indexes, into: &file.buffer)

        var places: [(offset: Int, length: Int)] = []
        places.reserveCapacity(site.articles.count)
        for i in site.articles.indices {
            guard let place = bodies.place(path: site.articles[i].path, body: site.articles[i].body) else { return fail() }
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
              file.patch(UInt64(recordsSize), at: recordsSizeAt), file.patch(UInt64(articlesSize), at: articlesSizeAt),
              file.patch(checksum.value, at: articlesSizeAt + 8), file.close() else { unlink(temporary); return }
        rename(temporary, target)
    }

    /// After an update of the record `kept.previous`: writes the files edited since it was
    /// written whole (`edited`, this update's, and those its patch holds) into the patch. false
    /// when there are too many of them, or the patch could not be written: then `save` writes
    /// the whole.
    package static func savePatch(_ kept: Contents, edited: [(file: Int, article: Int)], state: URL, archive: BodyArchive?) -> Bool {
        let files = CacheFiles(state: state)
        guard let previous = kept.previous, kept.manifestStamp.count == 4,
              kept.articleFiles.count == previous.fileRecords.count, kept.articleHashes.count == kept.articleFiles.count,
              let keys = kept.keys, keys.cards.count == kept.site.articles.count
        else { return false }
        var patched = previous.patched
        var bodies = Bodies(files: files, archive: archive)
        for (fileIndex, articleIndex) in edited {
            guard let record = kept.fileRecord(fileIndex, bodies: &bodies),
                  let place = bodies.place(path: kept.site.articles[articleIndex].path, body: kept.site.articles[articleIndex].body)
            else { return false }
            var fileBytes = ByteWriter()
            try! BinaryCoding.encode(record, into: &fileBytes)
            var articleBytes = ByteWriter()
            write(kept.site.articles[articleIndex], place: place, into: &articleBytes)
            patched[fileIndex] = PatchedFile(file: fileBytes.bytes, article: articleIndex, record: articleBytes.bytes)
        }
        guard patched.count <= mostPatchedFiles, patched.allSatisfy({ kept.articleFiles[$0.key].stamp != nil }),
              let (device, inode, bodiesSize) = bodies.finish() else { return false }

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
            out.write(entry.file.count)
            out.write(raw: entry.file)
            out.write(entry.article)
            out.write(entry.record.count)
            out.write(raw: entry.record)
            out.write(keys.cards[entry.article])
        }
        // Written and renamed as the rest of the cache, without an fsync (FileManager's would
        // take longer than the update): a cache lost in a crash only means a full build.
        let temporary = files.patch.path + ".tmp"
        guard var file = ChunkedFile(path: temporary, appending: false) else { return false }
        file.buffer.write(raw: out.bytes)
        guard file.close(), rename(temporary, files.patch.path) == 0 else { unlink(temporary); return false }
        return true
    }

    /// Where bodies are in the bodies file, appending those that are not there yet — or, when
    /// `rewrite`, writing every body into a new file that replaces it when finished.
    struct Bodies {
        let files: CacheFiles
        let archiveOnDisk: BodyArchive?
        let rewrite: Bool
        /// Where each article's body went, by article path, with the body's hash.
        private var placed: [String: (offset: Int, length: Int, hash: UInt64)] = [:]
        private var output: ChunkedFile?

        init(files: CacheFiles, archive: BodyArchive?, rewrite: Bool = false) {
            self.files = files
            self.rewrite = rewrite
            archiveOnDisk = rewrite ? nil : archive.flatMap { files.holds($0) ? $0 : nil }
        }

        private var outputPath: String { rewrite ? files.bodies.path + ".tmp" : files.bodies.path }

        mutating func place(path: String, body: ArticleBody) -> (offset: Int, length: Int)? {
            if let place = placed[path], place.hash == body.hash { return (place.offset, place.length) }
            if let stored = body.archived, let archiveOnDisk, stored.archive === archiveOnDisk {
                placed[path] = (stored.offset, stored.length, body.hash)
                return (stored.offset, stored.length)
            }
            if output == nil {
                output = ChunkedFile(path: outputPath, appending: !rewrite)
                guard output != nil else { return nil }
            }
            var html = body.html
            let place = (output!.size, html.utf8.count)
            html.withUTF8 { output!.buffer.write(raw: $0) }
            output!.flushIfFull()
            placed[path] = (place.0, place.1, body.hash)
            return place
        }

        /// The bodies file's device, inode and size once everything is written.
        mutating func finish() -> (UInt64, UInt64, Int)? {
            if rewrite, output == nil { output = ChunkedFile(path: outputPath, appending: false) } // no body at all
            if var file = output {
                guard file.close() else { return nil }
                output = nil
            }
            if rewrite, rename(outputPath, files.bodies.path) != 0 { return nil }
            var info = stat()
            guard stat(files.bodies.path, &info) == 0 else { return nil }
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

    /// What a patch says over the record it names.
    private struct Patch {
        var manifestStamp: [Int]
        var bodies: (device: UInt64, inode: UInt64, size: Int)
        var files: [Int: (stamp: ArticleCache.Stamp, hash: UInt64, file: [UInt8], article: Int, record: [UInt8],
                          card: UInt64)]

        /// The patch at `path` when it names `generation`; .some(nil) when there is none.
        static func read(_ path: String, generation: UInt64, fileCount: Int) -> Patch?? {
            guard let data = FileManager.default.contents(atPath: path) else { return .some(nil) }
            return data.withUnsafeBytes { raw -> Patch?? in
                var reader = ByteReader(raw)
                guard reader.uint64() == patchMagic, reader.int() == version, reader.uint64() == generation,
                      let stamp = readManifestStamp(&reader),
                      let device = reader.uint64(), let inode = reader.uint64(), let size = reader.int(),
                      let count = reader.count() else { return nil }
                var patch = Patch(manifestStamp: stamp, bodies: (device, inode, size), files: [:])
                for _ in 0..<count {
                    guard let index = reader.int(), (0..<fileCount).contains(index), patch.files[index] == nil,
                          let (fileStamp, hash) = readStamp(&reader),
                          let fileLength = reader.count(), let file = reader.bytes(fileLength),
                          let article = reader.int(), let recordLength = reader.count(), let record = reader.bytes(recordLength),
                          let card = reader.uint64() else { return nil }
                    patch.files[index] = (fileStamp, hash, Array(file), article, Array(record), card)
                }
                return reader.isAtEnd ? .some(patch) : nil
            }
        }
    }

    /// The record's header, as both readers read it, with its patch applied.
    private struct Header {
        var generation: UInt64
        var includeDrafts: Bool
        var otherInputs: UInt64
        var manifestStamp: [Int]
        var bodies: (device: UInt64, inode: UInt64, size: Int)
        var warnings: UnsafeRawBufferPointer
        var fileCount: Int
        var patch: Patch?

        /// nil when the record is not this binary's, or is damaged.
        init?(_ reader: inout ByteReader, binary: UInt64, state: URL) {
            guard reader.uint64() == magic, reader.int() == version, reader.uint64() == binary, let generation = reader.uint64(),
                  let includeDrafts = reader.bool(), let otherInputs = reader.uint64(),
                  let manifestStamp = readManifestStamp(&reader),
                  let device = reader.uint64(), let inode = reader.uint64(), let bodiesSize = reader.int(),
                  let warningsLength = reader.count(), let warnings = reader.bytes(warningsLength),
                  let fileCount = reader.count(),
                  case .some(let patch) = Patch.read(patchPath(state: state), generation: generation, fileCount: fileCount)
            else { return nil }
            (self.generation, self.includeDrafts, self.otherInputs) = (generation, includeDrafts, otherInputs)
            (self.warnings, self.fileCount, self.patch) = (warnings, fileCount, patch)
            self.manifestStamp = patch?.manifestStamp ?? manifestStamp
            self.bodies = patch?.bodies ?? (device, inode, bodiesSize)
        }

        /// The bodies file it names, when it is still that file.
        func archive(state: URL) -> BodyArchive? {
            guard let archive = BodyArchive(path: CacheFiles(state: state).bodies.path), archive.identity.device == bodies.device,
                  archive.identity.inode == bodies.inode, archive.count >= bodies.size else { return nil }
            return archive
        }

        /// The record of the file at `index`: the patch's, or the one at `records[index]`.
        func fileRecord(_ index: Int, in raw: UnsafeRawBufferPointer, records: [Range<Int>]) -> FileRecord? {
            func decode(_ bytes: UnsafeRawBufferPointer) -> FileRecord? {
                var reader = ByteReader(bytes)
                guard let record = try? BinaryCoding.decode(FileRecord.self, from: &reader), reader.isAtEnd else { return nil }
                return record
            }
            if let patched = patch?.files[index] { return patched.file.withUnsafeBytes(decode) }
            return decode(UnsafeRawBufferPointer(rebasing: raw[records[index]]))
        }
    }

    private static func readManifestStamp(_ reader: inout ByteReader) -> [Int]? {
        var stamp: [Int] = []
        for _ in 0..<4 {
            guard let value = reader.int() else { return nil }
            stamp.append(value)
        }
        return stamp
    }

    /// Where each file's record is: the records' size, the records, then each one's place.
    private static func readRecordPlaces(_ reader: inout ByteReader, fileCount: Int) -> [Range<Int>]? {
        guard let size = reader.count() else { return nil }
        let start = reader.offset
        guard reader.bytes(size) != nil else { return nil }
        var records: [Range<Int>] = []
        records.reserveCapacity(fileCount)
        for _ in 0..<fileCount {
            guard let offset = reader.int(), let length = reader.int(), offset >= 0, length >= 0,
                  offset <= size - length else { return nil }
            records.append((start + offset)..<(start + offset + length))
        }
        return records
    }

    /// What a full build reuses besides the files: the registries, the related-articles table
    /// (its lists' numbers checked against their count) and the names' Arabic order.
    private static func readShared(_ reader: inout ByteReader) -> (StoredRegistries, RelatedArticles, [[String]])? {
        guard let registries = try? BinaryCoding.decode(StoredRegistries.self, from: &reader),
              let relatedKey = reader.uint64(), let listCount = reader.count() else { return nil }
        var lists: [[Int]] = []
        lists.reserveCapacity(listCount)
        for _ in 0..<listCount {
            guard let list = readNumbers(&reader, below: listCount) else { return nil }
            lists.append(list)
        }
        guard let collationCount = reader.count() else { return nil }
        var sortedLists: [[String]] = []
        for _ in 0..<collationCount {
            guard let list = reader.strings() else { return nil }
            sortedLists.append(list)
        }
        return (registries, RelatedArticles(key: relatedKey, lists: lists), sortedLists)
    }

    /// For a build that is not an update: each file's front matter and rendered body as the
    /// record has them, into `cache`, so only new and changed files are read, parsed and
    /// rendered; and the registries, related articles and names' order. Only bodies rendered
    /// with the site's current `unsafe_html` are restored, and a file's front matter only
    /// with its body (the record has no Markdown to render it from).
    package static func restoreCache(into cache: BuildCache, state: URL, binary: UInt64, allowUnsafeHTML: Bool) {
        guard let data = try? Data(contentsOf: CacheFiles(state: state).record, options: .alwaysMapped) else { return }
        data.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            guard let header = Header(&reader, binary: binary, state: state), let archive = header.archive(state: state)
            else { return }
            var files: [(path: String, stamp: ArticleCache.Stamp)] = []
            files.reserveCapacity(header.fileCount)
            for i in 0..<header.fileCount {
                guard let name = reader.string(), var (stamp, _) = readStamp(&reader) else { return }
                if let patched = header.patch?.files[i] { stamp = patched.stamp }
                files.append((name, stamp))
            }
            guard let records = readRecordPlaces(&reader, fileCount: header.fileCount),
                  let (registries, related, collation) = readShared(&reader) else { return }
            var sources: [(path: String, stamp: ArticleCache.Stamp, source: ArticleSource)] = []
            var bodies: [String: ModelCache.Body] = [:]
            for (i, file) in files.enumerated() {
                guard let record = header.fileRecord(i, in: raw, records: records), record.source.path == file.path else { return }
                guard let body = record.body, body.allowUnsafeHTML == allowUnsafeHTML,
                      archive.contains(offset: body.offset, length: body.length), body.offset + body.length <= header.bodies.size
                else { continue }
                sources.append((file.path, file.stamp, record.source))
                bodies[file.path] = ModelCache.Body(
                    fingerprint: record.source.fingerprint, allowUnsafeHTML: body.allowUnsafeHTML,
                    firstParagraph: body.firstParagraph,
                    html: ArticleBody(archive: archive, offset: body.offset, length: body.length, hash: body.hash))
            }
            cache.related = related
            cache.model.collation.restore(collation)
            cache.articles.registries = registries.registries
            cache.archive = archive
            for (path, stamp, source) in sources { cache.articles.restore(source, for: path, stamp: stamp) }
            cache.model.restore(bodies)
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
        return data.withUnsafeBytes { raw -> Found in
            restore(raw, data, into: cache, binary: binary, layout: layout,
                    options: options, articleFiles: articleFiles, others: others, manifest: manifest, templates: templates)
        }
    }

    private static func restore(_ raw: UnsafeRawBufferPointer, _ data: Data, into cache: BuildCache,
                                binary: UInt64, layout: SiteLayout, options: BuildOptions,
                                articleFiles: [ArticleFile], others: UInt64, manifest: () -> BuildManifest.Listing?,
                                templates: () -> TemplateSet?) -> Found {
        var reader = ByteReader(raw)
        guard let header = Header(&reader, binary: binary, state: options.state), header.includeDrafts == options.includeDrafts,
              header.otherInputs == others, header.fileCount == articleFiles.count else { return .nothing }
        let fileCount = header.fileCount, patch = header.patch

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

        guard let archive = header.archive(state: options.state),
              let warnings = try? JSONDecoder().decode([Diagnostic].self, from: Data(header.warnings)),
              let records = readRecordPlaces(&reader, fileCount: fileCount) else { return .nothing }
        var sources: [Int: ArticleSource] = [:]
        for i in changed {
            guard let record = header.fileRecord(i, in: raw, records: records), record.source.path == files[i].display
            else { return .nothing }
            sources[i] = record.source
        }
        guard let (_, related, sortedLists) = readShared(&reader) else { return .nothing }

        guard let articleCount = reader.count(), related.lists.count == articleCount,
              let organizationCount = reader.count() else { return .nothing }
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
        let bodiesSize = header.bodies.size
        let articleRecords = ArticleRecords(count: articleCount) { [data] i in
            data.withUnsafeBytes { raw in
                var record = ByteReader(UnsafeRawBufferPointer(rebasing: raw[..<(articlesStart + ends[i])]),
                                        offset: articlesStart + starts[i])
                guard let article = readArticle(&record, archive: archive, bodiesSize: bodiesSize), record.isAtEnd else {
                    preconditionFailure("a recorded article that passed its checksum does not read back")
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
            patchedFiles[i] = PatchedFile(file: patched.file, article: patched.article, record: patched.record)
        }

        let collation = CollationMemo()
        collation.restore(sortedLists)

        let writer = options.writer
        guard writer.manifestStamp() == header.manifestStamp, let manifest = manifest(),
              let templates = templates() else { return .nothing }
        let site = Site(config: ContentLoader.config(layout), articles: articles, organizations: organizations,
                        countries: countries, indexes: indexes, collation: collation)
        // The planner checks the table's key against the site's: a table that does not fit is made anew.
        let plan = PagePlanner(site: site, related: related, pictures: cache.pictures).updatablePlan(
            keys: keys, searchShards: SearchFiles.publishedShards(in: options.output, manifest: manifest))

        for (i, source) in sources { cache.articles.restore(source, for: files[i].display, stamp: files[i].stamp!) }
        cache.archive = archive
        let last = LastBuild(
            output: options.output.path, includeDrafts: options.includeDrafts, otherInputs: others, articleFiles: files,
            articleHashes: hashes, plan: plan, templates: templates, warnings: warnings, manifest: manifest,
            manifestStamp: header.manifestStamp)
        return .updatable(Restored(last: last, file: data, generation: header.generation, fileRecords: records, patched: patchedFiles))
    }
}
