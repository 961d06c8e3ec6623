import ArabicText
import Foundation

/// The lines above the story: which is the headline, the kicker above it, the highlights
/// under it, and which are other stories' headlines (navigation) to drop.
public struct Headline: Sendable, Hashable {
    public var title: String?
    public var kicker: String?
    public var highlights: [String]
    /// Lines dropped as navigation or repeats, with their line numbers.
    public var dropped: [Removal]
    /// Line number of the headline (to tell header dates above it from those under it).
    public var titleLine: Int?
    /// How much the headline looks like this story's (0…1): its words shared with the story and
    /// with the source address. Nil when no line was taken as the headline.
    public var score: Double? = nil
}

/// What the headline is chosen with besides the page's lines: the outlets (a site's name is not
/// a headline) and the source address, whose path usually carries the headline's words.
public struct HeadlineContext: Sendable {
    public var outlets: OutletTable
    public var sourceURL: String?

    public init(outlets: OutletTable = OutletTable(), sourceURL: String? = nil) {
        self.outlets = outlets
        self.sourceURL = sourceURL
    }
}

public enum HeadlineExtractor {
    /// Below this score the line taken is not trusted as the headline: the title is generated from the lead.
    public static let threshold = 0.3
    /// Below this score the headline is kept but listed for the editor to check.
    public static let confident = 0.5

    /// `head`: the text lines above the story (furniture already gone; date lines included,
    /// they are skipped here). `body`: the story, to tell related lines from other stories'.
    /// `context`: the outlets and the source address. Lines that cannot be a headline go first;
    /// the headline taken is then scored (its words shared with the story and the address, its
    /// length) and, below `threshold`, dropped so that the caller writes one from the lead.
    public static func extract(head: [PageLine], body: [PageLine], usesBlankLines: Bool, dateLines: [PageLine],
                               context: HeadlineContext = HeadlineContext()) -> Headline {
        let dateNumbers = Set(dateLines.map(\.number))
        var lines = head.filter { !dateNumbers.contains($0.number) && $0.wordCount <= 40 }
        var dropped: [Removal] = []
        // Lines that cannot be a headline whatever their place: a site's name or an aggregator's
        // credit, a print banner, a line mostly of digits and dates.
        lines.removeAll { line in
            guard let reason = notHeadline(line, outlets: context.outlets) else { return false }
            dropped.append(Removal(line: line.number, text: line.text, reason: reason))
            return true
        }
        guard !lines.isEmpty else { return Headline(title: nil, kicker: nil, highlights: [], dropped: dropped, titleLine: nil) }
        let urlWords = HeadlineScore.urlWords(context.sourceURL)
        var chosenByURL = false

        // A headline printed twice (page title and article title) is the headline; everything
        // above its first copy is the site's navigation.
        var titleIndex: Int?
        var seen: [String: Int] = [:]
        for (k, line) in lines.enumerated() {
            let key = ArabicNormalizer.normalize(line.text)
            if let first = seen[key] {
                titleIndex = first
                dropped.append(Removal(line: line.number, text: line.text, reason: .repeatedHeadline))
                lines.remove(at: k)
                break
            }
            seen[key] = k
        }
        // Repeated again in the body's first line: drop it there too (handled by the caller).
        let bodyWords = BodyVocabulary(body)
        // The source address spells the headline ("/story/2025/3/4/كلية-الإعلام-…"): the line
        // that matches it best, when it matches well, is the headline.
        if titleIndex == nil, !urlWords.isEmpty {
            let overlaps = lines.map { HeadlineScore.overlap(of: $0.text, with: urlWords) }
            if let best = overlaps.indices.max(by: { overlaps[$0] < overlaps[$1] }), overlaps[best] >= 0.7,
               (4...30).contains(lines[best].wordCount) {
                titleIndex = best
                chosenByURL = true
            }
        }
        if let t = titleIndex {
            for line in lines[..<t] { dropped.append(Removal(line: line.number, text: line.text, reason: .navigation)) }
            lines.removeFirst(t)
            titleIndex = 0
        } else {
            // Other stories' headlines share few words with this story; the block right above the
            // story that does share them is ours. A lone line above the story is kept whatever it says.
            let related = lines.map { bodyWords.relatedness(of: $0.text) >= 0.5 }
            if let firstRelated = related.firstIndex(of: true) {
                var cut = firstRelated
                // A kicker may share few words: keep one unrelated line right above a related one
                // when no blank line separates them.
                if cut > 0, !lines[cut].blankBefore, usesBlankLines, lines[cut - 1].wordCount <= 10 { cut -= 1 }
                // (One unrelated line above the headline that is no kicker of it, "عاجل: …" of another
                // story, is furniture too.)
                if cut >= 2 || (cut == 1 && !related[0] && (lines.count >= 3 || !isKicker(lines[0], above: lines[1], usesBlankLines: usesBlankLines))) {
                    for line in lines[..<cut] { dropped.append(Removal(line: line.number, text: line.text, reason: .navigation)) }
                    lines.removeFirst(cut)
                }
            } else if lines.count >= 2 {
                // Nothing relates (a figurative headline): the line nearest the story is the headline.
                for line in lines.dropLast() { dropped.append(Removal(line: line.number, text: line.text, reason: .navigation)) }
                lines = [lines.last!]
            }
            titleIndex = 0
        }
        guard let t = titleIndex, t < lines.count else { return Headline(title: nil, kicker: nil, highlights: [], dropped: dropped, titleLine: nil) }

        var kicker: String?
        var titleLine = lines[t]
        var rest = Array(lines[(t + 1)...])
        // Kicker: a short line right above a longer headline, in the same block.
        if !chosenByURL, let next = rest.first, isKicker(lines[t], above: next, usesBlankLines: usesBlankLines) {
            kicker = lines[t].text
            titleLine = next
            rest.removeFirst()
        }
        // Highlights: the short lines under the headline that belong to this story.
        var highlights: [String] = []
        for line in rest {
            if highlights.count < 8, line.wordCount <= 40, bodyWords.relatedness(of: line.text) >= 0.34 || line.wordCount <= 3 {
                highlights.append(line.text)
            } else {
                dropped.append(Removal(line: line.number, text: line.text, reason: .navigation))
            }
        }
        var score = bodyWords.looseRelatedness(of: titleLine.text)
        if !urlWords.isEmpty { score = max(score, HeadlineScore.overlap(of: titleLine.text, with: urlWords)) }
        if !(4...20).contains(titleLine.wordCount) { score *= 0.6 }
        // A lone line right above the story, furniture gone, is what an editor pastes as the
        // headline: trusted even when figurative, but listed for a check.
        if lines.count == 1, titleLine.wordCount <= 20 { score += threshold }
        if score < threshold {
            // Nothing above the story reads like its headline: the caller writes one from the lead.
            dropped.append(Removal(line: titleLine.number, text: titleLine.text, reason: .navigation))
            if let kicker { dropped.append(Removal(line: lines[t].number, text: kicker, reason: .navigation)) }
            return Headline(title: nil, kicker: nil, highlights: highlights, dropped: dropped, titleLine: titleLine.number, score: score)
        }
        return Headline(title: titleLine.text, kicker: kicker, highlights: highlights, dropped: dropped, titleLine: titleLine.number, score: score)
    }

    /// Why a line above the story cannot be its headline, or nil when it can.
    static func notHeadline(_ line: PageLine, outlets: OutletTable) -> Removal.Reason? {
        let text = line.text
        // A site's or newspaper's name, alone or as an aggregator's credit ("نبض - صحيفة سبق").
        let parts = text.split(whereSeparator: { "-–—|/:«»()".contains($0) }).map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
        if !parts.isEmpty, parts.count <= 3, line.wordCount <= 8,
           let last = parts.last, outlets.outlet(named: last) != nil || outlets.outlet(named: parts[0]) != nil,
           parts.allSatisfy({ outlets.outlet(named: $0) != nil || $0.split(separator: " ").count <= 2 }) {
            return .credit
        }
        // A masthead: the outlet's name with its acronym ("وكالة الأنباء اليمنية سبأ") or with the
        // word its web edition adds ("الشروق أونلاين | الوطني").
        if line.wordCount <= 8, parts.count <= 2, let first = parts.first, isOutletMasthead(first, outlets: outlets),
           parts.count == 1 || parts[1].split(separator: " ").count <= 2 {
            return .credit
        }
        // A site's name and its section ("موزاييك أف أم | وطنية"): a section's name on one side of a
        // bar, a name of four words at most on the other.
        if line.wordCount <= 7, case let sides = text.split(separator: "|").map({ String($0.trimmingSpaces) }), sides.count == 2,
           sides.contains(where: { FurnitureLexicon.sections.contains(ArabicNormalizer.normalize($0)) }),
           sides.allSatisfy({ (1...4).contains($0.split(separator: " ").count) }) {
            return .navigation
        }
        // "هسبريس من الرباط".
        if line.wordCount <= 5, let range = text.range(of: " من "), outlets.outlet(named: String(text[..<range.lowerBound])) != nil { return .credit }
        // A print banner: "العدد 18452"، "السنة 53".
        let folded = ArabicNormalizer.words(text)
        if folded.count <= 24, zip(folded, folded.dropFirst()).contains(where: { ["العدد", "السنه"].contains($0.0) && $0.1.allSatisfy(\.isNumber) }) {
            return .date
        }
        // Mostly digits, dates and times.
        let tokens = text.split(separator: " ")
        let numeric = tokens.filter { $0.contains(where: \.isNumber) }.count
        if numeric * 2 >= tokens.count { return .date }
        return nil
    }

    static let webEditionWords: Set<String> = Set(["أونلاين", "اونلاين", "نت", "نيوز", "الإلكترونية", "الالكترونية", "الإلكتروني", "بوست"].map(ArabicNormalizer.normalize))

    /// A known outlet's name with one more word: its acronym, or a web edition's word.
    static func isOutletMasthead(_ text: String, outlets: OutletTable) -> Bool {
        let words = text.split(separator: " ").map(String.init)
        guard words.count >= 2 else { return false }
        let withoutLast = words.dropLast().joined(separator: " "), withoutFirst = words.dropFirst().joined(separator: " ")
        if let outlet = outlets.outlet(named: withoutLast) {
            let last = OutletTable.fold(words.last!)
            return webEditionWords.contains(ArabicNormalizer.normalize(words.last!)) || outlet.aliases.contains { OutletTable.fold($0) == last }
        }
        if let outlet = outlets.outlet(named: withoutFirst) {
            let first = OutletTable.fold(words[0])
            return outlet.aliases.contains { OutletTable.fold($0) == first }
        }
        return false
    }

    /// Tidies the headline's own text: a wire category before it ("عام / …"، "محليات | …") and a
    /// byline glued to its end ("… للأعضاء كتب: سامح فتحي") go. `bylines`: the byline lines the page had.
    public static func tidy(_ title: String, bylines: [String] = []) -> String {
        var t = title
        // A category: one or two words, then a slash or bar, then the headline (four words or more).
        if let range = t.range(of: #"^[^\s/|:]+( [^\s/|:]+)? ?[/|] +"#, options: .regularExpression),
           t[range.upperBound...].split(separator: " ").count >= 4 {
            t = String(t[range.upperBound...])
        }
        // A byline glued to the end.
        if let range = t.range(of: #"[\s\-–|]+(كتب|كتبت|بقلم|إعداد|تقرير|متابعة)\s*[\-–:]?\s*[^\s:]+( [^\s:]+){0,3}$"#, options: .regularExpression),
           t.distance(from: t.startIndex, to: range.lowerBound) > 20 {
            t = String(t[..<range.lowerBound])
        }
        // The name of the page's byline glued to the end ("… للأعضاء سامح فتحي" over "كتب: سامح فتحي").
        for byline in bylines {
            let name = String(byline.drop { $0 != ":" && $0 != "-" && $0 != "–" }.dropFirst().trimmingSpaces)
            let nameWords = name.split(separator: " ")
            guard (2...4).contains(nameWords.count), t.hasSuffix(" " + name), t.count > name.count + 20 else { continue }
            t = String(t.dropLast(name.count + 1))
        }
        return t.trimmingSpaces
    }

    /// Words a kicker opens with: it frames the headline ("بمشاركة …"، "لتعزيز …"، "ضمن …") rather
    /// than telling the news, which is what a standfirst under the headline does.
    static let kickerOpeners: Set<String> = Set(["في", "خلال", "بعد", "قبل", "ضمن", "وسط", "على", "تحت", "عقب", "قبيل", "إثر", "مع", "من",
                                                 "بين", "حول", "لدى", "بحضور", "بمشاركة", "برعاية", "بمناسبة", "بالتزامن", "بالتعاون"].map(ArabicNormalizer.normalize))

    static func isKicker(_ line: PageLine, above next: PageLine, usesBlankLines: Bool) -> Bool {
        guard line.wordCount <= 8, !next.blankBefore || !usesBlankLines else { return false }
        if line.text.hasSuffix(":") { return true }
        guard let first = ArabicNormalizer.words(line.text).first else { return false }
        let framing = kickerOpeners.contains(first) || first.hasPrefix("ل") && !first.hasPrefix("ال") && first.count >= 4
            || first.hasPrefix("ب") && !first.hasPrefix("ال") && first.count >= 5
        guard framing || line.wordCount <= 3 else { return false }
        if usesBlankLines { return Double(line.wordCount) * 1.3 <= Double(next.wordCount) }
        return line.wordCount <= 5 && line.wordCount * 2 <= next.wordCount
    }
}

/// The story's words with their clitic-free stems, to measure how much a line is about it.
struct BodyVocabulary {
    private var stems = Set<String>()

    init(_ body: [PageLine]) {
        var budget = 20_000 // words: a story's vocabulary is in its first pages
        for line in body {
            for word in ArabicNormalizer.words(String(line.text.prefix(50_000))) {
                let wordStems = Clitics.stems(of: word)
                stems.formUnion(wordStems)
                for stem in wordStems { if let root = Self.root(stem) { roots.insert(root) } }
                budget -= 1
                if budget == 0 { return }
            }
        }
    }

    /// Like `relatedness`, but a word also counts when its first four letters (article and
    /// clitics off) open a word of the story: a headline inflects what the lead says
    /// ("الإذاعتين الوطنيتين" over "الإذاعة الوطنية", "موريتانيا" over "الموريتانية").
    func looseRelatedness(of text: String) -> Double {
        let words = ArabicNormalizer.words(text).filter { $0.count >= 3 && !TextTools.stopWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        guard !words.isEmpty else { return 0 }
        let hits = words.filter { word in
            Clitics.stems(of: word).contains { stem in stems.contains(stem) || Self.root(stem).map(roots.contains) == true }
        }.count
        return Double(hits) / Double(words.count)
    }

    private var roots = Set<String>()

    /// The first four letters of a word without its article: a crude but cheap root.
    static func root(_ stem: String) -> String? {
        var w = Substring(stem)
        if w.hasPrefix("ال") { w = w.dropFirst(2) }
        return w.count >= 4 ? String(w.prefix(4)) : nil
    }

    /// The share of a line's content words that occur in the story (0…1).
    func relatedness(of text: String) -> Double {
        let words = ArabicNormalizer.words(text).filter { $0.count >= 3 && !TextTools.stopWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        guard !words.isEmpty else { return 0 }
        let hits = words.filter { word in Clitics.stems(of: word).contains(where: stems.contains) }.count
        return Double(hits) / Double(words.count)
    }
}

enum TextTools {
    static let stopWords: Set<String> = Set(["في", "من", "الي", "علي", "عن", "مع", "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين",
        "ان", "او", "ثم", "قد", "لقد", "كان", "كانت", "بعد", "قبل", "خلال", "بين", "حول", "عند", "منذ", "حتي", "كما", "لكن", "اذا",
        "اي", "كل", "غير", "دون", "وفق", "ضمن", "نحو", "لدي", "امام", "تحت", "فوق", "هو", "هي", "هم", "نحن", "انا", "ما", "لا", "لم",
        "لن", "يوم", "عام", "وفي", "ومن", "الا", "اول", "عبر", "لها", "له", "الى", "على"].map(ArabicNormalizer.normalize))

    /// Words that may not end a generated title or a summary cut (a dangling preposition).
    static let danglers: Set<String> = Set(["في", "من", "الي", "علي", "عن", "مع", "و", "او", "ثم", "بين", "حول", "عند", "منذ", "حتي",
        "الذي", "التي", "الذين", "ان", "قد", "لقد", "كما", "لكن", "ضمن", "عبر", "نحو", "لدي", "امام", "بعد", "قبل", "خلال", "ب", "ل",
        "هذا", "هذه", "ذلك", "تلك", "كل", "اي", "وفي", "ومن", "الا", "الى", "على", "كانت", "كان"].map(ArabicNormalizer.normalize))
}

/// A headline for a story that has none, from its lead sentence's main clause.
public enum TitleWriter {
    /// Words that open a new clause after a comma: the main clause ends before them.
    static let clauseOpeners: Set<String> = Set(["الذي", "التي", "الذين", "حيث", "وذلك", "بهدف", "بحضور", "بمشاركة", "مما", "ما",
        "وهو", "وهي", "والتي", "والذي", "مؤكدا", "مشيرا", "موضحا", "مضيفا", "لافتا", "قائلا", "وقال", "وأضاف", "كما", "بينما", "إذ",
        "وسط", "في", "من", "على", "وفق", "وفقا", "ضمن", "عبر", "خلال", "أمس", "اليوم", "وأكد", "وأوضح", "وأشار", "تهدف", "يهدف"].map(ArabicNormalizer.normalize))

    /// Time and place asides between commas right after the subject.
    static let asideOpeners: Set<String> = Set(["أمس", "اليوم", "مساء", "صباح", "ظهر", "خلال", "في", "الأحد", "الإثنين", "الثلاثاء",
        "الأربعاء", "الخميس", "الجمعة", "السبت"].map(ArabicNormalizer.normalize))

    static let prepositions: Set<String> = Set(["في", "من", "على", "إلى", "عن", "مع", "بين", "حول", "عبر", "خلال", "لدى", "نحو"].map(ArabicNormalizer.normalize))

    public static func title(fromLead lead: String, maxWords: Int = 14) -> String? {
        // The first sentence (a period between digits is a decimal point, not an end). A title
        // needs only the lead's first few hundred characters.
        let lead = String(lead.prefix(600))
        var sentence = Substring(lead)
        var index = lead.startIndex
        var offset = 0
        while index < lead.endIndex {
            let c = lead[index]
            if ".!?؟".contains(c) {
                let next = lead.index(after: index)
                let prevIsDigit = index > lead.startIndex && lead[lead.index(before: index)].isNumber
                let nextIsDigit = next < lead.endIndex && lead[next].isNumber
                if !(prevIsDigit && nextIsDigit) { sentence = lead[..<index]; break }
            }
            // Quoted speech starts a new part: the title is what comes before it.
            if ":«\"“".contains(c), offset > 20 { sentence = lead[..<index]; break }
            index = lead.index(after: index)
            offset += 1
        }
        // Clauses split at commas; keep the first, then short continuations (an object split off
        // by a stray comma: "وقّعت … ميديا، مذكرة تفاهم استراتيجية، تهدف …").
        let clauses = sentence.split(whereSeparator: { "،,؛;".contains($0) }).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        guard var words = clauses.first.map({ $0.split(separator: " ").map(String.init) }) else { return nil }
        var skippedAside = false
        for clause in clauses.dropFirst() {
            let next = clause.split(separator: " ").map(String.init)
            guard let opener = next.first.map(ArabicNormalizer.normalize) else { continue }
            if words.count < 6 {
                // "أكد المغرب والغابون، أمس الثلاثاء بليبروفيل، إرادتهما …": the aside goes, the clause goes on.
                if asideOpeners.contains(opener), next.count <= 5, !skippedAside { skippedAside = true; continue }
                guard words.count + next.count <= maxWords + 4 else { break }
                if !skippedAside { words[words.count - 1] += "،" }
                skippedAside = false
                words += next
                continue
            }
            guard !clauseOpeners.contains(opener), !opener.hasPrefix("و"), next.count <= 4,
                  words.count + next.count <= maxWords else { break }
            words[words.count - 1] += "،"
            words += next
        }
        if words.count > maxWords {
            words = Array(words.prefix(maxWords))
            // Cut before a trailing prepositional phrase rather than inside it ("… مثمرة في قطاع").
            if let k = words.indices.last(where: { $0 >= 8 && prepositions.contains(ArabicNormalizer.normalize(words[$0])) }) {
                words = Array(words.prefix(k))
            }
        }
        while let last = words.last, words.count > 3, TextTools.danglers.contains(ArabicNormalizer.normalize(last)) { words.removeLast() }
        var title = words.joined(separator: " ")
        while let last = title.last, "،,:؛;-–—(«\"“".contains(last) { title.removeLast() }
        title = title.trimmingSpaces
        return title.isEmpty ? nil : title
    }
}

/// The summary: the lead paragraph, cut at a word boundary under a length (`TextCut`), without
/// a dangling preposition before the "…".
public enum SummaryWriter {
    public static func summary(of paragraph: String, limit: Int = 220) -> String {
        let cut = TextCut.atWordBoundary(String(paragraph.prefix(limit * 4)), limit: limit)
        guard cut.hasSuffix("…") else { return cut }
        var words = cut.dropLast().split(separator: " ").map(String.init)
        while let last = words.last, words.count > 3, TextTools.danglers.contains(ArabicNormalizer.normalize(last)) { words.removeLast() }
        var text = words.joined(separator: " ")
        while let last = text.last, last.isPunctuation || last == "،" { text.removeLast() }
        return text + "…"
    }
}

/// The words a source address carries, and how much of a line they cover.
enum HeadlineScore {
    /// The Arabic words of a URL's path ("/story/2025/3/4/كلية-الإعلام-بجامعة/691" → كليه، الاعلام …).
    static func urlWords(_ url: String?) -> Set<String> {
        guard let url, let path = URLComponents(string: url)?.path ?? url.removingPercentEncoding else { return [] }
        let decoded = path.removingPercentEncoding ?? path
        var stems = Set<String>()
        for word in ArabicNormalizer.words(decoded.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " "))
        where word.unicodeScalars.contains(where: { (0x0620...0x064A).contains($0.value) }) {
            stems.formUnion(Clitics.stems(of: word))
        }
        return stems.count >= 3 ? stems : []
    }

    /// The share of a line's content words found among the URL's.
    static func overlap(of text: String, with urlWords: Set<String>) -> Double {
        let words = ArabicNormalizer.words(text).filter { $0.count >= 2 && !TextTools.stopWords.contains($0) && !$0.allSatisfy(\.isNumber) }
        guard !words.isEmpty else { return 0 }
        let hits = words.filter { Clitics.stems(of: $0).contains(where: urlWords.contains) }.count
        return Double(hits) / Double(words.count)
    }
}
