import Foundation

/// One block of a page's visible text (a paragraph, heading, list item, or a line of a <div>).
struct TextBlock: Sendable {
    enum Kind: Sendable { case paragraph, heading(Int), listItem, other }
    var text: String
    var kind: Kind
    /// The block elements it sits in, outermost first (ids in document order).
    var path: [Int]
    /// How much of the text is link text (0…1): menus and "read also" lists are mostly links.
    var linkDensity: Double
    /// Inside a <header>: the headline, byline and date area, not the story.
    var inHeader: Bool
    /// An <h1>: the headline's place on the page.
    var isTitleHeading: Bool { if case .heading(1) = kind { true } else { false } }
}

/// The page's visible text as blocks, without furniture: menus, sidebars, footers, scripts,
/// forms, share and comment widgets (by tag, and by class/id hints), hidden elements.
struct BlockCollector {
    private(set) var blocks: [TextBlock] = []
    /// Ids of <article> elements, with their total paragraph text.
    private(set) var articles: [Int: Int] = [:]
    private var nextID = 0
    private var path: [Int] = []
    private var kinds: [TextBlock.Kind] = []
    private var buffer = ""
    private var linkCharacters = 0
    private var articleDepth = 0
    private var headerDepth = 0
    private var articleStack: [Int] = []

    static let skippedTags: Set<String> = ["script", "style", "noscript", "template", "iframe", "svg", "math", "nav", "aside", "footer",
                                           "form", "button", "select", "textarea", "input", "label", "object", "embed", "canvas", "video",
                                           "audio", "head", "figcaption", "dialog", "menu"]
    static let blockTags: Set<String> = ["p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4",
                                         "h5", "h6", "table", "tbody", "thead", "tr", "td", "th", "figure", "header", "pre", "dl", "dt", "dd",
                                         "center", "address", "hr", "body", "html", "details", "summary"]
    /// Parts of class and id names that mark furniture wherever they appear ("share-bar",
    /// "comments_list", "related-news").
    static let furnitureStems = ["share", "sharing", "social", "comment", "related", "breadcrumb", "sidebar", "newsletter", "subscri",
                                 "advert", "cookie", "outbrain", "taboola", "disqus", "whatsapp", "telegram", "navbar", "navigation"]
    /// Whole parts that mark furniture unless the name also says it holds the story ("tags", but
    /// not "article-body has-tags").
    static let furnitureWords: Set<String> = ["nav", "menu", "footer", "ad", "ads", "banner", "tags", "tag", "widget", "print", "follow",
                                              "more", "readmore", "login", "search", "modal", "popup", "breaking", "latest", "author",
                                              "byline", "promo", "popular", "trending", "mostread", "pagination", "masthead", "topbar",
                                              "ticker", "recommended"]
    static let storyWords: Set<String> = ["article", "content", "body", "story", "entry", "post", "text", "details", "main"]

    /// Furniture by tag, by hidden state or role, and (with `hints`) by its class and id names.
    static func isFurniture(_ e: HTMLElement, hints: Bool = true) -> Bool {
        if skippedTags.contains(e.tag) { return true }
        if e.attribute("hidden") != nil || e.attribute("aria-hidden") == "true" { return true }
        if let style = e.attribute("style")?.lowercased().replacingOccurrences(of: " ", with: ""),
           style.contains("display:none") || style.contains("visibility:hidden") { return true }
        if let role = e.attribute("role")?.lowercased(), ["navigation", "complementary", "contentinfo", "banner", "search"].contains(role) { return true }
        guard hints, !["html", "body", "main"].contains(e.tag) else { return false }
        let names = ((e.attribute("class") ?? "") + " " + (e.attribute("id") ?? "")).lowercased()
        let parts = names.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "-" || $0 == "_" }).map(String.init)
        if parts.contains(where: { part in furnitureStems.contains { part.hasPrefix($0) } }) { return true }
        return parts.contains(where: furnitureWords.contains) && !parts.contains(where: storyWords.contains)
    }

    /// A site's masthead: a <header> outside the article. One inside it holds the headline.
    static func isSiteHeader(_ e: HTMLElement, inArticle: Bool) -> Bool {
        e.tag == "header" && !inArticle && !e.descendants().contains { $0.tag == "h1" }
    }

    /// `hints: false` reads class and id names for nothing: the second try when they hid the story.
    init(document: HTMLElement, hints: Bool = true) {
        self.hints = hints
        visit(document, inLink: false)
        flush()
    }
    private let hints: Bool

    private mutating func visit(_ e: HTMLElement, inLink: Bool) {
        if Self.isFurniture(e, hints: hints) || Self.isSiteHeader(e, inArticle: articleDepth > 0) { return }
        if e.tag == "br" { buffer.append("\n"); return }
        let isBlock = Self.blockTags.contains(e.tag)
        let id = nextID
        nextID += 1
        if isBlock {
            flush()
            path.append(id)
            kinds.append(Self.kind(e.tag))
        }
        if e.tag == "article" { articleDepth += 1; articleStack.append(id); articles[id] = 0 }
        if e.tag == "header" { headerDepth += 1 }
        let link = inLink || e.tag == "a"
        for child in e.children {
            switch child {
            case .text(let t):
                // A new line in the source is a space (a hard-wrapped <p> is one paragraph); only <br> breaks a line.
                buffer += e.tag == "pre" ? t : t.replacingOccurrences(of: "\n", with: " ")
                if link { linkCharacters += t.count }
            case .element(let c):
                visit(c, inLink: link)
            }
        }
        if isBlock {
            flush()
            path.removeLast()
            kinds.removeLast()
        }
        if e.tag == "article" { articleDepth -= 1; articleStack.removeLast() }
        if e.tag == "header" { headerDepth -= 1 }
    }

    static func kind(_ tag: String) -> TextBlock.Kind {
        switch tag {
        case "p", "blockquote", "pre", "dd": .paragraph
        case "li", "dt": .listItem
        case "h1": .heading(1)
        case "h2": .heading(2)
        case "h3": .heading(3)
        case "h4", "h5", "h6": .heading(4)
        default: .other
        }
    }

    private mutating func flush() {
        defer { buffer = ""; linkCharacters = 0 }
        guard buffer.contains(where: { !$0.isWhitespace }) else { return }
        let lines = buffer.split(separator: "\n").map { HTMLTree.collapse(String($0)) }.filter { !$0.isEmpty }
        let total = max(1, lines.reduce(0) { $0 + $1.count })
        let density = min(1, Double(linkCharacters) / Double(total))
        for line in lines {
            blocks.append(TextBlock(text: line, kind: kinds.last ?? .other, path: path, linkDensity: density, inHeader: headerDepth > 0))
            if case .paragraph = kinds.last ?? .other, density < 0.5 { for a in articleStack { articles[a, default: 0] += line.count } }
            if case .other = kinds.last ?? .other, density < 0.5 { for a in articleStack { articles[a, default: 0] += line.count } }
        }
    }
}

/// Readability-style choice of the story: the <article> with the most text, or else the block
/// whose paragraphs carry the most sentence-like text (scored on their parent and grandparent).
enum MainText {
    /// The story's blocks, in order, and the index in `blocks` of the first one.
    static func choose(_ collector: BlockCollector) -> [Int] {
        let blocks = collector.blocks
        let root: Int?
        if let (article, length) = collector.articles.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key }),
           length >= 140 {
            root = article
        } else {
            root = densest(blocks)
        }
        // Lines above the headline are its section label or breadcrumb, not the story.
        let headline = blocks.firstIndex { $0.isTitleHeading && root.map($0.path.contains) ?? true } ?? -1
        // A page too short to score anything: all of its text that is not furniture.
        return blocks.indices.filter { i in
            guard i > headline else { return false }
            let b = blocks[i]
            guard root.map({ b.path.contains($0) }) ?? true, !b.inHeader, !b.isTitleHeading else { return false }
            // Link lists ("اقرأ أيضا", tag clouds) are navigation, however they are marked up.
            if isLinkList(b) { return false }
            return true
        }
    }

    static func isSentenceLike(_ b: TextBlock) -> Bool {
        b.text.count >= 25 && !isLinkList(b)
    }

    /// Mostly link text and short: a menu item, a "read also" line, a tag. A long sentence that is
    /// all link is the story under an <a> left open above it (browsers reopen it in every block).
    static func isLinkList(_ b: TextBlock) -> Bool {
        b.linkDensity > 0.5 && (b.text.count < 150 || !b.text.contains { $0 == "،" || $0 == "." || $0 == "," })
    }

    static func densest(_ blocks: [TextBlock]) -> Int? {
        var scores: [Int: Double] = [:]
        for b in blocks where isSentenceLike(b) {
            if case .heading = b.kind { continue }
            let commas = b.text.reduce(0) { $0 + ($1 == "،" || $1 == "," || $1 == "." ? 1 : 0) }
            let score = 1 + Double(commas) + min(Double(b.text.count) / 100, 3)
            // A <p> scores for the element holding it; a <div> of text lines scores for itself.
            var chain = b.path
            if case .other = b.kind {} else { chain = Array(chain.dropLast()) }
            if let parent = chain.last { scores[parent, default: 0] += score }
            if chain.count >= 2 { scores[chain[chain.count - 2], default: 0] += score / 2 }
        }
        return scores.max { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key }?.key
    }
}
