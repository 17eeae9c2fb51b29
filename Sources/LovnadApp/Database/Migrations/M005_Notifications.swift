import Fluent
import SQLKit

/// In-app notifications and private calendar feeds. Append-only once landed.
struct M005_Notifications: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(AppNotification.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("promise_id", .uuid, .references(Promise.schema, "id", onDelete: .cascade))
            .field("params", .string, .required)
            .field("created_at", .datetime, .required)
            .field("read_at", .datetime)
            .create()
        try await db.schema(CalendarFeed.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("version", .int, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "person_id")
            .create()
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX notifications_person ON notifications (person_id, read_at, created_at)").run()
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(CalendarFeed.schema).delete()
        try await db.schema(AppNotification.schema).delete()
    }
}
