import Fluent
import Vapor
import LovnadCore

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
        return CalendarDTO(url: try await CalendarFeedActions.revoke(personID: user.id, app: req.application))
    }
}
