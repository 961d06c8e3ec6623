import ContentLoading
import Diagnostics
import Foundation
import TaawunTesting
import Testing
@testable import Importer

/// Inputs that are not articles get a clear error each; huge ones finish (every pass is linear).
@Suite struct HostileInputTests {
    private func error(_ bytes: [UInt8]) -> Diagnostic? {
        do { _ = try ArticleImporter.decode(Data(bytes), path: "x.txt"); return nil } catch { return error }
    }

    @Test func emptyBinaryAndInvalidUTF8AreClearErrors() {
        #expect(error([])?.message == "the file is empty")
        #expect(error(Array("  \n\r\n ".utf8))?.message == "the file is empty")
        #expect(error([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00])?.message.contains("NUL") == true)
        let invalid = error(Array("سطر أول\nسطر ".utf8) + [0xC3, 0x28] + Array(" ثان".utf8))
        #expect(invalid?.message == "the file is not valid UTF-8 text")
        #expect(invalid?.location.line == 2)
        // Windows-1256 Arabic is not UTF-8.
        #expect(error([0xC7, 0xE1, 0xCF, 0xE6, 0xCD, 0xC9])?.message == "the file is not valid UTF-8 text")
        let controls = (0..<200).map { UInt8([0x01, 0x02, 0x03, 0x1B][$0 % 4]) } + Array("abc".utf8)
        #expect(error(controls)?.message.contains("not text") == true)
        #expect(error(Array("12345 !!! ---".utf8))?.message == "the file has no words in it")
    }

    @Test func bomAndCRLFAreText() throws {
        let text = try ArticleImporter.decode(Data([0xEF, 0xBB, 0xBF] + Array("عنوان\r\nنص".utf8)), path: "x.txt")
        #expect(text == "عنوان\nنص")
    }

    @Test func tenMegabytesOfText() {
        let paragraph = "وقعت وزارة الإعلام السعودية اتفاقية تعاون مع جامعة قطر لتدريب الصحفيين في الدوحة والرياض وأبوظبي، بحضور عدد من المسؤولين.\n"
        let count = 10_000_000 / (paragraph.utf8.count + 8)
        let big = (0..<count).map { "\($0) " + paragraph }.joined()
        let a = sharedImporter.importArticle(big, fallbackSlug: "big")
        #expect(a.countries.contains("QA"))
        #expect(a.warnings.contains { $0.contains("very long") })
    }

    @Test func oneLineOfOneMegabyte() {
        let line = String(repeating: "كلمة عربية طويلة في سطر واحد بلا نهاية ", count: 1_000_000 / 70)
        let a = sharedImporter.importArticle("عنوان\n" + line + "\nفقرة أخيرة قصيرة في النص تنتهي هنا.", fallbackSlug: "line")
        #expect(!a.body.isEmpty)
        let noSpaces = String(repeating: "ا", count: 1_000_000)
        #expect(!sharedImporter.importArticle(noSpaces, fallbackSlug: "x").slug.isEmpty)
        let brackets = String(repeating: "[url=http://a.b/]x", count: 50_000)
        #expect(!sharedImporter.importArticle("عنوان\n" + brackets, fallbackSlug: "x").slug.isEmpty)
    }
}

/// Re-importing is safe: the same input is a no-op, an editor's changes are kept unless --force,
/// and two articles with one title do not overwrite each other.
@Suite struct ReimportTests {
    private func session(_ folder: URL, force: Bool = false) -> ImportSession {
        ImportSession(layout: Repository.layout, output: folder, force: force)
    }

    private func temporaryFolder() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("taawun-import-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func sameInputTwiceIsANoOpAndEditsAreKept() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (name, _) = try seed("001")
        let input = Repository.seeds.appendingPathComponent(name)
        let first = session(folder).importFile(input)
        guard case .written(let path) = first.outcome else { Issue.record("\(first.outcome)"); return }
        #expect(path.hasSuffix(".md"))
        let second = session(folder).importFile(input)
        guard case .unchanged = second.outcome else { Issue.record("\(second.outcome)"); return }

        // An editor fixes the title: the import refuses to overwrite, then --force does.
        let file = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)[0]
        let edited = try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "يوقع", with: "يبرم")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let refused = session(folder).importFile(input)
        guard case .refused(_, let reason) = refused.outcome else { Issue.record("\(refused.outcome)"); return }
        #expect(reason.contains("--force"))
        #expect(try String(contentsOf: file, encoding: .utf8) == edited)
        #expect(refused.outcome.isFailure)
        let forced = session(folder, force: true).importFile(input)
        guard case .overwritten = forced.outcome else { Issue.record("\(forced.outcome)"); return }
        #expect(try String(contentsOf: file, encoding: .utf8) != edited)
    }

    @Test func twoArticlesWithOneTitleGetTwoFiles() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let s = session(folder)
        let one = s.importData(Data("عنوان مشترك للخبرين\nنص الخبر الأول عن التعاون الإعلامي بين البلدين في مجال التدريب والتأهيل.".utf8), name: "a.txt", display: "a.txt")
        let two = s.importData(Data("عنوان مشترك للخبرين\nنص الخبر الثاني عن موضوع آخر تماما يخص الإنتاج التلفزيوني المشترك.".utf8), name: "b.txt", display: "b.txt")
        guard case .written(let p1) = one.outcome, case .written(let p2) = two.outcome else { Issue.record("\(one.outcome) \(two.outcome)"); return }
        #expect(p1 != p2)
        #expect(p2.hasSuffix("-2.md"))
        // Re-importing the second finds its own file, not the first's.
        guard case .unchanged(let again) = s.importData(Data("عنوان مشترك للخبرين\nنص الخبر الثاني عن موضوع آخر تماما يخص الإنتاج التلفزيوني المشترك.".utf8), name: "b.txt", display: "b.txt").outcome else {
            Issue.record("not unchanged"); return
        }
        #expect(again == p2)
    }

    @Test func failedFilesDoNotStopTheOthers() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: inputs) }
        try Data().write(to: inputs.appendingPathComponent("0-empty.txt"))
        try Data([0xFF, 0xFE, 0x00, 0x41]).write(to: inputs.appendingPathComponent("1-binary.txt"))
        try Data("عنوان الخبر\nنص الخبر عن التعاون الإعلامي بين البلدين في مجال التدريب والتأهيل المهني.".utf8).write(to: inputs.appendingPathComponent("2-good.txt"))
        let (files, missing) = ImportSession.inputFiles([inputs.path, "/no/such/file.txt"])
        #expect(missing == ["/no/such/file.txt"])
        let reports = files.map { session(folder).importFile($0) }
        #expect(reports.map(\.outcome.isFailure) == [true, true, false])
        #expect(reports[0].text.contains("FAILED: the file is empty"))
        #expect(ImportReport.summary(reports).hasPrefix("imported 3 files: 1 written, 2 failed"))
    }
}
