import ArabicText
import Foundation

/// One line of the pasted page, white space already normalised.
public struct PageLine: Sendable, Hashable {
    public var text: String
    /// 1-based line number in the input file (for the report).
    public var number: Int
    /// A blank line came before it: pages separate blocks (kicker+title, highlights) with them.
    public var blankBefore: Bool
    var wordCount: Int
}

/// Something taken out of the text, and why (the report lists these).
public struct Removal: Sendable, Hashable {
    public enum Reason: String, Sendable {
        case navigation = "navigation headlines"
        case furniture = "page furniture (share, comments, subscribe …)"
        case repeatedHeadline = "repeated headline"
        case byline = "editor's name header"
        case credit = "credit line"
        case date = "date line"
        case link = "read-more link"
        case relatedList = "related / most-read headlines"
        case comments = "comment form"
        case signOff = "wire sign-off"
        case duplicate = "duplicated paragraph"
        case marker = "stray marker"
        case caption = "repeated photo caption"
    }
    public var line: Int
    public var text: String
    public var reason: Reason
}

/// The page split into the part above the story (headline, kicker, highlights, date and credit
/// lines, navigation) and the story's paragraphs, with the furniture taken out of both.
public struct CleanedPage: Sendable {
    public var head: [PageLine]
    public var body: [PageLine]
    public var removed: [Removal]
    /// Web addresses from read-more links and bare URL lines (the first is the source URL).
    public var links: [String]
    /// Short lines that credit an outlet or agency ("أخبارنا المغربية - و م ع").
    public var creditLines: [PageLine]
    /// Lines that are only a date ("28 فبراير 2024", "نشر في: …"), in page order.
    public var dateLines: [PageLine]
    /// True when the document uses blank lines between blocks (then they carry meaning).
    public var usesBlankLines: Bool
}

/// Removes page furniture and normalises white space, keeping the journalist's words as they are.
public struct ArticleCleaner: Sendable {
    let outlets: OutletTable

    public init(outlets: OutletTable) { self.outlets = outlets }

    // MARK: white space and letters

    /// Normalises one line: NBSP and other spaces to one space, zero-width spaces out,
    /// Persian ک and ی to Arabic letters, Arabic presentation forms to plain letters.
    public static func normalizeLine(_ line: Substring) -> String {
        // Most lines need nothing: one quick look before rebuilding them.
        var clean = true
        var previousSpace = true
        for s in line.unicodeScalars {
            let v = s.value
            if v == 0x20 {
                if previousSpace { clean = false; break }
                previousSpace = true
                continue
            }
            previousSpace = false
            if v < 0x20 || v == 0x7F || (0x80...0x00AD).contains(v) || (0x06A9 == v) || (0x06CC == v) || (0x1680...0x206F).contains(v)
                || (0xFB50...0xFEFF).contains(v) || v == 0x3000 {
                clean = false
                break
            }
        }
        if clean && !previousSpace { return String(line) }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var needsCompatibility = false
        let scalars = Array(line.unicodeScalars)
        for (k, s) in scalars.enumerated() {
            switch s.value {
            case 0x09, 0x0B, 0x0C, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
                pendingSpace = true
                continue
            case 0x200B, 0xFEFF, 0x00AD:
                continue
            case 0x0000...0x0008, 0x000E...0x001F, 0x007F:
                continue // control characters from copy and paste
            default:
                break
            }
            if pendingSpace, !out.isEmpty { out.append(" ") }
            pendingSpace = false
            switch s.value {
            case 0x06A9: out.append("\u{0643}") // ک → ك
            case 0x06CC:
                // ی: inside a word it is ي; at the end it looks like ى, so it stays what the reader saw.
                let next = k + 1 < scalars.count ? scalars[k + 1] : " "
                out.append(next.properties.isAlphabetic && !(0x064B...0x065F).contains(next.value) ? "\u{064A}" : "\u{0649}")
            case 0xFB50...0xFDFF, 0xFE70...0xFEFE:
                needsCompatibility = true
                out.append(s)
            default:
                out.append(s)
            }
        }
        let text = String(out)
        return needsCompatibility ? text.precomposedStringWithCompatibilityMapping : text
    }

    // MARK: cleaning

    public func clean(_ text: String) -> CleanedPage {
        var lines: [PageLine] = []
        var removed: [Removal] = []
        var links: [String] = []
        var blank = false
        var usesBlankLines = false
        var number = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var line = Self.normalizeLine(rawLine)
            if line.utf8.contains(UInt8(ascii: "[")) || line.hasPrefix("http") {
                let (kept, found, removedLink) = Self.stripLinks(line)
                links += found
                if removedLink { removed.append(Removal(line: number, text: line, reason: .link)) }
                line = kept
            }
            if line.isEmpty {
                blank = true
                continue
            }
            if blank, !lines.isEmpty { usesBlankLines = true }
            lines.append(PageLine(text: line, number: number, blankBefore: blank, wordCount: Self.wordCount(line)))
            blank = false
        }

        // Classify every line once.
        let kinds = lines.map(kind(of:))
        // Where the story starts: the first real paragraph.
        let bodyStart = lines.indices.first { kinds[$0] == .text && Self.isParagraph(lines[$0]) }
            ?? lines.indices.first { kinds[$0] == .text && lines[$0].wordCount >= 8 }
            ?? lines.indices.first { kinds[$0] == .text }
            ?? lines.count

        var head: [PageLine] = []
        var body: [PageLine] = []
        var credits: [PageLine] = []
        var dates: [PageLine] = []
        var skippingList = false     // under "اقرأ أيضا" or "الأكثر قراءة": short headlines go
        var ended = false            // after a comment form, copyright or tags nothing is the story
        for (k, line) in lines.enumerated() {
            if ended {
                removed.append(Removal(line: line.number, text: line.text, reason: .comments))
                continue
            }
            let inBody = k >= bodyStart
            switch kinds[k] {
            case .furniture(let reason):
                removed.append(Removal(line: line.number, text: line.text, reason: reason))
            case .endOfArticle(let reason):
                if inBody || reason == .comments {
                    ended = inBody && reason != .relatedList || reason == .comments
                    skippingList = reason == .relatedList
                }
                removed.append(Removal(line: line.number, text: line.text, reason: reason))
            case .inlineList:
                skippingList = true
                removed.append(Removal(line: line.number, text: line.text, reason: .relatedList))
            case .byline:
                removed.append(Removal(line: line.number, text: line.text, reason: .byline))
            case .credit:
                credits.append(line)
                removed.append(Removal(line: line.number, text: line.text, reason: .credit))
            case .date:
                dates.append(line)
                if inBody { removed.append(Removal(line: line.number, text: line.text, reason: .date)) } else { head.append(line) }
            case .signOff:
                removed.append(Removal(line: line.number, text: line.text, reason: .signOff))
            case .text:
                if skippingList {
                    if !Self.isParagraph(line) && line.wordCount <= 25 {
                        removed.append(Removal(line: line.number, text: line.text, reason: .relatedList))
                        continue
                    }
                    skippingList = false
                }
                if inBody { body.append(line) } else { head.append(line) }
            }
        }

        // Wire sign-offs glued to the last paragraph: "… (قنا)", "/انتهى/".
        if var last = body.last {
            let trimmed = Self.stripTrailingSignOff(last.text)
            if trimmed != last.text {
                removed.append(Removal(line: last.number, text: String(last.text.dropFirst(trimmed.count)), reason: .signOff))
                last.text = trimmed
                body[body.count - 1] = last
            }
        }
        // Another story's headline under the story's end (its date, credit or sign-off line): a
        // short line that ends no sentence and shares few words with the story.
        // With no end marker between, the line must share almost nothing and not continue the story
        // with "و…" (a last paragraph cut off: "وحضر التوقيع ممثلون عن …").
        while body.count >= 3, let last = body.last, (4...15).contains(last.wordCount), !Self.endsSentence(last.text),
              !last.text.hasSuffix(":"), !last.text.hasSuffix("،"), Self.endsSentence(body[body.count - 2].text),
              case let related = BodyVocabulary(Array(body.dropLast())).relatedness(of: last.text),
              removed.contains(where: { (body[body.count - 2].number + 1..<last.number).contains($0.line) }) && related < 0.5
                || last.wordCount <= 12 && !last.text.hasPrefix("و") && related < 0.34 {
            removed.append(Removal(line: last.number, text: last.text, reason: .relatedList))
            body.removeLast()
        }
        // Duplicated paragraphs (copy and paste twice): the first copy stays.
        var seen = Set<String>()
        body = body.filter { line in
            guard line.wordCount >= 4 else { return true }
            if seen.insert(line.text).inserted { return true } // white space is already normalised
            removed.append(Removal(line: line.number, text: line.text, reason: .duplicate))
            return false
        }
        // A photo caption printed again inside the story ("الهيئة الوطنية للصحافة" under each
        // picture): a short line without a sentence's end that the page holds twice or more goes
        // wherever it stands; the headline printed twice is longer and stays above the story.
        var shortCounts: [String: Int] = [:]
        func isCaptionShaped(_ line: PageLine) -> Bool { line.wordCount <= 6 && !Self.endsSentence(line.text) && !line.text.hasSuffix(":") }
        for line in head + body where isCaptionShaped(line) { shortCounts[line.text, default: 0] += 1 }
        let captions = Set(body.filter { isCaptionShaped($0) && shortCounts[$0.text, default: 0] >= 2 }.map(\.text))
        if !captions.isEmpty {
            for line in head + body where captions.contains(line.text) {
                removed.append(Removal(line: line.number, text: line.text, reason: .caption))
            }
            head.removeAll { captions.contains($0.text) }
            body.removeAll { captions.contains($0.text) }
        }
        removed.sort { $0.line < $1.line }
        return CleanedPage(head: head, body: body, removed: removed, links: links, creditLines: credits, dateLines: dates,
                           usesBlankLines: usesBlankLines)
    }

    // MARK: line kinds

    enum Kind: Equatable {
        case text
        case furniture(Removal.Reason)
        case endOfArticle(Removal.Reason)
        case inlineList
        case byline
        case credit
        case date
        case signOff
    }

    func kind(of line: PageLine) -> Kind {
        let text = line.text
        // Menus, labels, credits and dates are short; a long line is the story (or junk that is
        // kept as text), and is not scanned again and again for furniture.
        guard text.utf8.count <= 2_000 else { return .text }
        // Stray markers: "*", "•", "—", "(15)", "…".
        if !text.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            if text.unicodeScalars.contains(where: { $0.properties.numericType != nil }),
               !ArabicDateReader.mentions(in: text).isEmpty { return .date }
            return .furniture(.marker)
        }
        guard line.wordCount <= 30 else { return .text }
        let short = line.wordCount <= 12
        let folded = short ? ArabicNormalizer.normalize(text) : ""
        if short {
            for marker in FurnitureLexicon.foldedEnd where folded == marker || (folded.hasPrefix(marker + " ") && line.wordCount <= 8) {
                let isComments = marker.contains("تعليق") || marker.hasPrefix("هل ترغب")
                return .endOfArticle(isComments ? .comments : marker.contains("حقوق") ? .furniture : .relatedList)
            }
            if folded.hasPrefix(ArabicNormalizer.normalize("هل ترغب")) { return .endOfArticle(.comments) }
            if FurnitureLexicon.rightsReserved.contains(where: folded.contains) { return .endOfArticle(.furniture) }
            for marker in FurnitureLexicon.foldedInline where folded == marker || folded.hasPrefix(marker + " ") {
                return folded == marker ? .inlineList : .furniture(.relatedList)
            }
            if FurnitureLexicon.lines.contains(folded) { return .furniture(.furniture) }
            // A share row: "فيسبوك تويتر واتساب", every word a share or network label.
            let labels = folded.split(separator: " ").map(String.init)
            if labels.count >= 2, labels.count <= 8, labels.allSatisfy(FurnitureLexicon.lines.contains) { return .furniture(.furniture) }
            // "صحيفة الوطن | الثلاثاء 18 يناير 2025 | العدد 8123", "الرياض 1446/8/12 هـ الموافق 2025/2/11 م واس":
            // a print banner or a wire header between bars or slashes, not a menu.
            if text.contains("|") || text.contains("/"), isDateLine(text) { return .date }
            if isMenu(text) { return .furniture(.navigation) }
        }
        // A bare time: "10:30 ص", "09:15 PM".
        if line.wordCount <= 3, text.range(of: #"^\d{1,2}[:.]\d{2}(\s*(ص|م|مساء|صباحا|AM|PM|am|pm|GMT))?$"#, options: .regularExpression) != nil {
            return .furniture(.date)
        }
        // Photo captions: "جانب من توقيع الاتفاقية", "(من اليمين) …".
        if short, ["جانب من", "صوره من", "من اليمين", "الصوره", "صوره ارشيفيه"].contains(where: { folded.hasPrefix(ArabicNormalizer.normalize($0)) }) {
            return .furniture(.furniture)
        }
        // Relative time stamps: "منذ 3 ساعات".
        if short, line.wordCount <= 5, folded.hasPrefix("منذ "), folded.contains(where: \.isNumber) || ["ساعه", "ساعات", "ساعت", "دقيقه", "دقيقت", "دقايق", "يوم", "ايام", "اسبوع", "شهر"].contains(where: folded.contains) {
            return .furniture(.date)
        }
        // A print issue's banner ("العدد 18452 - الأحد 12 مايو 2024 - الموافق 4 ذو القعدة 1445 هـ")
        // gives two dates of one day and runs longer than a plain date line.
        if line.wordCount <= 10 || line.wordCount <= 20 && (ArabicDateReader.mentions(in: text).count >= 2 || text.hasPrefix("نشر ")),
           isDateLine(text) { return .date }
        // The story's meta line: weekday, date and time, then the byline ("الثلاثاء 10/12/2024 - 14:05 | بيروت - ريما خوري").
        if line.wordCount <= 12, isMetaLine(text) { return .date }
        if line.wordCount <= 16, isCallToAction(folded.isEmpty ? ArabicNormalizer.normalize(text) : folded) { return .furniture(.furniture) }
        // Mastheads: "رئيس التحرير: …"، "رئيس مجلس الإدارة: … | رئيس التحرير: …" (a line that opens
        // with the label; "قال رئيس التحرير: …" is the story).
        if line.wordCount <= 20, text.contains(":"),
           case let words = ArabicNormalizer.words(text).joined(separator: " "),
           FurnitureLexicon.mastheadLabels.contains(where: { words.hasPrefix($0 + " ") }) {
            return .furniture(.furniture)
        }
        // Captions labelled as such: "صورة: وزير الاتصال خلال الزيارة".
        if short, let first = ArabicNormalizer.words(text).first, FurnitureLexicon.captionLabels.contains(first),
           let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 12 {
            return .furniture(.furniture)
        }
        if short {
            for prefix in FurnitureLexicon.foldedPrefixes where folded.hasPrefix(prefix) && (line.wordCount <= 10 || prefix.hasPrefix("هل")) {
                let isComments = prefix.contains("تعليق") || prefix.hasPrefix("هل ترغب") || prefix.hasPrefix("من شروط") || prefix.contains("المنشوره")
                return .furniture(isComments ? .comments : .furniture)
            }
        }
        if line.wordCount <= 8, isByline(text) { return .byline }
        if line.wordCount <= 8, isCredit(text) { return .credit }
        if line.wordCount <= 10, isSignOff(text) { return .signOff }
        if line.wordCount <= 25, (text.hasPrefix("•") || text.hasPrefix("- ")) && folded.contains("تعليق") { return .furniture(.comments) }
        if text.hasPrefix("©") || short && text.lowercased().hasPrefix("(c) ") { return .furniture(.furniture) }
        return .text
    }

    /// A story paragraph rather than a headline: long, or a full sentence.
    static func isParagraph(_ line: PageLine) -> Bool {
        line.wordCount >= 25 || (line.wordCount >= 10 && endsSentence(line.text))
    }

    static func endsSentence(_ text: String) -> Bool {
        var scalars = text.unicodeScalars.reversed().drop { " \"”»)’'".unicodeScalars.contains($0) }
        guard let last = scalars.first else { return false }
        scalars = scalars.dropFirst()
        return ".!?؟…۔".unicodeScalars.contains(last)
    }

    static func wordCount(_ text: String) -> Int {
        var count = 0, inWord = false
        for s in text.unicodeScalars {
            let sep = s == " " || s == "\t"
            if !sep && !inWord { count += 1 }
            inWord = !sep
        }
        return count
    }

    /// "الرئيسية > أخبار > محليات", "أخبار | رياضة | اقتصاد | فن".
    func isMenu(_ text: String) -> Bool {
        let separators = text.filter { "|»›>/".contains($0) }.count
        guard separators >= 2 else { return false }
        let parts = text.split(whereSeparator: { "|»›>/".contains($0) }).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
        // Menu items are words: "الرباط : 2023/11/07" is a date, not a menu.
        let wordy = parts.filter { $0.unicodeScalars.contains { $0.properties.isAlphabetic } }
        return wordy.count >= 3 && parts.allSatisfy { $0.split(separator: " ").count <= 4 }
    }

    /// A line that is only a date, with its labels: "28 فبراير 2024", "نشر في: الأحد 9 مارس 2025 - 10:30 ص".
    func isDateLine(_ text: String) -> Bool {
        // "صحيفة الوطن | الثلاثاء 18 رجب 1446 هـ الموافق 18-01-2025 م | العدد 8123": a print banner
        // may open with the paper's name.
        if let bar = text.firstIndex(of: "|") {
            let name = text[..<bar].trimmingCharacters(in: .whitespaces)
            let words = name.split(separator: " ")
            if (1...3).contains(words.count), outlets.outlet(named: name) != nil
                || words.count >= 2 && ["صحيفة", "جريدة", "مجلة"].contains(String(words[0])) {
                return isDateLine(String(text[text.index(after: bar)...]))
            }
        }
        let found = ArabicDateReader.mentions(in: text)
        guard !found.isEmpty else { return false }
        let pieces = ArabicDateReader.scan(text)
        var covered = Set<Int>()
        for d in found { covered.formUnion(d.tokenStart..<d.tokenEnd) }
        let labels: Set<String> = ["نشر", "في", "بتاريخ", "تاريخ", "النشر", "اخر", "تحديث", "تم", "الساعه", "ص", "م", "مساء", "صباحا",
                                   "الموافق", "ه", "هـ", "gmt", "بتوقيت", "مكه", "المكرمه", "غرينتش", "اليوم", "يوم", "نشر", "التحديث",
                                   "تاريخ", "النشر", "pm", "am", "ميلادي", "هجري", "منذ", "الدوحه", "الرياض", "ابوظبي", "القاهره",
                                   "العدد", "السنه"]
        var leftover = 0
        for (k, piece) in pieces.enumerated() where !covered.contains(k) {
            if case .word(let w) = piece, !labels.contains(w), ArabicDateReader.weekdays[w] == nil,
               !Clitics.stems(of: w).contains(where: { ArabicDateReader.weekdays[$0] != nil || labels.contains($0) }) {
                leftover += 1
            }
        }
        // "نشر في الشروق الجديد يوم 15 - 01 - 2025": an aggregator's line names the paper it took the story from.
        let words = pieces.compactMap { piece -> String? in if case .word(let w) = piece { return w } else { return nil } }
        let published = words.count >= 2 && words[0] == "نشر" && ["في", "بتاريخ", "يوم"].contains(words[1])
        return leftover <= (published ? 4 : 1)
    }

    /// A line that opens with a date (after a weekday) and carries a time or a "|" before what
    /// follows: the page's meta line, whatever byline comes after the date.
    func isMetaLine(_ text: String) -> Bool {
        guard text.contains("|") || text.range(of: #"\d{1,2}:\d{2}"#, options: .regularExpression) != nil else { return false }
        guard let first = ArabicDateReader.mentions(in: text).first, !first.isHijri, first.year != nil else { return false }
        let pieces = ArabicDateReader.scan(text)
        for piece in pieces.prefix(first.tokenStart) {
            if case .word(let w) = piece, ArabicDateReader.weekdays[w] == nil,
               !["نشر", "في", "بتاريخ", "يوم", "تاريخ", "النشر"].contains(w) { return false }
            if case .number = piece { return false }
        }
        return true
    }

    /// "اشترك في قناتنا على يوتيوب ليصلك كل جديد", "تابعوا آخر الأخبار عبر قناتنا …": a prompt to
    /// the reader, wherever it stands (a platform named in it is not the story's).
    func isCallToAction(_ folded: String) -> Bool {
        let words = folded.split(separator: " ")
        guard let first = words.first else { return false }
        let verb = FurnitureLexicon.callVerbs.contains { first == $0 || first.hasPrefix($0) && first.count <= $0.count + 2 }
        return verb && words.contains { word in FurnitureLexicon.callObjects.contains { word.hasSuffix($0) } }
    }

    /// "كتب: محمد علي", "بقلم - سارة أحمد".
    func isByline(_ text: String) -> Bool {
        let words = ArabicNormalizer.words(text)
        guard let first = words.first, FurnitureLexicon.bylineLabels.contains(first), words.count >= 2, words.count <= 7 else { return false }
        // The label must be followed by ":" or "-" or be the whole first word of a short line.
        let afterLabel = text.drop { !":-–—".contains($0) }
        return !afterLabel.isEmpty || words.count <= 4
    }

    /// A line that credits an outlet or agency: "أخبارنا المغربية - و م ع", "المصدر: واس", "(وام)".
    func isCredit(_ text: String) -> Bool {
        var body = Substring(text)
        let folded = ArabicNormalizer.normalize(text)
        if Self.creditLabel(folded) {
            body = text.drop { $0 != ":" && $0 != "-" && $0 != "–" }.dropFirst()
            return !body.trimmingSpaces.isEmpty
        }
        var parts = text.split(whereSeparator: { "-–—/|()«»".contains($0) }).map { String($0.trimmingSpaces) }.filter { !$0.isEmpty }
        guard !parts.isEmpty else { return false }
        // "هسبريس من الرباط": an outlet and where it writes from.
        if let range = parts[0].range(of: " من "), outlets.outlet(named: String(parts[0][..<range.lowerBound])) != nil {
            parts[0] = String(parts[0][..<range.lowerBound])
        }
        return parts.allSatisfy { outlets.outlet(named: $0) != nil }
    }

    /// A folded line that opens with a credit's label ("المصدر"، "المقال الأصلي").
    static func creditLabel(_ folded: String) -> Bool { FurnitureLexicon.creditLabels.contains { folded.hasPrefix($0) } }

    /// Wire sign-offs: "/انتهى/", "ع ح / م ع", "(النهاية) ع م ا", "كونا 201530 جمت مار 24".
    func isSignOff(_ text: String) -> Bool {
        let words = ArabicNormalizer.words(text)
        guard !words.isEmpty else { return true }
        if words.contains(where: FurnitureLexicon.signOffWords.contains) && words.count <= 6 { return true }
        // KUNA's slug line: "كونا121530 جمت مار 24".
        if words.count <= 6, text.range(of: #"\d{6}"#, options: .regularExpression) != nil, !text.contains(":") { return true }
        // BNA's and others' slug line with its time in GMT: "بنا 1245 جمت 03/03/2025".
        if words.count <= 6, words.contains("جمت"), text.contains(where: \.isNumber) { return true }
        let tiny = words.filter { $0.count <= 2 }.count
        // The editors' initials alone on a line: "ع ع", "م ع ا".
        if words.count <= 4, tiny == words.count, words.allSatisfy({ $0.unicodeScalars.allSatisfy { (0x0621...0x064A).contains($0.value) } }) { return true }
        return text.contains("/") && tiny * 3 >= words.count * 2 && words.count <= 8
    }

    /// The last paragraph without "/انتهى/", "(قنا)", "ـ انتهى ـ" at its end.
    static func stripTrailingSignOff(_ text: String) -> String {
        // Only the end can hold a sign-off; looking at the last characters keeps long lines cheap.
        let cut = text.index(text.endIndex, offsetBy: -min(120, text.count))
        let kept = text[..<cut]
        var t = String(text[cut...])
        let patterns = [#"\s*[/\-ـ(]+\s*(انتهى|النهاية)\s*[/\-ـ)]+\s*$"#, #"\s*//\s*انتهى\s*//\s*$"#, #"\s*\((قنا|وام|واس|بترا|سانا|كونا|ومع|و م ع|أ ش أ|بنا|العمانية|واج|وات|وفا|سبأ)\)\s*\.?\s*$"#]
        for pattern in patterns {
            if let range = t.range(of: pattern, options: .regularExpression) { t.removeSubrange(range) }
        }
        return kept + t
    }

    // MARK: links

    /// Removes BBCode and "read more" links, returning the text left, the URLs found, and
    /// whether a link was removed. `…]إضغط هنا لقراءة المزيد...[/url]` keeps its URL.
    static func stripLinks(_ line: String) -> (String, [String], Bool) {
        var text = line
        var urls: [String] = []
        var removedLink = false
        guard text.utf8.count < 100_000 else { return (line, [], false) } // not a link line
        // [url=http://…]text[/url] and the broken form http://…]text[/url].
        let linkPattern = #"(?:\[url=)?(https?://[^\s\[\]]+)\]([^\[]*)\[/url\]"#
        while let range = text.range(of: linkPattern, options: .regularExpression) {
            let match = String(text[range])
            let url = match.replacingOccurrences(of: #"^(?:\[url=)?(https?://[^\s\[\]]+)\].*$"#, with: "$1", options: .regularExpression)
            let label = match.replacingOccurrences(of: #"^(?:\[url=)?https?://[^\s\[\]]+\](.*)\[/url\]$"#, with: "$1", options: .regularExpression)
            urls.append(url)
            let foldedLabel = ArabicNormalizer.normalize(label)
            let isReadMore = foldedLabel.isEmpty || FurnitureLexicon.readMore.contains { foldedLabel.contains(ArabicNormalizer.normalize($0)) }
            text.replaceSubrange(range, with: isReadMore ? "" : label)
            removedLink = removedLink || isReadMore
        }
        // [url]http://…[/url]
        while let range = text.range(of: #"\[url\](https?://[^\[]+)\[/url\]"#, options: .regularExpression) {
            urls.append(String(text[range].dropFirst(5).dropLast(6)))
            text.removeSubrange(range)
            removedLink = true
        }
        // Other BBCode tags keep their text: [b]…[/b], [i], [u], [quote], [size=…], [color=…], [img]…[/img] goes.
        text = text.replacingOccurrences(of: #"\[img\][^\[]*\[/img\]"#, with: "", options: .regularExpression)
        text = text.replacingOccurrences(of: #"\[/?(b|i|u|s|quote|center|left|right|size|color|font|url)(=[^\]]*)?\]"#, with: "", options: [.regularExpression, .caseInsensitive])
        // A line that is only a web address.
        let trimmed = text.trimmingSpaces
        if trimmed.range(of: #"^https?://\S+$"#, options: .regularExpression) != nil {
            urls.append(trimmed)
            text = ""
            removedLink = true
        }
        let collapsed = normalizeLine(Substring(text)).trimmingSpaces
        return (collapsed, urls, removedLink)
    }
}
