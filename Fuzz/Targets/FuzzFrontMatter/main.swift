import ContentLoading
import Diagnostics
import Foundation
import FuzzDriver

/// Any bytes as an article file: decoding, the front-matter splitter, YAML and the field checks.
/// A thrown diagnostic is the expected answer to bad input; the fuzzer looks for crashes, hangs,
/// runaway memory, and diagnostics that point outside the file.
runFuzzer { bytes, count in
    let data = fuzzData(bytes, count)
    let path = "content/articles/fuzz.md"
    let text: String
    do throws(Diagnostic) {
        text = try TextFile.decode(data, displayPath: path)
    } catch {
        precondition(error.location.file == path)
        return 0
    }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
    if let split = try? FrontMatter.split(text, file: path) {
        precondition(split.bodyFirstLine >= 3 && split.bodyFirstLine <= lines + 1, "body line \(split.bodyFirstLine) of \(lines)")
    }
    do throws(DiagnosticsError) {
        let article = try ArticleLoader.parse(text, path: path)
        precondition(!article.title.isEmpty, "an article without a title was accepted")
        if let url = article.sourceURL?.value { precondition(ArticleLoader.isWebAddress(url)) }
    } catch {
        precondition(!error.diagnostics.isEmpty, "an error without a diagnostic")
        for diagnostic in error.diagnostics {
            precondition(diagnostic.location.file == path)
            precondition(diagnostic.location.line <= lines + 1, "\(diagnostic) points past line \(lines)")
        }
    }
    return 0
}
