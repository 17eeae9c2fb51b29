import Foundation
import Testing
@testable import LovnadCore

@Suite struct ResponseNormTests {
    let oslo = TimeZone(identifier: "Europe/Oslo")!

    func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func countsOnlyWorkingHours() {
        // Tuesday 1 Dec 2026, 10:00 Oslo (09:00Z): four working hours later is 14:00 the same day.
        #expect(ResponseNorm.deadline(from: at("2026-12-01T09:00:00Z"), workingMinutes: 240, in: oslo) == at("2026-12-01T13:00:00Z"))
        // Asked at 15:00: one hour today, three tomorrow from 08:00 → 11:00 Wednesday.
        #expect(ResponseNorm.deadline(from: at("2026-12-01T14:00:00Z"), workingMinutes: 240, in: oslo) == at("2026-12-02T10:00:00Z"))
        // Asked in the evening: the clock starts at 08:00 the next working day.
        #expect(ResponseNorm.deadline(from: at("2026-12-01T20:00:00Z"), workingMinutes: 60, in: oslo) == at("2026-12-02T08:00:00Z"))
        // Asked before opening: counts from 08:00.
        #expect(ResponseNorm.deadline(from: at("2026-12-01T05:00:00Z"), workingMinutes: 30, in: oslo) == at("2026-12-01T07:30:00Z"))
    }

    @Test func skipsWeekendsAndHolidays() {
        // Friday 4 Dec 2026 at 15:00 Oslo: one hour Friday, the rest Monday 7 Dec.
        #expect(ResponseNorm.deadline(from: at("2026-12-04T14:00:00Z"), workingMinutes: 240, in: oslo) == at("2026-12-07T10:00:00Z"))
        // Wednesday 23 Dec 2026 at 15:00: 24 Dec is a Thursday (a working day by law), 25–26 are holidays.
        #expect(ResponseNorm.deadline(from: at("2026-12-23T14:00:00Z"), workingMinutes: 120, in: oslo) == at("2026-12-24T08:00:00Z"))
        // Skjærtorsdag 2027 is 25 March; asked Wednesday 24 March at 15:30, the clock resumes Tuesday 30 March.
        #expect(ResponseNorm.deadline(from: at("2027-03-24T14:30:00Z"), workingMinutes: 60, in: oslo) == at("2027-03-30T06:30:00Z"))
    }

    @Test func crossesTheSummerTimeChange() {
        // Friday 27 March 2026 15:00 CET (14:00Z); summer time starts Sunday 29 March, so the second
        // hour ends Monday 30 March at 09:00 CEST, which is 07:00Z.
        #expect(ResponseNorm.deadline(from: at("2026-03-27T14:00:00Z"), workingMinutes: 120, in: oslo) == at("2026-03-30T07:00:00Z"))
    }

    @Test func metAndNudge() {
        let asked = at("2026-12-01T09:00:00Z")
        #expect(ResponseNorm.isMet(asked: asked, reply: at("2026-12-01T13:00:00Z"), workingMinutes: 240, in: oslo))
        #expect(!ResponseNorm.isMet(asked: asked, reply: at("2026-12-01T13:01:00Z"), workingMinutes: 240, in: oslo))
        #expect(ResponseNorm.nudgeAt(asked: asked, workingMinutes: 240, in: oslo) == at("2026-12-01T12:00:00Z"))
        #expect(ResponseNorm.share(met: 3, of: 4) == 0.75)
        #expect(ResponseNorm.share(met: 0, of: 0) == nil)
    }
}

@Suite struct MessageRulesTests {
    @Test func bodies() {
        #expect(MessageRules.issue(with: "  \n ") == .required)
        #expect(MessageRules.issue(with: String(repeating: "a", count: 4001)) == .tooLong(max: 4000))
        #expect(MessageRules.issue(with: String(repeating: "æ", count: 4000)) == nil)
        #expect(MessageRules.looksLikeQuestion("Hvem kan Kotlin? "))
        #expect(!MessageRules.looksLikeQuestion("Kotlin?!"))
    }

    @Test func mentions() {
        #expect(MessageRules.mentionedHandles(in: "Hei @ola.nordmann og @Kari-Lie. Se også @kanal!") == ["ola.nordmann", "kari-lie", "kanal"])
        #expect(MessageRules.mentionedHandles(in: "skriv til per@example.no") == [])
        #expect(MessageRules.mentionedHandles(in: "`@ikke` og\n```\n@heller.ikke\n```\n@ja") == ["ja"])
    }

    @Test func reactions() {
        #expect(MessageRules.isReaction("👍"))
        #expect(MessageRules.isReaction("❤️"))
        #expect(MessageRules.isReaction("👍🏽"))
        #expect(MessageRules.isReaction("👩‍💻"))
        #expect(!MessageRules.isReaction("a"))
        #expect(!MessageRules.isReaction("1"))
        #expect(!MessageRules.isReaction("👍👍"))
        #expect(!MessageRules.isReaction(""))
        #expect(!MessageRules.isReaction("<"))
    }

    @Test func mentionsRenderAsMarkup() {
        let html = SafeMarkdown.html("Hei @ola.nordmann, se **@kanal** og @ukjent", mentions: ["ola.nordmann", "kanal"])
        #expect(html == "<p>Hei <span class=\"mention\">@ola.nordmann</span>, se <strong><span class=\"mention\">@kanal</span></strong> og @ukjent</p>")
        #expect(SafeMarkdown.html("e-post per@ola.nordmann", mentions: ["ola.nordmann"]) == "<p>e-post per@ola.nordmann</p>")
    }
}

/// Hostile input: whatever people write, the HTML holds no script, no event handler and no
/// `javascript:` link, and every tag in it is one the renderer itself writes.
@Suite struct MarkdownSafetyTests {
    static let corpus: [String] = [
        "<script>alert(1)</script>", "<SCRIPT SRC=//x.example/x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>", "<a href=\"javascript:alert(1)\">x</a>", "[x](javascript:alert(1))",
        "[x](JAVASCRIPT:alert(1))", "[x]( javascript:alert(1))", "[x](java\tscript:alert(1))", "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox(1))", "[x](https://ok.example\" onclick=\"alert(1))", "[x](https://ok.example'onclick='alert(1))",
        "[<img src=x onerror=alert(1)>](https://ok.example)", "**<iframe src=javascript:alert(1)>**", "`<script>`",
        "```\n</code></pre><script>alert(1)</script>\n```", "> <style>body{display:none}</style>", "- <b onmouseover=alert(1)>x</b>",
        "&lt;script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;", "<<script>script>alert(1)<</script>/script>",
        "[a](https://x.example)[b](javascript:alert(1))", "*[x](javascript:alert(1))*", "_<svg onload=alert(1)>_",
        "[x](mailto:a@b.example?body=<script>)", "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "\u{0000}<script>", "[x](https://ok.example/<script>)", "@ola\"onmouseover=\"alert(1)", "<!-- <script> -->",
    ]
    static let allowedTags: Set<String> = ["p", "br", "strong", "em", "code", "pre", "a", "ul", "ol", "li", "blockquote", "span"]

    @Test(arguments: corpus) func hostileInputStaysInert(_ source: String) {
        let html = SafeMarkdown.html(source, mentions: ["ola"])
        let lower = html.lowercased()
        #expect(!lower.contains("<script"))
        #expect(!lower.contains("href=\"javascript") && !lower.contains("href=\" javascript"))
        #expect(!lower.contains("href=\"data:") && !lower.contains("href=\"vbscript:"))
        // Every tag is ours, and the only attributes are the ones we write.
        var rest = Substring(html)
        while let open = rest.firstIndex(of: "<") {
            let tagText = rest[rest.index(after: open)...].prefix { $0 != ">" }
            let name = tagText.drop { $0 == "/" }.prefix { $0.isLetter }.lowercased()
            #expect(Self.allowedTags.contains(name), "tag \(name) in \(html)")
            let attributes = tagText.drop { $0 != " " }
            for attribute in attributes.split(separator: " ") {
                let key = attribute.prefix { $0 != "=" }
                #expect(["href", "rel", "class"].contains(String(key)) || key.hasPrefix("noopener") || key.hasPrefix("noreferrer"),
                        "attribute \(key) in \(html)")
            }
            rest = rest[rest.index(after: open)...]
        }
    }
}
