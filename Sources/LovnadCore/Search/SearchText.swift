import Foundation

/// How search reads text, the same for what is indexed and for what is asked, on both databases: words
/// are runs of letters and digits, lower-cased, each reduced to its stem (`NorwegianStemmer`; words with
/// digits are kept whole). The index holds the stems in order, for words and phrases, and each stem
/// reversed, so the tail of a compound is a prefix ("leder" finds "prosjektleder" through "del…").
public enum SearchText {
    /// Longer runs (hashes, pasted data) are cut to this many letters: nobody searches for more.
    public static let longestWord = 40

    public struct Word: Sendable, Equatable {
        /// The word as written, lower-cased.
        public let text: String
        public let stem: String
        /// Where it is in the original text.
        public let range: Range<String.Index>
    }

    /// The words of `text` in order, with where each stands.
    public static func words(in text: String) -> [Word] {
        var words: [Word] = []
        var start: String.Index?
        var index = text.startIndex
        func close(at end: String.Index) {
            guard let s = start else { return }
            start = nil
            let lower = String(text[s..<end]).lowercased().precomposedStringWithCanonicalMapping
            let clipped = lower.count > longestWord ? String(lower.prefix(longestWord)) : lower
            words.append(Word(text: clipped, stem: stem(clipped), range: s..<end))
        }
        while index < text.endIndex {
            if isWordCharacter(text[index]) {
                if start == nil { start = index }
            } else {
                close(at: index)
            }
            index = text.index(after: index)
        }
        close(at: text.endIndex)
        return words
    }

    /// One lower-cased word's stem; words holding digits ("s3", "2026") are their own stem.
    public static func stem(_ word: String) -> String {
        word.contains(where: \.isNumber) ? word : NorwegianStemmer.stem(word)
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber }

    /// What the index stores for a text: its stems in order (words and phrases), and the same stems
    /// reversed (tails of compounds).
    public struct Indexed: Sendable, Equatable {
        public let stems: String
        public let reversed: String

        /// PostgreSQL's form, cast with `::tsvector` so nothing is parsed again: each stem at its
        /// positions weighted A, each reversed stem at the same positions weighted B.
        public var tsvector: String {
            var positions: [String: [String]] = [:]
            var order: [String] = []
            for (i, stem) in stems.split(separator: " ").enumerated() {
                // PostgreSQL keeps positions up to 16383; later words share the last.
                let at = min(i + 1, 16383)
                for (lexeme, weight) in [(String(stem), "A"), (String(stem.reversed()), "B")] {
                    if positions[lexeme] == nil { order.append(lexeme); positions[lexeme] = [] }
                    // and at most 256 positions of one lexeme.
                    if positions[lexeme]!.count < 256 { positions[lexeme]!.append("\(at)\(weight)") }
                }
            }
            return order.map { "'\($0)':" + positions[$0]!.joined(separator: ",") }.joined(separator: " ")
        }
    }

    public static func indexed(_ parts: String...) -> Indexed { indexed(parts) }

    public static func indexed(_ parts: [String]) -> Indexed {
        let stems = parts.flatMap { words(in: $0).map(\.stem) }
        return Indexed(stems: stems.joined(separator: " "), reversed: stems.map { String($0.reversed()) }.joined(separator: " "))
    }
}
