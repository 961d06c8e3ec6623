import ArabicText
import ContentLoading
import Foundation

/// A web page saved from the browser, read through what it says about itself first (JSON-LD,
/// Open Graph and article meta, `<h1>` in `<article>`, `<time datetime>`), then its story text
/// chosen readability-style. Pure: `SavedPage.read(html:)` needs no file system and no network.
public struct SavedPage: Sendable, Hashable {
    /// Where a field was read from: what an editor or an evaluation can check.
    public enum Origin: String, Sendable, Hashable {
        case jsonLD = "JSON-LD", openGraph = "Open Graph/meta", heading = "<h1>", time = "<time>", documentTitle = "<title>"
    }

    /// The headline, without the site's name the page title adds (" | site", " - site").
    public var title: String?
    public var titleOrigin: Origin?
    /// The publication time as the page writes it.
    public var published: PageTimestamp?
    public var publishedOrigin: Origin?
    /// The site's names as the page gives them (og:site_name, the JSON-LD publisher …), best first.
    public var siteNames: [String]
    public var authors: [String]
    /// og:url, the canonical link or the JSON-LD url: the article's own address.
    public var url: String?
    /// The story: its paragraphs and subheadings, in order, without the page's furniture.
    public var paragraphs: [String]
    /// Lines between the headline and the story (byline, date line, standfirst).
    public var headLines: [String]
    /// True when `headLines` are the lines between the `<h1>` and the story; false when the page
    /// has no `<h1>` there and they are just the lines above the story (a "today" banner may be one).
    public var headLinesFollowHeadline = false
    /// The `<title>` as written: the site's name is often in it ("مصراوي | …").
    public var documentTitle: String?

    /// The site's day of publication when no site zone is known: the day as the page writes it.
    public var day: Day? { published?.day }

    /// Parses `html` as a browser does (HTML5: malformed markup still gives a page) and reads it.
    public static func read(html: String) -> SavedPage {
        let root = HTMLTree.parse(html)
        let meta = PageMetadata(document: root)
        let landmarks = Landmarks(document: root)
        var collector = BlockCollector(document: root)
        var chosen = MainText.choose(collector)
        if chosen.isEmpty {
            // A story whose container's class reads like furniture ("content-with-ads"): again by tags alone.
            collector = BlockCollector(document: root, hints: false)
            chosen = MainText.choose(collector)
        }

        var paragraphs = chosen.map { collector.blocks[$0].text }
        if paragraphs.isEmpty, let body = meta.articleBody {
            paragraphs = body.split(whereSeparator: \.isNewline).map { HTMLTree.collapse(String($0)) }.filter { !$0.isEmpty }
        }

        // The headline: JSON-LD, og:title, the article's <h1>, the first <h1>, <title>.
        let siteNames = meta.siteNames
        var candidates: [(String, Origin)] = []
        if let h = meta.headline { candidates.append((h, .jsonLD)) }
        if let h = meta.value("og:title", "twitter:title") { candidates.append((h, .openGraph)) }
        if let h = landmarks.heading { candidates.append((h, .heading)) }
        if let h = meta.documentTitle { candidates.append((h, .documentTitle)) }
        candidates = candidates.map { (stripSiteName($0.0, siteNames: siteNames), $0.1) }
            .filter { text, _ in !text.isEmpty && !siteNames.contains { ArabicNormalizer.normalize($0) == ArabicNormalizer.normalize(text) } }
        // An Arabic story's headline is Arabic: a metadata headline left in English by the CMS is not it.
        func isArabic(_ text: String) -> Bool { text.unicodeScalars.contains { (0x0600...0x06FF).contains($0.value) } }
        if paragraphs.contains(where: isArabic), candidates.contains(where: { isArabic($0.0) }) {
            candidates = candidates.filter { isArabic($0.0) }
        }
        var title = candidates.first
        // JSON-LD headlines are often cut at 110 characters ("…"): a longer one that starts the same way wins.
        if let (text, _) = title, let stem = Self.truncatedStem(text),
           let full = candidates.first(where: { truncatedStem($0.0) == nil && $0.0.count > stem.count && $0.0.hasPrefix(stem) }) {
            title = full
        }

        // The date: JSON-LD datePublished, article meta, then the story's <time datetime>.
        var published: PageTimestamp?
        var publishedOrigin: Origin?
        if let t = meta.datePublished.flatMap(PageTimestamp.init) {
            (published, publishedOrigin) = (t, .jsonLD)
        } else if let t = meta.publishedTimestamp.flatMap(PageTimestamp.init) {
            (published, publishedOrigin) = (t, .openGraph)
        } else if let t = landmarks.time.flatMap(PageTimestamp.init) {
            (published, publishedOrigin) = (t, .time)
        } else if let text = landmarks.time,
                  let day = ArabicDateReader.mentions(in: text).first(where: { !$0.isHijri && $0.year != nil })?.gregorian {
            // <time>3 فبراير 2024</time> without a datetime.
            (published, publishedOrigin) = (PageTimestamp(day: day), .time)
        }

        // The lines just above the story (after the headline, when there is one): a byline, a
        // dateline, a date line ("نشر في: الأحد 14 أبريل 2024").
        var headLines: [String] = []
        var followsHeadline = false
        if let first = chosen.first {
            let start = collector.blocks[..<first].lastIndex { $0.isTitleHeading && $0.text == landmarks.heading } ?? -1
            followsHeadline = start >= 0
            headLines = collector.blocks[(start + 1)..<first].filter { b in
                !MainText.isLinkList(b) && b.text.split(separator: " ").count <= 30 && !b.isTitleHeading
            }.suffix(4).map(\.text)
        }

        return SavedPage(title: title?.0, titleOrigin: title?.1, published: published, publishedOrigin: publishedOrigin,
                         siteNames: siteNames, authors: meta.authors, url: meta.url, paragraphs: paragraphs, headLines: headLines,
                         headLinesFollowHeadline: followsHeadline, documentTitle: meta.documentTitle)
    }

    /// "عنوان الخبر | اليوم السابع" → "عنوان الخبر", when the part after the separator is the site's
    /// name (also "site | title" and "title - site - section").
    public static func stripSiteName(_ title: String, siteNames: [String], isSiteName: (String) -> Bool = { _ in false }) -> String {
        let names = Set(siteNames.map { ArabicNormalizer.normalize($0) }.filter { !$0.isEmpty })
        func isSite(_ part: String) -> Bool { names.contains(ArabicNormalizer.normalize(part)) || isSiteName(part) }
        var text = HTMLTree.collapse(title)
        for separator in titleSeparators {
            let parts = text.components(separatedBy: separator)
            guard parts.count >= 2 else { continue }
            if let k = parts.indices.dropFirst().last(where: { isSite(parts[$0]) }) {
                text = parts[..<k].joined(separator: separator)
            } else if isSite(parts[0]) {
                text = parts.dropFirst().joined(separator: separator)
            }
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " » ", " ‹ ", " · "]

    static func truncatedStem(_ text: String) -> String? {
        for ellipsis in ["…", "..."] where text.hasSuffix(ellipsis) {
            return String(text.dropLast(ellipsis.count)).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    /// The page as an editor's copy reads: headline, the lines under it, then the story, paragraphs
    /// separated by blank lines. What the text importer finds names, countries and the summary in.
    public func text(withHeadLines: Bool, title: String? = nil) -> String {
        var parts: [String] = []
        if let title = title ?? self.title { parts.append(title + (withHeadLines && !headLines.isEmpty ? "\n" + headLines.joined(separator: "\n") : "")) }
        else if withHeadLines, !headLines.isEmpty { parts.append(headLines.joined(separator: "\n")) }
        parts += paragraphs
        return parts.joined(separator: "\n\n")
    }
}

/// The article's own <h1> and <time>: inside <article> first, never in menus, sidebars or comments.
struct Landmarks {
    var heading: String?
    /// A `datetime` (or the text of a <time> without one).
    var time: String?

    static let outsideStoryStems = ["comment", "related", "sidebar", "recommend", "popular", "trending", "mostread", "outbrain", "taboola",
                                    "ticker", "breaking", "latest", "more"]

    static func isOutsideStory(_ e: HTMLElement, inArticle: Bool) -> Bool {
        if ["nav", "aside", "footer", "form", "script", "style", "noscript", "template", "head"].contains(e.tag) { return true }
        if BlockCollector.isSiteHeader(e, inArticle: inArticle) { return true }
        guard !["html", "body", "main"].contains(e.tag) else { return false }
        let names = ((e.attribute("class") ?? "") + " " + (e.attribute("id") ?? "")).lowercased()
        return names.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).contains { part in
            outsideStoryStems.contains { part.hasPrefix($0) }
        }
    }

    init(document: HTMLElement) {
        var headings: [(text: String, inArticle: Bool, isLink: Bool)] = []
        var times: [(value: String, inArticle: Bool, marked: Bool)] = []
        var microdataHeading: String?
        var stack: [(HTMLElement, Bool)] = [(document, false)]
        while let (e, inArticle) = stack.popLast() {
            if Self.isOutsideStory(e, inArticle: inArticle) { continue }
            let inside = inArticle || e.tag == "article"
            switch e.tag {
            case "h1":
                // A site's logo is often an <h1> that is all link (to the home page).
                let linkText = e.descendants().filter { $0.tag == "a" }.map(\.text).joined(separator: " ")
                if !e.text.isEmpty { headings.append((e.text, inside, HTMLTree.collapse(linkText) == e.text)) }
                continue
            case "time":
                let value = e.attribute("datetime").flatMap { $0.isEmpty ? nil : $0 } ?? e.text
                let hints = [e.attribute("itemprop"), e.attribute("class")].compactMap { $0?.lowercased() }.joined(separator: " ")
                let marked = e.attribute("pubdate") != nil || hints.contains("datepublished") || hints.contains("publish")
                if !value.isEmpty, !hints.contains("modif"), !hints.contains("updat") { times.append((value, inside, marked)) }
                continue
            default:
                // Microdata on any element: <h2 itemprop="headline">, <span itemprop="datePublished" content="…">.
                let itemprop = e.attribute("itemprop")?.lowercased().split(separator: " ") ?? []
                if itemprop.contains("headline"), e.tag != "meta", !e.text.isEmpty, microdataHeading == nil {
                    microdataHeading = e.text
                }
                if itemprop.contains("datepublished"), e.tag != "meta",
                   let value = [e.attribute("content"), e.attribute("datetime"), e.text].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
                    times.append((value, inside, true))
                }
            }
            for case .element(let child) in e.children.reversed() { stack.append((child, inside)) }
        }
        heading = microdataHeading ?? headings.first { $0.inArticle }?.text ?? headings.first { !$0.isLink }?.text ?? headings.first?.text
        time = times.first { $0.marked }?.value ?? times.first { $0.inArticle }?.value ?? times.first?.value
    }
}
