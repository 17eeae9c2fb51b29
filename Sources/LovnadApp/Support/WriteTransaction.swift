import Fluent
import FluentSQLiteDriver
import SQLKit

extension Database {
    /// A transaction for actions that write. On SQLite it begins IMMEDIATE, taking the write lock up
    /// front: a deferred transaction that reads and then writes fails at once with "database is locked"
    /// when another connection wrote in between (no busy handler helps a stale snapshot), which showed as
    /// a 500 while the job runner was writing. Waiting for the lock at BEGIN serialises writers instead.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard self is any SQLiteDatabase, !inTransaction else { return try await transaction(body) }
        return try await withConnection { db in
            let sql = db as! any SQLDatabase
            try await sql.raw("BEGIN IMMEDIATE TRANSACTION").run()
            do {
                let result = try await body(db)
                try await sql.raw("COMMIT TRANSACTION").run()
                return result
            } catch {
                try? await sql.raw("ROLLBACK TRANSACTION").run()
                throw error
            }
        }
    }
}
