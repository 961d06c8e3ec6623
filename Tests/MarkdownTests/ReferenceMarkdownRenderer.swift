import CMark
import Foundation
@testable import Markdown

// The renderer as it was before the byte-level rewrite (a Character split of every line and
// Foundation's range(of:) per link): the plain obvious algorithm the fast one must agree with.

/// CommonMark through cmark, the reference C implementation.
enum ReferenceMarkdownRenderer {
    /// Renders `markdown`. In the default safe mode cmark drops raw HTML and `javascript:`,
    /// `vbscript:`, `file:` and `data:` links; `allowUnsafeHTML` is the site's explicit opt-in.
    static func render(_ markdown: String, allowUnsafeHTML: Bool = false) -> RenderedMarkdown {
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

