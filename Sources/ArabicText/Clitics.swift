/// Arabic attaches conjunctions, prepositions and the article to the word that follows
/// (وقطر، بالدوحة، للمدينة). Matching a name means trying the word without them.
public enum Clitics {
    /// Prefix sequences in normalised form, longest first so "وبال" is tried before "و".
    public static let prefixes: [String] = {
        let conjunctions = ["", "و", "ف"]
        let prepositions = ["", "ب", "ل", "ك"]
        var all = Set<String>()
        for c in conjunctions {
            for p in prepositions {
                all.insert(c + p)
                all.insert(c + p + "ال")
            }
            all.insert(c + "لل") // ل + ال contracts to لل
        }
        all.remove("")
        return all.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }()

    /// The forms a normalised word may stand for once clitics are removed, the word itself first.
    /// A stem keeps at least two letters; "لل" also yields the stem with "ال" restored
    /// (للمدينة → المدينة, مدينة).
    public static func stems(of word: String) -> [String] {
        var result = [word]
        for prefix in prefixes where word.hasPrefix(prefix) {
            let stem = String(word.dropFirst(prefix.count))
            guard stem.count >= 2 else { continue }
            if !result.contains(stem) { result.append(stem) }
            if prefix.hasSuffix("لل") || prefix.hasSuffix("ال") {
                let withArticle = "ال" + stem
                if !result.contains(withArticle) { result.append(withArticle) }
            }
        }
        return result
    }
}
