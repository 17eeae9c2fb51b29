import Fluent
import SQLKit

/// A channel's unanswered questions by how soon their norm runs out, so the home page takes the most
/// pressing few in each of a person's channels instead of sorting every open question in them (with
/// 97,000 open questions in an admin's seven channels, that sort was 130 ms of the home page).
/// Append-only once landed.
struct M014_UnansweredQuestions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX messages_unanswered ON messages (channel_id, norm_due_at, id)
            WHERE is_question = true AND thread_id IS NULL AND deleted_at IS NULL AND first_reply_at IS NULL
            """).run()
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase { try await sql.raw("DROP INDEX messages_unanswered").run() }
    }
}
