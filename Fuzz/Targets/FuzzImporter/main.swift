import ContentLoading
import Diagnostics
import Foundation
import FuzzDriver
import Importer

/// Any bytes as a pasted news page through `taawun import`: the importer must never crash, and
/// what it writes must be an article the build accepts (its own front matter, read back).
let importer = ArticleImporter()

runFuzzer { bytes, count in
    let text: String
    do {
        text = try ArticleImporter.decode(fuzzData(bytes, count), path: "content/sources/fuzz.txt")
    } catch {
        return 0
    }
    let imported = importer.importArticle(text, sourceURL: nil, fallbackSlug: "fuzz")
    let markdown = FrontMatterWriter.markdown(imported)
    do {
        _ = try ArticleLoader.parse(markdown, path: "content/articles/fuzz.md")
    } catch {
        fatalError("the importer wrote an article the build refuses:\n\(error)\n--- article ---\n\(markdown.prefix(2000))")
    }
    return 0
}
