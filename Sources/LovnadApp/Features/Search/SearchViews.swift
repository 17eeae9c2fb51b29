import Plot
import Vapor
import LovnadCore

/// The search results page: the query, a filter per kind of thing, and the hits with their snippets.
enum SearchViews {
    struct Model {
        let text: String
        let kind: SearchKind?
        let items: [SearchResultDTO]
        let nextCursor: String?
        var error: String? = nil
    }

    static let kinds: [(SearchKind?, L)] = [(nil, .searchAll), (.person, .searchPeople), (.skill, .searchSkills), (.question, .searchQuestions),
                                            (.answer, .searchAnswers), (.message, .searchMessages), (.log, .searchLog), (.promise, .searchPromises)]

    static func label(_ kind: SearchKind, _ ctx: PageContext) -> String {
        ctx.t(kinds.first { $0.0 == kind }?.1 ?? .searchAll)
    }

    static func page(_ ctx: PageContext, _ m: Model, status: HTTPResponseStatus = .ok) -> Response {
        let asked = !m.text.isEmpty && m.error == nil
        return Layout.page(ctx, title: m.text.isEmpty ? ctx.t(.searchTitle) : ctx.t(.searchResultsFor, ["q": m.text]), status: status,
            .h1(.text(ctx.t(.searchTitle))),
            .form(.method(.get), .action(.search), .class("search-form"),
                .div(.class("field"),
                    .label(.for("search-q"), .text(ctx.t(.searchField))),
                    .input(.id("search-q"), .name("q"), .type(.search), .value(m.text), .attribute(named: "maxlength", value: String(SearchQuery.maxLength)),
                           .attribute(named: "aria-invalid", value: m.error == nil ? nil : "true"),
                           .attribute(named: "aria-describedby", value: m.error == nil ? "search-hint" : "search-q-error")),
                    .p(.id("search-hint"), .class("muted"), .text(ctx.t(.searchHint))),
                    .unwrap(m.error) { e in .p(.id("search-q-error"), .class("field-error"), .text(e)) }),
                .unwrap(m.kind) { k in .input(.type(.hidden), .name("type"), .value(k.rawValue)) },
                .button(.type(.submit), .class("primary"), .text(ctx.t(.search)))),
            .if(asked, .nav(.class("tabs"), .attribute(named: "aria-label", value: ctx.t(.searchTypes)),
                .ul(.forEach(kinds) { kind, key in
                    .li(.a(.href(SiteURL.search.with(["q": m.text, "type": kind?.rawValue])), .text(ctx.t(key)),
                           .if(kind == m.kind, .attribute(named: "aria-current", value: "page"))))
                }))),
            .if(asked && m.items.isEmpty, .p(.class("empty"), .text(ctx.t(.searchNone, ["q": m.text])))),
            .ol(.class("search-results"), .forEach(m.items) { hit in result(ctx, hit) }),
            .unwrap(m.nextCursor) { cursor in
                .p(.a(.class("button"), .href(SiteURL.search.with(["q": m.text, "type": m.kind?.rawValue, "cursor": cursor])), .text(ctx.t(.nextPage))))
            })
    }

    private static func result(_ ctx: PageContext, _ hit: SearchResultDTO) -> Node<HTML.ListContext> {
        .li(.class("search-hit"),
            .a(.href(hit.url), .text(hit.title)),
            .p(.class("meta"),
               .text(SearchKind(rawValue: hit.type).map { label($0, ctx) } ?? ""), .text(" · " + ctx.date(hit.at)),
               .if(hit.partial, .text(" · " + ctx.t(.searchPartial)))),
            .p(.class("snippet"), marked(hit.snippet, hit.snippetMarks)))
    }

    /// The snippet with its matches in `<mark>`, every part escaped as text.
    static func marked(_ snippet: String, _ marks: [[Int]]) -> Node<HTML.BodyContext> {
        let units = Array(snippet.utf16)
        var nodes: [Node<HTML.BodyContext>] = []
        var at = 0
        func text(_ from: Int, _ to: Int) -> String { String(decoding: units[from..<to], as: UTF16.self) }
        for mark in marks where mark.count == 2 {
            let (from, to) = (max(at, min(mark[0], units.count)), min(mark[1], units.count))
            guard from < to else { continue }
            if from > at { nodes.append(.text(text(at, from))) }
            nodes.append(.element(named: "mark", nodes: [.text(text(from, to))]))
            at = to
        }
        if at < units.count { nodes.append(.text(text(at, units.count))) }
        return .group(nodes)
    }
}
