import Foundation
import ArabicText
import Gazetteer

/// The place line a news story opens with: "الدوحة – كتارا :", "أبوظبي في 5 مارس / وام /",
/// "عمّان (بترا) -", "القاهرة-أ ش أ-", "الرياض 10 رمضان 1445 هـ الموافق 20 مارس 2024 م واس".
public struct Dateline: Sendable, Hashable {
    /// The city as written (عمّان keeps its shadda).
    public var city: String
    /// The agency or credit inside the dateline, as written ("وام", "بترا", "كتارا").
    public var credit: String?
    /// The credit was in «»: a newspaper's name.
    public var creditQuoted: Bool
    /// The date written in the dateline, if any.
    public var date: DateMention?
    /// How many characters of the paragraph the dateline takes (the story starts after).
    public var length: Int
}

public struct DatelineReader: Sendable {
    private var cities = NameIndex<String>()
    private let outlets: OutletTable

    public init(outlets: OutletTable) {
        self.outlets = outlets
        for (code, names) in CountryLexicon.cities { for name in names { cities.add(name, value: code) } }
        // Capitals that share the country's name, and cities that are datelines but not country evidence.
        for name in ["الكويت", "الجزائر", "تونس", "عمان", "عمّان", "جيبوتي", "سنغافورة", "بنما", "موناكو", "القدس", "طرابلس",
                     "جنيف", "بروكسل", "نيويورك", "لاهاي", "ستراسبورغ", "فيينا", "العين", "صور", "الخبر", "العيون", "الداخلة",
                     "فاس", "المنصورة", "الموصل", "العقبة", "الزرقاء", "ينبع", "كان", "ليون", "صوفيا", "ميلان", "مشهد", "حماة",
                     "الخليل", "جنين", "دار السلام"] {
            cities.add(name, value: "")
        }
    }

    /// The dateline at the start of `paragraph`, or nil when the paragraph does not open with one.
    public func read(_ paragraph: String) -> Dateline? {
        let head = paragraph.prefix(240)
        let tokens = Tokenizer.tokens(head)
        guard let first = tokens.first, first.raw.startIndex == head.startIndex || head[head.startIndex..<first.raw.startIndex].allSatisfy({ $0.isWhitespace || $0 == "\u{200F}" }) else { return nil }
        // The city: a known one (no clitic: "والرياض" opens a sentence, not a dateline).
        var cityEnd = 0
        if let match = cities.matches(inWords: tokens.prefix(4).map(\.norm)).first, match.wordRange.lowerBound == 0,
           ArabicNormalizer.words(match.name).first == tokens[0].norm {
            cityEnd = match.wordRange.upperBound
        }
        let knownCity = cityEnd > 0
        if !knownCity { cityEnd = 1 } // an unknown one-word place, accepted only with an agency after it
        guard cityEnd <= tokens.count else { return nil }
        let city = String(head[first.raw.startIndex..<tokens[cityEnd - 1].raw.endIndex])
        var i = tokens[cityEnd - 1].raw.endIndex
        var credit: String?
        var creditQuoted = false
        var date: DateMention?
        var separators = 0

        func skipSpaces() { while i < head.endIndex, head[i].isWhitespace || head[i] == "\u{200F}" { i = head.index(after: i) } }
        func rest() -> Substring { head[i...] }

        skipSpaces()
        // A numeric date after the city, its parts joined by dashes: "رام الله 23-7-2024 وفا-",
        // KUNA's "الكويت - 10 - 12 - 2024 (كونا) --".
        if let range = rest().range(of: #"^[-–—]?\s*\d{1,2}\s*([-/.])\s*\d{1,2}\s*\1\s*\d{4}"#, options: .regularExpression),
           let found = ArabicDateReader.mentions(in: rest()[range]).first, found.year != nil {
            date = found
            separators += rest()[range].first.map { "-–—".contains($0) } == true ? 1 : 0
            i = range.upperBound
            skipSpaces()
            // "… 2024 وفا-": the agency right after the date.
            let word = rest().prefix { !$0.isWhitespace && !"-–—:(".contains($0) }
            if !word.isEmpty, outlets.outlet(named: String(word))?.isAgency == true {
                credit = String(word)
                i = word.endIndex
            }
        }
        // "في 5 مارس" or "، 12 مارس 2024" or "10 رمضان 1445 هـ الموافق 20 مارس 2024 م".
        if date == nil, rest().hasPrefix("في ") || rest().hasPrefix("،") || rest().hasPrefix(",") || rest().first?.isNumber == true {
            let from = i
            var end = i
            var scan = i
            // The date part runs to the first separator.
            while scan < head.endIndex, !"/()-–—:«»".contains(head[scan]) { scan = head.index(after: scan) }
            let segment = head[from..<scan]
            let found = ArabicDateReader.mentions(in: segment)
            if let best = found.first(where: { !$0.isHijri && $0.year != nil }) ?? found.first {
                date = best
                end = scan
                // Trailing agency word without separators (… 2024 م واس).
                let words = Tokenizer.tokens(segment)
                if let last = words.last, outlets.outlet(named: String(last.raw)) != nil, OutletTable.isAbbreviation(String(last.raw)) {
                    credit = String(last.raw)
                    separators += 1
                }
                // Only accept the date segment when it is short: a dateline, not a sentence.
                if words.count > 12 { return nil }
                i = end
            } else if knownCity, rest().hasPrefix("في ") {
                return nil
            }
        }
        // Separators and the credit: (بترا) / وام / - أ ش أ - – كتارا :
        var loops = 0
        while loops < 4 {
            loops += 1
            skipSpaces()
            guard i < head.endIndex else { break }
            let c = head[i]
            if c == "(" || c == "«" || c == "/" {
                let close: Character = c == "(" ? ")" : c == "«" ? "»" : "/"
                let inner = head[head.index(after: i)...].prefix(32)
                guard let closeIndex = inner.firstIndex(of: close) else {
                    // "الرباط / ...": the dateline alone, its credit left as dots.
                    if c == "/", knownCity, head[head.index(after: i)...].allSatisfy({ $0.isWhitespace || ".…".contains($0) }) {
                        separators += 1
                        i = head.endIndex
                        break
                    }
                    // "بغداد/ واع": a slash used as a dash.
                    if c == "/" {
                        let rest = inner.prefix { !"-–—:".contains($0) }
                        let text = rest.trimmingSpaces
                        if credit == nil, !text.isEmpty, outlets.outlet(named: String(text)) != nil {
                            credit = String(text)
                            separators += 1
                            i = rest.endIndex
                            continue
                        }
                    }
                    break
                }
                let text = inner[..<closeIndex].trimmingSpaces
                guard !text.isEmpty, text.split(separator: " ").count <= 4 else { break }
                if credit == nil { creditQuoted = c == "«" }
                credit = credit ?? String(text)
                separators += 1
                i = head.index(after: closeIndex)
            } else if "-–—ـ".contains(c) {
                while i < head.endIndex, "-–—ـ".contains(head[i]) { i = head.index(after: i) }
                separators += 1
                skipSpaces()
                // "أبوظبي - 14 أكتوبر 2025: …": a written date after the dash, closed by a colon or a dash.
                if date == nil, i < head.endIndex, head[i].isNumber,
                   let stop = head[i...].prefix(40).firstIndex(where: { ":-–—(".contains($0) }) {
                    let segment = head[i..<stop]
                    if segment.split(separator: " ").count <= 5,
                       let found = ArabicDateReader.mentions(in: segment).first(where: { !$0.isHijri && $0.year != nil }),
                       segment.contains(where: { $0.isLetter }) {
                        date = found
                        i = stop
                        continue
                    }
                }
                // KUNA's "الكويت - 12 - 3 (كونا) --": day and month numbers between dashes.
                if i < head.endIndex, head[i].isNumber {
                    var j = i
                    while j < head.endIndex, head[j].isNumber { j = head.index(after: j) }
                    if head.distance(from: i, to: j) <= 2 { i = j; continue }
                }
                // A credit between two separators: "- واس:" "-أ ش أ-" "– كتارا :".
                let ahead = head[i...].prefix(32)
                if credit == nil, ahead.endIndex == head.endIndex, outlets.outlet(named: String(ahead)) != nil {
                    // "دمشق-سانا" on a line of its own.
                    creditQuoted = ahead.contains("«")
                    credit = String(ahead.trimmingSpaces).trimmingCharacters(in: CharacterSet(charactersIn: "«»\"()"))
                    i = head.endIndex
                } else if let stop = ahead.firstIndex(where: { "-–—:".contains($0) }) {
                    let text = ahead[..<stop].trimmingSpaces
                    let words = text.split(separator: " ")
                    // A known agency, or a short credit closed by a colon ("– كتارا :"); never the
                    // story's first words ("الرياض - قال الوزير - …").
                    if !text.isEmpty, words.count <= 3, credit == nil,
                       outlets.outlet(named: String(text)) != nil || (words.count <= 2 && ahead[stop] == ":") {
                        credit = String(text)
                        i = stop
                    }
                }
            } else if c == ":" {
                i = head.index(after: i)
                separators += 1
                break
            } else {
                // A bare agency word after the date or city: "الرياض واس -" is rare; stop here.
                break
            }
        }
        guard separators > 0 else { return nil }
        if !knownCity {
            // An unknown place needs a known agency: "لوسيل (قنا) -".
            // A newspaper after an unknown word is an aggregator's credit ("نبض - صحيفة سبق"), not a dateline.
            guard let credit, let outlet = outlets.outlet(named: credit), outlet.isAgency else { return nil }
        }
        skipSpaces()
        let length = head.distance(from: head.startIndex, to: i)
        return Dateline(city: city, credit: credit, creditQuoted: creditQuoted, date: date, length: length)
    }
}
