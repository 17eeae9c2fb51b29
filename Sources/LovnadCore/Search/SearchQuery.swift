import Foundation

/// What someone searched for, read the way `SearchText` reads the index: words (stemmed), words with a
/// trailing `*` (prefixes), and phrases in double quotes. Anything else is plain text: an unbalanced
/// quote, a lone `*`, operators and brackets are separators, so no input is a syntax error.
public struct SearchQuery: Sendable, Equatable {
    /// Longer queries are refused (the API answers 422): nobody types more, and a pasted page would be a slow scan.
    public static let maxLength = 500
    /// Clauses beyond these are ignored.
    public static let maxClauses = 12
    /// A word's tail is looked for in compounds only when its stem has at least this many letters.
    public static let shortestTail = 3

    public enum Clause: Sendable, Equatable {
        case word(String)
        case prefix(String)
        case phrase([String])
    }

    public let clauses: [Clause]

    public var isEmpty: Bool { clauses.isEmpty }

    public init(clauses: [Clause]) { self.clauses = clauses }

    public init(_ text: String) {
        var clauses: [Clause] = []
        let quotes = text.filter { $0 == "\"" }.count
        // An odd quote out is plain text: only pairs make phrases.
        let usable = quotes % 2 == 0 ? quotes : quotes - 1
        var seenQuotes = 0
        var inPhrase = false
        var segment = ""
        func flush() {
            defer { segment = "" }
            if inPhrase {
                let stems = SearchText.words(in: segment).map(\.stem)
                if stems.count == 1 { clauses.append(.word(stems[0])) } else if !stems.isEmpty { clauses.append(.phrase(stems)) }
                return
            }
            clauses += Self.plainClauses(segment)
        }
        for c in text {
            if c == "\"", seenQuotes < usable {
                seenQuotes += 1
                flush()
                inPhrase.toggle()
            } else {
                segment.append(c)
            }
        }
        flush()
        var unique: [Clause] = []
        for clause in clauses where !unique.contains(clause) { unique.append(clause) }
        self.clauses = Array(unique.prefix(Self.maxClauses))
    }

    /// Words outside quotes; a word directly followed by `*` is a prefix.
    static func plainClauses(_ text: String) -> [Clause] {
        SearchText.words(in: text).map { word in
            let starred = text[word.range.upperBound...].first == "*"
            guard starred else { return .word(word.stem) }
            // Prefixes match stems, so "leveranse*" finds "leveransen" through "leverans".
            return .prefix(word.text.hasPrefix(word.stem) ? word.stem : word.text)
        }
    }

    /// Words whose tails may also be found inside compounds.
    public var tails: [String] {
        clauses.compactMap { if case .word(let s) = $0, s.count >= Self.shortestTail { return s } else { return nil } }
    }

    /// Whether a word of the original text is one the query matches (for marking snippets): its stem is a
    /// searched stem, begins with a searched prefix, or ends with a searched tail.
    public func marks(_ word: SearchText.Word) -> Bool {
        clauses.contains { clause in
            switch clause {
            case .word(let s): return word.stem == s || (s.count >= Self.shortestTail && word.stem.hasSuffix(s))
            case .prefix(let p): return word.stem.hasPrefix(p) || word.text.hasPrefix(p)
            case .phrase(let s): return s.contains(word.stem)
            }
        }
    }

    /// The two passes a search makes, best first: whole words, then tails of compounds (without the first
    /// pass's hits).
    public enum Pass: Int, Sendable, CaseIterable {
        case whole = 0
        case compound = 1
    }

    public var passes: [Pass] { isEmpty ? [] : tails.isEmpty ? [.whole] : [.whole, .compound] }

    // MARK: - SQLite FTS5

    /// The FTS5 MATCH expression of a pass, over the columns `stems` and `reversed`. Stems are letters and
    /// digits only, so quoting them is all the escaping they need.
    public func fts5(_ pass: Pass) -> String {
        let whole = clauses.map { Self.fts5Whole($0) }.joined(separator: " AND ")
        switch pass {
        case .whole: return whole
        case .compound:
            let either = clauses.map { clause -> String in
                guard case .word(let s) = clause, s.count >= Self.shortestTail else { return Self.fts5Whole(clause) }
                return "(stems : \"\(s)\" OR reversed : \"\(String(s.reversed()))\" *)"
            }.joined(separator: " AND ")
            return "(\(either)) NOT (\(whole))"
        }
    }

    static func fts5Whole(_ clause: Clause) -> String {
        switch clause {
        case .word(let s): return "stems : \"\(s)\""
        case .prefix(let p): return "stems : \"\(p)\" *"
        case .phrase(let s): return "stems : \"\(s.joined(separator: " "))\""
        }
    }

    // MARK: - PostgreSQL tsquery

    /// The tsquery of a pass, over a tsvector whose stems are weighted A and reversed stems B
    /// (`SearchText.Indexed.tsvector`); cast with `::tsquery`, so nothing is parsed again.
    public func tsquery(_ pass: Pass) -> String {
        let whole = clauses.map { Self.tsWhole($0) }.joined(separator: " & ")
        switch pass {
        case .whole: return whole
        case .compound:
            let either = clauses.map { clause -> String in
                guard case .word(let s) = clause, s.count >= Self.shortestTail else { return Self.tsWhole(clause) }
                return "('\(s)':A | '\(String(s.reversed()))':*B)"
            }.joined(separator: " & ")
            return "(\(either)) & !(\(whole))"
        }
    }

    static func tsWhole(_ clause: Clause) -> String {
        switch clause {
        case .word(let s): return "'\(s)':A"
        case .prefix(let p): return "'\(p)':*A"
        case .phrase(let s): return "(" + s.map { "'\($0)':A" }.joined(separator: " <-> ") + ")"
        }
    }
}
