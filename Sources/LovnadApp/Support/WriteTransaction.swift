import Fluent
import FluentSQLiteDriver
import SQLKit

extension Database {
    /// A transaction for actions that write. On SQLite it begins IMMEDIATE, taking the write lock up
    /// front: a deferred transaction that reads and then writes fails at once with "database is locked"
    /// when another connection wrote in between (no busy handler helps a stale snapshot), which showed as
    /// a 500 while the job runner was writing. Writers in this process also queue for one gate before
    /// BEGIN: SQLite's busy handler otherwise sleeps (up to 100 ms at a time) while the other pooled
    /// connection holds the lock, which made posting under load slow.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard self is any SQLiteDatabase, !inTransaction else { return try await transaction(body) }
        await sqliteWriters.enter()
        defer { Task { await sqliteWriters.leave() } }
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

/// One SQLite writer at a time in this process (other processes, such as CLI commands, still meet the
/// busy handler, rarely).
private let sqliteWriters = WriterGate()

/// A first-come, first-served gate with one place.
actor WriterGate {
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func enter() async {
        if !busy { busy = true; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
