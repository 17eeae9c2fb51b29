/// A small Markdown renderer for what people write in Lovnad: paragraphs, line breaks, **bold**,
/// *italic*, `code`, fenced code blocks, links, lists and quotes. Everything else is text: raw HTML
/// is escaped and shown as written, and only http, https and mailto links become links.
/// `@handle`s named in `mentions` are marked up as mentions.
public enum SafeMarkdown {
    public static func html(_ source: String, mentions: Set<String> = []) -> String {
        var out = ""
        var lines = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var paragraph: [String] = []

        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            out += "<p>" + paragraph.map { inline($0, mentions) }.joined(separator: "<br>") + "</p>"
            paragraph = []
        }

        while !lines.isEmpty {
            let line = lines.removeFirst()
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("```") {
                flushParagraph()
                var code: [String] = []
                while !lines.isEmpty, !lines[0].trimmingCharacters(in: .whitespaces).hasPrefix("```") { code.append(lines.removeFirst()) }
                if !lines.isEmpty { lines.removeFirst() }
                out += "<pre><code>" + escape(code.joined(separator: "\n")) + "</code></pre>"
            } else if trimmed.isEmpty {
                flushParagraph()
            } else if trimmed.hasPrefix(">") {
                flushParagraph()
                var quoted = [String(trimmed.dropFirst()).trimmingCharacters(in: .whitespaces)]
                while let next = lines.first?.trimmingCharacters(in: .whitespaces), next.hasPrefix(">") {
                    quoted.append(String(next.dropFirst()).trimmingCharacters(in: .whitespaces))
                    lines.removeFirst()
                }
                out += "<blockquote>" + html(quoted.joined(separator: "\n"), mentions: mentions) + "</blockquote>"
            } else if let item = listItem(trimmed) {
                flushParagraph()
                var items = [item.text]
                while let next = lines.first.map({ $0.trimmingCharacters(in: .whitespaces) }), let more = listItem(next), more.ordered == item.ordered {
                    items.append(more.text)
                    lines.removeFirst()
                }
                let tag = item.ordered ? "ol" : "ul"
                out += "<\(tag)>" + items.map { "<li>" + inline($0, mentions) + "</li>" }.joined() + "</\(tag)>"
            } else {
                paragraph.append(trimmed)
            }
        }
        flushParagraph()
        return out
    }

    static func listItem(_ line: String) -> (ordered: Bool, text: String)? {
        if line.hasPrefix("- ") || line.hasPrefix("* ") { return (false, String(line.dropFirst(2))) }
        if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty,
           line[line.index(after: dot)...].hasPrefix(" ") {
            return (true, String(line[line.index(dot, offsetBy: 2)...]))
        }
        return nil
    }

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    static func safeURL(_ url: String) -> String? {
        let lower = url.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:"),
              !url.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return nil }
        return url
    }

    /// Inline spans. Code spans are taken literally; emphasis must open and close on the same line.
    static func inline(_ text: String, _ mentions: Set<String> = []) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        func find(_ marker: [Character], from start: Int) -> Int? {
            var j = start
            while j + marker.count <= chars.count {
                if Array(chars[j..<(j + marker.count)]) == marker { return j }
                j += 1
            }
            return nil
        }
        while i < chars.count {
            let c = chars[i]
            if c == "`", let end = find(["`"], from: i + 1) {
                out += "<code>" + escape(String(chars[(i + 1)..<end])) + "</code>"
                i = end + 1
            } else if c == "*", i + 1 < chars.count, chars[i + 1] == "*", let end = find(["*", "*"], from: i + 2), end > i + 2 {
                out += "<strong>" + inline(String(chars[(i + 2)..<end]), mentions) + "</strong>"
                i = end + 2
            } else if (c == "*" || c == "_"), let end = find([c], from: i + 1), end > i + 1, !chars[i + 1].isWhitespace {
                out += "<em>" + inline(String(chars[(i + 1)..<end]), mentions) + "</em>"
                i = end + 1
            } else if c == "[", let close = find(["]", "("], from: i + 1), let paren = find([")"], from: close + 2) {
                let label = String(chars[(i + 1)..<close])
                let url = String(chars[(close + 2)..<paren])
                if let safe = safeURL(url) {
                    out += "<a href=\"" + escape(safe) + "\" rel=\"nofollow noopener noreferrer\">" + inline(label, mentions) + "</a>"
                } else {
                    out += escape("[" + label + "](" + url + ")")
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
        return out
    }
}
