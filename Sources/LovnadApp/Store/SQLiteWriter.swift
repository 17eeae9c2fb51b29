import Fluent
import SQLKit
import Synchronization
import Vapor

/// The application's one SQLite writer: one connection, and group commit. Writes that arrive while a
/// batch is being written wait and go together into the next transaction, each in a savepoint of its
/// own, so a write that fails is undone alone while the others commit. Each caller waits until its
/// batch has committed; the batch's events are delivered, in order, before the next batch begins.
final class SQLiteWriter: Sendable {
    private struct Job: Sendable {
        let run: @Sendable (WriteContext) async throws -> Void
        let done: @Sendable (Result<Void, any Error>) -> Void
    }

    /// Large enough to absorb a burst, small enough to keep one transaction short.
    static let maxBatch = 64

    private struct State {
        var pending: [Job] = []
        var writing = false
    }
    private let state = Mutex(State())
    /// The writer's connection lives on this loop, so there is exactly one.
    private let loop: any EventLoop

    init(loop: any EventLoop) { self.loop = loop }

    func submit<T: Sendable>(_ body: @escaping @Sendable (WriteContext) async throws -> T, app: Application) async throws -> T {
        let result = Mutex<T?>(nil)
        try await withCheckedThrowingContinuation { (waiter: CheckedContinuation<Void, any Error>) in
            let job = Job(run: { context in
                let value = try await body(context)
                result.withLock { $0 = value }
            }, done: { waiter.resume(with: $0) })
            let startWriting = state.withLock { s -> Bool in
                s.pending.append(job)
                if s.writing { return false }
                s.writing = true
                return true
            }
            if startWriting { Task { await self.drain(app: app) } }
        }
        return result.withLock { $0.take()! }
    }

    private func drain(app: Application) async {
        while true {
            let batch = state.withLock { s -> [Job] in
                let batch = Array(s.pending.prefix(Self.maxBatch))
                s.pending.removeFirst(batch.count)
                if batch.isEmpty { s.writing = false }
                return batch
            }
            guard !batch.isEmpty else { return }
            await write(batch, app: app)
        }
    }

    private func write(_ batch: [Job], app: Application) async {
        let outcomes: [Result<Void, any Error>]
        let events: [LiveEvent]
        do {
            let db = app.databases.database(.sqliteWriter, logger: app.logger, on: loop)!
            (outcomes, events) = try await db.withConnection { db in try await Self.transaction(batch, on: db, app: app) }
        } catch {
            // The transaction failed as a whole (it could not begin or commit): nothing of it was kept.
            for job in batch { job.done(.failure(error)) }
            return
        }
        app.live.deliver(events)
        for (job, outcome) in zip(batch, outcomes) { job.done(outcome) }
    }

    private static func transaction(_ batch: [Job], on db: any Database, app: Application) async throws
        -> ([Result<Void, any Error>], [LiveEvent]) {
        let sql = db as! any SQLDatabase
        try await sql.raw("BEGIN IMMEDIATE TRANSACTION").run()
        do {
            var outcomes: [Result<Void, any Error>] = []
            var events: [LiveEvent] = []
            for job in batch {
                try await sql.raw("SAVEPOINT lovnad_write").run()
                let context = WriteContext(db: db, app: app)
                do {
                    try await WriteContext.$current.withValue(context) { try await job.run(context) }
                    events += try await context.finish(notify: nil)
                    try await sql.raw("RELEASE SAVEPOINT lovnad_write").run()
                    outcomes.append(.success(()))
                } catch {
                    // If even this fails, the transaction is gone and the whole batch fails.
                    try await sql.raw("ROLLBACK TO SAVEPOINT lovnad_write").run()
                    try await sql.raw("RELEASE SAVEPOINT lovnad_write").run()
                    outcomes.append(.failure(error))
                }
                context.close()
            }
            try await sql.raw("COMMIT TRANSACTION").run()
            return (outcomes, events)
        } catch {
            try? await sql.raw("ROLLBACK TRANSACTION").run()
            throw error
        }
    }
}

extension DatabaseID {
    /// The SQLite writer's pool; the default pool's connections are opened read-only.
    static let sqliteWriter = DatabaseID(string: "sqlite-writer")
}

extension Application {
    private struct SQLiteWriterKey: StorageKey { typealias Value = SQLiteWriter }
    /// Set on SQLite, at configuration (application storage is not for concurrent first use).
    var sqliteWriter: SQLiteWriter? {
        get { storage[SQLiteWriterKey.self] }
        set { storage[SQLiteWriterKey.self] = newValue }
    }

    /// Where migrations and other schema work run: the writer on SQLite, the one database otherwise.
    var writerDatabaseID: DatabaseID? { sqliteWriter == nil ? nil : .sqliteWriter }

    /// A database for code that must use the writer's connection outside a write (schema pragmas).
    var writerDatabase: any Database { writerDatabaseID.map { db($0) } ?? db }
}
