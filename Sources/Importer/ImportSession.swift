import ContentLoading
import Diagnostics
import Foundation
import Gazetteer

/// One run of `taawun import`: reads the registries once, then imports each input file.
/// The only part of the importer that touches the file system.
public struct ImportSession: Sendable {
    public var layout: SiteLayout
    public var output: URL
    public var force: Bool
    public var sourceURL: String?
    let importer: ArticleImporter
    /// Problems with the registries themselves (shown once).
    public private(set) var setupDiagnostics: [Diagnostic]

    public init(layout: SiteLayout, output: URL, force: Bool, sourceURL: String? = nil) {
        self.layout = layout
        self.output = output
        self.force = force
        self.sourceURL = sourceURL
        let registries = ContentLoader.loadRegistries(layout)
        let (outlets, outletDiagnostics) = OutletTable.load(layout)
        importer = ArticleImporter(organizations: registries.organizations, countries: registries.countries, outlets: outlets,
                                   gazetteer: CountryGazetteer(overrides: registries.countries))
        setupDiagnostics = registries.diagnostics + outletDiagnostics
    }

    /// The files named on the command line: files as given, folders expanded to their
    /// visible regular files (sorted), so the order and the slugs are the same every run.
    public static func inputFiles(_ arguments: [String]) -> (files: [URL], missing: [String]) {
        var files: [URL] = []
        var missing: [String] = []
        let fm = FileManager.default
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: argument, isDirectory: &isDirectory) else { missing.append(argument); continue }
            let url = URL(fileURLWithPath: argument)
            if isDirectory.boolValue {
                let items = (try? fm.contentsOfDirectory(at: url, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])) ?? []
                files += items.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
                    .sorted { $0.lastPathComponent < $1.lastPathComponent }
            } else {
                files.append(url)
            }
        }
        return (files, missing)
    }

    public func importFile(_ url: URL) -> ImportReport {
        let display = layout.display(url)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return ImportReport(input: display, outcome: .failed, article: nil,
                                errors: [.error(at: SourceLocation(file: display), "the file cannot be read (\(error.localizedDescription))")])
        }
        return importData(data, name: url.lastPathComponent, display: display)
    }

    public func importData(_ data: Data, name: String, display: String) -> ImportReport {
        let text: String
        do throws(Diagnostic) {
            text = try ArticleImporter.decode(data, path: display)
        } catch {
            return ImportReport(input: display, outcome: .failed, article: nil, errors: [error])
        }
        let stem = (name as NSString).deletingPathExtension
        let article: ImportedArticle
        if HTMLText.isSavedPage(text, fileName: name) {
            do throws(Diagnostic) {
                article = try importer.importSavedPage(html: text, path: display, sourceURL: sourceURL, fallbackSlug: stem)
            } catch {
                return ImportReport(input: display, outcome: .failed, article: nil, errors: [error])
            }
        } else {
            article = importer.importArticle(text, sourceURL: sourceURL, fallbackSlug: stem)
        }
        let hash = ArticleFileWriter.hash(data)
        let markdown = FrontMatterWriter.markdown(article, origin: "imported by taawun from \(name) (fnv1a \(hash))")
        let writer = ArticleFileWriter(directory: output, force: force)
        let outcome = writer.write(markdown: markdown, slug: article.slug, inputName: name, inputHash: hash, displayPath: layout.display)
        return ImportReport(input: display, outcome: outcome, article: article)
    }
}
