import Foundation
import LovnadCore

/// Reads a page's words as a bokmål reader sees them — text and the attributes that are read out
/// (`aria-label`, `title`, `placeholder`, `alt`, a button's value) — and finds what does not belong
/// there: an enum's code, an English UI word, an ISO date. What people wrote (message and log bodies,
/// code, text areas) is theirs and is not read.
enum PageLanguage {
    /// Codes the product stores, which a page must show in words.
    static let codes: Set<String> = {
        var codes = Set(EngagementStatus.allCases.map(\.rawValue)).union(PromiseState.allCases.map(\.rawValue))
            .union(Role.allCases.map(\.rawValue))
            .union(["capped", "fixed", "hourly", "low", "medium", "high", "cares_about", "customer_contact", "sales_meeting", "log_entry",
                    "one_to_one", "department_meeting", "topic", "direct", "confirmed", "disputed", "none", "true", "false", "nil", "null"])
        // A job title or a profile's role may well say "lead" or "Tech lead"; the status is shown as a badge, checked below.
        codes.remove("lead")
        return codes
    }()

    /// English words of the UI that have a bokmål word.
    static let english: Set<String> = ["overview", "staffing", "save", "cancel", "delete", "edit", "search", "settings", "sign", "home",
                                       "people", "skills", "notifications", "channels", "engagements", "promises", "the", "and", "of",
                                       "yes", "week", "weeks", "day", "days", "kept", "broken", "ratio", "say-do", "optional"]

    static let isoDate = try! NSRegularExpression(pattern: #"\b\d{4}-\d{2}-\d{2}\b"#)
    /// A sum without its groups of three ("1520000 kr").
    static let ungroupedMoney = try! NSRegularExpression(pattern: #"\b\d{4,} ?kr\b"#)
    static let auditCode = try! NSRegularExpression(pattern: #"\b[a-z]+(_[a-z]+)*\.[a-z]+(_[a-z]+)*\b"#)

    /// What a reader reads, without what people wrote.
    static func words(in tags: [HTMLTokenizer.Tag]) -> [String] {
        var read: [String] = []
        var skipping: (name: String, depth: Int)?
        for tag in tags {
            if let s = skipping {
                if tag.name == s.name { skipping = tag.isEnd ? (s.depth == 1 ? nil : (s.name, s.depth - 1)) : (s.name, s.depth + 1) }
                if skipping != nil { continue }
                read.append(tag.followingText)
                continue
            }
            if !tag.isEnd {
                let classes = Set((tag.value("class") ?? "").split(separator: " ").map(String.init))
                if ["script", "style", "code", "pre", "textarea", "template", "title"].contains(tag.name)
                    || !classes.isDisjoint(with: ["body", "hash", "bio", "struck", "user-text", "places"]) {
                    skipping = (tag.name, 1)
                    continue
                }
                for name in ["aria-label", "title", "placeholder", "alt"] { if let v = tag.value(name) { read.append(v) } }
                if tag.name == "input", ["submit", "button"].contains(tag.value("type")), let v = tag.value("value") { read.append(v) }
                if tag.name == "span", classes.contains("status"), classes.contains("status-lead") { read.append(tag.followingText) }
            }
            read.append(tag.followingText)
        }
        return read
    }

    /// Each finding as «what» and the text it was found in.
    static func findings(in tags: [HTMLTokenizer.Tag]) -> [String] {
        var found: [String] = []
        for text in words(in: tags) where !text.isEmpty {
            // Addresses and links are not words (an e-mail address ends in «no»).
            let prose = text.split(whereSeparator: \.isWhitespace).filter { !$0.contains("@") && !$0.contains("://") }.joined(separator: " ")
            let context = " in «\(prose.prefix(70))»"
            let range = NSRange(prose.startIndex..., in: prose)
            for _ in isoDate.matches(in: prose, range: range) { found.append("ISO date" + context) }
            for _ in ungroupedMoney.matches(in: prose, range: range) { found.append("sum without groups" + context) }
            for m in auditCode.matches(in: prose, range: range) { found.append("code «\((prose as NSString).substring(with: m.range))»" + context) }
            for word in prose.split(whereSeparator: { !($0.isLetter || $0 == "_" || $0 == "-") }) {
                if codes.contains(String(word)) { found.append("code «\(word)»" + context) }
                else if english.contains(word.lowercased()) { found.append("English «\(word)»" + context) }
            }
        }
        return found
    }
}
