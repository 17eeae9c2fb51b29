import FluentSQLiteDriver
import SQLKit
import Vapor

/// Per-connection settings for SQLite files: pages are read through a memory map, and each connection
/// caches 64 MiB of them. With SQLite's defaults (2 MiB, no map), reads of a grown company spent a
/// fifth of their time copying pages in with `pread`. The pools keep their connections, one read
/// connection per event loop and the writer, so this is done once for each at start.
enum SQLiteTuning {
    static let pragmas = ["PRAGMA mmap_size = 1073741824", "PRAGMA cache_size = -65536"]

    static func apply(_ app: Application) async throws {
        for loop in app.eventLoopGroup.makeIterator() {
            guard let db = app.databases.database(.sqlite, logger: app.logger, on: loop) as? any SQLiteDatabase else { continue }
            try await run(on: db)
        }
        if let writer = app.writerDatabase as? any SQLiteDatabase { try await run(on: writer) }
    }

    private static func run(on db: any SQLiteDatabase) async throws {
        try await db.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                for pragma in pragmas { _ = try await connection.query(pragma).get() }
            }
        }.get()
    }
}
