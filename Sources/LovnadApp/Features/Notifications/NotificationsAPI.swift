import Fluent
import Vapor
import LovnadCore

struct NotificationDTO: Content {
    let id: UUID
    let kind: String
    let text: String
    @NullEncoded var promiseId: UUID?
    /// The page the notice leads to, within this site.
    @NullEncoded var href: String?
    let createdAt: Date
    @NullEncoded var readAt: Date?
}

/// The notification centre's reading side and marking notifications read: one's own only.
enum NotificationQueries {
    /// Where the notice leads: its promise, or the page it names (always one of ours).
    static func link(_ n: AppNotification) -> String? {
        if let id = n.$promise.id { return "/promises/\(id)" }
        guard let href = n.parameters["href"], href.hasPrefix("/"), !href.hasPrefix("//") else { return nil }
        return href
    }

    static func text(_ n: AppNotification, _ t: Localizer) -> String {
        let p = n.parameters
        switch n.kind {
        case "mention": return t(.noteMention, ["author": p["author"] ?? "", "channel": p["channel"] ?? "", "text": p["text"] ?? ""])
        case "norm_nudge": return t(.noteNormNudge, ["author": p["author"] ?? "", "channel": p["channel"] ?? "", "text": p["text"] ?? ""])
        default: break
        }
        let key: L
        switch PromiseReminders.Kind(rawValue: n.kind) {
        case .dueSoon: key = .notePromiseDueSoon
        case .dueToday: key = .notePromiseDueToday
        case .overdue: key = .notePromiseOverdue
        case .escalated: key = .notePromiseEscalated
        case nil: return n.kind
        }
        return t(key, ["text": p["text"] ?? "", "due": p["due"] ?? "", "owner": p["owner"] ?? ""])
    }

    static func list(personID: UUID, unreadOnly: Bool, page: ListPage, on db: any Database) async throws -> ([AppNotification], next: String?) {
        let query = AppNotification.query(on: db).filter(\.$person.$id == personID)
        if unreadOnly { query.filter(\.$readAt == nil) }
        let rows = try await query.sort(\.$createdAt, .descending).sort(\.$id).range(page.offset..<(page.offset + page.limit + 1)).all()
        return (Array(rows.prefix(page.limit)), page.nextCursor(fetched: rows.count))
    }

    static func unreadCount(personID: UUID, on db: any Database) async throws -> Int {
        try await AppNotification.query(on: db).filter(\.$person.$id == personID).filter(\.$readAt == nil).count()
    }

    static func dto(_ n: AppNotification, _ t: Localizer) -> NotificationDTO {
        NotificationDTO(id: n.id!, kind: n.kind, text: text(n, t), promiseId: n.$promise.id, href: link(n), createdAt: n.createdAt, readAt: n.readAt)
    }
}

enum NotificationActions {
    /// Marks one of the person's notifications read; someone else's is 404.
    static func markRead(_ id: UUID?, personID: UUID, app: Application) async throws {
        let query = AppNotification.query(on: app.db).filter(\.$person.$id == personID).filter(\.$readAt == nil)
        if let id {
            guard try await AppNotification.query(on: app.db).filter(\.$id == id).filter(\.$person.$id == personID).first() != nil else {
                throw AppError.notFound("No such notification")
            }
            query.filter(\.$id == id)
        }
        try await query.set(\.$readAt, to: app.clock.now()).update()
    }
}

/// `/api/v1/notifications` and `/api/v1/me/calendar`.
struct NotificationsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("notifications", use: list)
        routes.post("notifications", "read", use: readAll)
        routes.post("notifications", ":id", "read", use: read)
        routes.get("me", "calendar", use: calendar)
        routes.post("me", "calendar", "revoke", use: revokeCalendar)
    }

    func list(req: Request) async throws -> ListResponse<NotificationDTO> {
        let user = try req.requireUser()
        let (rows, next) = try await NotificationQueries.list(personID: user.id, unreadOnly: req.query[String.self, at: "unread"] == "true",
                                                              page: try req.pageRequest(), on: req.db)
        return ListResponse(items: rows.map { NotificationQueries.dto($0, Localizer(.en)) }, nextCursor: next)
    }

    func read(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await NotificationActions.markRead(try req.uuidParameter("id"), personID: user.id, app: req.application)
        return .noContent
    }

    func readAll(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await NotificationActions.markRead(nil, personID: user.id, app: req.application)
        return .noContent
    }

    struct CalendarDTO: Content { let url: String }

    func calendar(req: Request) async throws -> CalendarDTO {
        let user = try req.requireUser()
        return CalendarDTO(url: try await CalendarFeeds.url(for: user.id, app: req.application))
    }

    func revokeCalendar(req: Request) async throws -> CalendarDTO {
        let user = try req.requireUser()
        return CalendarDTO(url: try await CalendarFeeds.revoke(personID: user.id, app: req.application))
    }
}
