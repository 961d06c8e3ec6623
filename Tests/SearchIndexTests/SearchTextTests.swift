import ArabicText
@testable import SearchIndex
import Testing

/// Which words a search key merges: two words match when their keys meet (`SearchText.keys`).
/// The words are from the seed articles and the query set's fixtures.
struct SearchTextTests {
    static func meet(_ a: String, _ b: String) -> Bool {
        !Set(SearchText.keys(of: a)).isDisjoint(with: SearchText.keys(of: b))
    }

    /// A clitic, the article or a plural still leads to the word.
    @Test(arguments: [("للتعاون", "تعاون"), ("والمؤتمر", "المؤتمر"), ("بالدوحة", "الدوحة"), ("وبقطر", "قطر"),
                      ("ولمصر", "مصر"), ("للإذاعة", "إذاعة"), ("كالعادة", "عادة"), ("والذي", "الذي"),
                      ("لالتزامنا", "التزامنا"), ("وكالات", "الوكالة"), ("والبث", "بث"), ("وكذلك", "كذلك"),
                      ("وللاتفاقيات", "اتفاقية"), ("فيما", "وفيما"), ("الإلكتروني", "إلكتروني"),
                      ("الالتزام", "التزام"), ("الألعاب", "ألعاب"), ("بالألعاب", "ألعاب"), ("الآلاف", "آلاف"), ("للذين", "الذين")])
    func sameWordsMeet(_ pair: (String, String)) {
        #expect(Self.meet(pair.0, pair.1), "\(pair.0) \(SearchText.keys(of: pair.0)) / \(pair.1) \(SearchText.keys(of: pair.1))")
    }

    /// Letters that only look like a clitic or a suffix do not make two words one.
    @Test(arguments: [("وكالة", "آلة"), ("وكالات", "آلات"), ("آلية", "إلى"), ("إليه", "إلى"), ("الآن", "أن"),
                      ("التي", "تي"), ("والذي", "ذي"), ("كلها", "لها"), ("وبعد", "عد"),
                      ("وكذا", "ذا"), ("وكوادره", "وادر"), ("فيما", "يما"), ("الله", "له"),
                      ("والذين", "والذ"), ("للذي", "ذي"), ("للتي", "تي")])
    func unrelatedWordsDoNotMeet(_ pair: (String, String)) {
        #expect(!Self.meet(pair.0, pair.1), "\(pair.0) \(SearchText.keys(of: pair.0)) / \(pair.1) \(SearchText.keys(of: pair.1))")
    }

    /// The search strips every sequence `Clitics` lists but و or ف + ك without the article.
    @Test func theSearchLeavesOutOnlyUngrammaticSequences() {
        let stripped = Set(SearchText.clitics.map(\.text))
        #expect(Set(Clitics.prefixes).subtracting(stripped) == ["وك", "فك"])
        #expect(SearchText.clitics.map(\.text) == Clitics.prefixes.filter(stripped.contains), "longest first, as Clitics")
        #expect(SearchText.clitics.allSatisfy { $0.minimumStem >= 2 })
    }
}
