import Fluent
import Vapor
import LovnadCore

/// Storing notices for the in-app centre and marking them read: one's own only. Each change is an
/// event for the person, which the header's count and, later, e-mail and chat deliveries follow.
enum NotificationActions {
    /// Stores the notice inside the caller's write, so it is kept exactly when the change it tells of is.
    @discardableResult
    static func notify(_ notice: Notice, _ ctx: WriteContext) async throws -> AppNotification {
        let stored = AppNotification(personID: notice.personID, kind: notice.kind, promiseID: notice.promiseID,
                                     params: notice.params, now: ctx.now, subjectID: notice.subjectID)
        try await stored.create(on: ctx.db)
        var data = ["id": stored.id!.uuidString, "kind": notice.kind]
        data["href"] = NotificationQueries.link(stored)
        ctx.emit(LiveEventDraft(type: .notificationCreated, channelID: nil, personID: notice.personID, payload: .object(data)))
        return stored
    }

    /// Marks one of the person's notifications read (all when `id` is nil); someone else's is 404.
    static func markRead(_ id: UUID?, personID: UUID, app: Application) async throws {
        try await app.store.write { ctx in
            let query = AppNotification.query(on: ctx.db).filter(\.$person.$id == personID).filter(\.$readAt == nil)
            if let id {
                guard try await AppNotification.query(on: ctx.db).filter(\.$id == id).filter(\.$person.$id == personID).first() != nil else {
                    throw AppError.notFound("No such notification")
                }
                query.filter(\.$id == id)
            }
            try await query.set(\.$readAt, to: ctx.now).update()
            var data = ["unread": String(try await NotificationQueries.unreadCount(personID: personID, on: ctx.db))]
            if let id { data["id"] = id.uuidString }
            ctx.emit(LiveEventDraft(type: .notificationRead, channelID: nil, personID: personID, payload: .object(data)))
        }
    }
}
