import ContentLoading
import Foundation

/// A publication time as a page writes it (ISO 8601: `2024-03-12T22:30:00+03:00`, or a day alone).
public struct PageTimestamp: Sendable, Hashable {
    /// The day as written, in the writer's own offset.
    public var day: Day
    /// Minutes after midnight, when a time is given.
    public var minutes: Int?
    /// The offset from UTC in minutes, when one is given ("Z" is 0).
    public var offsetMinutes: Int?

    public init(day: Day) {
        self.day = day
    }

    /// Reads `YYYY-MM-DD` (or `YYYY/MM/DD`), optionally followed by `T` or a space, `HH:MM[:SS[.fff]]` and `Z` or `±HH[:]MM`.
    public init?(_ text: String) {
        let s = Array(text.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
        func number(_ from: Int, _ count: Int) -> Int? {
            guard from + count <= s.count else { return nil }
            var value = 0
            for b in s[from..<from + count] {
                guard (48...57).contains(b) else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        // "-" as ISO writes it; "/" as some Arabic CMSs write the same order (2024/03/05 10:00).
        guard let y = number(0, 4), s.count >= 10, s[4] == 45 && s[7] == 45 || s[4] == 47 && s[7] == 47, let m = number(5, 2), let d = number(8, 2),
              let day = Day(year: y, month: m, day: d) else { return nil }
        self.day = day
        var i = 10
        guard i < s.count, s[i] == 84 || s[i] == 116 || s[i] == 32, let h = number(i + 1, 2), i + 3 < s.count, s[i + 3] == 58,
              let mi = number(i + 4, 2), h < 24, mi < 60 else { return }
        minutes = h * 60 + mi
        i += 6
        if i < s.count, s[i] == 58, number(i + 1, 2) != nil { i += 3 }
        if i < s.count, s[i] == 46 { i += 1; while i < s.count, (48...57).contains(s[i]) { i += 1 } }
        guard i < s.count else { return }
        if s[i] == 90 || s[i] == 122 { offsetMinutes = 0; return }
        guard s[i] == 43 || s[i] == 45, let oh = number(i + 1, 2) else { return }
        var om = 0
        if let m = number(i + 3, 2) { om = m } else if i + 3 < s.count, s[i + 3] == 58, let m = number(i + 4, 2) { om = m }
        offsetMinutes = (s[i] == 45 ? -1 : 1) * (oh * 60 + om)
    }

    /// The day this moment falls on in `zone` (the site's own day); the day as written when the
    /// page gives no time or no offset, or no zone is known.
    public func day(in zone: TimeZone?) -> Day {
        guard let zone, let minutes, let offsetMinutes else { return day }
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        guard let midnight = utc.date(from: DateComponents(year: day.year, month: day.month, day: day.day)) else { return day }
        let instant = midnight.addingTimeInterval(TimeInterval((minutes - offsetMinutes) * 60))
        var local = Calendar(identifier: .gregorian)
        local.timeZone = zone
        let parts = local.dateComponents([.year, .month, .day], from: instant)
        return Day(year: parts.year ?? day.year, month: parts.month ?? day.month, day: parts.day ?? day.day) ?? day
    }
}

/// What a page says about itself: JSON-LD (schema.org), Open Graph and article meta tags, the
/// canonical link, `<title>`. Read before any of the page's visible text.
struct PageMetadata: Sendable {
    /// The JSON-LD object describing the article (NewsArticle, Article, ReportageNewsArticle …).
    var headline: String?
    var datePublished: String?
    var publisher: String?
    var authors: [String] = []
    var articleURL: String?
    var articleBody: String?
    /// A WebSite, and an Organization, named elsewhere in the JSON-LD.
    var websiteName: String?
    var organizationName: String?
    /// meta tags by lower-cased property / name / itemprop: the first value of each.
    var meta: [String: String] = [:]
    var canonical: String?
    var documentTitle: String?

    static let articleTypes: Set<String> = ["newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
                                            "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "report", "liveblogposting"]

    init(document root: HTMLElement) {
        var blocks: [String] = []
        for element in root.descendants() {
            switch element.tag {
            case "meta":
                guard let content = element.attribute("content") else { continue }
                for key in ["property", "name", "itemprop"] {
                    guard let name = element.attribute(key)?.lowercased().trimmingCharacters(in: .whitespaces), !name.isEmpty else { continue }
                    if meta[name] == nil { meta[name] = content }
                }
            case "link":
                let rel = element.attribute("rel")?.lowercased().split(separator: " ") ?? []
                if rel.contains("canonical"), canonical == nil { canonical = element.attribute("href") }
            case "title":
                if documentTitle == nil, !element.text.isEmpty { documentTitle = element.text }
            case "script":
                if element.attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces) == "application/ld+json" {
                    blocks.append(element.children.compactMap { if case .text(let t) = $0 { t } else { nil } }.joined())
                }
            default: break
            }
        }
        for block in blocks { readJSONLD(block) }
    }

    // MARK: JSON-LD

    private mutating func readJSONLD(_ text: String) {
        // Raw new lines inside strings are common in CMS output and invalid JSON: as spaces they are fine.
        let cleaned = String(text.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 })
            .trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: #"^<!\[CDATA\[|\]\]>$"#, with: "", options: .regularExpression)
        guard let json = try? JSONSerialization.jsonObject(with: Data(cleaned.utf8), options: [.fragmentsAllowed]) else { return }
        // Every object of the block, flattening arrays and @graph; ids for references ({"@id": "#org"}).
        var objects: [[String: Any]] = []
        var pending: [Any] = [json]
        while let item = pending.popLast(), objects.count < 500 {
            if let array = item as? [Any] { pending += array.reversed(); continue }
            guard let object = item as? [String: Any] else { continue }
            objects.append(object)
            // The article may be the page's main entity ({"@type": "WebPage", "mainEntity": {…}}).
            for key in ["@graph", "mainEntity", "mainEntityOfPage"] { if let inner = object[key], !(inner is String) { pending.append(inner) } }
        }
        var byID: [String: [String: Any]] = [:]
        for object in objects { if let id = object["@id"] as? String, byID[id] == nil || object.count > 1 { byID[id] = object } }
        func resolve(_ value: Any?) -> Any? {
            if let object = value as? [String: Any], object.count == 1, let id = object["@id"] as? String { return byID[id] ?? object }
            return value
        }
        func name(_ value: Any?) -> String? {
            let value = resolve(value)
            if let text = value as? String { return Self.clean(text) }
            if let object = value as? [String: Any] { return (object["name"] as? String).flatMap(Self.clean) }
            if let array = value as? [Any] { return array.lazy.compactMap { name($0) }.first }
            return nil
        }
        func types(_ object: [String: Any]) -> [String] {
            if let one = object["@type"] as? String { return [one.lowercased()] }
            return (object["@type"] as? [Any])?.compactMap { ($0 as? String)?.lowercased() } ?? []
        }
        for object in objects {
            let kinds = types(object)
            if kinds.contains(where: { Self.articleTypes.contains($0) }), headline == nil {
                headline = (object["headline"] as? String).flatMap(Self.clean) ?? (object["name"] as? String).flatMap(Self.clean)
                datePublished = object["datePublished"] as? String ?? object["dateCreated"] as? String
                publisher = name(object["publisher"]) ?? name(object["sourceOrganization"])
                let author = resolve(object["author"])
                authors = ((author as? [Any]) ?? (author.map { [$0] } ?? [])).compactMap { name($0) }
                let page = resolve(object["mainEntityOfPage"])
                articleURL = object["url"] as? String ?? page as? String ?? (page as? [String: Any])?["@id"] as? String
                    ?? (page as? [String: Any])?["url"] as? String
                articleBody = object["articleBody"] as? String
            } else if kinds.contains("website") {
                websiteName = websiteName ?? name(object)
            } else if kinds.contains("newsmediaorganization") || kinds.contains("organization") {
                organizationName = organizationName ?? name(object)
            }
        }
    }

    static func clean(_ text: String) -> String? {
        let collapsed = HTMLTree.collapse(decodeEntities(text))
        return collapsed.isEmpty ? nil : collapsed
    }

    /// JSON-LD and meta values are sometimes entity-encoded twice by a CMS ("&amp;quot;").
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, value) in ["&quot;": "\"", "&#39;": "'", "&apos;": "'", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&amp;": "&"] {
            out = out.replacingOccurrences(of: entity, with: value)
        }
        return out
    }

    // MARK: the fields, in the order a page is trusted

    func value(_ keys: String...) -> String? {
        for key in keys { if let v = meta[key].flatMap(Self.clean) { return v } }
        return nil
    }

    /// The site's own name: og:site_name, the JSON-LD publisher, a WebSite named in JSON-LD.
    var siteNames: [String] {
        [value("og:site_name"), publisher, websiteName, organizationName, value("application-name"), value("twitter:site").flatMap { $0.hasPrefix("@") ? nil : $0 }]
            .compactMap { $0 }
    }

    var publishedTimestamp: String? {
        datePublished ?? value("article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
                              "publish-date", "dc.date.issued", "dcterms.created", "sailthru.date", "parsely-pub-date", "date")
    }

    var url: String? {
        [value("og:url"), canonical, articleURL].compactMap { $0 }.first { ArticleLoader.isWebAddress($0) }
    }
}
