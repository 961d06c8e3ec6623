import Diagnostics

/// What the import did with one input, for the editor to read.
public struct ImportReport: Sendable {
    public var input: String
    public var outcome: ImportOutcome
    public var article: ImportedArticle?
    /// Why the input could not be imported.
    public var errors: [Diagnostic]

    public init(input: String, outcome: ImportOutcome, article: ImportedArticle?, errors: [Diagnostic] = []) {
        self.input = input
        self.outcome = outcome
        self.article = article
        self.errors = errors
    }

    /// A few lines per file: where it went, title, date, countries, organisations (new ones
    /// marked), then the warnings.
    public var text: String {
        var lines: [String] = []
        switch outcome {
        case .written(let path): lines.append("\(input) → \(path) (written)")
        case .overwritten(let path): lines.append("\(input) → \(path) (overwritten, --force)")
        case .unchanged(let path): lines.append("\(input) → \(path) (unchanged: already imported)")
        case .refused(let path, let reason): lines.append("\(input) → \(path) NOT WRITTEN: \(reason)")
        case .failed: lines.append("\(input) FAILED: " + errors.map(\.message).joined(separator: "; "))
        }
        guard let a = article else { return lines.joined(separator: "\n") }
        func field(_ name: String, _ value: String) { lines.append("  " + name.padding(toLength: 15, withPad: " ", startingAt: 0) + value) }
        field("title:", a.title + (a.titleGenerated ? "   [generated: check it]" : ""))
        if let kicker = a.kicker { field("kicker:", kicker) }
        if !a.highlights.isEmpty { field("highlights:", "\(a.highlights.count)") }
        field("date:", a.date?.description ?? "— none")
        if let dateline = a.dateline { field("dateline:", dateline) }
        field("source:", [a.source, a.sourceURL].compactMap { $0 }.joined(separator: "  ").ifEmpty("— none"))
        field("countries:", a.countries.joined(separator: ", ").ifEmpty("— none"))
        field("organisations:", a.organizations.map { $0.isNew ? "\($0.name) [new]" : $0.name }.joined(separator: "، ").ifEmpty("— none"))
        for warning in a.warnings { lines.append("  warning: " + warning) }
        if !a.checks.isEmpty {
            lines.append("  warning: check these fields, guessed weakly:")
            for check in a.checks { lines.append("    - " + check.field + (check.item.map { " «\($0)»" } ?? "") + ": " + check.reason) }
        }
        return lines.joined(separator: "\n")
    }

    /// The closing lines: counts, and the new organisations to add to the registry.
    public static func summary(_ reports: [ImportReport]) -> String {
        var counts: [String: Int] = [:]
        for r in reports {
            switch r.outcome {
            case .written: counts["written", default: 0] += 1
            case .overwritten: counts["overwritten", default: 0] += 1
            case .unchanged: counts["unchanged", default: 0] += 1
            case .refused: counts["refused", default: 0] += 1
            case .failed: counts["failed", default: 0] += 1
            }
        }
        let order = ["written", "overwritten", "unchanged", "refused", "failed"]
        var text = "imported \(reports.count) file\(reports.count == 1 ? "" : "s"): "
            + order.compactMap { key in counts[key].map { "\($0) \(key)" } }.joined(separator: ", ")
        var newNames: [String] = []
        for r in reports { for o in r.article?.organizations ?? [] where o.isNew && !newNames.contains(o.name) { newNames.append(o.name) } }
        if !newNames.isEmpty {
            text += "\nnew organisations (add them to content/organizations.yaml): " + newNames.joined(separator: "، ")
        }
        return text
    }
}

extension String {
    fileprivate func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
