import CMark
import Foundation

/// A link or image target written in Markdown, with where it was written (1-based, relative to
/// the Markdown text) so `taawun check` can point at it.
public struct MarkdownReference: Sendable, Hashable {
    public var url: String
    public var line: Int
    public var column: Int
}

/// What the site needs from an article body.
public struct RenderedMarkdown: Sendable, Hashable {
    /// HTML from cmark. Headings sit under the page's title, the only h1 (see `HeadingOutline`).
    public var html: String
    /// Plain text of the first paragraph, for summaries.
    public var firstParagraph: String
    public var links: [MarkdownReference]
    public var images: [MarkdownReference]
}

/// CommonMark through cmark, the reference C implementation.
public enum MarkdownRenderer {
    /// Renders `markdown`. In the default safe mode cmark drops raw HTML and `javascript:`,
    /// `vbscript:`, `file:` and `data:` links; `allowUnsafeHTML` is the site's explicit opt-in.
    public static func render(_ markdown: String, allowUnsafeHTML: Bool = false) -> RenderedMarkdown {
        let options = CMARK_OPT_DEFAULT | (allowUnsafeHTML ? CMARK_OPT_UNSAFE : 0)
        let utf8 = Array(markdown.utf8)
        guard let document = utf8.withUnsafeBufferPointer({ buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parse_document($0, buffer.count, options) }
            } ?? cmark_parse_document("", 0, options)
        }) else {
            return RenderedMarkdown(html: "", firstParagraph: "", links: [], images: [])
        }
        defer { cmark_node_free(document) }

        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        var firstParagraph: String?
        var collecting = false
        var paragraphText = ""
        var links: [MarkdownReference] = []
        var images: [MarkdownReference] = []
        var blockLine = 1
        var outline = HeadingOutline()

        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let line = Int(cmark_node_get_start_line(node))
            if line > 0 { blockLine = line }
            switch (type, event) {
            case (CMARK_NODE_HEADING, CMARK_EVENT_ENTER):
                cmark_node_set_heading_level(node, Int32(outline.fit(Int(cmark_node_get_heading_level(node)))))
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_ENTER) where firstParagraph == nil:
                collecting = true
                paragraphText = ""
            case (CMARK_NODE_PARAGRAPH, CMARK_EVENT_EXIT) where collecting:
                collecting = false
                let trimmed = paragraphText.trimmingCharacters(in: .whitespacesAndNewlines)
                if !trimmed.isEmpty { firstParagraph = trimmed }
            case (CMARK_NODE_TEXT, _), (CMARK_NODE_CODE, _):
                if collecting, let literal = cmark_node_get_literal(node) { paragraphText += String(cString: literal) }
            case (CMARK_NODE_SOFTBREAK, _), (CMARK_NODE_LINEBREAK, _):
                if collecting { paragraphText += " " }
            case (CMARK_NODE_LINK, CMARK_EVENT_ENTER), (CMARK_NODE_IMAGE, CMARK_EVENT_ENTER):
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let reference = locate(url, in: lines, from: blockLine)
                if type == CMARK_NODE_LINK { links.append(reference) } else { images.append(reference) }
            default:
                break
            }
        }

        let html = cmark_render_html(document, options).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? ""
        return RenderedMarkdown(html: html, firstParagraph: firstParagraph ?? "", links: links, images: images)
    }

    /// cmark gives source positions for blocks only: find the URL's text from the block's line on.
    static func locate(_ url: String, in lines: [Substring], from line: Int) -> MarkdownReference {
        if !url.isEmpty {
            for index in max(0, line - 1)..<lines.count {
                if let range = lines[index].range(of: url) {
                    return MarkdownReference(url: url, line: index + 1,
                                             column: lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1)
                }
            }
        }
        return MarkdownReference(url: url, line: line, column: 1)
    }
}

/// Fits a body's headings under the page's h1 without skipped levels.
///
/// Editors write `###` where `##` was meant, and imported articles bring whatever levels their
/// source used; an h4 straight after the page's h1 is an accessibility error (screen readers
/// navigate by level, and the Nu checker rejects it). Each heading becomes one level below the
/// nearest heading before it that was written shallower (the page's h1 when there is none), so
/// siblings stay siblings and the outline keeps the body's own shape.
struct HeadingOutline {
    /// The headings enclosing the current point: written and fitted levels; the page's h1 at the bottom.
    private var enclosing: [(written: Int, fitted: Int)] = [(0, 1)]

    mutating func fit(_ written: Int) -> Int {
        while enclosing.count > 1, enclosing[enclosing.count - 1].written >= written { enclosing.removeLast() }
        let fitted = min(enclosing[enclosing.count - 1].fitted + 1, 6)
        enclosing.append((written, fitted))
        return fitted
    }
}
