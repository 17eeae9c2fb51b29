import Fluent
import SQLKit

/// Promises are found by their engagement and by the promise they replace through indexes over the
/// rows that have one. Most promises have neither, and SQLite's statistics average over the NULLs:
/// with 100,000 loose promises it took an engagement to hold 33,000 of them and scanned the table
/// for every consultant's list (15 ms), while a promise list's "replaced by" lookup had no index at
/// all. Append-only once landed.
struct M012_PromiseLinks: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX promises_engagement").run()
        try await sql.raw("CREATE INDEX promises_engagement ON promises (engagement_id, due_day) WHERE engagement_id IS NOT NULL").run()
        try await sql.raw("CREATE INDEX promises_replaces ON promises (replaces_id) WHERE replaces_id IS NOT NULL").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX promises_replaces").run()
        try await sql.raw("DROP INDEX promises_engagement").run()
        try await sql.raw("CREATE INDEX promises_engagement ON promises (engagement_id, due_day)").run()
    }
}
