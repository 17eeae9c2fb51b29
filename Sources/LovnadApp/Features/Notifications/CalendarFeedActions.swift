import Fluent
import Vapor

/// Revoking a calendar feed's address.
enum CalendarFeedActions {
    /// A new address; every earlier one stops working.
    static func revoke(personID: UUID, app: Application) async throws -> String {
        try await app.store.write { ctx in
            if let feed = try await CalendarFeed.query(on: ctx.db).filter(\.$person.$id == personID).first() {
                feed.version += 1
                try await feed.update(on: ctx.db)
            } else {
                let feed = CalendarFeed(personID: personID, now: ctx.now)
                feed.version = 2
                try await feed.create(on: ctx.db)
            }
            ctx.emit(PersonEvents.changed(personID, type: .calendarRevoked))
        }
        return try await CalendarFeeds.url(for: personID, app: app)
    }
}
