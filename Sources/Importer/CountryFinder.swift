import ArabicText
import ContentLoading
import Foundation
import Gazetteer

/// Finds the countries a text names: by name in any spelling the gazetteer and the lexicon
/// know, by nationality adjective (القطرية، المغاربة) and by capital or big city (أنقرة،
/// ليبروفيل). Regions (الخليج، المغرب العربي) are matched too, so that the country words
/// inside them are not counted.
public struct CountryFinder: Sendable {
    enum Evidence: Sendable, Hashable { case name, demonym, city }
    enum Entry: Sendable, Hashable {
        case country(String, Evidence)
        /// Not a country; matched only to hide the country words it contains.
        case region
        /// A country name that is also a common word: counts only after a cue (جمهورية مالي).
        case ambiguous(String)
        /// عمان: Oman or Jordan's capital, decided from the rest of the text.
        case omanOrAmman
    }

    /// One place where a country is named.
    public struct Mention: Sendable, Hashable {
        public var code: String
        /// Token range in the text the finder was given.
        public var tokens: Range<Int>
        /// Weak mentions (an adjective spelt like another word, an ambiguous name) count only
        /// when the same country is also named plainly somewhere in the text.
        public var isWeak: Bool
    }

    private var index = NameIndex<Entry>()
    /// Codes the site knows, so nothing outside the gazetteer is ever written.
    private let knownCodes: Set<String>

    public init(gazetteer: CountryGazetteer = CountryGazetteer(), overrides: [CountryRecord] = []) {
        knownCodes = Set(gazetteer.names.keys)
        var table: [String: (name: String, entry: Entry)] = [:] // by folded name; first writer wins
        func put(_ name: String, _ entry: Entry) {
            let key = ArabicNormalizer.normalize(name)
            guard !key.isEmpty, table[key] == nil else { return }
            table[key] = (name, entry)
        }
        for region in CountryLexicon.regions { put(region, .region) }
        put("عمان", .omanOrAmman)
        for (word, code) in CountryLexicon.ambiguousNames { put(word, .ambiguous(code)) }
        for record in overrides {
            if let name = record.name { put(name, .country(record.code, .name)) }
            for alias in record.aliases { put(alias, .country(record.code, .name)) }
        }
        for (code, names) in CountryVariants.spellings.sorted(by: { $0.key < $1.key }) {
            for name in names { put(name, .country(code, .name)) }
        }
        let arabic = Locale(identifier: "ar")
        for code in gazetteer.names.keys.sorted() {
            put(gazetteer.name(for: code), .country(code, .name))
            if let icu = arabic.localizedString(forRegionCode: code) { put(icu, .country(code, .name)) }
        }
        for (code, names) in CountryLexicon.demonymForms.sorted(by: { $0.key < $1.key }) {
            for name in names { put(name, .country(code, .demonym)) }
        }
        for (code, cities) in CountryLexicon.cities.sorted(by: { $0.key < $1.key }) {
            for city in cities { put(city, .country(code, .city)) }
        }
        for (code, bases) in CountryLexicon.demonyms.sorted(by: { $0.key < $1.key }) {
            for base in bases {
                for ending in ["", "ة", "ون", "ين", "يون", "يين", "ات"] {
                    put(base + ending, .country(code, .demonym))
                }
            }
        }
        for (_, value) in table.sorted(by: { $0.key < $1.key }) {
            index.add(value.name, value: value.entry)
        }
    }

    /// ISO codes named in `text`, in the order they are first named.
    public func countries(in text: String) -> [String] {
        countries(in: [Tokenizer.tokens(text)])
    }

    /// ISO codes named in the paragraphs, in order of first mention, weak mentions kept only
    /// when backed by a plain one. `masked` token ranges (outlet names …) are skipped.
    func countries(in paragraphs: [[Token]], masked: [[Range<Int>]] = []) -> [String] {
        var all: [(paragraph: Int, mention: Mention)] = []
        var omanHints = (oman: false, jordan: false)
        var pendingAmman: [(paragraph: Int, tokens: [Token], range: Range<Int>)] = []
        for (p, tokens) in paragraphs.enumerated() {
            let hidden = p < masked.count ? masked[p] : []
            for found in mentions(in: tokens) {
                if hidden.contains(where: { $0.overlaps(found.range) }) { continue }
                switch found.entry {
                case .country(let code, _):
                    if code == "OM" { omanHints.oman = true }
                    if code == "JO" { omanHints.jordan = true }
                    all.append((p, Mention(code: code, tokens: found.range, isWeak: found.weak)))
                case .ambiguous(let code):
                    all.append((p, Mention(code: code, tokens: found.range, isWeak: !hasCue(before: found.range.lowerBound, in: tokens))))
                case .omanOrAmman:
                    pendingAmman.append((p, tokens, found.range))
                case .region:
                    break
                }
            }
        }
        // عمان alone: Oman only where the text means the country.
        for (p, tokens, range) in pendingAmman {
            let raw = tokens[range.lowerBound].raw
            let code: String
            if raw.unicodeScalars.contains("\u{0651}") { code = "JO" }          // عمّان: the city
            else if raw.unicodeScalars.contains("\u{064F}") { code = "OM" }     // عُمان: the country
            else if nextToGulfState(range, in: tokens) { code = "OM" }
            else if omanHints.oman && !omanHints.jordan { code = "OM" }
            else { code = "JO" }
            all.append((p, Mention(code: code, tokens: range, isWeak: false)))
        }
        all.sort { ($0.paragraph, $0.mention.tokens.lowerBound) < ($1.paragraph, $1.mention.tokens.lowerBound) }
        let strong = Set(all.filter { !$0.mention.isWeak }.map(\.mention.code))
        var seen = Set<String>(), ordered: [String] = []
        for (_, mention) in all where knownCodes.contains(mention.code) && strong.contains(mention.code) {
            if seen.insert(mention.code).inserted { ordered.append(mention.code) }
        }
        return ordered
    }

    struct Found {
        var entry: Entry
        var range: Range<Int>
        var weak: Bool
        /// The name as the index holds it (to tell "لبنان" from "ب" + "نان").
        var name: String
    }

    /// Every match in one paragraph, with the per-word checks applied.
    func mentions(in tokens: [Token]) -> [Found] {
        let words = tokens.map(\.norm)
        var result: [Found] = []
        var languageEnds = -1 // "باللغة الفرنسية والإسبانية": the words after a language are languages too
        for match in index.matches(inWords: words) {
            if case .region = match.value, ArabicNormalizer.words(match.name).first == "اللغه" { languageEnds = match.wordRange.upperBound }
            if match.wordRange.lowerBound == languageEnds, words[match.wordRange.lowerBound].hasPrefix("و") {
                languageEnds = match.wordRange.upperBound
                continue
            }
            var weak = false
            if case .country(_, let evidence) = match.value, evidence == .demonym {
                let first = match.wordRange.lowerBound
                let last = match.wordRange.upperBound - 1
                // A surname (محمد المصري) or a given name (تركي آل الشيخ) is not a country.
                if first > 0, tokens[first - 1].joinsNext, CountryLexicon.givenNamesFolded.contains(tokens[first - 1].norm) { continue }
                // An adjective agrees with its noun: "الوفد المصري", "نظيره القبرصي". A definite
                // adjective after an indefinite word is a family name: "أحمد المصري"، "جمال سند السويدي".
                if first > 0, tokens[first - 1].joinsNext, Self.isDefinite(tokens[first].norm), isFamilyNameContext(tokens[first - 1].norm) { continue }
                if match.wordRange.count == 1, !tokens[first].norm.hasPrefix("ال"), last + 1 < tokens.count,
                   ["بن", "ال", "ابن"].contains(tokens[last + 1].norm), tokens[first].joinsNext { continue }
                // اليمنى (the right one), مجرى (a stream): spelt with ى these are other words.
                if tokens[last].raw.unicodeScalars.last == "\u{0649}" { weak = true }
            }
            result.append(Found(entry: match.value, range: match.wordRange, weak: weak, name: match.name))
        }
        return result
    }

    static func isDefinite(_ word: String) -> Bool {
        ["ال", "وال", "بال", "لل", "فال", "كال", "ولل"].contains { word.hasPrefix($0) }
    }

    /// The word before a definite nationality adjective, when it cannot be the noun the
    /// adjective describes: indefinite, no possessive ending, not a particle or a number.
    private func isFamilyNameContext(_ previous: String) -> Bool {
        if Self.isDefinite(previous) || previous.allSatisfy(\.isNumber) { return false }
        if ["ه", "ها", "هم", "هما", "نا", "كم", "ي"].contains(where: { previous.hasSuffix($0) }) && previous.count > 3 { return false }
        let particles: Set<String> = ["في", "من", "الي", "علي", "عن", "مع", "و", "او", "ثم", "بين", "ان", "قال", "اكد", "اعلن", "اوضح",
                                      "وقال", "واكد", "واضاف", "اضاف", "مع", "لدي", "عبر", "ضد", "نحو", "حول", "هو", "هي", "اما", "كما", "بعد", "قبل"]
        if particles.contains(previous) { return false }
        // Nouns that take a definite adjective after their own genitive are rare; person names are not.
        return previous.count >= 3
    }

    private func hasCue(before index: Int, in tokens: [Token]) -> Bool {
        guard index > 0 else { return false }
        return Clitics.stems(of: tokens[index - 1].norm).contains { CountryLexicon.countryCuesFolded.contains($0) }
    }

    /// عمان in a list of Gulf states (قطر وعمان والكويت) is the Sultanate.
    private func nextToGulfState(_ range: Range<Int>, in tokens: [Token]) -> Bool {
        let gulf: Set<String> = ["قطر", "الكويت", "البحرين", "الامارات", "السعوديه", "الرياض", "مسقط", "الخليج"]
        for i in [range.lowerBound - 1, range.upperBound] where i >= 0 && i < tokens.count {
            if Clitics.stems(of: tokens[i].norm).contains(where: gulf.contains) { return true }
        }
        return false
    }
}

extension CountryLexicon {
    static let givenNamesFolded: Set<String> = Set(givenNames.map(ArabicNormalizer.normalize))
    static let countryCuesFolded: Set<String> = Set(countryCues.map(ArabicNormalizer.normalize))
}
