import Foundation
import Importer

/// The saved pages under Fixtures/html (written for these tests, several regions and page shapes)
/// and their hand-made gold files: ten written with the reader; three (tn_alquds, eg_masrawy,
/// sa_spa) written after it and run once blind before it was fixed for them; four more (sy_sana,
/// iq_ina, bh_bna, ps_wafa) written later still, all of whose fields but organisations were right blind.
public struct SavedPageGold: Decodable {
    public var title: String
    public var date: String?
    public var source: String?
    public var source_url: String?
    public var organizations: [String]
    public var countries: [String]
}

public func savedPages(in folder: URL) throws -> [(name: String, html: String, gold: SavedPageGold)] {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".html") }.sorted()
    return try names.map { name in
        let html = try ArticleImporter.decode(try Data(contentsOf: folder.appendingPathComponent(name)), path: name)
        let goldURL = folder.appendingPathComponent(name.replacingOccurrences(of: ".html", with: ".gold.json"))
        return (name, html, try JSONDecoder().decode(SavedPageGold.self, from: Data(contentsOf: goldURL)))
    }
}

/// Per-field figures for saved pages against their gold files: the exact fields as hits out of
/// pages, countries and organisations as precision/recall/F1 over names, every miss as a line.
/// What `make eval-import` prints for the saved pages, and what `SavedPageTests` holds to a floor.
public struct SavedPageEvaluation {
    public struct Counts {
        var found = 0, expected = 0, correct = 0
        public var precision: Double { found == 0 ? 1 : Double(correct) / Double(found) }
        public var recall: Double { expected == 0 ? 1 : Double(correct) / Double(expected) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        mutating func add(found got: Set<String>, expected gold: Set<String>) {
            found += got.count
            expected += gold.count
            correct += got.intersection(gold).count
        }
    }
    public var exact: [String: (hits: Int, total: Int)] = [:]
    public var countries = Counts()
    public var organizations = Counts()
    public var misses: [String] = []

    /// Imports every page of `folder` (name.html beside name.gold.json) as `taawun import` does.
    public static func run(importer: ArticleImporter, folder: URL) throws -> SavedPageEvaluation {
        var e = SavedPageEvaluation()
        for (name, html, gold) in try savedPages(in: folder) {
            let a = importer.importArticle(html, fallbackSlug: name)
            let fields: [(String, String?, String?)] = [
                ("title", a.titleGenerated ? "(generated) " + a.title : a.title, gold.title), ("date", a.date?.description, gold.date),
                ("source", a.source, gold.source), ("source_url", a.sourceURL, gold.source_url),
            ]
            for (field, got, want) in fields {
                e.exact[field, default: (0, 0)].total += 1
                if got == want { e.exact[field]!.hits += 1 } else { e.misses.append("\(name) \(field): \(got ?? "—") ≠ \(want ?? "—")") }
            }
            for (field, got, want) in [("countries", Set(a.countries), Set(gold.countries)),
                                       ("organizations", Set(a.organizations.map(\.name)), Set(gold.organizations))] {
                if field == "countries" { e.countries.add(found: got, expected: want) } else { e.organizations.add(found: got, expected: want) }
                if got != want {
                    e.misses.append("\(name) \(field): missed \(want.subtracting(got).sorted()), extra \(got.subtracting(want).sorted())")
                }
            }
            // The story keeps none of the page around it.
            let markdown = FrontMatterWriter.markdown(a)
            for furniture in ["جميع الحقوق محفوظة", "الأكثر قراءة", "التعليقات", "فيسبوك", "الرئيسية", "اقرأ أيضا", "اقرأ أيضاً"]
            where markdown.contains(furniture) {
                e.misses.append("\(name) body: page furniture \"\(furniture)\" left in")
            }
        }
        return e
    }

    public var report: String {
        var lines = ["saved web pages (HTML):"]
        for field in ["title", "date", "source", "source_url"] {
            let (hits, total) = exact[field] ?? (0, 0)
            lines.append("  \(field.padding(toLength: 14, withPad: " ", startingAt: 0)) \(hits)/\(total)")
        }
        for (field, c) in [("countries", countries), ("organisations", organizations)] {
            lines.append("  \(field.padding(toLength: 14, withPad: " ", startingAt: 0)) P \(String(format: "%.2f", c.precision))"
                         + "  R \(String(format: "%.2f", c.recall))  F1 \(String(format: "%.2f", c.f1))")
        }
        return (lines + misses.map { "  miss: " + $0 }).joined(separator: "\n")
    }
}
