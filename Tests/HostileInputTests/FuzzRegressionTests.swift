import ContentLoading
import Diagnostics
import Foundation
import TaawunTesting
import Testing

/// Every input the front-matter fuzzer was seeded with or found a crash with (Fuzz/corpus/frontmatter,
/// Fuzz/regressions/frontmatter) through the same checks as the fuzz target, in every `make test`.
@Suite struct FuzzRegressionTests {
    static let folders = ["Fuzz/corpus/frontmatter", "Fuzz/regressions/frontmatter"]

    static var inputs: [String] {
        folders.flatMap { folder -> [String] in
            let url = Repository.root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            return names.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\($0)" }
        }
    }

    @Test func theSeedsAreThere() {
        #expect(Self.inputs.count >= 5)
    }

    @Test(arguments: inputs)
    func anInputTheFuzzerSawIsHandled(_ relativePath: String) throws {
        let data = try Data(contentsOf: Repository.root.appendingPathComponent(relativePath))
        let path = "content/articles/fuzz.md"
        let text: String
        do throws(Diagnostic) {
            text = try TextFile.decode(data, displayPath: path)
        } catch {
            #expect(error.location.file == path)
            return
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        if let split = try? FrontMatter.split(text, file: path) {
            #expect(split.bodyFirstLine >= 3 && split.bodyFirstLine <= lines + 1)
        }
        do throws(DiagnosticsError) {
            let article = try ArticleLoader.parse(text, path: path)
            #expect(!article.title.isEmpty)
            if let url = article.sourceURL?.value { #expect(ArticleLoader.isWebAddress(url)) }
        } catch {
            #expect(!error.diagnostics.isEmpty)
            for diagnostic in error.diagnostics {
                #expect(diagnostic.location.file == path)
                #expect(diagnostic.location.line <= lines + 1, "\(diagnostic)")
            }
        }
    }
}
