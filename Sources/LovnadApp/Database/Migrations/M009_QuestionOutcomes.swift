import Fluent
import SQLKit

/// A channel's norm record is counted from the index alone: it holds each live question's outcome
/// columns, so the count never visits the messages themselves. Replaces `messages_questions`.
/// Append-only once landed.
struct M009_QuestionOutcomes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("""
            CREATE INDEX messages_question_outcomes ON messages (channel_id, created_at, first_reply_at, norm_due_at)
            WHERE is_question = true AND thread_id IS NULL AND deleted_at IS NULL
            """).run()
        try await sql.raw("DROP INDEX messages_questions").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX messages_questions ON messages (channel_id, created_at) WHERE is_question = true AND thread_id IS NULL").run()
        try await sql.raw("DROP INDEX messages_question_outcomes").run()
    }
}
