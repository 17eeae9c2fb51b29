/// A small Markdown renderer for what people write in Lovnad: paragraphs, line breaks, **bold**,
/// *italic*, `code`, fenced code blocks, links, lists and quotes. Everything else is text: raw HTML
/// is escaped and shown as written, and only http, https and mailto links become links.
/// `@handle`s named in `mentions` are marked up as mentions.
///
/// Rendering is bounded for any input: quotes nest at most `maxQuoteDepth` deep and emphasis and
/// link labels `maxInlineDepth` deep (deeper markers stay text), every marker's closer is found by a
/// table lookup rather than a scan, so time and output grow linearly with the input; control
/// characters other than tab and newline are dropped, and every tag opened is closed.
public enum SafeMarkdown {
    public static let maxQuoteDepth = 5
    public static let maxInlineDepth = 4

    public static func html(_ source: String, mentions: Set<String> = []) -> String {
        let lines = ControlCharacters.removed(from: source).replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out = ""
        blocks(lines[...], depth: 0, mentions, into: &out)
        return out
    }

    private static func blocks(_ lines: ArraySlice<String>, depth: Int, _ mentions: Set<String>, into out: inout String) {
        var paragraph: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += "<p>" + paragraph.map { inline($0, mentions) }.joined(separator: "<br>") + "</p>"
            paragraph = []
        }
        func trim(_ line: String) -> String { line.trimmingCharacters(in: .whitespaces) }

        var i = lines.startIndex
        while i < lines.endIndex {
            let trimmed = trim(lines[i])
            i += 1
            if trimmed.hasPrefix("```") {
                flushParagraph()
                var code: [String] = []
                while i < lines.endIndex, !trim(lines[i]).hasPrefix("```") { code.append(lines[i]); i += 1 }
                if i < lines.endIndex { i += 1 }
                out += "<pre><code>" + escape(code.joined(separator: "\n")) + "</code></pre>"
            } else if trimmed.isEmpty {
                flushParagraph()
            } else if trimmed.hasPrefix(">"), depth < maxQuoteDepth {
                flushParagraph()
                var quoted = [trim(String(trimmed.dropFirst()))]
                while i < lines.endIndex, case let next = trim(lines[i]), next.hasPrefix(">") {
                    quoted.append(trim(String(next.dropFirst())))
                    i += 1
                }
                out += "<blockquote>"
                blocks(quoted[...], depth: depth + 1, mentions, into: &out)
                out += "</blockquote>"
            } else if let item = listItem(trimmed) {
                flushParagraph()
                var items = [item.text]
                while i < lines.endIndex, let more = listItem(trim(lines[i])), more.ordered == item.ordered {
                    items.append(more.text)
                    i += 1
                }
                let tag = item.ordered ? "ol" : "ul"
                out += "<\(tag)>" + items.map { "<li>" + inline($0, mentions) + "</li>" }.joined() + "</\(tag)>"
            } else {
                paragraph.append(trimmed)
            }
        }
        flushParagraph()
    }

    static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
           line[line.index(after: dot)...].hasPrefix(" ") {
            return (true, String(line[line.index(dot, offsetBy: 2)...]))
        }
        return nil
    }

    public static func escape(_ text: String) -> String { HTMLEscape.escape(text) }

    static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:"),
              !url.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\""
                  || [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory) }) else { return nil }
        return url
    }

    /// Inline spans. Code spans are taken literally; emphasis must open and close on the same line.
    static func inline(_ text: String, _ mentions: Set<String> = []) -> String {
        var out = ""
        inline(Array(text), mentions, depth: 0, into: &out)
        return out
    }

    private static func inline(_ chars: [Character], _ mentions: Set<String>, depth: Int, into out: inout String) {
        let next = NextMarkers(chars)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = next.find(.backtick, from: i + 1) {
                out += "<code>" + escape(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = next.find(.doubleStar, from: i + 2), end > i + 2 {
                out += "<strong>"
                nested(Array(chars[(i + 2)..<end]), mentions, depth: depth, into: &out)
                out += "</strong>"
                i = end + 2
            } else if c == "*" || c == "_", let end = next.find(c == "*" ? .star : .underscore, from: i + 1), end > i + 1,
                      !chars[i + 1].isWhitespace {
                out += "<em>"
                nested(Array(chars[(i + 1)..<end]), mentions, depth: depth, into: &out)
                out += "</em>"
                i = end + 1
            } else if c == "[", let close = next.find(.closeBracketParen, from: i + 1), let paren = next.find(.closeParen, from: close + 2) {
                let label = Array(chars[(i + 1)..<close])
                let url = String(chars[(close + 2)..<paren])
                if let safe = safeURL(url) {
                    out += "<a href=\"" + escape(safe) + "\" rel=\"nofollow noopener noreferrer\">"
                    nested(label, mentions, depth: depth, into: &out)
                    out += "</a>"
                } else {
                    out += escape("[" + String(label) + "](" + url + ")")
                }
                i = paren + 1
            } else if c == "@", !mentions.isEmpty, i == 0 || !MessageRules.isHandleCharacter(chars[i - 1]),
                      case let handle = MessageRules.handlePrefix(Substring(String(chars[(i + 1)...].prefix(80)))),
                      !handle.isEmpty, mentions.contains(handle.lowercased()) {
                out += "<span class=\"mention\">@" + escape(handle) + "</span>"
                i += 1 + handle.count
            } else {
                out += escape(String(c))
                i += 1
            }
        }
    }

    /// The inside of a span: marked up one level deeper, or plain text past the limit.
    private static func nested(_ chars: [Character], _ mentions: Set<String>, depth: Int, into out: inout String) {
        if depth + 1 < maxInlineDepth {
            inline(chars, mentions, depth: depth + 1, into: &out)
        } else {
            out += escape(String(chars))
        }
    }
}

/// For each position, where each inline marker next starts: finding a closer is a lookup, not a scan.
private struct NextMarkers {
    enum Marker: Int, CaseIterable { case backtick, star, underscore, doubleStar, closeBracketParen, closeParen }

    private let count: Int
    private var next: [[Int]]

    init(_ chars: [Character]) {
        count = chars.count
        next = Array(repeating: Array(repeating: chars.count, count: chars.count + 1), count: Marker.allCases.count)
        guard !chars.isEmpty else { return }
        for j in stride(from: chars.count - 1, through: 0, by: -1) {
            let c = chars[j]
            let following: Character? = j + 1 < chars.count ? chars[j + 1] : nil
            for marker in Marker.allCases {
                let starts: Bool
                switch marker {
                case .backtick: starts = c == "`"
                case .star: starts = c == "*"
                case .underscore: starts = c == "_"
                case .doubleStar: starts = c == "*" && following == "*"
                case .closeBracketParen: starts = c == "]" && following == "("
                case .closeParen: starts = c == ")"
                }
                next[marker.rawValue][j] = starts ? j : next[marker.rawValue][j + 1]
            }
        }
    }

    func find(_ marker: Marker, from start: Int) -> Int? {
        guard start < count else { return nil }
        let found = next[marker.rawValue][start]
        return found < count ? found : nil
    }
}
