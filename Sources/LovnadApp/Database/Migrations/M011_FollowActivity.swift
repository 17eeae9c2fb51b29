import Fluent
import SQLKit

/// A follow carries its thread's latest reply time, so the home feed reads one's recently active
/// threads from an index instead of every thread one has ever followed (a person who has written
/// 20,000 messages follows 20,000 threads). Append-only once landed.
struct M011_FollowActivity: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        let type = sql.dialect.name == "postgresql" ? "TIMESTAMPTZ" : "REAL"
        try await sql.raw("ALTER TABLE thread_follows ADD COLUMN last_reply_at \(unsafeRaw: type)").run()
        try await sql.raw("""
            UPDATE thread_follows SET last_reply_at = (SELECT m.last_reply_at FROM messages m WHERE m.id = thread_follows.thread_id)
            """).run()
        try await sql.raw("CREATE INDEX thread_follows_activity ON thread_follows (person_id, last_reply_at)").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX thread_follows_activity").run()
        try await sql.raw("ALTER TABLE thread_follows DROP COLUMN last_reply_at").run()
    }
}
