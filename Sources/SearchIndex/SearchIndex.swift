import ArabicText
import ContentLoading
import Dispatch
import Foundation
import Gazetteer
import SiteModel
import Support

/// The site's search index, as the client (templates/assets/search.js) downloads it:
///
/// - `search/index.json`: the rules the client folds queries with (read from `ArabicNormalizer`,
///   `Clitics` and `SearchText`, never written twice), the shard and chunk counts, the facets'
///   names and the names of organisations and countries in every spelling the site knows;
/// - `search/facets.json`: for each year, country and organisation, the articles it has;
/// - `search/shards/<n>.json`: every key whose first three letters hash to n, with the articles
///   that contain it and those whose title does — a query downloads only its words' shards;
/// - `search/docs/<n>.json`: sixteen articles' title, date, summary and opening text.
///
/// Articles are numbered by their place in the site (newest first), so sorting by date is
/// sorting by number. Every count of files depends only on the number of articles: an edit that
/// keeps every article in its place (`updating`) rewrites only the shards and the chunk it
/// changes, and the same site always gives the same bytes.
public struct SearchIndex: Sendable {
    public static let chunkSize = 16

    public let shardCount: Int
    public let articleCount: Int
    /// Each key's folded letters, by key number.
    private(set) var keyText: [[UInt32]] = []
    private var keyNumbers: [[UInt32]: Int32] = [:]
    /// Each shard's keys, by key number (in the order they were met).
    private(set) var keysOfShard: [[Int32]]
    /// By key number: the articles containing the key, and those whose title does; ascending.
    private(set) var postings: [[Int32]] = []
    private(set) var titlePostings: [[Int32]] = []
    /// By article: its result card (`DocumentCard`), nil for a draft.
    private(set) var cards: [DocumentCard?]
    /// Keys of each organisation's and country's names, added to the articles that name it.
    private var entityKeys: [String: [Int32]] = [:]
    /// Every word already met, by the hash of its letters: its number; its keys are
    /// `wordKeys[wordKeyStarts[number]..<wordKeyStarts[number + 1]]` (a word's keys never change).
    private var wordNumbers = WordNumbers()
    private var wordKeyStarts: [Int32] = [0]
    private var wordKeys: [Int32] = []
    /// Marks the keys already taken for the article being read (`keys(of:article:)`).
    private var keyMarks: [Int32] = []
    private var mark: Int32 = 0

    /// What the client shows of an article in a result.
    public struct DocumentCard: Sendable, Equatable {
        public var href: String
        public var title: String
        public var iso: String
        public var dateText: String
        public var summary: String
        /// The start of the body as plain text, where matched words are highlighted.
        public var text: String
    }

    /// Shards for `articles`: about twenty articles' words each, a power of two from 8 to 1,024.
    public static func shardCount(articles: Int) -> Int {
        var count = 8
        while count < 1024 && count * 20 < articles { count *= 2 }
        return count
    }

    /// An index of nothing yet, for working out keys (`SearchPatch`).
    init(shardCount: Int, articleCount: Int) {
        self.shardCount = shardCount
        self.articleCount = articleCount
        keysOfShard = Array(repeating: [], count: shardCount)
        cards = []
    }

    /// `href`: an article's path from the site root; `dateText`: its date as pages show it.
    public init(site: Site, href: @escaping @Sendable (Article) -> String, dateText: @escaping @Sendable (Day) -> String) {
        articleCount = site.articles.count
        shardCount = Self.shardCount(articles: articleCount)
        keysOfShard = Array(repeating: [], count: shardCount)
        cards = Array(repeating: nil, count: articleCount)
        addEntities(site)
        // Each article's keys, article after article; turned into the keys' lists at the end
        // (`Postings.lists`) rather than appended to 100,000 growing lists one at a time.
        var all = Postings.Builder(), title = Postings.Builder()
        // A batch at a time: an article's scanned words take about four times its text, so
        // holding every article's at once would double the build's peak memory.
        for batch in stride(from: 0, to: articleCount, by: Self.scanBatch) {
            let indices = Array(batch..<min(articleCount, batch + Self.scanBatch))
            let scanned = Self.scan(site, indices: indices, href: href, dateText: dateText)
            for (index, words) in zip(indices, scanned) {
                guard let words else { continue }
                let keys = self.keys(of: words, organizations: site.articles[index].organizationIDs, countries: site.articles[index].countryCodes)
                cards[index] = words.card
                all.add(keys.all, article: Int32(index))
                title.add(keys.title, article: Int32(index))
            }
        }
        postings = all.lists(keyCount: keyText.count)
        titlePostings = title.lists(keyCount: keyText.count)
    }

    /// Articles scanned on all cores before their keys are taken (one at a time, in order).
    static let scanBatch = 256

    /// This index for `site`, which is this index's site with the articles at `edited` replaced
    /// in place (`Site.replacingArticles`); and the shards and chunks whose files changed.
    /// `old`: this index's site, whose edited articles are read again for the keys they had.
    public func updating(old: Site, site: Site, edited: [Int], href: @escaping @Sendable (Article) -> String,
                         dateText: @escaping @Sendable (Day) -> String) -> (index: SearchIndex, shards: Set<Int>, chunks: Set<Int>) {
        var index = self
        var shards = Set<Int>(), chunks = Set<Int>()
        let scanned = Self.scan(site, indices: edited, href: href, dateText: dateText)
        let previous = Self.scan(old, indices: edited, href: href, dateText: dateText)
        for ((article, words), before) in zip(zip(edited, scanned), previous) {
            let old = before.map { index.keys(of: $0, article: old.articles[article]) }
            let new = words.map { index.keys(of: $0, article: site.articles[article]) }
            if new?.all != old?.all || new?.title != old?.title {
                let doc = Int32(article)
                let oldAll = Set(old?.all ?? []), newAll = Set(new?.all ?? [])
                let oldTitle = Set(old?.title ?? []), newTitle = Set(new?.title ?? [])
                for key in oldAll.subtracting(newAll) { index.postings[Int(key)].removeAll { $0 == doc } }
                for key in newAll.subtracting(oldAll) { Self.insert(doc, into: &index.postings[Int(key)]) }
                for key in oldTitle.subtracting(newTitle) { index.titlePostings[Int(key)].removeAll { $0 == doc } }
                for key in newTitle.subtracting(oldTitle) { Self.insert(doc, into: &index.titlePostings[Int(key)]) }
                for key in oldAll.symmetricDifference(newAll).union(oldTitle.symmetricDifference(newTitle)) {
                    shards.insert(SearchText.shard(of: index.keyText[Int(key)], count: shardCount))
                }
            }
            if words?.card != cards[article] {
                index.cards[article] = words?.card
                chunks.insert(article / Self.chunkSize)
            }
        }
        return (index, shards, chunks)
    }

    static func insert(_ doc: Int32, into list: inout [Int32]) {
        var low = 0, high = list.count
        while low < high {
            let mid = (low + high) / 2
            if list[mid] < doc { low = mid + 1 } else { high = mid }
        }
        if low == list.count || list[low] != doc { list.insert(doc, at: low) }
    }

    // MARK: - Reading articles

    /// One article's distinct words (folded scalars, by hash) and its card.
    struct ScannedArticle: Sendable {
        var hashes: [UInt64] = []
        var starts: [Int] = []
        var scalars: [UInt32] = []
        /// How many of the words (at the start) are the title's.
        var titleWords = 0
        var card: DocumentCard

        func word(_ i: Int) -> ArraySlice<UInt32> {
            scalars[starts[i]..<(i + 1 < starts.count ? starts[i + 1] : scalars.count)]
        }
    }

    /// The articles at `indices` read on all cores; nil for a draft.
    static func scan(_ site: Site, indices: [Int], href: @escaping @Sendable (Article) -> String,
                     dateText: @escaping @Sendable (Day) -> String) -> [ScannedArticle?] {
        let results = UnsafeResults<ScannedArticle?>(count: indices.count)
        let chunk = 32
        DispatchQueue.concurrentPerform(iterations: (indices.count + chunk - 1) / chunk) { c in
            var seen = WordSet()
            for i in (c * chunk)..<min(indices.count, (c + 1) * chunk) {
                let article = site.articles[indices[i]]
                guard !article.draft else { results[i] = .some(nil); continue }
                results[i] = scan(article, seen: &seen, href: href(article), dateText: article.date.map(dateText) ?? "")
            }
        }
        return results.values
    }

    static func scan(_ article: Article, seen: inout WordSet, href: String, dateText: String) -> ScannedArticle {
        let html = article.bodyHTML
        var scanned = ScannedArticle(card: DocumentCard(
            href: href, title: article.title, iso: article.date?.description ?? "", dateText: dateText,
            summary: article.summary, text: PlainText.opening(ofHTML: html, limit: 400)))
        seen.clear()
        scanned.hashes.reserveCapacity(512)
        scanned.starts.reserveCapacity(512)
        scanned.scalars.reserveCapacity(html.utf8.count / 3)
        func add(_ text: String, html: Bool) {
            var text = text
            text.withUTF8 { bytes in
                WordScanner.scan(bytes, html: html) { word, hash in
                    guard seen.insert(hash) else { return }
                    scanned.hashes.append(hash)
                    scanned.starts.append(scanned.scalars.count)
                    scanned.scalars.append(contentsOf: word)
                }
            }
        }
        add(article.title, html: false)
        scanned.titleWords = scanned.hashes.count
        add(article.summary, html: false)
        // What the article's page shows besides its body: kicker, highlights, source, dateline.
        for text in [article.kicker, article.source, article.dateline].compactMap({ $0 }) + article.highlights { add(text, html: false) }
        add(html, html: true)
        return scanned
    }

    // MARK: - Keys

    /// The article's keys — its words', and the names of the organisations and countries it
    /// names — and its title's, each without repeats, in no particular order.
    mutating func keys(of words: ScannedArticle, article: Article) -> (all: [Int32], title: [Int32]) {
        keys(of: words, organizations: article.organizationIDs, countries: article.countryCodes)
    }

    mutating func keys(of words: ScannedArticle, organizations: [String], countries: [String]) -> (all: [Int32], title: [Int32]) {
        var all: [Int32] = [], title: [Int32] = []
        all.reserveCapacity(words.hashes.count * 2)
        mark += 2
        let mark = self.mark
        func take(_ key: Int32, title isTitle: Bool) {
            if keyMarks[Int(key)] < mark { keyMarks[Int(key)] = mark; all.append(key) }
            if isTitle && keyMarks[Int(key)] == mark { keyMarks[Int(key)] = mark + 1; title.append(key) }
        }
        for i in words.hashes.indices {
            let number = Int(wordNumbers[words.hashes[i]] ?? addWord(words.hashes[i], Array(words.word(i))))
            let isTitle = i < words.titleWords
            for k in Int(wordKeyStarts[number])..<Int(wordKeyStarts[number + 1]) { take(wordKeys[k], title: isTitle) }
        }
        for id in organizations { for key in entityKeys["o:" + id] ?? [] { take(key, title: false) } }
        for code in countries { for key in entityKeys["c:" + code] ?? [] { take(key, title: false) } }
        return (all, title)
    }

    static func unique(_ sorted: [Int32]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(sorted.count)
        for value in sorted where out.last != value { out.append(value) }
        return out
    }

    mutating func addWord(_ hash: UInt64, _ word: [UInt32]) -> Int32 {
        let number = Int32(wordKeyStarts.count - 1)
        for text in SearchText.keys(of: word) { wordKeys.append(key(for: text)) }
        wordKeyStarts.append(Int32(wordKeys.count))
        wordNumbers[hash] = number
        return number
    }

    mutating func key(for text: [UInt32]) -> Int32 {
        if let number = keyNumbers[text] { return number }
        let number = Int32(keyText.count)
        keyNumbers[text] = number
        keyText.append(text)
        postings.append([])
        titlePostings.append([])
        keyMarks.append(0)
        keysOfShard[SearchText.shard(of: text, count: shardCount)].append(number)
        return number
    }

    /// Organisation names and aliases; country names, newsroom spellings, demonyms and cities.
    mutating func addEntities(_ site: Site) {
        for id in site.organizations.keys.sorted() {
            let organization = site.organizations[id]!
            entityKeys["o:" + id] = textKeys([organization.name] + organization.aliases)
        }
        for code in site.countries.keys.sorted() {
            entityKeys["c:" + code] = textKeys(Self.countryNames(code, name: site.countries[code]!.name))
        }
    }

    /// Every spelling of a country the site knows, the name it shows first.
    public static func countryNames(_ code: String, name: String) -> [String] {
        [name] + (CountryVariants.spellings[code] ?? []) + (CountryLexicon.demonyms[code] ?? [])
            + (CountryLexicon.demonymForms[code] ?? []) + (CountryLexicon.cities[code] ?? [])
    }

    mutating func textKeys(_ texts: [String]) -> [Int32] {
        var keys: [Int32] = []
        for text in texts {
            var text = text
            text.withUTF8 { bytes in
                var words: [(UInt64, [UInt32])] = []
                WordScanner.scan(bytes, html: false) { word, hash in words.append((hash, Array(word))) }
                for (hash, word) in words {
                    let number = Int(wordNumbers[hash] ?? addWord(hash, word))
                    keys += wordKeys[Int(wordKeyStarts[number])..<Int(wordKeyStarts[number + 1])]
                }
            }
        }
        return Self.unique(keys.sorted())
    }
}

/// Word numbers by the word's hash: looked up once for every distinct word of every article, so
/// an open-addressing table on the hash as it is, not a Dictionary hashing it again.
struct WordNumbers: Sendable {
    private var hashes = [UInt64](repeating: 0, count: 1 << 16)
    private var numbers = [Int32](repeating: -1, count: 1 << 16)
    private var count = 0

    subscript(hash: UInt64) -> Int32? {
        get {
            let mask = hashes.count - 1
            var slot = Self.slot(hash, mask)
            while numbers[slot] >= 0 {
                if hashes[slot] == hash { return numbers[slot] }
                slot = (slot + 1) & mask
            }
            return nil
        }
        set {
            guard let newValue else { preconditionFailure("words are never removed") }
            if (count + 1) * 2 > hashes.count { grow() }
            let mask = hashes.count - 1
            var slot = Self.slot(hash, mask)
            while numbers[slot] >= 0 && hashes[slot] != hash { slot = (slot + 1) & mask }
            if numbers[slot] < 0 { count += 1 }
            hashes[slot] = hash
            numbers[slot] = newValue
        }
    }

    private static func slot(_ hash: UInt64, _ mask: Int) -> Int { Int(truncatingIfNeeded: hash ^ (hash >> 31)) & mask }

    private mutating func grow() {
        let old = zip(hashes, numbers).filter { $0.1 >= 0 }
        hashes = [UInt64](repeating: 0, count: hashes.count * 2)
        numbers = [Int32](repeating: -1, count: numbers.count * 2)
        count = 0
        for (hash, number) in old { self[hash] = number }
    }
}

/// A set of word hashes, cleared between articles without freeing its table.
struct WordSet {
    private var slots = [UInt64](repeating: 0, count: 4096)
    private var used: [Int] = []

    mutating func clear() {
        for slot in used { slots[slot] = 0 }
        used.removeAll(keepingCapacity: true)
    }

    /// Whether the hash was not in the set.
    mutating func insert(_ hash: UInt64) -> Bool {
        let value = hash == 0 ? 1 : hash
        if used.count * 2 > slots.count { grow() }
        var slot = Int(truncatingIfNeeded: value >> 7) & (slots.count - 1)
        while slots[slot] != 0 {
            if slots[slot] == value { return false }
            slot = (slot + 1) & (slots.count - 1)
        }
        slots[slot] = value
        used.append(slot)
        return true
    }

    private mutating func grow() {
        let values = used.map { slots[$0] }
        slots = [UInt64](repeating: 0, count: slots.count * 2)
        used.removeAll(keepingCapacity: true)
        for value in values {
            var slot = Int(truncatingIfNeeded: value >> 7) & (slots.count - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = value
            used.append(slot)
        }
    }
}

/// The opening of an HTML body as plain text, as written (not folded): tags dropped, the common
/// character references decoded, whitespace collapsed, cut after a word. Works on UTF-8 bytes and
/// stops at the limit: it runs once per article in every build.
enum PlainText {
    static func opening(ofHTML html: String, limit: Int) -> String {
        var html = html
        return html.withUTF8 { bytes -> String in
            var out = [UInt8]()
            out.reserveCapacity(limit + 8)
            var i = 0, letters = 0
            var space = false
            let n = bytes.count
            while i < n && letters < limit {
                let byte = bytes[i]
                if byte == 0x3C { // a tag: skipped, and a block's end separates words
                    while i < n && bytes[i] != 0x3E { i += 1 }
                    i += 1
                    space = true
                    continue
                }
                if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D {
                    space = true
                    i += 1
                    continue
                }
                var decoded: [UInt8]? = nil
                var length = 1
                if byte == 0x26 { // a character reference
                    var j = i + 1
                    while j < n && j < i + 8 && bytes[j] != 0x3B { j += 1 }
                    if j < n && bytes[j] == 0x3B {
                        switch String(decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self) {
                        case "amp": decoded = [0x26]
                        case "lt": decoded = [0x3C]
                        case "gt": decoded = [0x3E]
                        case "quot": decoded = [0x22]
                        case "#39": decoded = [0x27]
                        case "nbsp": decoded = [0x20]
                        default: decoded = []
                        }
                        length = j - i + 1
                    }
                } else if byte >= 0xF0 { length = 4 } else if byte >= 0xE0 { length = 3 } else if byte >= 0xC0 { length = 2 }
                if space && !out.isEmpty { out.append(0x20); letters += 1 }
                space = false
                if let decoded { out.append(contentsOf: decoded) } else { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<min(n, i + length)])) }
                letters += 1
                i += length
            }
            guard letters >= limit else { return String(decoding: out, as: UTF8.self) }
            // Cut after the last whole word.
            if let lastSpace = out.lastIndex(of: 0x20) { out.removeSubrange(lastSpace...) }
            return String(decoding: out, as: UTF8.self) + "…"
        }
    }
}

/// An edit in place, applied to the index's files as a previous build left them, without the
/// whole index: what a new `taawun build` process does after a one-article edit, so that it reads
/// and tokenises the edited articles (before and after) and the shards they touch, not every article.
public struct SearchPatch: Sendable {
    /// The new text of each shard and chunk the edit changed.
    public var shards: [Int: String] = [:]
    public var chunks: [Int: String] = [:]

    /// nil when a shard it needs is not given by `shardText` (then the whole index is made).
    public static func make(old: Site, new: Site, edited: [Int], shardText: (Int) -> String?,
                            href: @escaping @Sendable (Article) -> String, dateText: @escaping @Sendable (Day) -> String) -> SearchPatch? {
        let shardCount = SearchIndex.shardCount(articles: new.articles.count)
        var scratch = SearchIndex(shardCount: shardCount, articleCount: new.articles.count)
        scratch.addEntities(new)
        let before = SearchIndex.scan(old, indices: edited, href: href, dateText: dateText)
        let after = SearchIndex.scan(new, indices: edited, href: href, dateText: dateText)
        // Per key: the articles to add to and remove from its lists (all, title).
        var changes: [String: (add: [Int32], remove: [Int32], addTitle: [Int32], removeTitle: [Int32])] = [:]
        var patch = SearchPatch()
        var chunks = Set<Int>()
        for (i, article) in edited.enumerated() {
            let oldKeys = before[i].map { scratch.keys(of: $0, article: old.articles[article]) }
            let newKeys = after[i].map { scratch.keys(of: $0, article: new.articles[article]) }
            if before[i]?.card != after[i]?.card { chunks.insert(article / SearchIndex.chunkSize) }
            let oldAll = Set(oldKeys?.all ?? []), newAll = Set(newKeys?.all ?? [])
            let oldTitle = Set(oldKeys?.title ?? []), newTitle = Set(newKeys?.title ?? [])
            let doc = Int32(article)
            func text(_ key: Int32) -> String { SearchText.string(scratch.keyText[Int(key)]) }
            for key in newAll.subtracting(oldAll) { changes[text(key), default: ([], [], [], [])].add.append(doc) }
            for key in oldAll.subtracting(newAll) { changes[text(key), default: ([], [], [], [])].remove.append(doc) }
            for key in newTitle.subtracting(oldTitle) { changes[text(key), default: ([], [], [], [])].addTitle.append(doc) }
            for key in oldTitle.subtracting(newTitle) { changes[text(key), default: ([], [], [], [])].removeTitle.append(doc) }
        }
        var byShard: [Int: [String]] = [:]
        for key in changes.keys { byShard[SearchText.shard(of: key.unicodeScalars.map(\.value), count: shardCount), default: []].append(key) }
        for (shard, keys) in byShard {
            guard let text = shardText(shard),
                  let parsed = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String]] else { return nil }
            var entries = parsed
            for key in keys {
                let change = changes[key]!
                let existing = entries[key]
                let all = Set((existing.map { Postings.decode($0[0]) } ?? []).map { Int32($0) })
                    .subtracting(change.remove).union(change.add).sorted()
                let title = Set((existing.map { Postings.decode($0[1]) } ?? []).map { Int32($0) })
                    .subtracting(change.removeTitle).union(change.addTitle).sorted()
                if all.isEmpty {
                    entries[key] = nil
                } else {
                    var writer = JSONWriter()
                    writer.postings(all)
                    let allText = String(decoding: writer.bytes.dropFirst().dropLast(), as: UTF8.self)
                    writer = JSONWriter()
                    writer.postings(title)
                    entries[key] = [allText, String(decoding: writer.bytes.dropFirst().dropLast(), as: UTF8.self)]
                }
            }
            var out = JSONWriter(capacity: text.utf8.count + 64)
            out.raw("{")
            for (i, key) in entries.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { out.raw(",") }
                out.string(key)
                out.raw(":[\"")
                out.raw(entries[key]![0])
                out.raw("\",\"")
                out.raw(entries[key]![1])
                out.raw("\"]")
            }
            out.raw("}\n")
            patch.shards[shard] = out.text
        }
        for chunk in chunks {
            let indices = Array((chunk * SearchIndex.chunkSize)..<min(new.articles.count, (chunk + 1) * SearchIndex.chunkSize))
            let cards = SearchIndex.scan(new, indices: indices, href: href, dateText: dateText).map { $0?.card }
            patch.chunks[chunk] = SearchIndex.chunkText(cards)
        }
        return patch
    }
}

extension Postings {
    /// Keys' lists of articles made from each article's keys, given article after article in
    /// ascending order: one flat array while indexing, then one exact-size list per key.
    struct Builder {
        private var keys: [Int32] = []
        private var articles: [Int32] = []
        /// Where each article's keys start in `keys`.
        private var starts: [Int] = []

        mutating func add(_ articleKeys: [Int32], article: Int32) {
            guard !articleKeys.isEmpty else { return }
            articles.append(article)
            starts.append(keys.count)
            keys.append(contentsOf: articleKeys)
        }

        /// By key number, the articles that have it, ascending (a counting sort).
        func lists(keyCount: Int) -> [[Int32]] {
            var counts = [Int](repeating: 0, count: keyCount + 1)
            for key in keys { counts[Int(key) + 1] += 1 }
            for k in 0..<keyCount { counts[k + 1] += counts[k] }
            var flat = [Int32](repeating: 0, count: keys.count)
            var next = counts
            for (i, article) in articles.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1] : keys.count
                for key in keys[starts[i]..<end] {
                    flat[next[Int(key)]] = article
                    next[Int(key)] += 1
                }
            }
            return (0..<keyCount).map { Array(flat[counts[$0]..<counts[$0 + 1]]) }
        }
    }
}
