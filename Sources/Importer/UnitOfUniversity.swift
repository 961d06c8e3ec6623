import ArabicText

/// A faculty, institute, centre or department named with the university it belongs to
/// ("كلية الإعلام بجامعة القاهرة", "كلية الآداب في جامعة عدن", "كلية الإعلام والاتصال – جامعة الملك
/// سعود", "جامعة بغداد كلية الإعلام") is one organisation: every university has a كلية الإعلام, so the
/// faculty's name alone would put several universities' faculties on one page. It is written as the
/// story attaches it (its ب or في kept); a dash or a university named first becomes ب. A faculty
/// named apart in a story that names one university, and no other, is that university's. The
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
    /// False for a faculty the story names apart from its university (read from the only one named).
    var attached = true
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
        // "وقعت جامعة عين شمس … لطلاب كلية الألسن", "كلية الإعلام بالجامعة ذاتها": a faculty in a story
        // that names one university, and no other, is that university's.
        let only = onlyUniversity(in: paragraphs)
        if let university = only {
            for (p, tokens) in paragraphs.enumerated() {
                var i = 0
                while i < tokens.count {
                    if !found[p].contains(where: { $0.range.contains(i) }), let unit = facultyOf(university, at: i, in: tokens) {
                        found[p].append(unit)
                        i = unit.range.upperBound
                    } else {
                        i += 1
                    }
                }
                found[p].sort { $0.range.lowerBound < $1.range.lowerBound }
            }
        }
        // The story's own attachment over one read from the story's only university, then the fullest.
        func key(_ unit: UnitOfUniversity) -> [[String]] {
            if let only, only.words.starts(with: unit.universityWords) || unit.universityWords.starts(with: only.words) { return [unit.unitWords, only.words] }
            return [unit.unitWords, unit.universityWords]
        }
        var chosen: [[[String]]: UnitOfUniversity] = [:]
        for unit in found.joined() {
            if let other = chosen[key(unit)], (other.attached ? 1 : 0, other.words.count) >= (unit.attached ? 1 : 0, unit.words.count) { continue }
            chosen[key(unit)] = unit
        }
        for p in found.indices {
            for k in found[p].indices {
                let best = chosen[key(found[p][k])]!
                found[p][k].name = best.name
                found[p][k].words = best.words
            }
        }
        return found
    }

    /// "كلية الإعلام بجامعة القاهرة", "… في جامعة دمشق", "… – جامعة الملك سعود", and a department
    /// through its faculty ("قسم الإعلام بكلية الفنون والإعلام في جامعة طرابلس").
    func unitThenUniversity(at i: Int, in tokens: [Token]) -> UnitOfUniversity? {
        guard let unit = unitName(at: i, in: tokens), !isBodyOfItsOwn(unit, in: tokens) else { return nil }
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
              let unit = unitName(at: e, in: tokens), !isBodyOfItsOwn(unit, in: tokens) else { return nil }
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

    /// The one university a story names (its short and full forms, جامعة اليرموك and جامعة اليرموك
    /// الأردنية, are one), by its fullest name and folded words; nil for none or several.
    func onlyUniversity(in paragraphs: [[Token]]) -> (name: String, words: [String])? {
        var universities: [(name: String, words: [String])] = []
        func add(_ name: String, _ words: [String]) {
            if let k = universities.firstIndex(where: { $0.words.starts(with: words) || words.starts(with: $0.words) }) {
                if words.count > universities[k].words.count { universities[k] = (name, words) }
            } else {
                universities.append((name, words))
            }
        }
        for tokens in paragraphs {
            for (k, token) in tokens.enumerated() {
                // "جامعتا القاهرة والأزهر": two.
                if Clitics.stems(of: token.norm).contains(where: { OrganizationLexicon.dualHeads[$0] == "جامعة" }) { return nil }
                if let university = universityName(at: k, in: tokens) { add(university.name, ArabicNormalizer.words(university.name)) }
            }
        }
        return universities.count == 1 ? universities[0] : nil
    }

    /// A faculty (or a department through its faculty: "قسم الإعلام في كلية الآداب") named apart from
    /// `university`, written with it: ب, or the story's ب or في before "the university" ("كلية الإعلام
    /// في الجامعة", "… بالجامعة ذاتها"). Institutes and centres are often bodies of their own, so not them.
    func facultyOf(_ university: (name: String, words: [String]), at i: Int, in tokens: [Token]) -> UnitOfUniversity? {
        guard let first = unitName(at: i, in: tokens) else { return nil }
        var name = first.name, end = first.range.upperBound
        var heads = [headWord(tokens[i])?.head ?? Self.departmentHead]
        let n = tokens.count
        // Through further units: "… في كلية الآداب", "… بكلية الآداب".
        while end < n, tokens[end - 1].joinsNext {
            let start = tokens[end].norm == "في" && tokens[end].joinsNext && end + 1 < n ? end + 1 : end
            guard let head = headWord(tokens[start]), Self.unitHeads.contains(head.head),
                  start > end ? ["", "ال"].contains(head.prefix) : ["ب", "بال"].contains(head.prefix),
                  let next = unitName(at: start, in: tokens) else { break }
            name += start > end ? " في " + next.name : " ب" + next.name
            heads.append(head.head)
            end = next.range.upperBound
        }
        guard heads.contains("كليه") else { return nil }
        // "… في الجامعة", "… بالجامعة ذاتها": the story's own link to the university it named.
        var link = " ب"
        if end < n, tokens[end - 1].joinsNext {
            var k = end
            if tokens[k].norm == "في", k + 1 < n, tokens[k].joinsNext { k += 1; link = " في " }
            if ["الجامعه", "بالجامعه"].contains(tokens[k].norm), (k > end) == (tokens[k].norm == "الجامعه") {
                end = k + 1
                if end < n, tokens[end - 1].joinsNext, ["ذاتها", "نفسها"].map(ArabicNormalizer.normalize).contains(tokens[end].norm) { end += 1 }
            } else {
                link = " ب"
            }
        }
        let written = name + link + university.name
        return UnitOfUniversity(name: written, words: ArabicNormalizer.words(written), range: i..<end,
                                unitWords: ArabicNormalizer.words(first.name), universityWords: university.words, attached: false)
    }

    /// "معهد الإعلام الأردني", "مركز الجزيرة للدراسات": an institute or a centre whose name has a
    /// country or a purpose in it is a body of its own, at a university rather than of it ("عقد معهد
    /// الإعلام الأردني في جامعة اليرموك ندوة"). A faculty or a department is always a university's.
    func isBodyOfItsOwn(_ unit: (name: String, range: Range<Int>), in tokens: [Token]) -> Bool {
        guard let head = headWord(tokens[unit.range.lowerBound])?.head, head == "معهد" || head == "مركز" else { return false }
        let words = Array(ArabicNormalizer.words(unit.name).dropFirst())
        return words.contains { $0.hasPrefix("لل") || $0.hasPrefix("ل") && !$0.hasPrefix("ال") } || !isGenericShaped(words.filter { $0.hasPrefix("ال") })
    }

    /// A university's name at i (جامعة القاهرة، الجامعة اللبنانية), without its clitics, and the clitics.
    /// Not the Arab League (جامعة الدول العربية، الجامعة العربية).
    func universityName(at i: Int, in tokens: [Token]) -> (name: String, range: Range<Int>, prefix: String)? {
        guard i < tokens.count, let head = headWord(tokens[i]), head.head == Self.universityHead,
              let c = nameShaped(at: i, in: tokens), c.range.lowerBound == i, c.range.count >= 2,
              !(OrganizationLexicon.namingGenitives[Self.universityHead]?.contains(c.words[1]) ?? false),
              !OrganizationLexicon.known.contains(where: { $0.spellings.contains { ArabicNormalizer.words($0) == ArabicNormalizer.words(c.name) } })
        else { return nil }
        let prefix = head.definite ? String(head.prefix.dropLast(2)) : head.prefix
        return (c.name, c.range, prefix)
    }
}
