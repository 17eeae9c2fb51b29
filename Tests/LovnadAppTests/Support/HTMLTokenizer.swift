import Foundation

/// The tokenizer stage of the WHATWG HTML parser — the part that decides which elements and attributes
/// a browser sees in a page. It follows the spec's states for data, tags, attributes (quoted and
/// unquoted values, with character references decoded), comments, declarations and the raw-text
/// elements (`script`, `style`, `textarea`, `title`), which is what an injection would have to get past.
struct HTMLTokenizer {
    struct Tag: CustomStringConvertible {
        var name: String
        var attributes: [(name: String, value: String)] = []
        var isEnd = false
        /// The text up to the next tag (for raw-text elements, their whole content).
        var followingText = ""

        var description: String { "<\(isEnd ? "/" : "")\(name)\(attributes.map { " \($0.name)=\"\($0.value)\"" }.joined())>" }
        func value(_ attribute: String) -> String? { attributes.first { $0.name == attribute }?.value }
    }

    static let rawText: Set<String> = ["script", "style", "textarea", "title"]

    static func tags(in html: String) -> [Tag] {
        let c = Array(html.unicodeScalars)
        var tags: [Tag] = []
        var i = 0
        func isSpace(_ s: Unicode.Scalar) -> Bool { s == " " || s == "\t" || s == "\n" || s == "\u{0C}" || s == "\r" }
        func isAlpha(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) || ("A"..."Z").contains(s) }
        func lower(_ s: Unicode.Scalar) -> Unicode.Scalar { ("A"..."Z").contains(s) ? Unicode.Scalar(s.value + 32)! : s }
        func skip(past marker: String) {
            let m = Array(marker.unicodeScalars)
            while i < c.count {
                if i + m.count <= c.count, Array(c[i..<(i + m.count)]) == m { i += m.count; return }
                i += 1
            }
        }
        func appendText(_ s: Unicode.Scalar) {
            if !tags.isEmpty { tags[tags.count - 1].followingText.unicodeScalars.append(s) }
        }

        while i < c.count {
            guard c[i] == "<" else { appendText(c[i]); i += 1; continue }
            i += 1
            guard i < c.count else { appendText("<"); break }
            if c[i] == "!" {
                i += 1
                if i + 1 < c.count, c[i] == "-", c[i + 1] == "-" { i += 2; skip(past: "-->") } else { skip(past: ">") }
                continue
            }
            if c[i] == "?" { skip(past: ">"); continue }
            var tag = Tag(name: "")
            if c[i] == "/" {
                i += 1
                guard i < c.count, isAlpha(c[i]) else {
                    if i < c.count, c[i] == ">" { i += 1 } else { skip(past: ">") }
                    continue
                }
                tag.isEnd = true
            } else if !isAlpha(c[i]) {
                appendText("<")
                continue
            }
            // Tag name.
            while i < c.count, !isSpace(c[i]), c[i] != "/", c[i] != ">" { tag.name.unicodeScalars.append(lower(c[i])); i += 1 }
            // Attributes.
            var done = false
            while i < c.count, !done {
                let s = c[i]
                if isSpace(s) || s == "/" { i += 1; continue }
                if s == ">" { i += 1; done = true; break }
                var name = String.UnicodeScalarView()
                name.append(lower(s))
                i += 1
                while i < c.count, !isSpace(c[i]), c[i] != "/", c[i] != ">", c[i] != "=" { name.append(lower(c[i])); i += 1 }
                while i < c.count, isSpace(c[i]) { i += 1 }
                var value = ""
                if i < c.count, c[i] == "=" {
                    i += 1
                    while i < c.count, isSpace(c[i]) { i += 1 }
                    var raw = String.UnicodeScalarView()
                    if i < c.count, c[i] == "\"" || c[i] == "'" {
                        let quote = c[i]
                        i += 1
                        while i < c.count, c[i] != quote { raw.append(c[i]); i += 1 }
                        i += 1
                    } else {
                        while i < c.count, !isSpace(c[i]), c[i] != ">" { raw.append(c[i]); i += 1 }
                    }
                    value = decodeReferences(String(raw))
                }
                tag.attributes.append((String(name), value))
            }
            tags.append(tag)
            if !tag.isEnd, rawText.contains(tag.name) {
                // Everything up to the matching end tag is text.
                let end = Array("</\(tag.name)".unicodeScalars)
                let start = i
                while i < c.count {
                    if i + end.count <= c.count, zip(c[i..<(i + end.count)], end).allSatisfy({ lower($0) == $1 }),
                       i + end.count == c.count || isSpace(c[i + end.count]) || c[i + end.count] == ">" || c[i + end.count] == "/" { break }
                    i += 1
                }
                tags[tags.count - 1].followingText = String(String.UnicodeScalarView(c[start..<i]))
            }
        }
        return tags
    }

    /// Numeric and the common named character references, as a browser decodes them in attribute values.
    static func decodeReferences(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        let named = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t", "newline": "\n"]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semi = after.firstIndex(of: ";"), after.distance(from: after.startIndex, to: semi) <= 10 {
                let body = after[..<semi].lowercased()
                var decoded: String?
                if body.hasPrefix("#x"), let n = UInt32(body.dropFirst(2), radix: 16) { decoded = Unicode.Scalar(n).map(String.init) }
                else if body.hasPrefix("#"), let n = UInt32(body.dropFirst()) { decoded = Unicode.Scalar(n).map(String.init) }
                else { decoded = named[body] }
                if let decoded { out += decoded; rest = after[after.index(after: semi)...]; continue }
            }
            out += "&"
            rest = after
        }
        return out + rest
    }
}
