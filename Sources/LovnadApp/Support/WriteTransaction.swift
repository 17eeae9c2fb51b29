import Fluent
import FluentSQLiteDriver
import SQLKit
import Synchronization

extension Database {
    /// A transaction for actions that write. On SQLite it begins IMMEDIATE, taking the write lock up
    /// front: a deferred transaction that reads and then writes fails at once with "database is locked"
    /// when another connection wrote in between (no busy handler helps a stale snapshot), which showed as
    /// a 500 while the job runner was writing. Writers in this process also queue for one gate before
    /// BEGIN: SQLite's busy handler otherwise sleeps (up to 100 ms at a time) while the other pooled
    /// connection holds the lock, which made posting under load slow.
    ///
    /// `afterCommit` runs once the change is committed and, on SQLite, before the next writer begins, so
    /// what it does (delivering live events) happens in commit order.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T,
                                       afterCommit: (@Sendable (T) -> Void)? = nil) async throws -> T {
        guard self is any SQLiteDatabase, !inTransaction else {
            let result = try await transaction(body)
            afterCommit?(result)
            return result
        }
        await sqliteWriters.enter()
        defer { sqliteWriters.leave() }
        return try await withConnection { db in
            let sql = db as! any SQLDatabase
            try await sql.raw("BEGIN IMMEDIATE TRANSACTION").run()
            do {
                let result = try await body(db)
                try await sql.raw("COMMIT TRANSACTION").run()
                afterCommit?(result)
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

/// A first-come, first-served gate with one place; leaving hands the place straight to the next in line.
final class WriterGate: Sendable {
    private struct State {
        var busy = false
        var waiting: [CheckedContinuation<Void, Never>] = []
    }
    private let state = Mutex(State())

    func enter() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let enteredNow = state.withLock { s -> Bool in
                if s.busy { s.waiting.append(waiter); return false }
                s.busy = true
                return true
            }
            if enteredNow { waiter.resume() }
        }
    }

    func leave() {
        let next = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.waiting.isEmpty { s.busy = false; return nil }
            return s.waiting.removeFirst()
        }
        next?.resume()
    }
}
