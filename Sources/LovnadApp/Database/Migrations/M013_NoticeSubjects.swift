import Fluent
import SQLKit

/// A notice can name what it is about beyond a promise — a thread, for reply notices — so that one
/// unread notice stands for every reply until it is read, found by an index over the unread ones.
/// Append-only once landed.
struct M013_NoticeSubjects: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("notifications").field("subject_id", .uuid).update()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX notifications_unread_subject ON notifications (subject_id, person_id) WHERE read_at IS NULL AND subject_id IS NOT NULL
            """).run()
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await sql.raw("DROP INDEX notifications_unread_subject").run() }
        try await db.schema("notifications").deleteField("subject_id").update()
    }
}
