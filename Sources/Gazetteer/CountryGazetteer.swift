import ArabicText
import ContentLoading
import Foundation

/// Knows every country by its ISO code and by its Arabic names: ICU's names (Foundation's
/// `Locale`), the common variant spellings in `CountryVariants`, and the site's own overrides
/// and aliases from `content/countries.yaml`.
public struct CountryGazetteer: Sendable {
    /// Display names, by upper-case ISO code.
    public private(set) var names: [String: String] = [:]
    private var index = NameIndex<String>()

    /// ISO 3166-1 alpha-2 codes that ICU knows (excluding EU, UN, ZZ and other non-countries).
    public static let isoCodes: [String] = {
        let excluded: Set<String> = ["EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "XK"]
        return Locale.Region.isoRegions.map(\.identifier)
            .filter { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } && !excluded.contains($0) }
            .sorted()
    }()

    public init(overrides: [CountryRecord] = []) {
        let arabic = Locale(identifier: "ar")
        for code in Self.isoCodes {
            guard let name = arabic.localizedString(forRegionCode: code) else { continue }
            names[code] = name
            index.add(name, value: code)
        }
        // ICU's names for a few places are not what Arabic newsrooms write; these are the usual forms.
        for (code, name) in CountryVariants.displayNames { names[code] = name }
        for (code, spellings) in CountryVariants.spellings {
            for spelling in spellings { index.add(spelling, value: code) }
        }
        for (code, name) in names { index.add(name, value: code) }
        for record in overrides {
            if let name = record.name { names[record.code] = name; index.add(name, value: record.code) }
            for alias in record.aliases { index.add(alias, value: record.code) }
        }
    }

    /// The Arabic name to show for a code.
    public func name(for code: String) -> String {
        names[code.uppercased()] ?? code.uppercased()
    }

    /// The ISO code for what an editor wrote: a code (QA, qa) or an Arabic name in any
    /// spelling the gazetteer knows, after normalisation. Nil when nothing matches.
    public func code(for written: String) -> String? {
        let trimmed = written.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 2, trimmed.allSatisfy({ $0.isASCII && $0.isLetter }) {
            let code = trimmed.uppercased()
            return names[code] != nil ? code : nil
        }
        return index.lookup(trimmed)
    }

    /// The closest known name, for "did you mean" hints.
    public func suggestion(for written: String) -> String? {
        let normalized = ArabicNormalizer.normalize(written)
        let candidates = Dictionary(names.values.map { (ArabicNormalizer.normalize($0), $0) }, uniquingKeysWith: { a, _ in a })
        return EditDistance.closest(to: normalized, among: candidates.keys).flatMap { candidates[$0] }
    }
}
