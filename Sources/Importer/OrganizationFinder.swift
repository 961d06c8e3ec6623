import ArabicText
import Gazetteer
import ContentLoading

/// An organisation named by an article: a registry entry, or one found in the text.
public struct FoundOrganization: Sendable, Hashable {
    /// The registry's Arabic name for a known organisation; the full name as found for a new one.
    public var name: String
    /// The registry id, nil for an organisation the registry does not have yet.
    public var registryID: String?
    public var isNew: Bool { registryID == nil }

    public init(name: String, registryID: String?) {
        self.name = name
        self.registryID = registryID
    }
}

/// Finds the organisations a text names: registry entries by name and alias (clitics and
/// spelling variants included), and new ones by the shape of an Arabic institution's name
/// (وزارة …، المؤسسة العامة لـ…، منصة «…») or by a list of well-known names.
/// Persons and roles are never names here: "وزير الإعلام" does not name وزارة الإعلام.
public struct OrganizationFinder: Sendable {
    private let records: [OrganizationRecord]
    private var registry = NameIndex<Int>()
    private var known = NameIndex<String>()
    private var registryNames: [String: Int] = [:] // folded name or alias → record
    private let countries: CountryFinder

    public init(registry records: [OrganizationRecord], countries: CountryFinder) {
        self.records = records
        self.countries = countries
        for (i, record) in records.enumerated() {
            for name in [record.name] + record.aliases {
                registry.add(name, value: i)
                registryNames[ArabicNormalizer.words(name).joined(separator: " ")] = i
            }
        }
        for entry in OrganizationLexicon.known {
            for spelling in entry.spellings { known.add(spelling, value: entry.name) }
        }
    }

    public struct Result: Sendable {
        public var organizations: [FoundOrganization]
        /// Names left out on purpose, with why (for the report).
        public var notes: [String]
    }

    /// Organisations in plain text (each line a paragraph), given the article's countries.
    public func organizations(in text: String, countries articleCountries: [String]) -> Result {
        let paragraphs = text.split(separator: "\n").map { Tokenizer.tokens($0) }
        return organizations(in: paragraphs, countries: Set(articleCountries))
    }

    /// `home`: the country the story is filed from (its dateline), when known.
    func organizations(in paragraphs: [[Token]], countries articleCountries: Set<String>, home: String? = nil) -> Result {
        var found: [(order: (Int, Int), org: FoundOrganization, words: [String])] = []
        var notes: [String] = []
        var registrySpans: [[Range<Int>]] = Array(repeating: [], count: paragraphs.count)
        var registryWordLists: [[String]] = []
        // "كلية الإعلام بجامعة القاهرة": one organisation (UnitOfUniversity.swift).
        let units = unitsOfUniversities(in: paragraphs)

        // 1. The registry. A name qualified by another country once ("وزارة الإعلام الكويتية")
        // means the bare name elsewhere in the article is that country's too.
        var foreign = Set<String>()
        for tokens in paragraphs {
            for match in registry.matches(inWords: tokens.map(\.norm)) {
                if let other = qualifierCountry(after: match.wordRange.upperBound, in: tokens),
                   let own = records[match.value].country, other != own {
                    foreign.insert(ArabicNormalizer.words(match.name).joined(separator: " "))
                }
            }
        }
        for (p, tokens) in paragraphs.enumerated() {
            let words = tokens.map(\.norm)
            for match in registry.matches(inWords: words) {
                let record = records[match.value]
                if units[p].contains(where: { $0.range.overlaps(match.wordRange) && $0.range != match.wordRange }) { continue }
                // "وزارة الإعلام والثقافة والسياحة": the registry's short name continued by "and the …"
                // names a longer body, read by its shape below.
                if continuesWithCoordinate(after: match.wordRange.upperBound, in: tokens), isGenericShaped(Array(words[match.wordRange])) {
                    continue
                }
                if foreign.contains(ArabicNormalizer.words(match.name).joined(separator: " ")) {
                    continue // وزارة الإعلام الكويتية is not the registry's Saudi ministry
                }
                if let own = record.country, !articleCountries.isEmpty, !articleCountries.contains(own),
                   isGenericShaped(Array(words[match.wordRange])) {
                    registrySpans[p].append(match.wordRange)
                    // "مسقط - بحثت وزارة الإعلام …": a ministry named bare in a story filed from one
                    // country is that country's, written with its adjective (وزارة الإعلام العمانية).
                    let first = tokens[match.wordRange.lowerBound]
                    if let home, home != own, let (head, prefix, _) = headWord(first), head == "وزاره",
                       let base = CountryLexicon.demonyms[home]?.first {
                        let name = ([stripClitics(first.raw, prefix: prefix)] + tokens[(match.wordRange.lowerBound + 1)..<match.wordRange.upperBound].map { String($0.raw) })
                            .joined(separator: " ") + " ال" + base + "ة"
                        found.append(((p, match.wordRange.lowerBound), organization(named: name), ArabicNormalizer.words(name)))
                        continue
                    }
                    notes.append("«\(match.name)» is named, but the registry's «\(record.name)» (\(own)) is another country's: left out")
                    continue
                }
                registrySpans[p].append(match.wordRange)
                registryWordLists.append(ArabicNormalizer.words(match.name))
                found.append(((p, match.wordRange.lowerBound), FoundOrganization(name: record.name, registryID: record.id),
                              ArabicNormalizer.words(record.name)))
            }
        }

        // 2. Well-known names, then names shaped like an institution's.
        var candidates: [(order: (Int, Int), name: String, words: [String], range: Range<Int>, paragraph: Int, needsRepeat: Bool)] = []
        for (p, tokens) in paragraphs.enumerated() {
            let words = tokens.map(\.norm)
            var knownSpans: [Range<Int>] = []
            var knownAt: [Int: Int] = [:] // where a well-known name starts → one past its end
            for match in known.matches(inWords: words) where !registrySpans[p].contains(where: { $0.overlaps(match.wordRange) }) {
                knownSpans.append(match.wordRange)
                knownAt[match.wordRange.lowerBound] = match.wordRange.upperBound
                // The name as written ("منظمة الأمم المتحدة للتربية …") when an acronym follows it.
                var name = match.value
                if acronym(after: match.wordRange, in: tokens) != nil {
                    let first = tokens[match.wordRange.lowerBound]
                    let spelled = ArabicNormalizer.words(match.name).first ?? first.norm
                    name = stripClitics(first.raw, prefix: String(first.norm.prefix(max(0, first.norm.count - spelled.count))))
                    if match.wordRange.count > 1 { name += " " + tokens[(match.wordRange.lowerBound + 1)..<match.wordRange.upperBound].map { String($0.raw) }.joined(separator: " ") }
                }
                candidates.append(((p, match.wordRange.lowerBound), name, ArabicNormalizer.words(match.value), match.wordRange, p, false))
            }
            var i = 0
            while i < tokens.count {
                if let c = nameShaped(at: i, in: tokens, knownAt: knownAt) {
                    // "أكاديمية دويتشه فيله": a head before a well-known name makes another body.
                    var containsKnown = c.needsRepeat || !OrganizationLexicon.bodiesOfAKnownName.contains(Self.headStem(c.words.first) ?? "") ? [] : knownSpans.filter { c.range.lowerBound + 1 == $0.lowerBound && c.range.upperBound >= $0.upperBound }
                    // "الأمانة العامة لمجلس التعاون": the secretariat is named; the council is not, there.
                    if OrganizationLexicon.organsOfABody.contains(c.words.first ?? "") {
                        containsKnown += knownSpans.filter { c.range.lowerBound < $0.lowerBound && c.range.upperBound >= $0.upperBound }
                    }
                    if !containsKnown.isEmpty {
                        knownSpans.removeAll { span in containsKnown.contains(span) }
                        candidates.removeAll { $0.paragraph == p && containsKnown.contains($0.range) }
                    }
                    if !registrySpans[p].contains(where: { $0.overlaps(c.range) }), !knownSpans.contains(where: { $0.overlaps(c.range) }) {
                        candidates.append(((p, i), c.name, c.words, c.range, p, c.needsRepeat))
                    }
                    i = c.range.upperBound
                } else {
                    i += 1
                }
            }
        }
        // "وقعت وزارتا الإعلام والثقافة", "جامعتا قطر وحمد بن خليفة": a dual head names two bodies.
        for (p, tokens) in paragraphs.enumerated() {
            for k in tokens.indices where k + 2 < tokens.count {
                let stems = [tokens[k].norm] + Clitics.stems(of: tokens[k].norm)
                guard let singular = stems.lazy.compactMap({ OrganizationLexicon.dualHeads[$0] }).first,
                      tokens[k].joinsNext, tokens[k + 1].joinsNext,
                      !registrySpans[p].contains(where: { $0.contains(k) }) else { continue }
                let first = tokens[k + 1], second = tokens[k + 2]
                guard first.norm.count >= 3, !isStopIndefinite(first.norm), !OrganizationLexicon.stopWords.contains(first.norm),
                      second.norm.hasPrefix("و"), second.norm.count >= 4 else { continue }
                let secondStem = String(second.norm.dropFirst())
                // "والثقافة", or a proper name ("وعين شمس", "وحمد بن خليفة"), not a verb ("وأكدتا").
                guard secondStem.hasPrefix("ال") || !"تينا".contains(secondStem.first!) && !isHead(secondStem) else { continue }
                var secondEnd = k + 3
                var secondName = String(second.raw.dropFirst())
                if secondEnd + 1 < tokens.count, tokens[secondEnd - 1].joinsNext, tokens[secondEnd].norm == "بن", tokens[secondEnd].joinsNext {
                    secondName += " " + tokens[secondEnd].raw + " " + tokens[secondEnd + 1].raw
                    secondEnd += 2
                } else if !secondStem.hasPrefix("ال"), secondEnd < tokens.count, tokens[secondEnd - 1].joinsNext, isChainNoun(tokens[secondEnd].norm),
                          !"تينوبلفا".contains(tokens[secondEnd].norm.first!) {
                    secondName += " " + tokens[secondEnd].raw
                    secondEnd += 1
                }
                for (name, range) in [(singular + " " + first.raw, k..<(k + 2)), (singular + " " + secondName, (k + 2)..<secondEnd)] {
                    candidates.append(((p, range.lowerBound), name, ArabicNormalizer.words(name), range, p, false))
                }
            }
        }
        // "أطلقت منصة كاشف دليلا …، وقالت منصة كاشف إن …": a proper name read on into different words
        // at each mention is what its mentions share.
        var mentions: [[String]: [Int]] = [:]
        for k in candidates.indices where candidates[k].needsRepeat && candidates[k].words.count >= 2 && !candidates[k].name.contains("(") {
            mentions[[Self.headStem(candidates[k].words[0]) ?? "", candidates[k].words[1]], default: []].append(k)
        }
        for group in mentions.values where group.count >= 2 {
            let lists = group.map { Array(candidates[$0].words.dropFirst()) }
            var shared = lists[0].count
            for list in lists.dropFirst() {
                shared = min(shared, zip(lists[0], list).prefix(while: { $0 == $1 }).count)
            }
            for k in group where candidates[k].words.count > shared + 1 {
                candidates[k].words = Array(candidates[k].words.prefix(shared + 1))
                candidates[k].name = candidates[k].name.split(separator: " ").prefix(shared + 1).joined(separator: " ")
            }
        }
        // "مسقط - بحثت وزارة التعليم العالي …": a ministry named without its country, in a story filed
        // from one country, is that country's and is written with its adjective (وزارة التعليم العالي
        // العمانية), so that one ministry has one page whichever way stories name it. Not when the
        // story names it with its country elsewhere (the bare form is then that one, below).
        if let home, let base = CountryLexicon.demonyms[home]?.first {
            let ministry = ArabicNormalizer.normalize("وزارة")
            for k in candidates.indices where candidates[k].words.first == ministry && !candidates[k].needsRepeat {
                let words = candidates[k].words
                let tokens = words.map { Token(raw: Substring($0), norm: $0, gapAfter: "") }
                if words.indices.contains(where: { countryAt($0, in: tokens) != nil }) { continue }
                if candidates.contains(where: { $0.words.count > words.count && $0.words.starts(with: words) }) { continue }
                if registryWordLists.contains(where: { $0.count > words.count && $0.starts(with: words) }) { continue }
                let adjective = "ال" + base + "ة"
                candidates[k].name += " " + adjective
                candidates[k].words.append(ArabicNormalizer.normalize(adjective))
            }
        }
        // "منظمة الأمم المتحدة للتربية والعلم والثقافة (اليونسكو)": one organisation, written with
        // its acronym; the acronym or the short form alone elsewhere is the same body.
        var fullForms: [[String]: (name: String, words: [String])] = [:]
        for k in candidates.indices {
            guard let short = acronym(after: candidates[k].range, in: paragraphs[candidates[k].paragraph]) else { continue }
            candidates[k].name += " (" + short.raw + ")"
            // (The acronym also stands alone with the article: "(ألكسو)", then "الألكسو"; ألكسو folds
            // to a word that opens as the article does.)
            let bare = short.norm.hasPrefix("ال") ? String(short.norm.dropFirst(2)) : short.norm
            for key in [candidates[k].words, [short.norm], [bare], ["ال" + bare], ["ال" + short.norm]] where fullForms[key] == nil {
                fullForms[key] = (candidates[k].name, candidates[k].words)
            }
        }
        for k in candidates.indices {
            if let full = fullForms[candidates[k].words] ?? (candidates[k].words.count == 1 ? fullForms[[Clitics.stems(of: candidates[k].words[0]).first ?? ""]] : nil) {
                candidates[k].name = full.name
                candidates[k].words = full.words
            }
        }
        // "إذاعة قطر" and "الإذاعة القطرية": one state body, named by its country or described by
        // its adjective. The name with the country's name is its name.
        var stateNames: [String: (name: String, words: [String])] = [:]
        for c in candidates where c.words.count == 2 {
            let tokens = paragraphs[c.paragraph]
            if bareCountryAt(c.range.lowerBound + 1, in: tokens), let code = countryAt(c.range.lowerBound + 1, in: tokens),
               let head = Self.headStem(c.words.first) {
                stateNames[head + " " + code] = stateNames[head + " " + code] ?? (c.name, c.words)
            }
        }
        for k in candidates.indices where candidates[k].words.count == 2 && candidates[k].words[1].hasPrefix("ال") {
            let tokens = paragraphs[candidates[k].paragraph]
            guard let code = countryAt(candidates[k].range.lowerBound + 1, in: tokens), let head = Self.headStem(candidates[k].words.first),
                  let named = stateNames[head + " " + code] else { continue }
            candidates[k].name = named.name
            candidates[k].words = named.words
            candidates[k].needsRepeat = false
        }
        candidates.removeAll { c in units[c.paragraph].contains { $0.range.overlaps(c.range) } }
        candidates += units.enumerated().flatMap { p, list in list.map { ((p, $0.range.lowerBound), $0.name, $0.words, $0.range, p, false) } }
        // A name seen once with nothing to show it is a name ("مركز إعلامي متكامل") is dropped.
        var counts: [[String]: Int] = [:]
        for c in candidates { counts[c.words, default: 0] += 1 }
        var seen = Set<[String]>()
        var signatures = Set<Set<String>>(found.map { Self.signature($0.words) })
        let allNames = registryWordLists + candidates.map(\.words)
        for c in candidates.sorted(by: { $0.order < $1.order }) {
            // Seen again in a shorter or longer form ("وكالة أنباء شينخوا" in the headline,
            // "وكالة أنباء شينخوا الصينية" in the story) counts as seen twice.
            if c.needsRepeat && counts[c.words, default: 0] < 2
                && !namedAmongBodies(c.range, in: paragraphs[c.paragraph],
                                     bodies: registrySpans[c.paragraph] + candidates.filter { $0.paragraph == c.paragraph && $0.range != c.range }.map(\.range))
                && !candidates.contains(where: { other in
                    other.order != c.order && min(other.words.count, c.words.count) >= 3
                        && (other.words.starts(with: c.words) || c.words.starts(with: other.words))
                }) { continue }
            if isStateName(c.words) { continue }
            var registryID: String?
            var name = c.name
            if let i = registryNames[c.words.joined(separator: " ")] {
                // The registry's own name for another country's organisation (left out above).
                if records[i].country.map({ !articleCountries.contains($0) }) ?? false { continue }
                // "وزارة الخارجية في دولة قطر", read as "وزارة الخارجية القطرية": the registry's entry.
                registryID = records[i].id
                name = records[i].name
            }
            // "الوكالة الرسمية القطرية للأنباء": a description of an organisation of the same kind
            // already named, not another one.
            if c.words.contains(where: OrganizationLexicon.descriptiveAdjectives.contains),
               found.contains(where: { Self.headStem($0.words.first) == Self.headStem(c.words.first) }) { continue }
            // "الوكالة الرسمية للأنباء": with no place or proper word in it, a description of whichever
            // agency the story means, not a name.
            if c.words.first?.hasPrefix("ال") == true, c.words.contains(where: OrganizationLexicon.descriptiveAdjectives.contains),
               isGenericShaped(c.words) { continue }
            // "المجلس الأعلى للإعلام" in a headline, "المجلس الأعلى لتنظيم الإعلام" in the story: a name of
            // three words or more whose words are all in a longer name opening the same way is that body.
            if c.words.count >= 3, (allNames + found.map(\.words)).contains(where: { other in
                other.count > c.words.count && other.prefix(2) == c.words.prefix(2) && Self.signature(c.words).isSubset(of: Self.signature(other))
            }) { continue }
            // "الوكالة الجزائرية", "التلفزيون الأردني": a head and a nationality whose words are all
            // in a longer name of the article ("وكالة الأنباء الجزائرية", "مؤسسة الإذاعة والتلفزيون
            // الأردنية") name that body short.
            if c.words.count == 2, c.words[0].hasPrefix("ال"), c.words[1].hasSuffix("ي") || c.words[1].hasSuffix("يه") {
                let short = Self.signature(c.words)
                let unitNames = Set(units.joined().map(\.words)) // ("الجامعة اللبنانية" is not short for its faculty)
                if (allNames + found.map(\.words)).contains(where: { $0.count > 2 && !unitNames.contains($0) && short.isSubset(of: Self.signature($0)) }) { continue }
                // "المجموعة الصينية" after "مجموعة الصين للإعلام": the same head, and a nationality
                // whose country names the longer body right after its head.
                if let code = countryAt(0, in: [Token(raw: Substring(c.words[1]), norm: c.words[1], gapAfter: "")]),
                   (allNames + found.map(\.words)).contains(where: { other in
                       let tokens = other.map { Token(raw: Substring($0), norm: $0, gapAfter: "") }
                       return other.count > 2 && Self.headStem(other[0]) == Self.headStem(c.words[0])
                           && bareCountryAt(1, in: tokens) && countryAt(1, in: tokens) == code
                   }) { continue }
            }
            // "نقابة المحررين" after "نقابة محرري الصحافة اللبنانية": the same body, named short.
            if c.words.count == 2, c.words[1].hasPrefix("ال"), c.words[1].hasSuffix("ين") || c.words[1].hasSuffix("ون") {
                let construct = String(c.words[1].dropFirst(2).dropLast(2)) + "ي"
                let head = Self.headStem(c.words[0])
                if (allNames + found.map(\.words)).contains(where: { $0.count > 2 && Self.headStem($0[0]) == head && $0[1] == construct }) { continue }
            }
            // "وزارة الخارجية" after "وزارة الخارجية القطرية" is the same ministry, named short. (Not a
            // faculty named with its own university: "كلية الإعلام بجامعة …" is another faculty than
            // "كلية الإعلام والاتصال بجامعة …".)
            if allNames.contains(where: { $0.count > c.words.count && Array($0.prefix(c.words.count)) == c.words }),
               !(Self.headStem(c.words.first) == "كليه" && universityFollows(c.range, in: paragraphs[c.paragraph])) { continue }
            guard seen.insert(c.words).inserted else { continue }
            // "وكالة الأنباء الموريتانية" and "الوكالة الموريتانية للأنباء" are one agency.
            let signature = Self.signature(c.words)
            if !signatures.insert(signature).inserted { continue }
            found.append((c.order, FoundOrganization(name: name, registryID: registryID), c.words))
        }
        var result: [FoundOrganization] = []
        var names = Set<String>()
        for f in found.sorted(by: { $0.order < $1.order }) where names.insert(f.org.name).inserted {
            result.append(f.org)
        }
        return Result(organizations: result, notes: notes)
    }

    /// An acronym in parentheses right after a name: "… (اليونسكو)", "… (بترا)".
    func acronym(after range: Range<Int>, in tokens: [Token]) -> (raw: String, norm: String)? {
        let k = range.upperBound
        // In quotes too ('… "اليونسكو"'), written in parentheses as editors write it.
        let opening: Set<Substring> = ["(", "\"", "«", "“", "”"]
        guard k < tokens.count, range.upperBound > range.lowerBound, opening.contains(tokens[k - 1].gapAfter),
              let close = tokens[k].gapAfter.first, ")\"»”“".contains(close), !tokens[k].norm.allSatisfy(\.isNumber),
              tokens[k].norm.count >= 2 else { return nil }
        return (String(tokens[k].raw), tokens[k].norm)
    }

    // MARK: names shaped like an institution's

    struct Candidate { var name: String; var words: [String]; var range: Range<Int>; var needsRepeat: Bool }

    /// Reads a name headed by وزارة، هيئة، مؤسسة … at token i, or nil when the words there are
    /// a description ("مجموعة متنوعة من", "مركز إعلامي متكامل") rather than a name.
    func nameShaped(at i: Int, in tokens: [Token], knownAt: [Int: Int] = [:]) -> Candidate? {
        guard let (head, prefix, definite) = headWord(tokens[i]) else { return nil }
        var end = i + 1              // one past the last token of the name
        var needsRepeat = false
        var hasComplement = false
        var hasInstitutional = false
        var hasDemonym = false
        // After a nationality only adjectives go on, until a complement opens ("الجمعية المغربية لحقوق الإنسان").
        var adjectivesOnly = false
        var placeGenitive = false
        var properGenitive = false
        var quotedBrand: String?
        var institutionalCount = 0
        let n = tokens.count
        func joins(_ k: Int) -> Bool { k + 1 < n && tokens[k].joinsNext }

        if OrganizationLexicon.onlyOfAKnownName.contains(head) && (definite || knownAt[i + 1] == nil || !tokens[i].joinsNext) { return nil }
        // "وكيل الوزارة للإعلام الدولي", "استراتيجية الجامعة للتدويل": the body named before, then a
        // post's portfolio or a purpose. A body's name puts a word between the article's head and
        // its complement (الهيئة الوطنية للإعلام); no gold page or registry entry has one without.
        if definite, i + 1 < n, tokens[i].joinsNext, tokens[i + 1].norm.hasPrefix("لل") { return nil }
        // "الجمعية العمومية لنقابة الصحفيين", "المجلس التنفيذي للمنظمة …": an organ every body has,
        // of the body named after it, which is read there.
        if definite, i + 2 < n, tokens[i].joinsNext, tokens[i + 1].joinsNext,
           OrganizationLexicon.organsOfEveryBody.contains((head.hasPrefix("ال") ? head : "ال" + head) + " " + tokens[i + 1].norm),
           tokens[i + 2].norm.hasPrefix("ل"), !tokens[i + 2].norm.hasPrefix("ال"), headWord(tokens[i + 2]) != nil { return nil }
        // "مجلس إدارة وكالة …", "مجلس أمناء جامعة …", "مجلس إدارة الهيئة العامة …": a body's board
        // is that body's organ, not a body: the body is named after it, and read there.
        if Self.headStem(head) == "مجلس", i + 1 < n, tokens[i].joinsNext, OrganizationLexicon.boardGenitives.contains(tokens[i + 1].norm) { return nil }
        if !definite {
            // An indefinite head needs its genitive: وزارة الإعلام، جامعة قطر، منصة «إكس».
            guard end < n else { return nil }
            let gap = tokens[i].gapAfter
            if !gap.isEmpty {
                guard gap.unicodeScalars.allSatisfy({ "«\"“”'(".unicodeScalars.contains($0) }), gap.contains(where: { "«\"“”".contains($0) }) else { return nil }
                // A quoted name: منصة ”تيك توك“، شركة «نون».
                var k = end
                while k < n, k - end < 4, tokens[k].joinsNext { k += 1 }
                guard k < n, k - end < 4, tokens[k].gapAfter.contains(where: { "»\"“”".contains($0) }) else { return nil }
                end = k + 1
                quotedBrand = tokens[i + 1..<end].map { String($0.raw) }.joined(separator: " ")
            } else {
                let g = tokens[end]
                if g.norm.hasPrefix("لل") && !bareCountryAt(end, in: tokens) {
                    // "منصة للمحتوى الرقمي": an indefinite head with a purpose is a description.
                    return nil
                } else if PersonNameLexicon.namedAfterAPersonHeads.contains(head), let nameEnd = personName(from: end, in: tokens) {
                    // "مؤسسة سمير قصير", "جائزة محمد بن راشد للإعلام": a body named after a person.
                    end = nameEnd
                } else if head == PersonNameLexicon.prizeHead && !OrganizationLexicon.royalTitles.contains(g.norm) {
                    // A prize is a body only when named after someone ("جائزة الصحافة العربية" is an award).
                    return nil
                } else if let knownEnd = knownAt[end], OrganizationLexicon.bodiesOfAKnownName.contains(head) {
                    // A well-known name as the genitive: أكاديمية دويتشه فيله، أكاديمية بي بي سي.
                    // Only adjectives may follow it ("… الألمانية"), not a sentence.
                    end = knownEnd
                    while end < n, end - i < 8, tokens[end - 1].joinsNext, tokens[end].norm.hasPrefix("ال"),
                          tokens[end].norm.hasSuffix("يه") || tokens[end].norm.hasSuffix("ي"),
                          !OrganizationLexicon.stopWords.contains(tokens[end].norm) { end += 1 }
                    // …and one complement: "برنامج الأمم المتحدة للبيئة", "… لشؤون اللاجئين".
                    if end < n, tokens[end - 1].joinsNext, OrganizationLexicon.organsOfAKnownName.contains(head) {
                        let t = tokens[end].norm
                        if t.hasPrefix("لل"), t.count >= 5 { end += 1 }
                        else if t.hasPrefix("ل"), !t.hasPrefix("ال"), end + 1 < n, tokens[end].joinsNext,
                                tokens[end + 1].norm.hasPrefix("ال"), !OrganizationLexicon.stopWords.contains(tokens[end + 1].norm) { end += 2 }
                        // "بعثة الأمم المتحدة للدعم في ليبيا": a mission's country.
                        if end + 1 < n, tokens[end - 1].joinsNext, tokens[end].norm == "في", tokens[end].joinsNext, bareCountryAt(end + 1, in: tokens) { end += 2 }
                    }
                    let name = stripClitics(tokens[i].raw, prefix: prefix) + " " + tokens[(i + 1)..<end].map { String($0.raw) }.joined(separator: " ")
                    var folded = ArabicNormalizer.words(name)
                    folded[0] = head
                    return Candidate(name: name, words: folded, range: i..<end, needsRepeat: false)
                } else if g.norm.hasPrefix("ال"), !OrganizationLexicon.stopWords.contains(g.norm) {
                    end += 1
                    // جامعة الملك سعود، مركز الملك عبدالعزيز: a title, then a person's name.
                    if OrganizationLexicon.royalTitles.contains(g.norm) {
                        func isName(_ k: Int) -> Bool {
                            k < n && tokens[k - 1].joinsNext && !tokens[k].norm.hasPrefix("ال") && !isStopIndefinite(tokens[k].norm) && !isHead(tokens[k].norm)
                        }
                        if isName(end) {
                            end += 1
                            if end < n, tokens[end].norm == "بن", isName(end + 1) { end += 2 }
                        }
                    }
                } else if g.norm.hasPrefix("ل"), !g.norm.hasPrefix("لل"), !bareCountryAt(end, in: tokens) {
                    // "صندوق لدعم الصحفيين", "منصة لتلقي الشكاوى": a purpose, so a description.
                    return nil
                } else if bareCountryAt(end, in: tokens) {
                    // جامعة قطر، مجلس قطر للبحوث: a place names some heads on its own.
                    end += 1
                    placeGenitive = true
                    // (A channel or a radio named by its place is a broadcaster's name: قناة أبوظبي، إذاعة الكويت.)
                    if !OrganizationLexicon.placeNameHeads.contains(head) && !OrganizationLexicon.channelHeads.contains(head) { needsRepeat = true }
                    // "وكالة تونس إفريقيا للأنباء": a second place word, then the complement.
                    if end + 1 < n, tokens[end - 1].joinsNext, tokens[end].joinsNext, OrganizationLexicon.regions.contains(tokens[end].norm),
                       tokens[end + 1].norm.hasPrefix("لل") { end += 1 }
                } else if OrganizationLexicon.brandsAfterHead.contains(g.norm), OrganizationLexicon.mediaHeads.contains(head) {
                    // "شركة اتصالات كبرى": a brand that is also a word, described, is the word.
                    if end + 1 < n, g.joinsNext, isStopIndefinite(tokens[end + 1].norm) { return nil }
                    end += 1
                } else if !g.norm.hasPrefix("ال"), g.norm.count >= 3, !isStopIndefinite(g.norm), !isHead(g.norm),
                          end + 1 < n, g.joinsNext, tokens[end + 1].norm.hasPrefix("ال") && !OrganizationLexicon.stopWords.contains(tokens[end + 1].norm)
                            // ("وثقت مؤسسة سمكس الانتهاكات": a definite plural after a proper name is the verb's object.)
                            && !(["ات", "ين", "ون"].contains(where: tokens[end + 1].norm.hasSuffix) && tokens[end + 1].norm.count >= 7)
                            || end + 1 < n && g.joinsNext && countryAt(end + 1, in: tokens) != nil && !tokens[end + 1].norm.hasPrefix("ب") {
                    // A chain of genitives: وكالة أنباء البحرين، شبكة هيئات التنظيم.
                    end += 2
                } else if let chainEnd = chainOfNouns(from: end, in: tokens) {
                    // "لجنة وكلاء وزارات الإعلام", "اتحاد وكالات أنباء دول الخليج": nouns in a chain
                    // that ends on a definite one.
                    end = chainEnd
                } else if OrganizationLexicon.publishingHeads.contains(head) || OrganizationLexicon.bodiesOfAKnownName.contains(head),
                          isChainNoun(g.norm), end + 1 < n, g.joinsNext, tokens[end + 1].norm == "اليوم" {
                    // "دار أخبار اليوم": a paper's name ("أخبار اليوم") after a publisher's head.
                    end += 2
                } else if OrganizationLexicon.publishingHeads.contains(head), g.norm.count <= 2, g.norm.allSatisfy(\.isNumber),
                          end + 2 < n, g.joinsNext, ArabicDateReader.gregorianMonths[tokens[end + 1].norm] != nil, tokens[end + 1].joinsNext,
                          tokens[end + 2].norm.hasPrefix("لل") {
                    // "مؤسسة 14 أكتوبر للصحافة": a date is the name.
                    end += 2
                } else if ["جامعه", "كليه"].contains(head), !g.norm.hasPrefix("ال"), g.norm.count >= 3, !isStopIndefinite(g.norm), !isHead(g.norm),
                          !g.norm.hasSuffix("ه"), countryAt(end, in: tokens) == nil || bareCountryAt(end, in: tokens) {
                    // A university's proper name is its genitive: جامعة زايد، جامعة طرابلس، جامعة حمد بن خليفة.
                    end += 1
                    if end + 1 < n, tokens[end - 1].joinsNext, tokens[end].norm == "بن", tokens[end].joinsNext { end += 2 }
                    // "جامعة عين شمس", "جامعة بني سويف": a second word that is neither a verb
                    // ("جامعة زايد تطلق"), nor a clitic-led or function word.
                    // (Nor a future verb: "جامعة طرابلس سيشارك".)
                    else if end < n, tokens[end - 1].joinsNext, isChainNoun(tokens[end].norm), countryAt(end, in: tokens) == nil,
                            !"تينوبلفا".contains(tokens[end].norm.first!),
                            !(tokens[end].norm.hasPrefix("س") && "يتنا".contains(tokens[end].norm.dropFirst().first ?? " ") && tokens[end].norm.count >= 5) { end += 1 }
                } else if !g.norm.hasPrefix("ال"), g.norm.count >= 3, !isStopIndefinite(g.norm), !isHead(g.norm) {
                    // An indefinite genitive: a proper name (فضاءات ميديا، يونس إمره) or a
                    // description (إعلامي متكامل). Only repetition tells them apart.
                    end += 1
                    var extra = 0
                    while end < n, extra < 2, tokens[end - 1].joinsNext, !tokens[end].norm.hasPrefix("ال"),
                          !isStopIndefinite(tokens[end].norm), countryAt(end, in: tokens) == nil, tokens[end].norm.count >= 2,
                          !tokens[end].norm.hasPrefix("لل"),
                          !tokens[end].norm.hasPrefix("و") || tokens[end].norm.count > 4 {
                        end += 1; extra += 1
                    }
                    needsRepeat = true
                    // "جامعة خليفة للعلوم والتكنولوجيا": a complement after it makes a name.
                    if OrganizationLexicon.placeNameHeads.contains(head), extra == 0, !OrganizationLexicon.genericGenitives.contains("ال" + g.norm),
                       !Self.isVerbalNoun(g.norm), // "مركز تدريب للمصورين" describes a place
                       end < n, tokens[end - 1].joinsNext, tokens[end].norm.hasPrefix("لل") {
                        needsRepeat = false
                    }
                    properGenitive = true
                    // "إذاعة موزاييك أف أم", "راديو شمس إف إم": a station's name ends on its band.
                    for k in stride(from: max(i + 2, end - 2), through: min(end, n - 2), by: 1) where tokens[k - 1].joinsNext && tokens[k].joinsNext
                        && OrganizationLexicon.fmMarks.contains(tokens[k].norm + " " + tokens[k + 1].norm) {
                        end = k + 2
                        needsRepeat = false
                        break
                    }
                } else {
                    return nil
                }
                guard tokens[i].joinsNext else { return nil }
            }
        }
        // What follows: adjectives (الحكومي)، coordinated words (والابتكار)، complements (للأنباء).
        if quotedBrand == nil {
            var previousWasCoordinated = false
            var afterConstruct = false
            while end < n, end - i < 10, tokens[end - 1].joinsNext {
                let t = tokens[end].norm
                // "المركز الإفريقي لتدريب الصحفيين": after "ل" + a noun comes its genitive, plural or not.
                if afterConstruct, t.hasPrefix("ال"), !OrganizationLexicon.stopWords.contains(t), countryAt(end, in: tokens) == nil {
                    afterConstruct = false
                    end += 1
                    continue
                }
                afterConstruct = false
                // "وزارة … والعلاقات مع البرلمان": "relations with" names a portfolio; مع ends a name
                // everywhere else ("وقعت وزارة الإعلام مع …").
                // "المكتب الإعلامي لحكومة دبي", "هيئة الثقافة لإمارة الشارقة": ل + a government's noun +
                // a place is whose the body is, part of its name.
                if !hasComplement, end + 1 < n, tokens[end].joinsNext, OrganizationLexicon.governmentsOfAPlace.contains(t),
                   bareCountryAt(end + 1, in: tokens) || countryAt(end + 1, in: tokens) != nil && !tokens[end + 1].norm.hasPrefix("ال") {
                    end += 2
                    hasComplement = true
                    break
                }
                if t == "مع", end + 1 < n, tokens[end].joinsNext, ["العلاقات", "والعلاقات", "علاقات"].contains(tokens[end - 1].norm),
                   tokens[end + 1].norm.hasPrefix("ال"), !OrganizationLexicon.stopWords.contains(tokens[end + 1].norm) {
                    end += 2
                    previousWasCoordinated = false
                    continue
                }
                if OrganizationLexicon.stopWords.contains(t) || isHead(t) { break }
                // A ministry's name is its portfolio: a unit, a sector or a place after it ("… قطاع
                // الإعلام المرئي", "… لقطاع الإعلام", "… والقطاع الخاص", "… ومديرية الإعلام") is
                // where in it, or who else, not more of its name; and so is a complement after the
                // portfolio ("وكيل وزارة الإعلام لقطاع …، … للشؤون الفنية"), but for a minister of
                // state's ("وزارة الدولة لشؤون الإعلام"). (Not "الوزارة الاتحادية الألمانية للتعاون
                // الاقتصادي": with the article, the complement is the portfolio.)
                if head == "وزاره", !definite, end - i >= 2 {
                    if Self.isUnitOfABody(t) { break }
                    if t.hasPrefix("ل"), !t.hasPrefix("ال"), tokens[i + 1].norm != "الدوله" { break }
                    // "أشاد وكيل وزارة الثقافة والإعلام بالمبادرة": a noun with ب is the verb's, never
                    // an adjective of the ministry (a state after it, بالمملكة …، is read as its country).
                    if t.hasPrefix("بال"), countryAt(end, in: tokens) == nil, !["بالمملكه", "بالجمهوريه", "بالاماره"].contains(t) { break }
                }
                // Any body's name ends there too ("الهيئة العامة للإذاعة والتلفزيون والقطاع الخاص"), but
                // for a complement naming its task (المجلس الأعلى لقطاع الإعلام).
                if end - i >= 2, Self.isUnitOfABody(t), !t.hasPrefix("ل") { break }
                // "مركز التدريب التابع للاتحاد": a unit of a body named before, not a body to list;
                // "منصة واتش إت التابعة للشركة المتحدة …": the name ends before "التابعة".
                if t == "التابع" || t == "التابعه" {
                    // ("معهد الإذاعة والتلفزيون التابع للهيئة": a name of its own, more than a head and
                    // its task, is a body to list.)
                    if end - i <= 2, end + 1 < n, tokens[end].joinsNext, tokens[end + 1].norm.hasPrefix("لل"),
                       isHead("ال" + tokens[end + 1].norm.dropFirst(2)),
                       end + 2 >= n || !tokens[end + 1].joinsNext || !tokens[end + 2].norm.hasPrefix("ال") { return nil }
                    break
                }
                // "لتنظيم البث": ل + a verbal noun (تفعيل) is the purpose of a sentence, not part of a name.
                let purpose = t.hasPrefix("لت") && t.count >= 6 && (hasComplement || !definite)
                // A second complement after one ("… لتنظيم الإعلام لاتخاذ الإجراءات") is the sentence's purpose.
                let constructComplement = t.hasPrefix("ل") && !t.hasPrefix("ال") && !t.hasPrefix("لل") && !purpose && !hasComplement && end + 1 < n
                    && tokens[end].joinsNext && tokens[end + 1].norm.hasPrefix("ال") && (!definite || hasInstitutional)
                // "المركز الإعلامي للمعرض": the office of an event, not a body.
                if definite, OrganizationLexicon.eventComplements.contains(t) { return nil }
                if t.hasPrefix("لل") || constructComplement {
                    if countryAt(end, in: tokens) != nil && !t.hasPrefix("لل") { break }
                    hasComplement = hasComplement || t.hasPrefix("لل") || (definite && hasInstitutional)
                    afterConstruct = constructComplement
                    end += 1
                    previousWasCoordinated = false
                    adjectivesOnly = false
                    continue
                }
                if t.hasPrefix("وال") || t.hasPrefix("ولل") {
                    let stem = String(t.dropFirst())
                    // "الإذاعة والتلفزيون": broadcasting is one body; "جامعة قطر والمؤسسة العامة" are two.
                    let broadcast: Set<String> = ["التلفزيون", "الاذاعه", "التليفزيون", "التلفزه"]
                    // …when the two words stand together: "الإذاعة المصرية والتلفزيون المصري" are two bodies.
                    let afterBroadcast = ["الاذاعه", "التلفزيون", "التليفزيون", "للاذاعه", "للتلفزيون", "اذاعه", "تلفزيون", "والاذاعه", "والتلفزيون", "التلفزه", "للتلفزه", "والتلفزه", "تلفزه"]
                        .contains(tokens[end - 1].norm)
                    // "الصحافة المكتوبة والإلكترونية": "electronic" after another adjective is a kind of press.
                    let pairedAdjective = ["الالكترونيه", "الالكتروني"].contains(stem) && tokens[end - 1].norm.hasPrefix("ال")
                        && (tokens[end - 1].norm.hasSuffix("ه") || tokens[end - 1].norm.hasSuffix("ي")) && end - i >= 3
                    if isHead(stem) && !(broadcast.contains(stem) && afterBroadcast) || OrganizationLexicon.stopWords.contains(stem) && !pairedAdjective
                        || countryAt(end, in: tokens) != nil { break }
                    // "التلفزيون الجزائري والتلفزة التونسية": after a nationality, "and the …" is another body.
                    if adjectivesOnly { break }
                    end += 1
                    previousWasCoordinated = true
                    continue
                }
                // "وزارة الاتصالات وتكنولوجيا المعلومات": a coordinated construct inside a ministry's name.
                // "معهد الصحافة وعلوم الإخبار", "كلية الآداب وعلوم الإنسان": the same in a school's name.
                // "مؤسسة قطر للتربية والعلوم وتنمية المجتمع": and inside a list of complements, for any head.
                if ["وزاره", "هيئه"].contains(head) && t.count >= 7 || ["معهد", "كليه", "مركز", "جامعه", "مدرسه"].contains(head) && t.count >= 5
                    || hasComplement && previousWasCoordinated && t.count >= 5,
                   t.hasPrefix("و"), !t.hasPrefix("وال"), !t.hasSuffix("ات"), !isHead(String(t.dropFirst())), end + 1 < n, tokens[end].joinsNext,
                   tokens[end + 1].norm.hasPrefix("ال"), !OrganizationLexicon.stopWords.contains(tokens[end + 1].norm) {
                    end += 2
                    continue
                }
                // "الجامعة الأمريكية بالقاهرة": a university's city is part of its name.
                if head == "جامعه", t.hasPrefix("ب"), bareCountryAt(end, in: tokens) == false, countryAt(end, in: tokens) != nil {
                    end += 1
                    hasComplement = true
                    break
                }
                // "الجامعة الأميركية في بيروت": so is a place after في, once the university has a nationality.
                // "جامعة نورثويسترن في قطر": and after a university's own proper name (a branch campus),
                // not after a place that already names it ("جامعة قطر في …").
                if head == "جامعه", definite && hasDemonym || !definite && !placeGenitive && end - i >= 2,
                   t == "في", end + 1 < n, tokens[end].joinsNext, countryAt(end + 1, in: tokens) != nil {
                    end += 2
                    hasComplement = true
                    break
                }
                if t.hasPrefix("بال") {
                    guard previousWasCoordinated, !OrganizationLexicon.prepositionalStops.contains(t), countryAt(end, in: tokens) == nil else { break }
                    end += 1
                    continue
                }
                if t.hasPrefix("ال") {
                    // "كلية الألسن التدريب على …": a verbal noun (التفعيل) after a complete name is not an adjective.
                    if end - i >= 2, !previousWasCoordinated, t.count == 7, t.hasPrefix("الت"), Array(t)[5] == "ي" { break }
                    if let code = countryAt(end, in: tokens), !isDemonymOrCityWord(t, code) { break }
                    // "كرمت وزارة الإعلام الفائزين", "حذرت نقابة الإعلاميين القنوات": a plural after a
                    // complete name is the verb's object.
                    if end - i >= 2, t.hasSuffix("ين") || t.hasSuffix("ون") || t.hasSuffix("ات"), countryAt(end, in: tokens) == nil { break }
                    // "تابعت وزارة الإعلام الحدث": after a ministry's portfolio only its adjectives go on
                    // (العالي، الرقمي، الإسلامية، العامة، المستدامة); a noun is the verb's object.
                    if head == "وزاره", !definite, end - i >= 2, countryAt(end, in: tokens) == nil,
                       !OrganizationLexicon.institutionalAdjectives.contains(t), !t.hasSuffix("ي"), !t.hasSuffix("يه"),
                       !(t.hasPrefix("الم") && t.hasSuffix("ه")) { break }
                    // After a nationality only adjectives go on ("… المصرية الأردنية المشتركة"); a noun
                    // ("نقابة الصحفيين الأردنيين المواقع") is the verb's object.
                    if adjectivesOnly, countryAt(end, in: tokens) == nil, !OrganizationLexicon.institutionalAdjectives.contains(t),
                       !t.hasSuffix("يه"), !t.hasSuffix("ي"), !t.hasSuffix("كه"), !t.hasSuffix("له") { break }
                    if OrganizationLexicon.institutionalAdjectives.contains(t) { hasInstitutional = true; institutionalCount += 1 }
                    if countryAt(end, in: tokens) != nil { hasInstitutional = true; hasDemonym = true; adjectivesOnly = true }
                    end += 1
                    previousWasCoordinated = false
                    continue
                }
                break
            }
        }
        // "جامعة الجزائر 3", "جامعة قسنطينة 1": a university's number is part of its name.
        if head == "جامعه", end < n, end - i >= 2, tokens[end - 1].joinsNext, tokens[end].norm.count <= 2,
           tokens[end].norm.allSatisfy(\.isNumber) { end += 1 }
        let words = tokens[i..<end].map(\.norm)
        guard end - i >= 2 else { return nil }
        if OrganizationLexicon.genericNames.contains(words.joined(separator: " ")) { return nil }
        if OrganizationLexicon.internetPhrases.contains(words.joined(separator: " ")) { return nil }
        // "شبكة مراسلي الوكالة": a name that ends on "the agency" points back to one named before.
        if let last = words.last, end - i >= 3, last.hasPrefix("ال"), OrganizationLexicon.foldedHeads.contains(String(last.dropFirst(2))) { return nil }
        // A committee is a body of its own when two parties share it (اللجنة … المشتركة), or when
        // its name says more than its task: "لجنة التنسيق الإعلامي الحكومي", "لجنة وكلاء وزارات
        // الإعلام", "اللجنة الأولمبية القطرية"; "لجنة التدريب بالنقابة" is a body's working group.
        if head == "لجنه", !words.contains(where: { $0.hasSuffix("مشتركه") }),
           !(words.count >= 4 || words.count == 3 && (hasInstitutional || hasDemonym)) { return nil }
        // "إذاعة مونت كارلو الدولية": a proper name with an institutional adjective is a name.
        // ("مجلس إدارة وكالة …" is not: a generic genitive, then another body's head.)
        if properGenitive, hasInstitutional, !words.dropFirst().contains(where: isHead) { needsRepeat = false }
        // "الجامعة المستنصرية", "الجامعة الهاشمية": a university named by its adjective.
        var namedUniversity = false
        if head == "جامعه", definite, words.count == 2, words[1].hasSuffix("يه"), words[1].count >= 7,
           !OrganizationLexicon.descriptiveAdjectives.contains(words[1]), !OrganizationLexicon.stopWords.contains(words[1]) {
            namedUniversity = true
            hasInstitutional = true
        }
        // A state's broadcaster ("التلفزيون المصري") and a faculty ("كلية الإعلام") are named by
        // what follows the head alone.
        if definite, OrganizationLexicon.broadcastHeads.contains(head), hasDemonym { hasInstitutional = true }
        if head == "كليه" { needsRepeat = false }
        // "دار" is also a verb ("دار النقاش حول …"): a short name with it must be seen twice.
        if head == "دار", end - i < 3 { needsRepeat = true }
        // مكتب دبي الإعلامي: a place and an adjective after it make a name.
        if placeGenitive, end - i >= 3 { needsRepeat = false }
        if definite {
            // "المؤسسة العامة للحي الثقافي", "الهيئة السعودية للبيانات": an institutional word or a
            // لل complement; "المنصة العالمية لمقاطع الفيديو" is a description.
            guard hasInstitutional || hasComplement else { return nil }
            // A state's broadcaster ("التلفزيون المصري") or university ("الجامعة اللبنانية").
            let stateBroadcaster = (OrganizationLexicon.broadcastHeads.contains(head) || head == "جامعه") && hasDemonym || namedUniversity
                || OrganizationLexicon.broadcastHeads.contains(head) && words.count == 2 && OrganizationLexicon.nationalAdjectives.contains(words[1])
            // ("المجلس الوطني الاتحادي": two institutional adjectives make a name seen once.)
            if !hasComplement && (!hasDemonym || end - i <= 2) && !stateBroadcaster && head != "كليه" && institutionalCount < 2 { needsRepeat = true }
        } else if end - i == 2, quotedBrand == nil, head != "وزاره", head != "كليه" {
            let genitive = words[1]
            // "مركز الأخبار في جامعة السلطان قابوس": a university's centre is named by its task.
            let ofAUniversity = ["مركز", "معهد", "كليه"].contains(head) && end < n && tokens[end - 1].joinsNext
                && (["بجامعه", "بالجامعه"].contains(tokens[end].norm)
                    || tokens[end].norm == "في" && end + 1 < n && tokens[end].joinsNext && tokens[end + 1].norm.hasSuffix("جامعه"))
            if OrganizationLexicon.genericGenitives.contains(genitive), !ofAUniversity,
               !(OrganizationLexicon.namingGenitives[head]?.contains(genitive) ?? false) { return nil }
            // "منصة الوزارة", "مكتبة الجامعة": a body's platform or library, the body named before.
            if isHead(genitive), !OrganizationLexicon.broadcastHeads.contains(String(genitive.dropFirst(2))), !ofAUniversity { return nil }
        }
        // "دائرة الاهتمام الإعلامي", "مجمع المحاكم", "راديو السيارة": heads that are also common words
        // name a body only with a genitive that is no common phrase, a complement or a title (مجمع الملك
        // سلمان …, مجمع اللغة العربية); a radio named by a definite word must be seen twice.
        if OrganizationLexicon.commonWordHeads.contains(head), !definite, i + 1 < n {
            let genitive = tokens[i + 1].norm
            if OrganizationLexicon.genericGenitives.contains(genitive) { return nil }
            if head == "مجمع", !hasComplement, !OrganizationLexicon.royalTitles.contains(genitive), genitive != "اللغه" { return nil }
            if head == "راديو", genitive.hasPrefix("ال") { needsRepeat = true }
        }
        // "مدينة دبي للإعلام": a city is a body only with what it is for ("مدينة الرياض" is a city).
        if head == OrganizationLexicon.cityHead && !hasComplement { return nil }
        // "شبكة إعلاميون من أجل صحافة استقصائية عربية (أريج)": a proper name seen once that runs on,
        // without punctuation or another body's head, to an acronym in parentheses is named by all of it.
        if !definite, needsRepeat, quotedBrand == nil {
            var k = end
            while k < n, k - i < 10, tokens[k - 1].joinsNext, !isHead(tokens[k].norm), headWord(tokens[k]) == nil { k += 1 }
            if k > end, k < n, tokens[k - 1].gapAfter.contains("("), acronym(after: i..<k, in: tokens) != nil,
               tokens[k].norm.count <= 6 {
                end = k
                needsRepeat = false
            }
        }
        // The name as written, without the clitics on its first word.
        var name = stripClitics(tokens[i].raw, prefix: prefix)
        // منصة "مسبار"، مؤسسة «فرنسا ميديا موند»: the quoted name is the organisation's name.
        if let quotedBrand {
            return Candidate(name: quotedBrand, words: ArabicNormalizer.words(quotedBrand), range: i..<end, needsRepeat: false)
        }
        else if end > i + 1 { name += " " + tokens[(i + 1)..<end].map { String($0.raw) }.joined(separator: " ") }
        // "وزارة الإعلام في دولة الكويت" is "وزارة الإعلام الكويتية", the form registries use.
        if head == "وزاره", !hasDemonym, let adjective = stateAdjective(after: end, in: tokens) { name += " " + adjective }
        var folded = ArabicNormalizer.words(name)
        if folded.first != head && !definite { folded[0] = head }
        return Candidate(name: name, words: folded, range: i..<end, needsRepeat: needsRepeat)
    }

    /// "بدعم من الاتحاد الأوروبي ومؤسسة مهارات", "مدربون من مؤسسة مهارات ومن وكالة الصحافة
    /// الفرنسية", "بالتعاون مع مؤسسة مهارات": a name seen once is a body's when it stands in a list
    /// with another body, or as the partner of a cooperation. (Not a verbal noun, "مركز تدريب".)
    func namedAmongBodies(_ range: Range<Int>, in tokens: [Token], bodies: [Range<Int>]) -> Bool {
        let lower = range.lowerBound, upper = range.upperBound, n = tokens.count
        if range.count >= 2, Self.isVerbalNoun(tokens[lower + 1].norm) { return false }
        // A list item ends at punctuation or at the next "and" ("… ومؤسسة مهارات."), not inside a
        // sentence ("ووكالة شينخوا تبحثان تبادل الخبرات").
        let endsAnItem = upper == n || !tokens[upper - 1].joinsNext || tokens[upper].norm.hasPrefix("و")
        // After another body: "… الأوروبي ومؤسسة …".
        if endsAnItem, tokens[lower].norm.hasPrefix("و"), lower > 0, tokens[lower - 1].joinsNext,
           bodies.contains(where: { $0.upperBound == lower }) { return true }
        // Before another: "… مهارات ووكالة …", "… مهارات ومن وكالة …".
        if upper < n, tokens[upper - 1].joinsNext {
            if tokens[upper].norm.hasPrefix("و"), bodies.contains(where: { $0.lowerBound == upper }) { return true }
            if ["ومن", "وفي", "ومع"].contains(tokens[upper].norm), tokens[upper].joinsNext,
               bodies.contains(where: { $0.lowerBound == upper + 1 }) { return true }
        }
        // The partner of a cooperation, a grant or a coordination.
        if endsAnItem, lower >= 2, tokens[lower - 2].joinsNext, tokens[lower - 1].joinsNext {
            let cue = tokens[lower - 2].norm + " " + tokens[lower - 1].norm
            if ["بالتعاون مع", "بالشراكه مع", "بالتنسيق مع", "بدعم من", "بتمويل من", "برعايه من"].contains(cue) { return true }

        }
        return false
    }

    /// "كلية الإعلام بجامعة …", "… في الجامعة اللبنانية": the university a faculty belongs to, right after its name.
    func universityFollows(_ range: Range<Int>, in tokens: [Token]) -> Bool {
        let k = range.upperBound
        guard k < tokens.count, tokens[k - 1].joinsNext else { return false }
        if ["بجامعه", "بالجامعه"].contains(tokens[k].norm) { return true }
        return tokens[k].norm == "في" && k + 1 < tokens.count && tokens[k].joinsNext && ["جامعه", "الجامعه"].contains(tokens[k + 1].norm)
    }

    /// A unit, sector or place of a body, bare or after و، ب، ل or the article (قطاع، والقطاع،
    /// لقطاع، ومديرية، بمحافظة): where inside a body, not a word of its name.
    static func isUnitOfABody(_ norm: String) -> Bool {
        if OrganizationLexicon.unitsOfABody.contains(norm) { return true }
        for prefix in ["وال", "بال", "لل", "ال", "و", "ب", "ل"] where norm.hasPrefix(prefix) {
            if OrganizationLexicon.unitsOfABody.contains(String(norm.dropFirst(prefix.count))) { return true }
        }
        return false
    }

    /// A verbal noun of the pattern تفعيل (تدريب، تطوير، تأهيل): what a place does, not its name.
    static func isVerbalNoun(_ norm: String) -> Bool {
        norm.count == 5 && norm.hasPrefix("ت") && Array(norm)[3] == "ي"
    }

    /// A head noun without its article: "الوكالة" and "وكالة" are one kind of body.
    static func headStem(_ word: String?) -> String? {
        guard let word else { return nil }
        return word.hasPrefix("ال") ? String(word.dropFirst(2)) : word
    }

    /// An organisation by its full name (an agency's name from the outlet table): the registry's
    /// entry when it has one, a new organisation otherwise.
    public func organization(named name: String) -> FoundOrganization {
        if let i = registryNames[ArabicNormalizer.words(name).joined(separator: " ")] {
            return FoundOrganization(name: records[i].name, registryID: records[i].id)
        }
        return FoundOrganization(name: name, registryID: nil)
    }

    /// A name's content words without article, clitics and ta marbuta, in any order.
    static func signature(_ words: [String]) -> Set<String> {
        Set(words.map { word in
            var w = Substring(word)
            for prefix in ["وال", "بال", "لل", "ال"] where w.hasPrefix(prefix) && w.count > prefix.count + 2 { w = w.dropFirst(prefix.count); break }
            if w.hasSuffix("ه") && w.count > 3 { w = w.dropLast() }
            return String(w)
        })
    }

    /// The head noun in a word, the clitic prefix before it, and whether it carries the article.
    func headWord(_ token: Token) -> (head: String, prefix: String, definite: Bool)? {
        for head in OrganizationLexicon.foldedHeads where token.norm.hasSuffix(head) {
            let prefix = String(token.norm.dropLast(head.count))
            if prefix.isEmpty { return (head, "", head.hasPrefix("ال")) }
            guard Clitics.stems(of: token.norm).contains(head) || Clitics.stems(of: token.norm).contains("ال" + head) else { continue }
            // (A head listed with its article, الإدارة، الأمانة، is definite after و or ب too.)
            let definite = head.hasPrefix("ال") || prefix.hasSuffix("ال") || prefix.hasSuffix("لل")
            guard ["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "ال", "وال", "بال", "لل", "ولل", "فال", "فلل", "كال", "وبال", "وكال", "فبال"].contains(prefix) else { continue }
            return (head, prefix, definite)
        }
        return nil
    }

    /// A noun that may stand in a chain of genitives without the article: not a function word,
    /// an adjective, a number or a head noun.
    private func isChainNoun(_ norm: String) -> Bool {
        !["ال", "وال", "بال", "لل", "فال", "كال"].contains(where: norm.hasPrefix) && norm.count >= 3 && !isStopIndefinite(norm) && !isHead(norm)
            && !OrganizationLexicon.indefiniteStops.contains(norm) && !norm.contains(where: \.isNumber)
    }

    /// A person's name opening at `start` (a given name, then "بن …" links or one family name):
    /// one past its end. "سمير قصير", "محمد بن راشد", "عبد الله بن حمد", "سلمان الصباح" (the
    /// family's definite name is left to the adjectives that may follow).
    func personName(from start: Int, in tokens: [Token]) -> Int? {
        let n = tokens.count
        var k = start
        if tokens[k].norm == "عبد", k + 1 < n, tokens[k].joinsNext, tokens[k + 1].norm.hasPrefix("ال") { k += 2 }
        else if PersonNameLexicon.givenNames.contains(tokens[k].norm) { k += 1 }
        else { return nil }
        func namePart(_ j: Int) -> Bool {
            j < n && tokens[j - 1].joinsNext && tokens[j].norm.count >= 2 && !tokens[j].norm.hasPrefix("ال") && !isStopIndefinite(tokens[j].norm)
                && !isHead(tokens[j].norm) && !OrganizationLexicon.indefiniteStops.contains(tokens[j].norm) && !tokens[j].norm.contains(where: \.isNumber)
                && countryAt(j, in: tokens) == nil
        }
        // "محمد الخامس", "الحسن الثاني": a king's ordinal is part of his name.
        if k < n, tokens[k - 1].joinsNext, OrganizationLexicon.ordinals.contains(tokens[k].norm) { return k + 1 }
        var parts = 0
        while k < n, parts < 4, tokens[k - 1].joinsNext {
            if PersonNameLexicon.joiners.contains(tokens[k].norm), k + 1 < n, tokens[k].joinsNext {
                k += 1
                if tokens[k].norm == "عبد", k + 1 < n, tokens[k].joinsNext, tokens[k + 1].norm.hasPrefix("ال") { k += 2 }
                else if namePart(k) || tokens[k].norm.hasPrefix("ال") && !OrganizationLexicon.stopWords.contains(tokens[k].norm) { k += 1 }
                else { k -= 1; break }
                parts += 1
                continue
            }
            // One family name after the given name ("سمير قصير", "جبران تويني"), not a word opening
            // with a clitic preposition or a conjunction.
            // A word opening as a present-tense verb does ("جامعة زايد تطلق") only when it is a
            // nisba (تويني) or a given name itself.
            let w = tokens[k].norm
            if parts == 0, namePart(k), !["بال", "لل", "كال", "فال", "و"].contains(where: w.hasPrefix),
               !"تين".contains(w.first!) || w.hasSuffix("ي") || PersonNameLexicon.givenNames.contains(w),
               !w.hasSuffix("ا") || PersonNameLexicon.givenNames.contains(w) { // "أطلقت جامعة زايد برنامجا": an object
                k += 1
                parts += 1
                continue
            }
            break
        }
        return k
    }

    /// Two or three indefinite nouns joined in a chain, then a definite noun (not a stop word or a
    /// country): one past its end. After the first, no noun may look like a verb or carry a
    /// preposition (ت، ي، ن، ل، ب، ف).
    private func chainOfNouns(from start: Int, in tokens: [Token]) -> Int? {
        var k = start
        while k < tokens.count, k - start < 3, tokens[k].joinsNext, isChainNoun(tokens[k].norm),
              k == start || !"تينلبف".contains(tokens[k].norm.first!) { k += 1 }
        guard k - start >= 2, k < tokens.count, tokens[k].norm.hasPrefix("ال"), !OrganizationLexicon.stopWords.contains(tokens[k].norm),
              countryAt(k, in: tokens) == nil else { return nil }
        return k + 1
    }

    /// "… والثقافة والسياحة" right after a name: a coordinated word that continues it (not
    /// another body, a country, or a plural object).
    func continuesWithCoordinate(after k: Int, in tokens: [Token]) -> Bool {
        guard k < tokens.count, k > 0, tokens[k - 1].joinsNext else { return false }
        let t = tokens[k].norm
        guard t.hasPrefix("وال"), t.count >= 6 else { return false }
        let stem = String(t.dropFirst())
        return !isHead(stem) && !OrganizationLexicon.stopWords.contains(stem) && countryAt(k, in: tokens) == nil && !Self.isUnitOfABody(t)
            && !stem.hasSuffix("ات") && !stem.hasSuffix("ين") && !stem.hasSuffix("ون")
    }

    private func isHead(_ norm: String) -> Bool {
        OrganizationLexicon.foldedHeads.contains(norm) || (norm.hasPrefix("ال") && OrganizationLexicon.foldedHeads.contains(String(norm.dropFirst(2))))
    }

    private func isStopIndefinite(_ norm: String) -> Bool {
        ["من", "في", "علي", "الي", "عن", "مع", "او", "ان", "قد", "هو", "هي", "هذا", "هذه", "ذلك", "تلك", "لها", "له", "لهم", "بين",
         "كل", "بعض", "عدد", "احد", "احدي", "تابعه", "تابع", "جديد", "جديده", "متخصصه", "متخصص", "كبيره", "كبير", "عالميه", "عالمي",
         "محليه", "محلي", "دوليه", "دولي", "عربيه", "عربي", "رائده", "رائد", "ناشئه", "واحده", "اخري", "اخر", "ثانيه", "حكوميه", "حكومي",
         "خاصه", "خاص", "عامه", "عام", "متكامل", "متكامله", "متنوعه", "مختلفه", "مشترك", "مشتركه", "اعلامي", "اعلاميه", "رقمي", "رقميه",
         "سمو", "معالي", "سعاده", "الرئيس", "الكترونيه", "الكتروني", "كبري", "عملاقه", "ضخمه", "افريقيه", "اوروبيه", "امريكيه", "اسيويه"].contains(norm)
            || norm.hasSuffix("يه") && norm.count >= 5 && !norm.hasPrefix("ال") // nisba adjectives: إعلامية، تقنية
            || norm.hasPrefix("م") && norm.hasSuffix("ه") && norm.count >= 6 // participles: متنوعة، متكاملة، مشتركة
    }

    /// The country a word starts (a name, a demonym or a city), if any.
    private func countryAt(_ k: Int, in tokens: [Token]) -> String? {
        let window = Array(tokens[k..<min(tokens.count, k + 3)])
        for found in countries.mentions(in: window) where found.range.lowerBound == 0 {
            if case .country(let code, _) = found.entry { return code }
            if case .omanOrAmman = found.entry { return "OM" }
        }
        return nil
    }

    /// A country or city named by the word itself, not after a clitic ("لبنان", not "ل" + "بنان";
    /// "قطر", not "بقطر").
    private func bareCountryAt(_ k: Int, in tokens: [Token]) -> Bool {
        let window = Array(tokens[k..<min(tokens.count, k + 3)])
        return countries.mentions(in: window).contains { found in
            guard found.range.lowerBound == 0 else { return false }
            switch found.entry {
            case .country, .omanOrAmman: return ArabicNormalizer.words(found.name).first == tokens[k].norm
            default: return false
            }
        }
    }

    private func isDemonymOrCityWord(_ norm: String, _ code: String) -> Bool {
        // القطرية, السعودية (demonym or adjective) continue a name; بالغابون, في الدوحة do not.
        !norm.hasPrefix("ب") && !norm.hasPrefix("ل") && !norm.hasPrefix("و")
    }

    /// A country qualifier right after a registry match: a demonym, or ب/في + a country.
    private func qualifierCountry(after k: Int, in tokens: [Token]) -> String? {
        guard k < tokens.count, tokens[k - 1].joinsNext else { return nil }
        if tokens[k].norm == "في", k + 1 < tokens.count { return countryAt(k + 1, in: tokens) }
        return countryAt(k, in: tokens)
    }

    /// A name made only of head nouns and definite common words (مكتب الاتصال الحكومي) could be
    /// any country's; one with a place or a proper word in it (جامعة قطر، كتارا) could not.
    func isGenericShaped(_ words: [String]) -> Bool {
        for (k, word) in words.enumerated() {
            let window = words.suffix(from: k).prefix(3).map { Token(raw: Substring($0), norm: $0, gapAfter: "") }
            if countries.mentions(in: window).contains(where: { $0.range.lowerBound == 0 }) { return false }
            let isDefinite = ["ال", "لل", "وال", "بال", "ولل"].contains { word.hasPrefix($0) }
            // The first word as written, with its clitics: "ووزارة الإعلام" is as generic as "وزارة الإعلام".
            let isHeadWithClitic = k == 0 && headWord(Token(raw: Substring(word), norm: word, gapAfter: "")) != nil
            if !(isDefinite || isHead(word) || isHeadWithClitic) { return false }
        }
        return true
    }

    /// Words a state's official name opens with (دولة الكويت، اتحاد جزر القمر), folded.
    static let statehood: Set<String> = ["دوله", "المملكه", "مملكه", "سلطنه", "جمهوريه", "الجمهوريه", "اماره", "اتحاد"]

    /// "اتحاد جزر القمر"، "دولة الكويت": a state's official name, which is a country, not an organisation.
    func isStateName(_ words: [String]) -> Bool {
        guard words.count >= 2, Self.statehood.contains(words[0]) else { return false }
        let tokens = words.map { Token(raw: Substring($0), norm: $0, gapAfter: "") }
        return countries.mentions(in: tokens).contains { $0.range == 0..<words.count || $0.range == 1..<words.count }
    }

    /// "في دولة الكويت"، "بالمملكة العربية السعودية" right after a ministry's name: the country's
    /// adjective, feminine as وزارة is ("الكويتية").
    private func stateAdjective(after k: Int, in tokens: [Token]) -> String? {
        guard k < tokens.count, tokens[k - 1].joinsNext else { return nil }
        var j = k
        let statehood = Self.statehood
        if tokens[j].norm == "في" {
            j += 1
            if j < tokens.count, statehood.contains(tokens[j].norm), tokens[j - 1].joinsNext { j += 1 }
        } else if ["بدوله", "بالمملكه", "بسلطنه", "بجمهوريه", "باتحاد"].contains(tokens[j].norm) {
            j += 1
        } else {
            return nil
        }
        guard j < tokens.count, tokens[j - 1].joinsNext else { return nil }
        // "في الجمهورية العربية السورية": the statehood word may open the country's full name.
        guard let code = (j > k + 1 ? countryAt(j - 1, in: tokens) : nil) ?? countryAt(j, in: tokens),
              let base = CountryLexicon.demonyms[code]?.first else { return nil }
        return "ال" + base + "ة"
    }

    /// "للمؤسسة" → "المؤسسة", "لوزارة" → "وزارة", "بكتارا" → "كتارا", keeping the journalist's letters.
    private func stripClitics(_ raw: Substring, prefix: String) -> String {
        guard !prefix.isEmpty else { return String(raw) }
        var drop = prefix.count
        var restoreArticle = false
        if prefix.hasSuffix("لل") { drop = prefix.count; restoreArticle = true }
        else if prefix.hasSuffix("ال") { drop = prefix.count - 2 }
        var scalars = Substring.UnicodeScalarView(raw.unicodeScalars)
        while drop > 0, let first = scalars.first {
            scalars.removeFirst()
            if !(0x064B...0x065F).contains(first.value) && first.value != 0x0640 { drop -= 1 }
        }
        while let first = scalars.first, (0x064B...0x065F).contains(first.value) { scalars.removeFirst() }
        return (restoreArticle ? "ال" : "") + String(scalars)
    }
}
