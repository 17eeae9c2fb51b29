import Plot
import Vapor
import LovnadCore

/// The say-do page: the company's ratio for everyone, one's own, and the departments, people and customers one may see.
enum SayDoViews {
    struct Row {
        let label: String
        let href: String?
        let stats: PromiseQueries.Stats
    }

    struct Model {
        let from: Day
        let to: Day
        let company: PromiseQueries.Stats
        let mine: PromiseQueries.Stats
        let departments: [Row]
        let people: [Row]
        let customers: [Row]
    }

    static func page(_ ctx: PageContext, _ m: Model, errors: [String: String] = [:], status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.ratioHeading), status: status,
            .p(.a(.href(.promises), .text("← " + ctx.t(.promisesHeading)))),
            .h1(.text(ctx.t(.ratioHeading))),
            .p(.class("hint"), .text(ctx.t(.ratioExplain))),
            .form(.method(.get), .action(.promiseRatio), .class("filters"),
                Parts.textField("from", label: ctx.t(.ratioFrom), value: m.from.description, type: .date, error: errors["from"]),
                Parts.textField("to", label: ctx.t(.ratioTo), value: m.to.description, type: .date, error: errors["to"]),
                .button(.type(.submit), .text(ctx.t(.ratioShow)))),
            .div(.class("ratio-cards"),
                card(ctx, title: ctx.t(.ratioCompany), id: "company-ratio", m.company),
                card(ctx, title: ctx.t(.ratioMine), id: "my-ratio", m.mine)),
            .if(!m.departments.isEmpty, table(ctx, heading: ctx.t(.ratioDepartments), id: "department-ratios", m.departments)),
            .if(!m.people.isEmpty, table(ctx, heading: ctx.t(.ratioPeople), id: "people-ratios", m.people)),
            .if(!m.customers.isEmpty, table(ctx, heading: ctx.t(.ratioCustomers), id: "customer-ratios", m.customers))
        )
    }

    static func summary(_ ctx: PageContext, _ s: PromiseQueries.Stats) -> String {
        var text = s.total.counted == 0 ? ctx.t(.ratioNothing)
            : ctx.t(.ratioValue, ["kept": String(s.total.keptOnTime), "counted": String(s.total.counted)])
        if s.overdue > 0 { text += " · " + ctx.t(.ratioOverdue, ["count": String(s.overdue)]) }
        return text
    }

    private static func card(_ ctx: PageContext, title: String, id: String, _ s: PromiseQueries.Stats) -> Node<HTML.BodyContext> {
        .section(.class("card ratio"), .id(id),
            .h2(.text(title)),
            .p(.class("ratio-value"), .text(SayDoChart.percent(s.total.ratio))),
            .p(.class("muted"), .text(summary(ctx, s))),
            SayDoChart.svg(s.weeks, label: ctx.t(.ratioChartLabel), ctx))
    }

    /// Rows with something counted or overdue; those with nothing yet are folded away behind "show all".
    private static func table(_ ctx: PageContext, heading: String, id: String, _ rows: [Row]) -> Node<HTML.BodyContext> {
        let empty = rows.filter { $0.stats.total.counted == 0 && $0.stats.overdue == 0 }
        let counted = rows.filter { $0.stats.total.counted > 0 || $0.stats.overdue > 0 }
        return .section(.class("card"), .id(id),
            .h2(.text(heading)),
            .if(!counted.isEmpty, ratioRows(ctx, counted)),
            .if(!empty.isEmpty, .details(.class("show-all"),
                .summary(.text(ctx.t(.ratioShowAll, ["count": String(empty.count)]))),
                ratioRows(ctx, empty))))
    }

    private static func ratioRows<C: HTML.BodyContext>(_ ctx: PageContext, _ rows: [Row]) -> Node<C> {
        .table(.class("ratios"),
            .forEach(rows) { r in
                .tr(.th(.attribute(named: "scope", value: "row"), .unwrap(r.href, { .a(.href($0), .text(r.label)) }, else: .text(r.label))),
                    .td(.class("ratio-value"), .text(SayDoChart.percent(r.stats.total.ratio))),
                    .td(.class("muted"), .text(summary(ctx, r.stats))),
                    .td(SayDoChart.svg(r.stats.weeks, label: ctx.t(.ratioChartLabel) + ": " + r.label, ctx, compact: true)))
            })
    }
}
