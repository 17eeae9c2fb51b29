import Foundation

/// A piece of a hit's original text around its first match, with the matching words marked: what a
/// result shows under its title.
public struct SearchSnippet: Sendable, Equatable {
    /// Text before, in and after marked words, in order; joined, they are the snippet.
    public struct Segment: Sendable, Equatable {
        public let text: String
        public let marked: Bool
    }

    public let segments: [Segment]

    public var text: String { segments.map(\.text).joined() }

    /// The marked words as UTF-16 offsets into `text`, `[from, to)`: what a browser's strings count.
    public var marks: [[Int]] {
        var at = 0
        var marks: [[Int]] = []
        for s in segments {
            let length = s.text.utf16.count
            if s.marked { marks.append([at, at + length]) }
            at += length
        }
        return marks
    }

    /// Letters shown around the first match, about.
    public static let width = 180
    /// How much comes before the first match.
    static let lead = 50

    /// Cut from `text` around the first word `query` matches (its start when none does), whitespace
    /// folded, with "…" where text was left out.
    public static func cut(_ text: String, for query: SearchQuery, width: Int = width) -> SearchSnippet {
        let folded = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        let words = SearchText.words(in: folded)
        let matched = words.filter { query.marks($0) }.map(\.range)
        let first = matched.first?.lowerBound ?? folded.startIndex
        var start = folded.index(first, offsetBy: -lead, limitedBy: folded.startIndex) ?? folded.startIndex
        // Begin at a word, not inside one.
        if start > folded.startIndex, let word = words.first(where: { $0.range.upperBound > start }) { start = min(word.range.lowerBound, first) }
        var end = folded.index(start, offsetBy: width, limitedBy: folded.endIndex) ?? folded.endIndex
        if end < folded.endIndex, let word = words.first(where: { $0.range.contains(end) }) { end = word.range.upperBound }
        var segments: [Segment] = []
        if start > folded.startIndex { segments.append(Segment(text: "…", marked: false)) }
        var at = start
        for range in matched where range.lowerBound >= start && range.upperBound <= end {
            if at < range.lowerBound { segments.append(Segment(text: String(folded[at..<range.lowerBound]), marked: false)) }
            segments.append(Segment(text: String(folded[range]), marked: true))
            at = range.upperBound
        }
        if at < end { segments.append(Segment(text: String(folded[at..<end]), marked: false)) }
        if end < folded.endIndex { segments.append(Segment(text: "…", marked: false)) }
        return SearchSnippet(segments: merged(segments))
    }

    /// Neighbouring unmarked pieces as one.
    static func merged(_ segments: [Segment]) -> [Segment] {
        var out: [Segment] = []
        for s in segments {
            if let last = out.last, !last.marked, !s.marked {
                out[out.count - 1] = Segment(text: last.text + s.text, marked: false)
            } else {
                out.append(s)
            }
        }
        return out
    }
}
