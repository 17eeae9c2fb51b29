import Fluent
import SQLKit
import Vapor

/// The one way to write. A write runs in one transaction together with everything that follows from it
/// (events, jobs, audit and log entries, through its `WriteContext`); its events are delivered after the
/// outermost commit, in commit order. A write inside a write joins it, in a savepoint of its own.
///
/// On SQLite every write goes through the application's one writer, which commits writes that arrive
/// together as one transaction (`SQLiteWriter`); on PostgreSQL each write is an ordinary transaction.
struct Store: Sendable {
    let app: Application

    func write<T: Sendable>(_ body: @escaping @Sendable (WriteContext) async throws -> T) async throws -> T {
        if let outer = WriteContext.current, outer.isOpen, outer.app === app {
            return try await outer.nested(body)
        }
        do {
            if let writer = app.sqliteWriter { return try await writer.submit(body, app: app) }
            return try await writePostgres(body)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two requests raced to make the same thing (a double click); the second changes nothing.
            throw AppError.conflict(.refuseSameChange)
        }
    }

    private func writePostgres<T: Sendable>(_ body: @escaping @Sendable (WriteContext) async throws -> T) async throws -> T {
        let shared = app.live.sharedChannel
        let (result, events) = try await app.db.transaction { db -> (T, [LiveEvent]) in
            let context = WriteContext(db: db, app: app)
            defer { context.close() }
            let result = try await WriteContext.$current.withValue(context) { try await body(context) }
            return (result, try await context.finish(notify: shared))
        }
        // Shared through PostgreSQL, the listener delivers them, on every instance.
        if shared == nil { app.live.deliver(events) }
        return result
    }
}

extension Application {
    var store: Store { Store(app: self) }
}
