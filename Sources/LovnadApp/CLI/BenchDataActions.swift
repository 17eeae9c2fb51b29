import Fluent
import SQLKit
import Vapor

/// What `lovnad bench-data` writes: rows made up for benchmarks, many at a time.
enum BenchDataActions {
    static func insert<M: Model>(_ rows: [M], app: Application) async throws {
        try await app.store.write { ctx in try await rows.create(on: ctx.db) }
    }

    /// What autovacuum would do minutes after a bulk load, so the benchmark does not measure it at work.
    /// On the writer's connection: reads are read-only, and VACUUM runs outside a transaction.
    static func analyze(_ table: String, app: Application) async throws {
        guard let sql = app.writerDatabase as? any SQLDatabase else { return }
        try await sql.raw(sql.dialect.name == "postgresql" ? "VACUUM ANALYZE \(unsafeRaw: table)" : "ANALYZE").run()
    }
}
