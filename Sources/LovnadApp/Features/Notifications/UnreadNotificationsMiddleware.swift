import Fluent
import Plot
import Vapor
import LovnadCore

/// Looks up the signed-in person's unread count once per page request, for the header.
struct UnreadNotificationsMiddleware: AsyncMiddleware {
    struct Key: StorageKey { typealias Value = Int }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let user = req.currentUser, req.method == .GET {
            req.storage[Key.self] = try await NotificationQueries.unreadCount(personID: user.id, on: req.db)
        }
        return try await next.respond(to: req)
    }
}
