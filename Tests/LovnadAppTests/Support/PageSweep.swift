import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp

/// Hostile text for every field a user sets: quotes that close attributes of either kind, an element
/// and an attribute no template writes (`x-evil`, `data-evil`), a script and a refreshing meta tag.
enum Hostile {
    /// For fields of up to 80 characters.
    static let short = #""'><x-evil data-evil=1><script>x-evil</script>"#
    /// For longer fields.
    static let long = #"Æ"><x-evil data-evil="1">'><x-evil data-evil='1'><script>x-evil()</script><meta http-equiv="refresh" content="0;url=/x-evil">"#
    /// For Markdown: all of the above, a script link, deep quotes and an unclosed link.
    static let markdown = long + " [klikk](javascript:alert(1)) [x](https://a.example/\"onmouseover=\"x-evil) **" + long + "**\n"
        + String(repeating: ">", count: 600) + " dypt\n[uten slutt](https://a.example"
}

/// Visits every page a signed-in person can reach from home by links and GET forms (filled with
/// hostile text), and reads each with `HTMLTokenizer` as a browser would: an element or attribute
/// the templates never write, a script without `src`, a refreshing meta tag or a `javascript:` URL
/// is injection. New pages join by being linked, not by being listed.
struct PageSweep {
    let app: Application
    var maxPages = 400

    struct Finding: CustomStringConvertible {
        let page: String
        let what: String
        var description: String { "\(page): \(what)" }
    }

    struct Outcome {
        var visited: [String] = []
        var findings: [Finding] = []
    }

    /// `check` reads each page too, returning what it finds wrong there.
    func run(as browser: Browser, probes: [String] = [], check: ([HTMLTokenizer.Tag]) -> [String] = { _ in [] }) async throws -> Outcome {
        var outcome = Outcome()
        var queue = ["/"] + probes
        var seen = Set(queue)
        while !queue.isEmpty, outcome.visited.count < maxPages {
            let path = queue.removeFirst()
            let response = try await browser.get(path)
            outcome.visited.append(path)
            if response.status.code >= 500 { outcome.findings.append(Finding(page: path, what: "status \(response.status.code)")); continue }
            guard response.headers.contentType?.subType == "html" else { continue }
            let tags = HTMLTokenizer.tags(in: response.body.string)
            outcome.findings += (Self.injections(in: tags) + check(tags)).map { Finding(page: path, what: $0) }
            for next in Self.links(in: tags) + Self.filledForms(in: tags, on: path) where !seen.contains(next) && Self.worthVisiting(next) {
                seen.insert(next)
                queue.append(next)
            }
        }
        return outcome
    }

    static func worthVisiting(_ path: String) -> Bool {
        path.hasPrefix("/") && !path.hasPrefix("//") && !path.hasPrefix("/assets/") && !path.hasPrefix("/calendar/")
            && !path.hasPrefix("/logout") && !path.contains("/export")
    }

    static func injections(in tags: [HTMLTokenizer.Tag]) -> [String] {
        var found: [String] = []
        for tag in tags where !tag.isEnd {
            if tag.name.contains("x-evil") || tag.name == "base" { found.append("element \(tag)") }
            for attribute in tag.attributes {
                if attribute.name.contains("evil") || attribute.name.hasPrefix("on") || attribute.name.contains("\"") || attribute.name.contains("'") {
                    found.append("attribute \(attribute.name) in \(tag)")
                }
                if ["href", "src", "action", "formaction", "content"].contains(attribute.name) {
                    let squeezed = attribute.value.lowercased().unicodeScalars.filter { $0.value > 0x20 }.map(String.init).joined()
                    if squeezed.hasPrefix("javascript:") || squeezed.hasPrefix("vbscript:") || squeezed.hasPrefix("data:") || squeezed.contains("url=/x-evil") {
                        found.append("URL \(attribute.value) in \(tag)")
                    }
                }
            }
            if tag.name == "script", tag.value("src") == nil || tag.followingText.contains("x-evil") { found.append("script \(tag)") }
            if tag.name == "meta", tag.value("http-equiv") != nil { found.append("meta \(tag)") }
        }
        return found
    }

    static func links(in tags: [HTMLTokenizer.Tag]) -> [String] {
        tags.filter { $0.name == "a" && !$0.isEnd }.compactMap { $0.value("href") }.map { href in
            String(href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }.filter { !$0.isEmpty }
    }

    /// GET forms with their text fields set to hostile text (other fields keep their values).
    static func filledForms(in tags: [HTMLTokenizer.Tag], on page: String) -> [String] {
        var urls: [String] = []
        var action: String?
        var fields: [(String, String)] = []
        for tag in tags {
            if tag.name == "form" {
                if tag.isEnd, let target = action {
                    var components = URLComponents()
                    components.queryItems = fields.map { URLQueryItem(name: $0.0, value: $0.1) }
                    urls.append(target + "?" + (components.percentEncodedQuery ?? ""))
                    action = nil
                } else if !tag.isEnd, (tag.value("method") ?? "get").lowercased() == "get" {
                    let target = tag.value("action") ?? ""
                    action = target.isEmpty ? String(page.split(separator: "?").first ?? "") : target
                    fields = []
                }
                continue
            }
            guard action != nil, !tag.isEnd, let name = tag.value("name") else { continue }
            switch tag.name {
            case "input" where ["text", "search", nil].contains(tag.value("type")): fields.append((name, Hostile.long))
            case "input" where tag.value("type") == "hidden": fields.append((name, tag.value("value") ?? ""))
            case "select", "textarea": fields.append((name, Hostile.short))
            default: break
            }
        }
        return urls
    }
}
