import ArabicText
import ContentLoading
import Foundation

/// How the site writes dates and numbers for its readers: Arabic month names in the Gregorian
/// calendar, and the digits the site's locale uses — Latin for plain "ar", Arabic-Indic where ICU
/// says the locale writes them (ar-EG, ar-SA …).
struct ArabicFormat: Sendable {
    /// The ICU locale identifier used for formatting.
    let locale: String
    let usesArabicIndicDigits: Bool

    init(locale configured: String) {
        let identifier = configured.replacingOccurrences(of: "_", with: "-")
        // Plain "ar" means Latin digits whatever this ICU version's default for "ar" is.
        locale = identifier == "ar" ? "ar-u-nu-latn" : identifier
        usesArabicIndicDigits = Locale(identifier: locale).numberingSystem.identifier == "arab"
    }

    /// Loads what ICU needs to write the site's dates and numbers — the first use in a process
    /// takes longer than the rest of a rebuild after an edit — so another core can do it while
    /// this one reads the build record.
    static func prepare(locale: String) {
        let format = ArabicFormat(locale: locale)
        _ = format.day(Day(year: 2024, month: 3, day: 5)!)
    }

    /// "5 مارس، 2024" or "٥ مارس، ٢٠٢٤".
    func day(_ day: Day) -> String {
        DayFormatters.shared.format(day, locale: locale)
    }

    func number(_ n: Int) -> String {
        usesArabicIndicDigits ? Digits.arabicIndic(String(n)) : String(n)
    }

    /// A counted noun with Arabic plural agreement: "خبر واحد", "خبران", "٣ أخبار", "١١ خبرًا", "١٠٠ خبر".
    func count(_ n: Int, _ noun: CountedNoun) -> String {
        let forms = noun.forms
        switch n {
        case 0: return forms.zero
        case 1: return forms.one
        case 2: return forms.two
        default: return number(n) + " " + Self.plural(n, few: forms.few, many: forms.many, other: forms.other)
        }
    }

    /// What a shortened list leaves out, after its last item: "وشريك آخر", "وشريكان آخران",
    /// "و ٣ شركاء آخرين", "و ٩٧٠ شريكًا آخر", "و ١٠٠ شريك آخر"; nil when nothing is left out.
    func more(_ n: Int, _ noun: CountedNoun) -> String? {
        let forms = noun.others
        switch n {
        case ...0: return nil
        case 1: return forms.one
        case 2: return forms.two
        default: return "و " + number(n) + " " + Self.plural(n, few: forms.few, many: forms.many, other: forms.other)
        }
    }

    /// CLDR's Arabic plural categories from 3 on: few 3–10, many 11–99 (modulo 100), other the rest.
    private static func plural(_ n: Int, few: String, many: String, other: String) -> String {
        switch n % 100 {
        case 3...10: return few
        case 11...99: return many
        default: return other
        }
    }
}

enum CountedNoun {
    case article, organization, country, partner

    var forms: (zero: String, one: String, two: String, few: String, many: String, other: String) {
        switch self {
        case .article: return ("لا أخبار", "خبر واحد", "خبران", "أخبار", "خبرًا", "خبر")
        case .organization: return ("لا مؤسسات", "مؤسسة واحدة", "مؤسستان", "مؤسسات", "مؤسسةً", "مؤسسة")
        case .country: return ("لا دول", "دولة واحدة", "دولتان", "دول", "دولةً", "دولة")
        case .partner: return ("لا شركاء", "شريك واحد", "شريكان", "شركاء", "شريكًا", "شريك")
        }
    }

    /// "and n others": the noun with its adjective, which agrees with the counted noun (genitive
    /// plural after 3–10, accusative singular after 11–99, genitive singular after 100).
    var others: (one: String, two: String, few: String, many: String, other: String) {
        switch self {
        case .article: return ("وخبر آخر", "وخبران آخران", "أخبار أخرى", "خبرًا آخر", "خبر آخر")
        case .organization: return ("ومؤسسة أخرى", "ومؤسستان أخريان", "مؤسسات أخرى", "مؤسسةً أخرى", "مؤسسة أخرى")
        case .country: return ("ودولة أخرى", "ودولتان أخريان", "دول أخرى", "دولةً أخرى", "دولة أخرى")
        case .partner: return ("وشريك آخر", "وشريكان آخران", "شركاء آخرين", "شريكًا آخر", "شريك آخر")
        }
    }
}

/// DateFormatters are slow to make and not safe to share between threads unguarded, so one per
/// locale is kept here and used under a lock (pages may be planned and rendered concurrently).
final class DayFormatters: @unchecked Sendable {
    static let shared = DayFormatters()

    private let lock = NSLock()
    private var formatters: [String: DateFormatter] = [:]
    private let calendar: Calendar = {
        // Gregorian whatever the locale's default: ar-SA's is the Hijri calendar.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    func format(_ day: Day, locale: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        let formatter = formatters[locale] ?? {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: locale)
            formatter.calendar = calendar
            formatter.timeZone = calendar.timeZone
            formatter.setLocalizedDateFormatFromTemplate("dMMMMy")
            formatters[locale] = formatter
            return formatter
        }()
        // Noon, so no time-zone arithmetic can move the day.
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12))!
        return formatter.string(from: date)
    }
}
