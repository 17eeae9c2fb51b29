import Fluent
import SQLKit

/// Promise lists are ordered by due date; with this index a list for someone who sees most promises
/// walks it until it has a page instead of sorting them all. Append-only once landed.
struct M010_PromiseOrder: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await (db as? any SQLDatabase)?.raw("CREATE INDEX promises_due_day ON promises (due_day, id)").run()
    }

    func revert(on db: any Database) async throws {
        try await (db as? any SQLDatabase)?.raw("DROP INDEX promises_due_day").run()
    }
}
