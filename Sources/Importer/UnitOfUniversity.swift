import ArabicText

/// A faculty, institute, centre or department named with the university it belongs to
/// ("كلية الإعلام بجامعة القاهرة", "كلية الآداب في جامعة عدن", "كلية الإعلام والاتصال – جامعة الملك
/// سعود", "جامعة بغداد كلية الإعلام") is one organisation: every university has a كلية الإعلام, so the
/// faculty's name alone would put several universities' faculties on one page. It is written as the
/// story attaches it (its ب or في kept); a dash or a university named first becomes ب. The
/// university is an organisation of its own only where the story names it apart from the faculty.
struct UnitOfUniversity: Sendable, Equatable {
    var name: String
    var words: [String]
    /// The whole mention, unit and university, in its paragraph's tokens.
    var range: Range<Int>
    /// The first unit's and the university's folded words, without clitics: what makes two mentions
    /// ("قسم الإعلام بجامعة طرابلس", "قسم الإعلام بكلية الفنون والإعلام في جامعة طرابلس") one body.
    var unitWords: [String]
    var universityWords: [String]
}

extension OrganizationFinder {
    /// Heads of a university's units (faculties and colleges, institutes, centres), folded;
    /// a department (قسم), a common word, is read only in this construction.
    static let unitHeads: Set<String> = ["كليه", "معهد", "مركز"]
    static let departmentHead = "قسم"
    static let universityHead = "جامعه"

    /// Every unit-of-a-university mention of each paragraph, each body under one name: the fullest
    /// form the story gives (a department through its faculty), else the first (body first).
    func unitsOfUniversities(in paragraphs: [[Token]]) -> [[UnitOfUniversity]] {
        var found = paragraphs.map { tokens in
            var units: [UnitOfUniversity] = []
            var i = 0
            while i < tokens.count {
                if let unit = unitThenUniversity(at: i, in: tokens) ?? universityThenUnit(at: i, in: tokens) {
                    units.append(unit)
                    i = unit.range.upperBound
                } else {
                    i += 1
                }
            }
            return units
        }
        var chosen: [[[String]]: UnitOfUniversity] = [:]
        for unit in found.joined() {
            let key = [unit.unitWords, unit.universityWords]
            if let other = chosen[key], other.words.count >= unit.words.count { continue }
            chosen[key] = unit
        }
        for p in found.indices {
            for k in found[p].indices {
                let best = chosen[[found[p][k].unitWords, found[p][k].universityWords]]!
                found[p][k].name = best.name
                found[p][k].words = best.words
            }
        }
        return found
    }

    /// "كلية الإعلام بجامعة القاهرة", "… في جامعة دمشق", "… – جامعة الملك سعود", and a department
    /// through its faculty ("قسم الإعلام بكلية الفنون والإعلام في جامعة طرابلس").
    func unitThenUniversity(at i: Int, in tokens: [Token]) -> UnitOfUniversity? {
        guard let unit = unitName(at: i, in: tokens) else { return nil }
        let e = unit.range.upperBound, n = tokens.count
        guard e < n else { return nil }
        let gap = tokens[e - 1].gapAfter
        // The link: ب on the next word, في, or a dash; then a university, or another unit that has one.
        var start = e
        var link: String
        if gap.isEmpty, tokens[e].norm == "في", e + 1 < n, tokens[e].joinsNext {
            start = e + 1
            link = String(tokens[e].raw) + " "
        } else if gap.isEmpty || ["-", "–", "—"].contains(gap) {
            link = "ب"
        } else {
            return nil
        }
        let clitic = start == e && gap.isEmpty ? ["ب", "بال"] : ["", "ال"]
        if let university = universityName(at: start, in: tokens), clitic.contains(university.prefix) {
            let name = unit.name + " " + link + university.name
            return UnitOfUniversity(name: name, words: ArabicNormalizer.words(name), range: i..<university.range.upperBound,
                                    unitWords: ArabicNormalizer.words(unit.name), universityWords: ArabicNormalizer.words(university.name))
        }
        // "قسم الإعلام بكلية الفنون والإعلام في جامعة طرابلس": through another unit.
        guard link != "ب" || gap.isEmpty, let head = headWord(tokens[start]), Self.unitHeads.contains(head.head), clitic.contains(head.prefix),
              let inner = unitThenUniversity(at: start, in: tokens) else { return nil }
        let name = unit.name + " " + link + inner.name
        return UnitOfUniversity(name: name, words: ArabicNormalizer.words(name), range: i..<inner.range.upperBound,
                                unitWords: ArabicNormalizer.words(unit.name), universityWords: inner.universityWords)
    }

    /// "جامعة بغداد كلية الإعلام": the university first with no preposition, written "كلية الإعلام بجامعة بغداد".
    func universityThenUnit(at i: Int, in tokens: [Token]) -> UnitOfUniversity? {
        guard let university = universityName(at: i, in: tokens) else { return nil }
        let e = university.range.upperBound
        guard e < tokens.count, tokens[e - 1].joinsNext, let head = headWord(tokens[e]), head.prefix.isEmpty,
              let unit = unitName(at: e, in: tokens) else { return nil }
        let name = unit.name + " ب" + university.name
        return UnitOfUniversity(name: name, words: ArabicNormalizer.words(name), range: i..<unit.range.upperBound,
                                unitWords: ArabicNormalizer.words(unit.name), universityWords: ArabicNormalizer.words(university.name))
    }

    /// A faculty, institute or centre read as any name is, or a department: "قسم" and its definite
    /// genitive, coordinates included ("قسم الصحافة والإعلام"). The name without clitics.
    func unitName(at i: Int, in tokens: [Token]) -> (name: String, range: Range<Int>)? {
        let n = tokens.count
        if let head = headWord(tokens[i]), Self.unitHeads.contains(head.head) {
            guard let c = nameShaped(at: i, in: tokens), c.range == i..<c.range.upperBound, c.range.count >= 2 else { return nil }
            return (c.name, c.range)
        }
        guard Clitics.stems(of: tokens[i].norm).contains(Self.departmentHead), i + 1 < n, tokens[i].joinsNext else { return nil }
        var k = i + 1
        func wordOfName(_ t: String, first: Bool) -> Bool {
            let stem = first ? t : String(t.dropFirst())
            return (first ? t.hasPrefix("ال") : t.hasPrefix("وال")) && stem.count >= 4
                && !OrganizationLexicon.stopWords.contains(stem) && !OrganizationLexicon.foldedHeads.contains(String(stem.dropFirst(2)))
        }
        guard wordOfName(tokens[k].norm, first: true) else { return nil }
        k += 1
        // "قسم اللغة العربية", "قسم الإذاعة والتلفزيون": definite words and "and the …" after them.
        while k < n, k - i < 5, tokens[k - 1].joinsNext,
              wordOfName(tokens[k].norm, first: true) && (tokens[k].norm.hasSuffix("ه") || tokens[k].norm.hasSuffix("ي")) || wordOfName(tokens[k].norm, first: false) {
            k += 1
        }
        return ((["قسم"] + tokens[(i + 1)..<k].map { String($0.raw) }).joined(separator: " "), i..<k)
    }

    /// A university's name at i (جامعة القاهرة، الجامعة اللبنانية), without its clitics, and the clitics.
    func universityName(at i: Int, in tokens: [Token]) -> (name: String, range: Range<Int>, prefix: String)? {
        guard i < tokens.count, let head = headWord(tokens[i]), head.head == Self.universityHead,
              let c = nameShaped(at: i, in: tokens), c.range.lowerBound == i, c.range.count >= 2 else { return nil }
        let prefix = head.definite ? String(head.prefix.dropLast(2)) : head.prefix
        return (c.name, c.range, prefix)
    }
}
