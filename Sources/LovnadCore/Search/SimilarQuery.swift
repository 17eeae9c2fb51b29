import Foundation

/// "Has this been asked before?": any of a title's telling words, best matches first, read as the index
/// reads text. Small words that every question has ("hvordan", "the") are left out, and the last word
/// is a prefix while it is still being typed.
public struct SimilarQuery: Sendable, Equatable {
    public static let maxTerms = 8

    public enum Term: Sendable, Equatable {
        case word(String)
        case prefix(String)
    }

    public let terms: [Term]
    public var isEmpty: Bool { terms.isEmpty }

    /// Common words of bokmål and English questions, as typed (lower case).
    static let stopWords: Set<String> = [
        "hva", "hvem", "hvor", "hvordan", "hvorfor", "hvilken", "hvilke", "hvilket", "når", "er", "det", "den", "de", "en", "et", "ei",
        "og", "eller", "i", "på", "til", "for", "med", "av", "om", "som", "fra", "jeg", "vi", "du", "man", "kan", "skal", "vil", "må",
        "noen", "noe", "har", "ha", "få", "seg", "sin", "sitt", "sine", "min", "mitt", "mine", "vår", "vårt", "våre", "ikke", "bare",
        "the", "a", "an", "and", "or", "of", "to", "in", "on", "with", "is", "are", "how", "what", "who", "why", "when",
        "which", "do", "does", "can", "we", "you", "it", "there", "any", "best",
    ]

    public init(_ text: String) {
        let words = SearchText.words(in: text)
        let typing = !(text.last?.isWhitespace ?? true)
        var terms: [Term] = []
        for (i, word) in words.enumerated() {
            let lowered = word.text  // already lower case
            let last = i == words.count - 1
            if last && typing && lowered.count >= 3 && !Self.stopWords.contains(lowered) {
                let term = Term.prefix(word.text.hasPrefix(word.stem) ? word.stem : word.text)
                if !terms.contains(term) { terms.append(term) }
                continue
            }
            guard lowered.count >= 3 || word.text.contains(where: \.isNumber), !Self.stopWords.contains(lowered) else { continue }
            let term = Term.word(word.stem)
            if !terms.contains(term) { terms.append(term) }
        }
        self.terms = Array(terms.prefix(Self.maxTerms))
    }

    /// Any of the terms, as an FTS5 MATCH expression over `stems`.
    public var fts5: String {
        terms.map { term in
            switch term {
            case .word(let s): return "stems : \"\(s)\""
            case .prefix(let p): return "stems : \"\(p)\" *"
            }
        }.joined(separator: " OR ")
    }

    /// Any of the terms, as a tsquery over stems weighted A.
    public var tsquery: String {
        terms.map { term in
            switch term {
            case .word(let s): return "'\(s)':A"
            case .prefix(let p): return "'\(p)':*A"
            }
        }.joined(separator: " | ")
    }
}
