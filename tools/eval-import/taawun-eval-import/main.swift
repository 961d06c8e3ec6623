import ArabicText
import ContentLoading
import Foundation
import ImportEvaluation
import Importer
import Yams

// `make eval-import`: imports every page text of the evaluation set
// (Tests/ImporterTests/Fixtures/eval*/NAME.txt, annotated by hand in NAME.yaml) and prints
// precision, recall and F1 per field, then every miss. Not a test: it measures, it does not pass or fail.
// Usage: taawun-eval-import [REPOSITORY_ROOT] [--show NAME]   (--show prints one page's import in full)

/// What an editor wrote down for one page.
struct Gold {
    var name: String
    var sourceURL: String?
    /// nil when the page has no headline: the title must be generated and flagged.
    var title: String?
    var date: String?
    var organisations: [String]
    var countries: [String]
    /// Fragments of page furniture that must not be left in the body.
    var furniture: [String]

    init(name: String, yaml: String) throws {
        guard let map = try Yams.load(yaml: yaml) as? [String: Any] else { throw EvalError("\(name).yaml is not a mapping") }
        func text(_ key: String) -> String? {
            // YAML reads 2024-05-12 as a timestamp: back to the day it names.
            if let date = map[key] as? Date {
                let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: date)
                return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
            }
            return map[key].map { "\($0)" }
        }
        func list(_ key: String) -> [String] { (map[key] as? [Any] ?? []).map { "\($0)" } }
        self.name = name
        sourceURL = text("source_url")
        title = (map["title_generated"] as? Bool) == true ? nil : text("title")
        let date = text("date")
        self.date = date == "none" ? nil : date
        organisations = list("organisations")
        countries = list("countries")
        furniture = list("furniture")
        if title == nil && (map["title_generated"] as? Bool) != true { throw EvalError("\(name).yaml: no title and no title_generated") }
    }
}

struct EvalError: Error, CustomStringConvertible { var description: String; init(_ d: String) { description = d } }

/// True and false positives and negatives of one field over the set.
struct Tally {
    var tp = 0, fp = 0, fn = 0, right = 0, total = 0
    var precision: Double { tp + fp == 0 ? 1 : Double(tp) / Double(tp + fp) }
    var recall: Double { tp + fn == 0 ? 1 : Double(tp) / Double(tp + fn) }
    var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    mutating func add(found: Set<String>, expected: Set<String>) {
        tp += found.intersection(expected).count
        fp += found.subtracting(expected).count
        fn += expected.subtracting(found).count
        total += 1
        if found == expected { right += 1 }
    }
}

func fold(_ text: String) -> String { ArabicNormalizer.normalize(text) }

var arguments = Array(CommandLine.arguments.dropFirst())
var show: String?
if let k = arguments.firstIndex(of: "--show"), k + 1 < arguments.count {
    show = arguments[k + 1]
    arguments.removeSubrange(k...(k + 1))
}
let root = arguments.first.map { URL(fileURLWithPath: $0) } ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
let layout = SiteLayout(root: root)
let registries = ContentLoader.loadRegistries(layout)
let (outlets, _) = OutletTable.load(layout)
let importer = ArticleImporter(organizations: registries.organizations, countries: registries.countries, outlets: outlets)

/// Imports and scores every page of one folder, then prints the table and the misses.
@MainActor func evaluate(_ folder: URL, title: String) throws {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    guard !names.isEmpty else {
        FileHandle.standardError.write(Data("no evaluation texts in \(folder.path)\n".utf8))
        exit(1)
    }

    var titles = Tally(), dates = Tally(), organisations = Tally(), countries = Tally(), furniture = Tally()
    var misses: [String] = []
    for name in names {
        let text = try ArticleImporter.decode(try Data(contentsOf: folder.appendingPathComponent(name + ".txt")), path: name + ".txt")
        let gold = try Gold(name: name, yaml: String(decoding: try Data(contentsOf: folder.appendingPathComponent(name + ".yaml")), as: UTF8.self))
        let article = importer.importArticle(text, sourceURL: gold.sourceURL, fallbackSlug: name)
        if let show, name.hasPrefix(show) {
            print(FrontMatterWriter.markdown(article))
            print(ImportReport(input: name, outcome: .written(path: name + ".md"), article: article).text + "\n")
        }
        var lines: [String] = []

        // A generated title is right only when the page has no headline (and then any flagged title is).
        let generated = "⟨generated⟩"
        let foundTitle = article.titleGenerated ? generated : fold(article.title)
        titles.add(found: [foundTitle], expected: [gold.title.map(fold) ?? generated])
        if foundTitle != (gold.title.map(fold) ?? generated) {
            lines.append("title: got «\(article.title)»\(article.titleGenerated ? " (generated)" : ""), want " + (gold.title.map { "«\($0)»" } ?? "a generated title"))
        }

        let foundDate = article.date?.description
        dates.add(found: Set([foundDate].compactMap { $0 }), expected: Set([gold.date].compactMap { $0 }))
        if foundDate != gold.date { lines.append("date: got \(foundDate ?? "none"), want \(gold.date ?? "none")") }

        let foundOrgs = Set(article.organizations.map { fold($0.name) }), wantOrgs = Set(gold.organisations.map(fold))
        organisations.add(found: foundOrgs, expected: wantOrgs)
        let extra = article.organizations.map(\.name).filter { !wantOrgs.contains(fold($0)) }
        let missing = gold.organisations.filter { !foundOrgs.contains(fold($0)) }
        if !extra.isEmpty { lines.append("organisations invented: " + extra.joined(separator: "، ")) }
        if !missing.isEmpty { lines.append("organisations missed: " + missing.joined(separator: "، ")) }

        countries.add(found: Set(article.countries), expected: Set(gold.countries))
        let extraC = Set(article.countries).subtracting(gold.countries), missC = Set(gold.countries).subtracting(article.countries)
        if !extraC.isEmpty || !missC.isEmpty { lines.append("countries: +\(extraC.sorted()) -\(missC.sorted())") }

        // Boilerplate: every furniture fragment found in the body is a false positive of the cleaner.
        let body = fold(article.body.map { block -> String in
            switch block { case .paragraph(let p), .subheading(let p): return p }
        }.joined(separator: "\n"))
        let left = gold.furniture.filter { body.contains(fold($0)) }
        furniture.fp += left.count
        furniture.tp += gold.furniture.count - left.count
        furniture.total += 1
        if left.isEmpty { furniture.right += 1 }
        if !left.isEmpty { lines.append("boilerplate left in body: " + left.map { "«\($0)»" }.joined(separator: ", ")) }

        if !lines.isEmpty { misses.append(name + "\n" + lines.map { "    " + $0 }.joined(separator: "\n")) }
    }

    func f(_ x: Double) -> String { String(format: "%.2f", x) }
    print("\(title): \(names.count) hand-annotated page texts (Tests/ImporterTests/Fixtures/\(folder.lastPathComponent))\n")
    print("field           P     R     F1    pages right")
    for (label, t) in [("titles", titles), ("dates", dates), ("organisations", organisations), ("countries", countries)] {
        print(label.padding(toLength: 15, withPad: " ", startingAt: 0) + " \(f(t.precision))  \(f(t.recall))  \(f(t.f1))  \(t.right)/\(t.total) (\(f(Double(t.right) / Double(max(t.total, 1)))))")
    }
    print("boilerplate     \(furniture.fp) furniture fragment\(furniture.fp == 1 ? "" : "s") left in bodies (of \(furniture.tp + furniture.fp) annotated)")
    print("\nmisses (\(misses.count) page\(misses.count == 1 ? "" : "s")):")
    print(misses.joined(separator: "\n"))
}

// The development set was written before any rule change (its first score is the blind one);
// rules were then improved looking at its misses. The held-out set was written after, and no
// rule was changed for it: it is the estimate for pages nobody here has seen.
let fixtures = root.appendingPathComponent("Tests/ImporterTests/Fixtures")
let sets: [(folder: String, title: String)] = [
    ("eval", "development set"),
    ("eval-heldout", "held-out set"),
    ("eval-heldout2", "second held-out set (written last, scored blind, then a few general fixes)"),
    ("eval-heldout3", "third held-out set (organisations; scored blind before the organisation rules changed)"),
    ("eval-heldout4", "fourth held-out set (organisations; written and scored blind before the organisation rules changed again)"),
    ("eval-heldout5", "fifth held-out set (6 pages; written after the fourth set's rules and scored once, blind)"),
    ("eval-heldout6", "sixth held-out set (6 pages; written after the fifth set's fixes and scored once, blind)"),
    ("eval-titles", "titles set (13 pages; headlines under menus, section labels, banners and taglines; written before the headline rules changed)"),
    ("eval-titles2", "second titles set (7 pages; written after the titles set's rules and scored once, blind)"),
    ("eval-heldout7", "seventh held-out set (14 pages; written by someone who never read or ran the importer, scored blind on main 0c3a001)"),
    ("eval-heldout8", "eighth held-out set (16 pages; written by someone who never read or ran the importer, scored blind on main 15173ec)"),
]
for set in sets {
    try evaluate(fixtures.appendingPathComponent(set.folder), title: set.title)
    print("")
}
print(try SavedPageEvaluation.run(importer: importer, folder: fixtures.appendingPathComponent("html")).report)
