import ArabicText
import SiteModel

/// The index's files as text (JSON), written into preallocated byte buffers.
extension SearchIndex {
    /// An organisation or a country as the facets and the name suggestions show it.
    public struct Entity: Sendable {
        public var id: String
        public var name: String
        public var href: String
        /// Every spelling that leads to it.
        public var spellings: [String]

        public init(id: String, name: String, href: String, spellings: [String]) {
            self.id = id
            self.name = name
            self.href = href
            self.spellings = spellings
        }
    }

    /// `search/index.json`: the folding rules, the counts, the facets' names and the spellings
    /// of organisations and countries (the client suggests their pages).
    public func manifest(organizations: [Entity], countries: [Entity]) -> String {
        var out = JSONWriter()
        out.raw("{\"version\":1,\"shards\":\(shardCount),\"chunk\":\(Self.chunkSize),\"articles\":\(articleCount)")
        out.raw(",\"fold\":{")
        for (i, (key, value)) in SearchText.foldTable.sorted(by: { $0.key < $1.key }).enumerated() {
            if i > 0 { out.raw(",") }
            out.string(key)
            out.raw(":")
            out.string(value)
        }
        out.raw("},\"clitics\":[")
        for (i, clitic) in SearchText.clitics.enumerated() {
            if i > 0 { out.raw(",") }
            out.raw("[")
            out.string(clitic.text)
            out.raw(",\(clitic.minimumStem),\(clitic.elidesArticle ? 1 : 0)]")
        }
        out.raw("],\"whole\":")
        out.strings(SearchText.wholeWords)
        out.raw(",\"conjunctions\":")
        out.strings(SearchText.conjunctions)
        out.raw(",\"suffixes\":[")
        for (i, suffix) in SearchText.suffixes.enumerated() {
            if i > 0 { out.raw(",") }
            out.raw("[")
            out.string(suffix.text)
            out.raw(",\(suffix.minimumWord),\(suffix.minimumStem)]")
        }
        out.raw("],\"seats\":[")
        for (i, pair) in SearchText.seatPairs.enumerated() {
            if i > 0 { out.raw(",") }
            out.strings([pair.0, pair.1])
        }
        out.raw("],\"stem\":\(SearchText.minimumStem)")
        out.raw(",\"years\":[\(years.map { String($0.year) }.joined(separator: ","))]")
        for (name, entities) in [("countries", countries), ("organizations", organizations)] {
            out.raw(",\"\(name)\":[")
            for (i, entity) in entities.enumerated() {
                if i > 0 { out.raw(",") }
                out.raw("[")
                out.string(entity.id)
                out.raw(",")
                out.string(entity.name)
                out.raw(",")
                out.string(entity.href)
                out.raw(",")
                out.strings(entity.spellings)
                out.raw("]")
            }
            out.raw("]")
        }
        out.raw("}\n")
        return out.text
    }

    /// Each year with articles, newest first, and its articles.
    var years: [(year: Int, articles: [Int32])] {
        var result: [(year: Int, articles: [Int32])] = []
        for (index, card) in cards.enumerated() {
            guard let card, let year = Int(card.iso.prefix(4)) else { continue }
            if let last = result.last, last.year == year {
                result[result.count - 1].articles.append(Int32(index))
            } else if let at = result.firstIndex(where: { $0.year == year }) {
                result[at].articles.append(Int32(index))
            } else {
                result.append((year, [Int32(index)]))
            }
        }
        return result.sorted { $0.year > $1.year }
    }

    /// `search/facets.json`: the articles of each year, country and organisation, in the
    /// manifest's order (postings, as the shards write them).
    public func facets(organizations: [(id: String, articles: [Int])], countries: [(code: String, articles: [Int])]) -> String {
        var out = JSONWriter()
        let indexed = { (list: [Int]) in list.filter { self.cards[$0] != nil }.map { Int32($0) }.sorted() }
        out.raw("{\"years\":[")
        for (i, year) in years.enumerated() {
            if i > 0 { out.raw(",") }
            out.postings(year.articles)
        }
        out.raw("],\"countries\":[")
        for (i, country) in countries.enumerated() {
            if i > 0 { out.raw(",") }
            out.postings(indexed(country.articles))
        }
        out.raw("],\"organizations\":[")
        for (i, organization) in organizations.enumerated() {
            if i > 0 { out.raw(",") }
            out.postings(indexed(organization.articles))
        }
        out.raw("]}\n")
        return out.text
    }

    /// `search/shards/<shard>.json`: its keys in byte order, each with its articles and the
    /// articles whose title has it.
    public func shard(_ shard: Int) -> String {
        let keys = keysOfShard[shard].filter { !postings[Int($0)].isEmpty }
            .map { (text: SearchText.string(keyText[Int($0)]), key: $0) }
            .sorted { $0.text.utf8.lexicographicallyPrecedes($1.text.utf8) }
        var out = JSONWriter(capacity: keys.reduce(16) { $0 + postings[Int($1.key)].count + 24 })
        out.raw("{")
        for (i, (text, key)) in keys.enumerated() {
            if i > 0 { out.raw(",") }
            out.string(text)
            out.raw(":[")
            out.postings(postings[Int(key)])
            out.raw(",")
            out.postings(titlePostings[Int(key)])
            out.raw("]")
        }
        out.raw("}\n")
        return out.text
    }

    public var chunkCount: Int { (articleCount + Self.chunkSize - 1) / Self.chunkSize }

    /// `search/docs/<chunk>.json`: the cards of articles chunk×16 … chunk×16+15 (null for a draft).
    public func chunk(_ chunk: Int) -> String {
        Self.chunkText(Array(cards[(chunk * Self.chunkSize)..<min(articleCount, (chunk + 1) * Self.chunkSize)]))
    }

    static func chunkText(_ cards: [DocumentCard?]) -> String {
        var out = JSONWriter()
        out.raw("[")
        for (i, card) in cards.enumerated() {
            if i > 0 { out.raw(",") }
            guard let card else { out.raw("null"); continue }
            out.strings([card.href, card.title, card.iso, card.dateText, card.summary, card.text])
        }
        out.raw("]\n")
        return out.text
    }
}

/// JSON written byte by byte into one buffer.
struct JSONWriter {
    var bytes: [UInt8]

    init(capacity: Int = 4096) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func string(_ text: String) {
        bytes.append(0x22)
        var text = text
        // Most text has nothing to escape: copied whole.
        let plain = text.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x3C || $0 == 0x3E || $0 == 0x26 }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if plain { bytes.append(0x22); return }
        for byte in text.utf8 {
            switch byte {
            case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
            case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
            // Markup characters as escapes: the files are data, never read as HTML by anything.
            case 0x3C: bytes.append(contentsOf: Array("\\u003c".utf8))
            case 0x3E: bytes.append(contentsOf: Array("\\u003e".utf8))
            case 0x26: bytes.append(contentsOf: Array("\\u0026".utf8))
            case 0..<0x20: bytes.append(contentsOf: Array("\\u00\(byte < 16 ? "0" : "")\(String(byte, radix: 16))".utf8))
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
    }

    mutating func strings(_ texts: [String]) {
        bytes.append(0x5B)
        for (i, text) in texts.enumerated() {
            if i > 0 { bytes.append(0x2C) }
            string(text)
        }
        bytes.append(0x5D)
    }

    /// Ascending article numbers as a string of gaps, five bits to a character with a
    /// continuation bit, most significant first (`Postings.alphabet`).
    mutating func postings(_ list: [Int32]) {
        bytes.append(0x22)
        var previous: Int32 = -1
        var groups = [UInt8](repeating: 0, count: 8)
        for value in list {
            var gap = UInt32(value - previous - 1)
            previous = value
            var n = 0
            repeat {
                groups[n] = UInt8(gap & 31)
                gap >>= 5
                n += 1
            } while gap > 0
            for i in stride(from: n - 1, through: 0, by: -1) {
                bytes.append(Postings.alphabet[Int(groups[i] | (i > 0 ? 32 : 0))])
            }
        }
        bytes.append(0x22)
    }
}

/// The characters postings are written with: 64 that need no escaping in JSON or a URL.
public enum Postings {
    public static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// The numbers a postings string holds (what the client decodes).
    public static func decode(_ text: String) -> [Int] {
        var result: [Int] = []
        var previous = -1, value = 0
        for byte in text.utf8 {
            guard let digit = alphabet.firstIndex(of: byte) else { continue }
            value = value << 5 | (digit & 31)
            if digit < 32 {
                previous += value + 1
                result.append(previous)
                value = 0
            }
        }
        return result
    }
}
