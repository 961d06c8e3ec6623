import ArabicText
import ContentLoading
import Diagnostics
import Foundation

/// The article `taawun new` writes: every front-matter field present, in the order
/// `ArticleSource.guide` lists them, each under its short Arabic note saying how to fill it.
/// Empty optional fields are written as `""` or `[]` so they parse as "not given".
public struct ArticleScaffold: Sendable, Hashable {
    public var title: String
    public var date: Day
    /// The file name without ".md": a slug of the title unless the editor chose one.
    public var fileStem: String

    /// Fails when the title is empty or leaves nothing to name the file with.
    public init(title: String, date: Day = .today(), fileStem: String? = nil) throws(ScaffoldError) {
        // Titles are one line in the front matter; a pasted line break would end the value.
        let title = title.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        guard !title.isEmpty else { throw .emptyTitle }
        if let fileStem {
            guard Slug.isSafe(fileStem), Slug.fitsFileName(fileStem + ".md") else { throw .unsafeFileName(fileStem) }
            self.fileStem = fileStem
        } else {
            guard let slug = Slug.make(from: title) else { throw .noFileName(title: title) }
            self.fileStem = slug
        }
        self.title = title
        self.date = date
    }

    /// content/articles/<stem>.md
    public func fileURL(in layout: SiteLayout) -> URL {
        layout.articles.appendingPathComponent(fileStem + ".md")
    }

    /// The whole file: front matter with comments, then a placeholder paragraph.
    public var text: String {
        var lines = ["---"]
        for (field, note) in ArticleSource.guide {
            lines.append("# " + note)
            lines.append("\(field): \(value(of: field))")
        }
        lines.append("---")
        lines.append("")
        lines.append("اكتب نص المقال هنا. اترك سطرًا فارغًا بين كل فقرتين.")
        lines.append("")
        return lines.joined(separator: "\n")
    }

    func value(of field: String) -> String {
        switch field {
        case "title": return YAMLText.quoted(title)
        case "date": return date.description
        case "title_generated": return "false"
        case "draft": return "true"
        case "highlights", "organizations", "countries": return "[]"
        default: return "\"\""
        }
    }

    /// Creates the file. Never replaces an existing one, even if it appears between the check
    /// and the write (the write itself refuses to overwrite).
    @discardableResult
    public func write(in layout: SiteLayout) throws(ScaffoldError) -> URL {
        let fm = FileManager.default
        let url = fileURL(in: layout)
        let path = layout.display(url)
        guard fm.fileExists(atPath: layout.content.path) else { throw .noContentFolder(layout.display(layout.content)) }
        if fm.fileExists(atPath: url.path) { throw .exists(path) }
        do {
            try fm.createDirectory(at: layout.articles, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url, options: .withoutOverwriting)
        } catch {
            if fm.fileExists(atPath: url.path) { throw .exists(path) }
            throw .cannotWrite(path, reason: error.localizedDescription)
        }
        return url
    }
}

/// Why `taawun new` wrote nothing.
public enum ScaffoldError: Error, Sendable, Hashable {
    case emptyTitle
    case noFileName(title: String)
    case unsafeFileName(String)
    case noContentFolder(String)
    case exists(String)
    case cannotWrite(String, reason: String)

    /// The error as the CLI prints it, located at the file it concerns.
    public var diagnostic: Diagnostic {
        switch self {
        case .emptyTitle:
            return .error(at: SourceLocation(file: "content/articles/"), "the new article needs a title",
                          hint: "write the title in quotes after the command: taawun new \"عنوان المقال\"")
        case .noFileName(let title):
            return .error(at: SourceLocation(file: "content/articles/"), "no file name can be made from the title «\(title)»",
                          hint: "choose one with --slug, e.g. taawun new \"\(title)\" --slug my-article")
        case .unsafeFileName(let name):
            return .error(at: SourceLocation(file: "content/articles/"), "«\(name)» cannot be used as a file name",
                          hint: "use only letters, digits and hyphens, e.g. --slug مذكرة-تفاهم")
        case .noContentFolder(let path):
            return .error(at: SourceLocation(file: path), "there is no content folder here",
                          hint: "run the command in the site folder (the one holding content/ and templates/), or pass --root")
        case .exists(let path):
            return .error(at: SourceLocation(file: path), "this file already exists; it was left as it is",
                          hint: "open it to continue that article, or give the new one another title or --slug")
        case .cannotWrite(let path, let reason):
            return .error(at: SourceLocation(file: path), "the file cannot be written (\(reason))",
                          hint: "check that you may write in content/articles/")
        }
    }
}
