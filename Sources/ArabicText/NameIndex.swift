/// Finds known names inside running text after normalisation and clitic removal.
/// Each name is stored as its normalised word sequence; text is scanned word by word, and the
/// first word of a candidate may carry clitics (بكتارا، للمدينة الإعلامية قطر، والغابون).
public struct NameIndex<Value: Sendable>: Sendable {
    public struct Match: Sendable {
        public let value: Value
        /// Index of the first and one past the last matched word in `ArabicNormalizer.words(text)`.
        public let wordRange: Range<Int>
        public let name: String
    }

    private var byFirstWord: [String: [(words: [String], value: Value, name: String)]] = [:]

    public init() {}

    /// Adds a name; empty names are ignored.
    public mutating func add(_ name: String, value: Value) {
        let words = ArabicNormalizer.words(name)
        guard let first = words.first else { return }
        byFirstWord[first, default: []].append((words, value, name))
        byFirstWord[first]!.sort { $0.words.count > $1.words.count } // longest match wins
    }

    /// Exact look-up of a whole string (after normalisation, clitics allowed on the first word).
    public func lookup(_ text: String) -> Value? {
        let words = ArabicNormalizer.words(text)
        guard let match = matches(inWords: words).first, match.wordRange == 0..<words.count else { return nil }
        return match.value
    }

    /// All non-overlapping matches in the text, left to right, longest first at each position.
    public func matches(in text: String) -> [Match] {
        matches(inWords: ArabicNormalizer.words(text))
    }

    public func matches(inWords words: [String]) -> [Match] {
        var result: [Match] = []
        var i = 0
        while i < words.count {
            var found: Match?
            for stem in Clitics.stems(of: words[i]) {
                guard let candidates = byFirstWord[stem] else { continue }
                for c in candidates where i + c.words.count <= words.count {
                    if c.words.count == 1 || Array(words[(i + 1)..<(i + c.words.count)]) == Array(c.words.dropFirst()) {
                        if found == nil || c.words.count > found!.wordRange.count {
                            found = Match(value: c.value, wordRange: i..<(i + c.words.count), name: c.name)
                        }
                        break
                    }
                }
            }
            if let f = found {
                result.append(f)
                i = f.wordRange.upperBound
            } else {
                i += 1
            }
        }
        return result
    }
}
