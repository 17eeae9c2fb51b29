import Fluent
import Plot
import Vapor
import LovnadCore

/// The notification centre page, and the unread count every page shows in its header.
struct NotificationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: list)
        routes.post("notifications", "read", use: readAll)
        routes.post("notifications", ":id", "read", use: read)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let (rows, next) = try await NotificationQueries.list(personID: user.id, unreadOnly: false, page: try req.pageRequest(), on: req.db)
        return Layout.page(ctx, title: ctx.t(.notificationsHeading),
            .h1(.text(ctx.t(.notificationsHeading))),
            .if(rows.contains { $0.readAt == nil }, .form(.method(.post), .action(.notificationsRead), Parts.csrf(ctx),
                .button(.type(.submit), .text(ctx.t(.notificationsMarkAllRead))))),
            .if(rows.isEmpty, .p(.class("muted"), .text(ctx.t(.notificationsNone)))),
            .ul(.class("notifications"), .forEach(rows) { n in
                .li(.class(n.readAt == nil ? "unread" : "read"),
                    .unwrap(NotificationQueries.link(n), { href in .a(.href(href), .text(NotificationQueries.text(n, ctx.t))) },
                            else: .text(NotificationQueries.text(n, ctx.t))),
                    .span(.class("muted"), .text(" · " + ctx.date(n.createdAt))),
                    .if(n.readAt == nil, .form(.method(.post), .action(.notificationRead(n.id!)), .class("inline"), Parts.csrf(ctx),
                        .button(.type(.submit), .class("small"), .text(ctx.t(.notificationsMarkRead))))))
            }),
            .unwrap(next) { c in .p(.a(.href(SiteURL.notifications.with(["cursor": c])), .text(ctx.t(.nextPage)))) }
        )
    }

    func read(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await NotificationActions.markRead(try req.uuidParameter("id"), personID: user.id, app: req.application)
        return req.seeOther(.notifications)
    }

    func readAll(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await NotificationActions.markRead(nil, personID: user.id, app: req.application)
        return req.seeOther(.notifications)
    }
}

