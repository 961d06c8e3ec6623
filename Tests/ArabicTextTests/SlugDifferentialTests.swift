import Testing
@testable import ArabicText

/// `Slug.make` as it was (word list, then joined): the obvious algorithm the direct one must match.
func referenceSlug(from title: String, maxWords: Int = 8) -> String? {
    var words: [String] = []
    var current = String.UnicodeScalarView()
    func flush() {
        if !current.isEmpty { words.append(String(current)); current = .init() }
    }
    for scalar in title.unicodeScalars {
        let v = scalar.value
        switch v {
        case 0x0640, 0x064B...0x065F, 0x0670, 0x06D6...0x06ED, 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            continue
        case 0x06CC: current.append("\u{064A}")
        case 0x06A9: current.append("\u{0643}")
        case 0x0660...0x0669: current.append(Unicode.Scalar(v - 0x0660 + 0x30)!)
        case 0x06F0...0x06F9: current.append(Unicode.Scalar(v - 0x06F0 + 0x30)!)
        case 0x41...0x5A: current.append(Unicode.Scalar(v + 0x20)!)
        default:
            let props = scalar.properties
            if props.isAlphabetic || (props.numericType != nil && v < 0x80) { current.append(scalar) } else { flush() }
        }
    }
    flush()
    guard !words.isEmpty else { return nil }
    return words.prefix(maxWords).joined(separator: "-")
}

@Suite struct ScalarClassTests {
    /// Every scalar, against the stdlib's own properties.
    @Test func agreesWithUnicodePropertiesEverywhere() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ScalarClass.isAlphabetic(scalar) != scalar.properties.isAlphabetic
                || ScalarClass.isNumeric(scalar) != (scalar.properties.numericType != nil) { disagreements.append(value) }
        }
        #expect(disagreements.isEmpty)
    }
}

@Suite struct SlugDifferentialTests {
    @Test func titlesSlugAsBefore() {
        let pieces = ["كتارا", " ", "تحتضن", "اجتماعَ", "ـــ", "، ", "؟!", "-", "_", "یومی", "کتاب", "٢٠٢٤", "۲۰۲۴", "2024", "Qatar",
                      "TikTok", "é", "e\u{301}", "\u{200F}", "\u{FEFF}", "👍🏽", "½", "Ⅻ", "𝐀", "𞤀", "\u{670}", "/", ".", "\n"]
        var state: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<3000 {
            var title = ""
            for _ in 0..<next(16) { title += pieces[next(pieces.count)] }
            for maxWords in [0, 1, 3, 8, 10] {
                #expect(Slug.make(from: title, maxWords: maxWords) == referenceSlug(from: title, maxWords: maxWords), "\(title.debugDescription) \(maxWords)")
            }
        }
    }
}
