import ArabicText
import ContentLoading
import Foundation

/// A date written in Arabic text: "28 فبراير 2024", "الأحد (9 مارس 2025)", "من 20 إلى 22 يناير 2020",
/// "18 شعبان 1445 هـ", "2024/02/28". A Hijri date is converted to the Gregorian day.
public struct DateMention: Sendable, Hashable {
    /// Nil when the text gives no year ("أبوظبي في 5 مارس").
    public var year: Int?
    public var month: Int
    public var day: Int
    public var isHijri: Bool
    /// A weekday is written next to it ("يوم الأحد (9 مارس 2025)"): a date the story is about.
    public var hasWeekday: Bool
    /// The first day of a range ("من 20 إلى 22 يناير").
    public var isRange: Bool
    /// Position among the date tokens of the text, for ordering.
    var tokenStart: Int
    var tokenEnd: Int

    /// The Gregorian day, when the year is known and the day exists.
    public var gregorian: Day? {
        guard let year else { return nil }
        if !isHijri { return Day(year: year, month: month, day: day) }
        return HijriCalendar.gregorian(year: year, month: month, day: day)
    }
}

/// ICU's Umm al-Qura calendar, the one Gulf newsrooms print beside the Gregorian date.
enum HijriCalendar {
    static func gregorian(year: Int, month: Int, day: Int) -> Day? {
        guard (1...30).contains(day), (1...12).contains(month) else { return nil }
        var islamic = Calendar(identifier: .islamicUmmAlQura)
        islamic.timeZone = TimeZone(identifier: "UTC")!
        guard let date = islamic.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        // Reject days that roll over (30 in a 29-day month).
        let back = islamic.dateComponents([.year, .month, .day], from: date)
        guard back.year == year, back.month == month, back.day == day else { return nil }
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = TimeZone(identifier: "UTC")!
        let c = gregorian.dateComponents([.year, .month, .day], from: date)
        return Day(year: c.year!, month: c.month!, day: c.day!)
    }
}

/// Reads dates out of Arabic text. Pure and linear: one scan into tokens, then a bounded
/// look-ahead at each token.
public enum ArabicDateReader {
    enum Piece: Sendable, Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(Character)
    }

    /// Every date in the text, in order.
    public static func mentions(in text: some StringProtocol) -> [DateMention] {
        let pieces = scan(text)
        var result: [DateMention] = []
        var i = 0
        while i < pieces.count {
            if let found = dayMonthYear(pieces, at: i) ?? monthDayYear(pieces, at: i) ?? numeric(pieces, at: i) {
                var found = found
                found.hasWeekday = weekdayBefore(pieces, found.tokenStart)
                result.append(found)
                i = found.tokenEnd
            } else {
                i += 1
            }
        }
        return result
    }

    /// The first date with a year, as a Gregorian day.
    public static func firstDay(in text: some StringProtocol) -> Day? {
        mentions(in: text).lazy.compactMap(\.gregorian).first
    }

    /// Words that date the story relative to an unknown day ("أمس الثلاثاء", "اليوم الخميس").
    public static func relativeDayWords(in text: some StringProtocol) -> [String] {
        let words = ArabicNormalizer.words(String(text.prefix(4000)))
        var found: [String] = []
        for (i, word) in words.enumerated() {
            let stems = Clitics.stems(of: word)
            if stems.contains("امس") || stems.contains("البارحه") { found.append("أمس") }
            if (word == "اليوم" || word == "غدا" || word == "الليله"), i + 1 < words.count, weekdays[words[i + 1]] != nil {
                found.append(word == "اليوم" ? "اليوم" : "غداً")
            }
            if (word == "صباح" || word == "مساء" || word == "ظهر"), i + 1 < words.count, ["اليوم", "امس", "غد"].contains(words[i + 1]) {
                found.append(word + " " + words[i + 1])
            }
        }
        return found
    }

    // MARK: tables (folded spellings)

    static let gregorianMonths: [String: Int] = {
        let table: [Int: [String]] = [
            1: ["يناير", "جانفي", "ينار"], 2: ["فبراير", "فيفري", "شباط", "فبرائر"], 3: ["مارس", "آذار"],
            4: ["أبريل", "إبريل", "ابريل", "أفريل", "نيسان", "ابريل"], 5: ["مايو", "ماي", "أيار", "مايس"],
            6: ["يونيو", "يونيه", "جوان", "حزيران"], 7: ["يوليو", "يوليه", "يوليوز", "جويلية", "تموز"],
            8: ["أغسطس", "اغسطس", "أغسطوس", "غشت", "أوت", "آب"], 9: ["سبتمبر", "شتنبر", "أيلول"],
            10: ["أكتوبر", "اكتوبر", "أكتوبر"], 11: ["نوفمبر", "نونبر"], 12: ["ديسمبر", "دجنبر", "دیسمبر"],
        ]
        var folded: [String: Int] = [:]
        for (month, names) in table { for name in names { folded[ArabicNormalizer.normalize(name)] = month } }
        return folded
    }()

    /// Two-word Levantine months: كانون الثاني، تشرين الأول …
    static let levantinePairs: [String: [String: Int]] = [
        "كانون": ["الثاني": 1, "ثاني": 1, "الاول": 12, "اول": 12],
        "تشرين": ["الاول": 10, "اول": 10, "الثاني": 11, "ثاني": 11],
    ]

    static let hijriMonths: [String: Int] = {
        var folded: [String: Int] = [:]
        for (name, month) in [("محرم", 1), ("المحرم", 1), ("صفر", 2), ("رجب", 7), ("شعبان", 8), ("رمضان", 9), ("شوال", 10)] {
            folded[ArabicNormalizer.normalize(name)] = month
        }
        return folded
    }()

    static let hijriPairs: [String: [String: Int]] = [
        "ربيع": ["الاول": 3, "اول": 3, "الاخر": 4, "الثاني": 4, "ثاني": 4, "اخر": 4],
        "جمادي": ["الاولي": 5, "الاول": 5, "اولي": 5, "الاخره": 6, "الثانيه": 6, "الاخر": 6, "الثاني": 6, "اخره": 6],
        "ذو": ["القعده": 11, "الحجه": 12], "ذي": ["القعده": 11, "الحجه": 12],
    ]

    static let weekdays: [String: Int] = {
        var folded: [String: Int] = [:]
        for (i, name) in ["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"].enumerated() {
            let f = ArabicNormalizer.normalize(name)
            folded[f] = i + 1
            folded[String(f.dropFirst(2))] = i + 1 // أحد، خميس …
        }
        folded["الاتنين"] = 2
        return folded
    }()

    static let ordinals: [String: Int] = {
        let units = ["الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع", "العاشر"]
        var folded: [String: Int] = [:]
        for (i, name) in units.enumerated() { folded[ArabicNormalizer.normalize(name)] = i + 1 }
        folded["الحادي"] = 1
        folded["العشرين"] = 20
        folded["الثلاثين"] = 30
        return folded
    }()

    static let rangeWords: Set<String> = ["الي", "حتي", "لغايه", "و", "ولغايه", "وحتي"]
    static let yearWords: Set<String> = ["عام", "سنه", "لعام", "لسنه", "العام"]

    // MARK: scanning

    static func scan(_ text: some StringProtocol) -> [Piece] {
        var pieces: [Piece] = []
        var word = String.UnicodeScalarView()
        var number = 0, digits = 0
        func flushWord() {
            if !word.isEmpty {
                let folded = ArabicNormalizer.normalize(String(word))
                if !folded.isEmpty { pieces.append(.word(folded)) }
                word = .init()
            }
        }
        func flushNumber() {
            if digits > 0 { pieces.append(.number(digits > 6 ? Int.max : number, digits: digits)); number = 0; digits = 0 }
        }
        for s in text.unicodeScalars {
            let v = s.value
            var digit: Int?
            switch v {
            case 0x30...0x39: digit = Int(v - 0x30)
            case 0x0660...0x0669: digit = Int(v - 0x0660)
            case 0x06F0...0x06F9: digit = Int(v - 0x06F0)
            default: digit = nil
            }
            if let d = digit {
                flushWord()
                if digits < 7 { number = number * 10 + d }
                digits += 1
                continue
            }
            flushNumber()
            if !Tokenizer.isSeparator(s) {
                word.append(s)
                continue
            }
            flushWord()
            switch s {
            case "/", "-", ".", "(", ")", "،", ",", ":", "|", "–", "—", "\\", "«", "»", "[", "]":
                pieces.append(.mark(Character(s)))
            default: break
            }
        }
        flushWord()
        flushNumber()
        return pieces
    }

    // MARK: patterns

    private static func day(_ p: [Piece], _ i: Int) -> Int? {
        guard i < p.count, case .number(let n, let digits) = p[i], digits <= 2, (1...31).contains(n) else { return nil }
        return n
    }

    private static func word(_ p: [Piece], _ i: Int) -> String? {
        guard i >= 0, i < p.count, case .word(let w) = p[i] else { return nil }
        return w
    }

    private static func mark(_ p: [Piece], _ i: Int) -> Character? {
        guard i >= 0, i < p.count, case .mark(let c) = p[i] else { return nil }
        return c
    }

    /// A month name at i: (month, isHijri, pieces used). Clitics allowed ("لشهر مارس" is not).
    private static func month(_ p: [Piece], _ i: Int) -> (Int, Bool, Int)? {
        guard let w = word(p, i) else { return nil }
        for stem in [w] + (w.hasPrefix("ف") || w.hasPrefix("ب") || w.hasPrefix("ل") ? [String(w.dropFirst())] : []) {
            if let m = gregorianMonths[stem] { return (m, false, 1) }
            if let m = hijriMonths[stem] { return (m, true, 1) }
            if let second = word(p, i + 1) {
                if let m = levantinePairs[stem]?[second] { return (m, false, 2) }
                if let m = hijriPairs[stem]?[second] { return (m, true, 2) }
            }
        }
        return nil
    }

    /// An ordinal day in words: الرابع، الحادي عشر، الحادي والعشرين.
    private static func ordinalDay(_ p: [Piece], _ i: Int) -> (Int, Int)? {
        guard let w = word(p, i), let unit = ordinals[w] else { return nil }
        if let next = word(p, i + 1) {
            if next == "عشر" && unit < 10 { return (unit + 10, 2) }
            if next == "والعشرين" && unit < 10 { return (unit + 20, 2) }
            if next == "والثلاثين" && unit == 1 { return (31, 2) }
        }
        return w == "الحادي" ? nil : (unit, 1)
    }

    private static func year(_ p: [Piece], _ i: Int, hijri: Bool) -> (Int, Int)? {
        var j = i
        if mark(p, j) == "," || mark(p, j) == "،" { j += 1 }
        if let w = word(p, j), yearWords.contains(w) { j += 1 }
        guard j < p.count, case .number(let n, let digits) = p[j], digits == 4 else { return nil }
        guard hijri ? (1300...1500).contains(n) : (1900...2100).contains(n) else { return nil }
        j += 1
        // "2024م" / "1445هـ"
        if let w = word(p, j), w == "م" || w == "ه" || w == "هـ" { j += 1 }
        return (n, j)
    }

    /// 28 فبراير 2024 · من 20 إلى 22 يناير 2020 · 28 فبراير/شباط 2024 · الرابع من مايو 2019.
    private static func dayMonthYear(_ p: [Piece], at i: Int) -> DateMention? {
        var d: Int, j: Int
        if let n = day(p, i) { d = n; j = i + 1 }
        else if let (n, used) = ordinalDay(p, i), word(p, i + used) == "من" { d = n; j = i + used }
        else { return nil }
        var isRange = false
        // Range: "20 - 22 يناير", "20 إلى 22 يناير", "20 و22 يناير".
        if let c = mark(p, j), c == "-" || c == "–" || c == "—", day(p, j + 1) != nil, month(p, j + 2) != nil {
            isRange = true; j += 2
        } else if let w = word(p, j), rangeWords.contains(w), day(p, j + 1) != nil, month(p, j + 2) != nil {
            isRange = true; j += 2
        }
        if word(p, j) == "من" { j += 1 }
        guard let (m, hijri, used) = month(p, j) else { return nil }
        j += used
        // An alternative name: "فبراير/شباط", "شباط (فبراير)".
        if let c = mark(p, j), c == "/" || c == "(" || c == "-", let (m2, h2, used2) = month(p, j + 1), h2 == hijri, m2 == m {
            j += 1 + used2
            if mark(p, j) == ")" { j += 1 }
        }
        if let (y, end) = year(p, j, hijri: hijri) {
            return DateMention(year: y, month: m, day: d, isHijri: hijri, hasWeekday: false, isRange: isRange, tokenStart: i, tokenEnd: end)
        }
        // "من 30 يناير إلى 2 فبراير 2020": the year comes after the second date.
        var k = j
        if let w = word(p, k), rangeWords.contains(w) { k += 1 } else if let c = mark(p, k), c == "-" || c == "–" { k += 1 }
        if k > j, let second = dayMonthYear(p, at: k), let y2 = second.year, second.isHijri == hijri {
            let y = m > second.month ? y2 - 1 : y2
            return DateMention(year: y, month: m, day: d, isHijri: hijri, hasWeekday: false, isRange: true, tokenStart: i, tokenEnd: second.tokenEnd)
        }
        return DateMention(year: nil, month: m, day: d, isHijri: hijri, hasWeekday: false, isRange: isRange, tokenStart: i, tokenEnd: j)
    }

    /// فبراير 28، 2024 (month first).
    private static func monthDayYear(_ p: [Piece], at i: Int) -> DateMention? {
        guard let (m, hijri, used) = month(p, i), let d = day(p, i + used),
              let (y, end) = year(p, i + used + 1, hijri: hijri) else { return nil }
        return DateMention(year: y, month: m, day: d, isHijri: hijri, hasWeekday: false, isRange: false, tokenStart: i, tokenEnd: end)
    }

    /// 28/02/2024, 2024-02-28, 28.2.2024; day first unless that cannot be.
    private static func numeric(_ p: [Piece], at i: Int) -> DateMention? {
        guard i + 4 < p.count, case .number(let a, let da) = p[i], let s1 = mark(p, i + 1), "/-.".contains(s1),
              case .number(let b, let db) = p[i + 2], mark(p, i + 3) == s1, case .number(let c, let dc) = p[i + 4],
              db <= 2 else { return nil }
        var y: Int, m: Int, d: Int
        if da == 4, dc <= 2 { (y, m, d) = (a, b, c) }
        else if da <= 2, dc == 4 || (dc == 2 && s1 == "/") {
            y = dc == 2 ? 2000 + c : c
            (d, m) = (a, b)
            if m > 12, d <= 12 { swap(&d, &m) } // month-first (03/28/2024)
        } else { return nil }
        let hijri = (1300...1500).contains(y)
        guard hijri || (1900...2100).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        var end = i + 5
        if let w = word(p, end), w == "م" || w == "ه" { end += 1 }
        return DateMention(year: y, month: m, day: d, isHijri: hijri, hasWeekday: false, isRange: false, tokenStart: i, tokenEnd: end)
    }

    private static func weekdayBefore(_ p: [Piece], _ start: Int) -> Bool {
        var j = start - 1
        var steps = 0
        while j >= 0, steps < 3 {
            if let w = word(p, j) {
                if weekdays[w] != nil || Clitics.stems(of: w).contains(where: { weekdays[$0] != nil }) { return true }
                if w != "يوم" && w != "من" && w != "في" { return false }
            }
            j -= 1; steps += 1
        }
        return false
    }
}
