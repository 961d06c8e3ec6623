import Diagnostics
import Support
import Foundation
import Yams

/// One entry of `content/organizations.yaml`.
public struct OrganizationRecord: Sendable, Hashable, Codable {
    /// ASCII identifier used in URLs: organizations/<id>/.
    public var id: String
    public var name: String
    public var aliases: [String]
    /// ISO 3166-1 alpha-2, upper case.
    public var country: String?
    public var website: String?
    public var description: String?
    public var location: SourceLocation

    public static let fields = ["id", "name", "aliases", "country", "website", "description"]

    public init(id: String, name: String, aliases: [String] = [], country: String? = nil, website: String? = nil,
                description: String? = nil, location: SourceLocation) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.country = country
        self.website = website
        self.description = description
        self.location = location
    }
}

/// One entry of `content/countries.yaml`: a display name override and extra spellings.
public struct CountryRecord: Sendable, Hashable, Codable {
    public var code: String
    public var name: String?
    public var aliases: [String]
    public var location: SourceLocation

    public static let fields = ["code", "name", "aliases"]

    public init(code: String, name: String? = nil, aliases: [String] = [], location: SourceLocation) {
        self.code = code
        self.name = name
        self.aliases = aliases
        self.location = location
    }
}

/// Reads the lists of registry entries (`- id: …`) in organizations.yaml and countries.yaml.
enum RegistryParser {
    /// `lineOffset`: the lines before `text` in the file, when `text` is one entry of it.
    static func entries(_ text: String, path: String, allowedKeys: [String], what: String,
                        lineOffset: Int = 0) -> ([YAMLFields], [Diagnostic]) {
        if let refused = YAMLAliasGuard.diagnostic(in: text, file: path, lineOffset: lineOffset) { return ([], [refused]) }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            // One broken entry must not take the others with it (every organisation it lists
            // would then be "not in organizations.yaml"): each entry is read on its own, and
            // only the broken ones are reported and left out.
            let items = lineOffset == 0 ? topLevelItems(text) : []
            guard items.count > 1 else { return ([], [YAMLFields.diagnostic(for: error, file: path, lineOffset: lineOffset)]) }
            var all: [YAMLFields] = []
            var diagnostics: [Diagnostic] = []
            for (start, item) in items {
                let (fields, found) = entries(item, path: path, allowedKeys: allowedKeys, what: what, lineOffset: start)
                all += fields
                diagnostics += found
            }
            return (all, diagnostics)
        }
        guard let root else { return ([], []) }
        guard let sequence = root.sequence else {
            let mark = root.mark
            return ([], [.error(at: SourceLocation(file: path, line: (mark?.line ?? 1) + lineOffset, column: mark?.column ?? 1),
                                "\(path) must be a list of \(what), each starting with \"- \"")])
        }
        var all: [YAMLFields] = []
        var diagnostics: [Diagnostic] = []
        for item in sequence {
            guard let mapping = item.mapping else {
                diagnostics.append(.error(at: SourceLocation(file: path, line: (item.mark?.line ?? 1) + lineOffset, column: item.mark?.column ?? 1),
                                          "each entry in \(path) must be a group of fields (id:, name: …)"))
                continue
            }
            all.append(YAMLFields(mapping: mapping, file: path, lineOffset: lineOffset, allowedKeys: allowedKeys, what: "entry"))
        }
        return (all, diagnostics)
    }

    /// The entries of a registry file as texts, each from its "-" at the left margin to the
    /// next one, with the number of lines before it; the lines before the first are left out.
    static func topLevelItems(_ text: String) -> [(lineOffset: Int, text: String)] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        var items: [(lineOffset: Int, text: String)] = []
        var start: Int?
        for (i, line) in lines.enumerated() where line.hasPrefix("-") && !line.hasPrefix("---") {
            if let start { items.append((start, lines[start..<i].joined(separator: "\n"))) }
            start = i
        }
        if let start { items.append((start, lines[start...].joined(separator: "\n"))) }
        return items
    }

    static func organizations(_ text: String, path: String) -> ([OrganizationRecord], [Diagnostic]) {
        var (entries, diagnostics) = entries(text, path: path, allowedKeys: OrganizationRecord.fields, what: "organisations")
        var records: [OrganizationRecord] = []
        var seenIDs: [String: SourceLocation] = [:]
        for var fields in entries {
            let start = fields.entries.first?.keyLocation ?? SourceLocation(file: path, line: 1, column: 1)
            let id = fields.text("id")
            let name = fields.text("name")
            let country = fields.text("country")
            let website = fields.text("website")
            let record = OrganizationRecord(
                id: id?.value ?? "", name: name?.value ?? "", aliases: fields.list("aliases").map(\.value),
                country: country?.value.uppercased(), website: website?.value,
                description: fields.text("description")?.value, location: start)
            diagnostics += fields.diagnostics
            if let id {
                if !isValidID(id.value) {
                    diagnostics.append(.error(at: id.location, "the id \"\(id.value)\" cannot be used in a web address",
                                              hint: "use lower-case Latin letters, digits and hyphens, e.g. id: qatar-media-city"))
                } else if let first = seenIDs[id.value] {
                    diagnostics.append(.error(at: id.location, "the id \"\(id.value)\" is already used at \(first.description)",
                                              hint: "give each organisation its own id"))
                } else {
                    seenIDs[id.value] = id.location
                }
            } else {
                diagnostics.append(.error(at: start, "this organisation has no id", hint: "add  id: short-latin-name  (used in the page's address)"))
            }
            if name == nil {
                diagnostics.append(.error(at: start, "this organisation has no name", hint: "add  name: الاسم العربي الكامل"))
            }
            if let country, country.value.count != 2 || !country.value.allSatisfy({ $0.isASCII && $0.isLetter }) {
                diagnostics.append(.error(at: country.location, "country must be a two-letter ISO code, e.g. QA, SA, MA"))
            }
            if let website, !ArticleLoader.isWebAddress(website.value) {
                diagnostics.append(.error(at: website.location, "website must start with http:// or https://"))
            }
            records.append(record)
        }
        return (records, diagnostics)
    }

    static func countries(_ text: String, path: String) -> ([CountryRecord], [Diagnostic]) {
        var (entries, diagnostics) = entries(text, path: path, allowedKeys: CountryRecord.fields, what: "countries")
        var records: [CountryRecord] = []
        for var fields in entries {
            let start = fields.entries.first?.keyLocation ?? SourceLocation(file: path, line: 1, column: 1)
            guard let code = fields.text("code"), code.value.count == 2, code.value.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                diagnostics.append(.error(at: start, "each country needs  code:  with its two-letter ISO code (QA, PS, CN …)"))
                diagnostics += fields.diagnostics
                continue
            }
            records.append(CountryRecord(code: code.value.uppercased(), name: fields.text("name")?.value,
                                         aliases: fields.list("aliases").map(\.value), location: start))
            diagnostics += fields.diagnostics
        }
        return (records, diagnostics)
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 80 && id.first != "-" && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
        }
    }
}
