import Testing
import Foundation
@testable import LovnadCore

@Suite struct SafeMarkdownTests {
    @Test func rendersTheSubset() {
        #expect(SafeMarkdown.html("Vi velger **Kotlin** og *Spring*.") == "<p>Vi velger <strong>Kotlin</strong> og <em>Spring</em>.</p>")
        #expect(SafeMarkdown.html("linje 1\nlinje 2\n\nnytt avsnitt") == "<p>linje 1<br>linje 2</p><p>nytt avsnitt</p>")
        #expect(SafeMarkdown.html("- en\n- to") == "<ul><li>en</li><li>to</li></ul>")
        #expect(SafeMarkdown.html("1. først\n2. så") == "<ol><li>først</li><li>så</li></ol>")
        #expect(SafeMarkdown.html("> sitat\n> videre") == "<blockquote><p>sitat<br>videre</p></blockquote>")
        #expect(SafeMarkdown.html("```\nlet x = 1 < 2\n```") == "<pre><code>let x = 1 &lt; 2</code></pre>")
        #expect(SafeMarkdown.html("Se `a < b`") == "<p>Se <code>a &lt; b</code></p>")
        #expect(SafeMarkdown.html("[Lovnad](https://lovnad.example/a?b=1&c=2)")
                == "<p><a href=\"https://lovnad.example/a?b=1&amp;c=2\" rel=\"nofollow noopener noreferrer\">Lovnad</a></p>")
        #expect(SafeMarkdown.html("[skriv](mailto:hei@example.no)").contains("href=\"mailto:hei@example.no\""))
    }

    @Test func rawHTMLAndDangerousLinksStayText() {
        #expect(SafeMarkdown.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
        #expect(!SafeMarkdown.html("[klikk](javascript:alert(1))").contains("<a"))
        #expect(SafeMarkdown.html("[klikk](javascript:alert(1))").contains("[klikk](javascript:alert(1)"))
        #expect(!SafeMarkdown.html("[x](JaVaScRiPt:alert(1))").contains("<a"))
        #expect(!SafeMarkdown.html("[x](https://a.example\" onmouseover=\"alert(1))").contains("onmouseover=\""))
        #expect(SafeMarkdown.html("<img src=x onerror=alert(1)>").hasPrefix("<p>&lt;img"))
        #expect(SafeMarkdown.html("**<b>fet</b>**") == "<p><strong>&lt;b&gt;fet&lt;/b&gt;</strong></p>")
    }

    @Test func unclosedMarkersAreText() {
        #expect(SafeMarkdown.html("2 * 3 = 6") == "<p>2 * 3 = 6</p>")
        #expect(SafeMarkdown.html("**halv") == "<p>**halv</p>")
        #expect(SafeMarkdown.html("`åpen") == "<p>`åpen</p>")
    }
}

/// Any input up to the largest text field renders without crashing, in bounded time and output, to
/// balanced HTML of the safe subset only.
@Suite struct SafeMarkdownPropertyTests {
    static let limit = 20_000

    static let adversarial: [String] = [
        String(repeating: ">", count: 6_000) + " dypt",
        String(repeating: "> ", count: 3_500) + "x",
        (0..<2_000).map { String(repeating: " ", count: $0 % 40) + "- liste" }.joined(separator: "\n"),
        String(repeating: "*", count: limit), String(repeating: "**a", count: 6_000), String(repeating: "_a*", count: 6_000),
        String(repeating: "[", count: limit), String(repeating: "[a](", count: 5_000), String(repeating: "](", count: 10_000),
        "[" + String(repeating: "lenke ", count: 3_000) + "](https://a.example)",
        String(repeating: "**_*[`", count: 3_000), String(repeating: "`", count: limit), String(repeating: "```\n", count: 5_000),
        String(repeating: "*a **b _c [d](https://e.example) ", count: 500) + String(repeating: "*", count: 500),
        "[x](https://a.example/\u{0}\"><script>alert(1)</script>)", "a\u{0}b\u{1B}[31mc\u{7F}\u{85}", "[\u{0}](https://a.example)",
        String(repeating: "@", count: limit), String(repeating: "1. ", count: 6_000), String(repeating: "\r\n", count: 10_000),
        "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">", "\"'><img src=x onerror=alert(1)>",
    ]

    @Test func adversarialInputIsBoundedAndSafe() throws {
        for input in Self.adversarial {
            try Self.check(input, mentions: ["kari"])
        }
    }

    @Test func randomInputIsBoundedAndSafe() throws {
        var rng = SeededGenerator(seed: 0x10FAD)
        let alphabet: [String] = ["*", "**", "_", "`", "```", "[", "]", "(", ")", "](", ">", "> ", "- ", "1. ", "\n", "\n\n", " ", "a", "ø",
                                  "<", ">", "&", "\"", "'", "https://x.example", "javascript:", "@kari", "\u{0}", "\t", "\r\n", "#"]
        for _ in 0..<400 {
            let length = Int(rng.next() % 600)
            let input = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
            try Self.check(input, mentions: ["kari"])
        }
    }

    static func check(_ input: String, mentions: Set<String>) throws {
        let started = Date()
        let html = SafeMarkdown.html(input, mentions: mentions)
        let seconds = Date().timeIntervalSince(started)
        // Generous: a quadratic renderer takes tens of seconds on these inputs, a linear one milliseconds.
        #expect(seconds < 5, "took \(seconds) s for \(input.prefix(40).debugDescription)")
        #expect(html.utf8.count <= 40 * max(input.utf8.count, 1) + 64, "output \(html.utf8.count) for \(input.utf8.count)")
        try SafeHTMLChecker.check(html)
    }
}

/// A strict reader of SafeMarkdown's output: only its tags and attributes, every tag closed in order,
/// text fully escaped, no control characters.
enum SafeHTMLChecker {
    struct Violation: Error, CustomStringConvertible { let description: String }

    static let tags: Set<String> = ["p", "br", "strong", "em", "code", "pre", "a", "ul", "ol", "li", "blockquote", "span"]

    static func check(_ html: String) throws {
        var stack: [String] = []
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            try text(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else { throw Violation(description: "unclosed tag in \(rest.prefix(60))") }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                let name = String(tag.dropFirst())
                guard stack.popLast() == name else { throw Violation(description: "</\(name)> closes nothing open") }
                continue
            }
            let parts = tag.split(separator: " ", maxSplits: 1)
            let name = String(parts.first ?? "")
            guard tags.contains(name) else { throw Violation(description: "tag <\(name)>") }
            let attributes = parts.count > 1 ? String(parts[1]) : ""
            switch name {
            case "a":
                guard attributes.hasSuffix("\" rel=\"nofollow noopener noreferrer\""), attributes.hasPrefix("href=\"https://") ||
                        attributes.hasPrefix("href=\"http://") || attributes.hasPrefix("href=\"mailto:") else {
                    throw Violation(description: "link attributes \(attributes)")
                }
                let href = attributes.dropFirst(6).prefix { $0 != "\"" }
                try text(href)
            case "span": guard attributes == "class=\"mention\"" else { throw Violation(description: "span \(attributes)") }
            default: guard attributes.isEmpty else { throw Violation(description: "<\(name) \(attributes)>") }
            }
            if name != "br" { stack.append(name) }
        }
        try text(rest)
        guard stack.isEmpty else { throw Violation(description: "left open: \(stack)") }
    }

    private static func text(_ s: Substring) throws {
        if let bad = s.first(where: { $0 == ">" || $0 == "\"" || $0 == "'" }) { throw Violation(description: "raw \(bad) in text") }
        if s.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" && $0 != "\t" || (0x7F...0x9F).contains($0.value) }) {
            throw Violation(description: "control character in \(s.prefix(40).debugDescription)")
        }
        var rest = s
        while let amp = rest.firstIndex(of: "&") {
            let after = rest[amp...]
            guard ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"].contains(where: { after.hasPrefix($0) }) else {
                throw Violation(description: "bare & in \(after.prefix(20))")
            }
            rest = rest[rest.index(after: amp)...]
        }
    }
}
