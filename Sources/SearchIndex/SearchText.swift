import ArabicText

/// How text becomes search keys. Letters are folded by `ArabicNormalizer.fold` and clitics are
/// taken from `Clitics.prefixes` — the rules every other look-up of the site uses; this file adds
/// which of them a search key may drop (`clitics`, `wholeWords`), the light suffix stemming below
/// and the byte-level loop that makes indexing cheap.
///
/// A word stands for the set of its keys: itself, the word without each clitic prefix it may
/// carry, and those forms without one plural or feminine ending. A query word matches a text
/// word when their key sets meet, so وللاتفاقيات matches الاتفاقية and اتفاقيه, but تعاون is
/// never cut to تعا: an ending comes off only when a long enough stem is left.
public enum SearchText {
    /// A suffix, the shortest word it comes off, and the shortest stem it leaves (in letters).
    public struct Suffix: Sendable {
        public let text: String
        public let minimumWord: Int
        public let minimumStem: Int
        let scalars: [UInt32]
    }

    /// Sound plurals (ـات، ـون، ـين) and the feminine ending (ة, folded to ه), longest first;
    /// only the first that applies comes off. ـون and ـين need a four-letter stem (تعاون and
    /// فلسطين keep theirs), ـات and ـه three.
    public static let suffixes: [Suffix] = [("ات", 5, 3), ("ون", 6, 4), ("ين", 6, 4), ("ه", 4, 3)].map {
        Suffix(text: $0.0, minimumWord: $0.1, minimumStem: $0.2, scalars: $0.0.unicodeScalars.map(\.value))
    }

    /// A clitic sequence the search strips, and the shortest stem it must leave (in letters).
    public struct Clitic: Sendable {
        public let text: String
        public let minimumStem: Int
        let scalars: [UInt32]
        /// Ends in لل, ل + the article without its alif (للذي is ل + الذي).
        public var elidesArticle: Bool { text.hasSuffix("لل") }
    }

    /// Which of `Clitics.prefixes` the search strips, longest first, and how long a stem each must
    /// leave. `Clitics` lists every sequence a name look-up may try; an index key is a claim that
    /// two words are the same word, so here a sequence comes off only where Arabic writes it
    /// (`minimumStem(after:)`).
    public static let clitics: [Clitic] = Clitics.prefixes.compactMap { prefix in
        minimumStem(after: prefix).map { Clitic(text: prefix, minimumStem: $0, scalars: prefix.unicodeScalars.map(\.value)) }
    }

    /// The shortest stem a clitic sequence leaves, or nil when the search never strips it:
    /// - the article (ال، بال، وال، لل، وللـ…) precedes a noun, and nouns of two letters take it
    ///   (البث، الحج): two letters;
    /// - a conjunction or a preposition alone (و ف ب ل ك، وب، فل…) is also the first letter of
    ///   countless words (بلد، وزير، لجنة), and وب or ول before two letters is و before a word
    ///   (وبعد، ولها): three letters;
    /// - كال (كالعادة) is rarer than the words that begin with it (وكالة، وكالات): three letters;
    /// - ل + ال is always written لل, so لال (لالتزام) is ل before a word whose own letters
    ///   are ال (التزام); but that word loses them to the article rule (التزام → تزام), so لال
    ///   comes off too, for لالتزام to meet التزام: two letters, as the article;
    /// - و or ف + ك without the article (وكالة، وكذا، فكان) is almost always و or ف before a word
    ///   beginning with ك; the simile ك takes a bare noun too seldom to pay for اله from وكالة:
    ///   never stripped.
    static func minimumStem(after prefix: String) -> Int? {
        var rest = Substring(prefix)
        let conjunction = rest.first == "و" || rest.first == "ف"
        if conjunction { rest = rest.dropFirst() }
        switch rest {
        case "", "ب", "ل": return 3
        case "ك": return conjunction ? nil : 3
        case "ال", "بال", "لل", "لال": return 2
        case "كال": return 3
        default: return nil // anything `Clitics` may list later, until it is weighed here
        }
    }

    /// Shortest stem after the article alone: a form "ال" + stem is dropped for the stem (`keys`).
    public static let minimumStem = 2

    /// Function words whose first letters look like clitics but are their own (folded): the
    /// relative pronouns, الله, الآن, إلى and إلا with their pronouns, كانت, فيها, لكن, لدى, بين
    /// and كل with pronouns (كلها is not ك + لها)….
    /// Such a word is never cut (التي is not ال + تي, الآن would otherwise meet every أن, and
    /// إليه every إلى), a clitic is not stripped into its letters (والذي is و + الذي, never
    /// وال + ذي; لل gives back the alif it elides: للذي → الذي), and no suffix is cut from one or down to one (آليات is not آلي + ات, i.e. إلى).
    public static let wholeWords: [String] = [
        "الذي", "التي", "الذين", "اللذان", "اللذين", "اللتان", "اللتين", "اللاتي", "اللايي", "اللواتي",
        "الله", "اللهم", "الان", "الا", "الي", "اليه", "اليها", "اليهم", "اليهما", "اليكم", "اليك", "الينا",
        "كانت", "كانوا", "فيها", "فيهما", "فيهم", "فيما", "لكن", "لكنه", "لكنها", "لكنهم", "لكي", "ليست",
        "لدي", "لديه", "لديها", "لديهما", "لديهم", "لدينا", "بينها", "بينهما", "بينهم", "بيننا", "بينما", "بعدما",
        "كلما", "كلها", "كلهما", "كلهم",
    ]
    static let whole: Set<[UInt32]> = Set(wholeWords.map { $0.unicodeScalars.map(\.value) })

    /// Whether the letters a clitic of `length` letters would take from `word` begin a whole word.
    static func claimsWholeWord(_ word: [UInt32], length: Int) -> Bool {
        (0..<length).contains { whole.contains(Array(word[$0...])) }
    }

    /// The conjunctions a whole word may carry and stay whole for the suffix rule (والذين).
    public static let conjunctions: [String] = ["و", "ف"]
    static let conjunctionValues: Set<UInt32> = Set(conjunctions.map { $0.unicodeScalars.first!.value })

    /// Whether a form is a whole word, or و or ف before one (والذين is not والذ + ين).
    static func isWhole(_ form: [UInt32]) -> Bool {
        whole.contains(form) || (form.count > 1 && conjunctionValues.contains(form[0]) && whole.contains(Array(form[1...])))
    }

    /// Hamza seats that writers swap inside a word (مسؤول، مسئول): folded, ؤ is و and ئ is ي, so
    /// a word with one of these pairs after its first letter also stands for the word with the other.
    public static let seatPairs: [(String, String)] = [("وو", "يو"), ("يو", "وو")]
    static let seats: [([UInt32], [UInt32])] = seatPairs.map { ($0.0.unicodeScalars.map(\.value), $0.1.unicodeScalars.map(\.value)) }

    static let article: [UInt32] = [0x0627, 0x0644]

    /// The keys of one folded word (scalar values), the word itself first, without repeats.
    public static func keys(of word: [UInt32]) -> [[UInt32]] {
        var forms: [[UInt32]] = [word]
        if whole.contains(word) { return forms }
        for clitic in clitics where word.count >= clitic.scalars.count + clitic.minimumStem && word.starts(with: clitic.scalars) {
            guard !claimsWholeWord(word, length: clitic.scalars.count) else { continue }
            let rest = Array(word[clitic.scalars.count...])
            if clitic.elidesArticle && whole.contains(article + rest) { // للذي: الذي, not ذي
                if !forms.contains(article + rest) { forms.append(article + rest) }
                continue
            }
            if !forms.contains(rest) { forms.append(rest) }
            // A rest that begins with ال loses it as it would on its own: الإلكتروني is ال +
            // إلكتروني, whose own keys are كتروني (its ال taken for the article), so it meets it.
            // The bare stem keeps the clitic's own minimum: ك + الدم leaves no more than كال + دم.
            if rest.count >= article.count + clitic.minimumStem && rest.starts(with: article) && !whole.contains(rest) {
                let bare = Array(rest[article.count...])
                if !forms.contains(bare) { forms.append(bare) }
            }
        }
        for form in forms {
            for (seat, other) in seats {
                guard let at = firstIndex(of: seat, in: form, from: 1) else { continue }
                let swapped = Array(form[..<at]) + other + Array(form[(at + seat.count)...])
                if !forms.contains(swapped) { forms.append(swapped) }
            }
        }
        for form in forms where !isWhole(form) {
            for suffix in suffixes where form.count >= suffix.minimumWord && form.count - suffix.scalars.count >= suffix.minimumStem
                && form.reversed().starts(with: suffix.scalars.reversed()) {
                let stem = Array(form[..<(form.count - suffix.scalars.count)])
                if !forms.contains(stem) && !whole.contains(stem) { forms.append(stem) }
                break
            }
        }
        // A form with the article is kept only when the form without it is not there: الدوحة
        // is found through دوحه, and the index is not twice as large.
        return forms.filter { form in
            !(form.count >= article.count + minimumStem && form.starts(with: article) && forms.contains(Array(form[article.count...])))
        }
    }

    static func firstIndex(of part: [UInt32], in word: [UInt32], from start: Int) -> Int? {
        guard word.count >= part.count + start else { return nil }
        for i in start...(word.count - part.count) where word[i..<(i + part.count)].elementsEqual(part) { return i }
        return nil
    }

    /// The keys of a word as text (folded first).
    public static func keys(of word: String) -> [String] {
        let folded = ArabicNormalizer.normalize(word).unicodeScalars.map(\.value)
        guard !folded.contains(0x20), !folded.isEmpty else { return [] }
        return keys(of: folded).map(string)
    }

    static func string(_ scalars: [UInt32]) -> String {
        var view = String.UnicodeScalarView()
        for value in scalars { view.append(Unicode.Scalar(value)!) }
        return String(view)
    }

    /// The shard a key lives in: FNV-1a over its first three letters (fewer when it is shorter),
    /// so every key a typed prefix of three letters or more can reach is in one shard. The
    /// client (templates/assets/search.js) computes the same.
    public static func shard(of key: [UInt32], count: Int) -> Int {
        var hash: UInt32 = 2_166_136_261
        for value in key.prefix(3) {
            hash ^= value
            hash = hash &* 16_777_619
        }
        return Int(hash % UInt32(count))
    }

    /// What `ArabicNormalizer.fold` does to U+0600–U+06FF and the controls it drops, as the
    /// client reads it from the index: "" for a dropped scalar, " " for a separator, else the
    /// folded letter. Outside these the client folds as the normaliser's default does.
    public static var foldTable: [String: String] {
        var table: [String: String] = [:]
        for value in UInt32(0x0600)...0x06FF {
            let scalar = Unicode.Scalar(value)!
            let folded = ArabicNormalizer.fold(scalar)
            if folded == scalar { continue }
            table[String(format4: value)] = folded.map { String($0) } ?? ""
        }
        for value in [UInt32(0x200B), 0x200C, 0x200D, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E,
                      0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF] {
            table[String(format4: value)] = ""
        }
        return table
    }
}

extension String {
    /// "064b": the four hex digits of a BMP scalar value.
    init(format4 value: UInt32) {
        let hex = String(value, radix: 16)
        self = String(repeating: "0", count: Swift.max(0, 4 - hex.count)) + hex
    }
}

/// Reads text as a reader would search it: UTF-8 bytes decoded once, each scalar folded
/// (`ArabicNormalizer.fold`), words cut at separators, HTML tags and character references
/// skipped. Each word is handed over as folded scalar values in a reused buffer, with a hash of
/// them: no String is made per word.
struct WordScanner {
    /// Folded values of U+0000–U+07FF, computed once: 0 drops the scalar, 0x20 separates words.
    static let table: [UInt32] = (UInt32(0)..<0x800).map { value in
        guard let scalar = Unicode.Scalar(value) else { return 0x20 }
        return ArabicNormalizer.fold(scalar)?.value ?? 0
    }
    /// The same, read without bounds checks in the loop over every byte of every article.
    nonisolated(unsafe) static let tablePointer: UnsafeMutableBufferPointer<UInt32> = {
        let pointer = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: table.count)
        _ = pointer.initialize(from: table)
        return pointer
    }()

    static func fold(_ value: UInt32) -> UInt32 {
        if value < 0x800 { return table[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return 0x20 }
        return ArabicNormalizer.fold(scalar)?.value ?? 0
    }

    /// Calls `word` with each word's folded scalars and their hash. `html`: skip tags and
    /// character references (`&amp;` separates words).
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, html: Bool, word: (UnsafeBufferPointer<UInt32>, UInt64) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { buffer in
            scan(bytes, html: html, buffer: buffer, word: word)
        }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, html: Bool, buffer: UnsafeMutableBufferPointer<UInt32>,
                             word: (UnsafeBufferPointer<UInt32>, UInt64) -> Void) {
        var length = 0
        var hash: UInt64 = 14_695_981_039_346_656_037
        var i = 0
        let n = bytes.count
        let table = UnsafeBufferPointer(Self.tablePointer)
        @inline(__always) func end() {
            if length > 0 && length <= 64 {
                word(UnsafeBufferPointer(rebasing: buffer[0..<length]), hash)
            }
            length = 0
            hash = 14_695_981_039_346_656_037
        }
        while i < n {
            let byte = bytes[i]
            var value: UInt32
            if byte < 0x80 {
                i += 1
                if html && byte == 0x3C { // <: skip the tag
                    end()
                    while i < n && bytes[i] != 0x3E { i += 1 }
                    i += 1
                    continue
                }
                if html && byte == 0x26 { // &: a character reference separates words
                    end()
                    var j = i
                    while j < n && j < i + 10 && bytes[j] != 0x3B && bytes[j] != 0x20 { j += 1 }
                    if j < n && bytes[j] == 0x3B { i = j + 1 }
                    continue
                }
                value = table[Int(byte)]
            } else if byte < 0xE0 {
                guard i + 1 < n else { break }
                value = table[Int((UInt32(byte & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)) & 0x7FF]
                i += 2
            } else if byte < 0xF0 {
                guard i + 2 < n else { break }
                value = fold((UInt32(byte & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F))
                i += 3
            } else {
                guard i + 3 < n else { break }
                value = fold((UInt32(byte & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                    | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F))
                i += 4
            }
            if value == 0 { continue }
            if value == 0x20 { end(); continue }
            if length < 64 { buffer[length] = value }
            length += 1
            hash = (hash ^ UInt64(value)) &* 1_099_511_628_211
        }
        end()
    }
}
