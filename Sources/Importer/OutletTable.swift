import ArabicText
import ContentLoading
import Diagnostics
import Foundation
import Yams

/// A news outlet or wire agency: what the `source` field names.
public struct Outlet: Sendable, Hashable {
    /// The Arabic name written as `source` (جريدة الرياض).
    public var name: String
    /// Other ways a credit line names it: short names and wire abbreviations (و م ع، قنا).
    public var aliases: [String]
    /// Web domains without "www." (alriyadh.com); sub-domains match too.
    public var domains: [String]
    public var country: String?
    public var isAgency: Bool

    public init(name: String, aliases: [String] = [], domains: [String] = [], country: String? = nil, isAgency: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.domains = domains
        self.country = country
        self.isAgency = isAgency
    }
}

/// The known outlets from `content/sources.yaml`, found by web domain or by name.
public struct OutletTable: Sendable {
    public private(set) var outlets: [Outlet]
    private var byFoldedName: [String: Int] = [:]
    private var byDomain: [String: Int] = [:]
    /// Every name and alias, to find outlet names inside running text.
    private(set) var index = NameIndex<Int>()
    /// Agencies' one-word acronyms (واج، كونا), folded: a story may name the agency by them alone.
    private(set) var acronymIndex: [String: Int] = [:]
    /// Agencies' one-word short names, also those with the article (الأناضول), folded: named
    /// after a counterpart ("ونظيرتها التركية الأناضول").
    private(set) var aliasIndex: [String: Int] = [:]

    /// Agencies' Latin acronyms, read from their web domains (aps.dz → APS, wam.ae → WAM),
    /// lower-cased as the normaliser folds Latin: a story may name the agency by them alone.
    private(set) var latinAcronymIndex: [String: Int] = [:]

    public init(_ outlets: [Outlet] = []) {
        self.outlets = outlets
        for (i, outlet) in outlets.enumerated() {
            for name in [outlet.name] + outlet.aliases {
                let key = Self.fold(name)
                if !key.isEmpty, byFoldedName[key] == nil { byFoldedName[key] = i }
                // Abbreviations (قنا، و م ع) are matched in credit lines only, not in running text.
                if ArabicNormalizer.words(name).count >= 2 || name == outlet.name, !Self.isAbbreviation(name) {
                    index.add(name, value: i)
                }
            }
            for domain in outlet.domains { byDomain[domain.lowercased()] = i }
            if outlet.isAgency {
                for domain in outlet.domains {
                    let label = domain.lowercased().split(separator: ".").first.map(String.init) ?? ""
                    if (3...5).contains(label.count), label.allSatisfy({ $0.isASCII && $0.isLetter }), latinAcronymIndex[label] == nil {
                        latinAcronymIndex[label] = i
                    }
                }
                for alias in outlet.aliases where !alias.contains(" ") {
                    let key = ArabicNormalizer.normalize(alias)
                    if key.count >= 3, !key.hasPrefix("ال"), acronymIndex[key] == nil { acronymIndex[key] = i }
                    if key.count >= 3, aliasIndex[key] == nil { aliasIndex[key] = i }
                }
            }
        }
    }

    /// The outlet a whole piece of text names ("أخبارنا المغربية", "(و م ع)", "واس"), or nil.
    public func outlet(named text: String) -> Outlet? {
        let key = Self.fold(text)
        if let i = byFoldedName[key] { return outlets[i] }
        // "وكالة الأنباء القطرية (قنا)" and "الرياض -" style leftovers: try without the article's words.
        return nil
    }

    /// The outlet whose domain is the host of `url` or a parent of it (m.alriyadh.com → alriyadh.com).
    public func outlet(forURL url: String) -> Outlet? {
        guard let host = Self.host(of: url) else { return nil }
        var parts = host.split(separator: ".")
        while parts.count >= 2 {
            if let i = byDomain[parts.joined(separator: ".")] { return outlets[i] }
            parts.removeFirst()
        }
        return nil
    }

    /// The host of a web address without "www.", lower-cased; nil when it is not one.
    public static func host(of url: String) -> String? {
        guard let components = URLComponents(string: url.trimmingSpaces), let host = components.host?.lowercased(),
              host.contains(".") else { return nil }
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }

    /// Folding for credit lines: letters only, so "و.م.ع" "و م ع" and "(ومع)" all match.
    static func fold(_ text: String) -> String {
        ArabicNormalizer.words(text).joined()
    }

    /// Wire abbreviations: short, or made of one- and two-letter pieces (أ ش أ).
    static func isAbbreviation(_ name: String) -> Bool {
        let words = ArabicNormalizer.words(name)
        return words.allSatisfy { $0.count <= 2 } || (words.count == 1 && words[0].count <= 4)
    }

    // MARK: content/sources.yaml

    /// Reads `content/sources.yaml`: a list of `- name: … / aliases: [...] / domains: [...] /
    /// country: QA / agency: true`. A missing file is an empty table and a warning.
    public static func load(_ layout: SiteLayout) -> (OutletTable, [Diagnostic]) {
        let url = layout.content.appendingPathComponent("sources.yaml")
        let path = layout.display(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            return (OutletTable(), [.warning(at: SourceLocation(file: path), "no list of known outlets",
                                             hint: "create content/sources.yaml so that sources are named from web addresses and credit lines")])
        }
        do throws(Diagnostic) {
            return parse(try TextFile.read(url, displayPath: path), path: path)
        } catch {
            return (OutletTable(), [error])
        }
    }

    public static func parse(_ yaml: String, path: String) -> (OutletTable, [Diagnostic]) {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            return (OutletTable(), [.error(at: SourceLocation(file: path), "the list of outlets cannot be read: \(error)")])
        }
        guard let sequence = root?.sequence else {
            return (OutletTable(), root == nil ? [] : [.error(at: SourceLocation(file: path, line: 1, column: 1),
                                                              "\(path) must be a list of outlets, each starting with \"- name:\"")])
        }
        var outlets: [Outlet] = []
        var diagnostics: [Diagnostic] = []
        for item in sequence {
            let line = (item.mark?.line ?? 0)
            guard let mapping = item.mapping, let name = mapping["name"]?.string?.trimmingSpaces, !name.isEmpty else {
                diagnostics.append(.error(at: SourceLocation(file: path, line: line, column: 1), "each outlet needs a name:"))
                continue
            }
            func list(_ key: String) -> [String] {
                if let seq = mapping[key]?.sequence { return seq.compactMap { $0.string?.trimmingSpaces }.filter { !$0.isEmpty } }
                if let one = mapping[key]?.string?.trimmingSpaces, !one.isEmpty { return [one] }
                return []
            }
            outlets.append(Outlet(name: name, aliases: list("aliases"), domains: list("domains").map { $0.lowercased() },
                                  country: mapping["country"]?.string?.uppercased(), isAgency: mapping["agency"]?.bool ?? false))
        }
        return (OutletTable(outlets), diagnostics)
    }
}
