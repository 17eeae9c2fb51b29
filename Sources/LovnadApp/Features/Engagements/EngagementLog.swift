import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor
import LovnadCore

/// Reading and verifying an engagement's hash-chained log (appending is `LogActions.append`, through
/// `WriteContext.appendLog`).
enum EngagementLog {
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded(.down)) }

    static func normalTags(_ tags: [String]) -> [String] {
        Array(Set(tags.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty && !$0.contains(",") })).sorted()
    }

    /// On PostgreSQL, holds the engagement's row to commit, so concurrent changes of one engagement (log
    /// appends, handover saves) queue instead of racing; SQLite has one writer anyway.
    static func lock(_ engagementID: UUID, _ ctx: WriteContext) async throws { try await lock(engagementID, on: ctx.db) }

    static func lock(_ engagementID: UUID, on db: any Database) async throws {
        try await WriteContext.lockRow(Engagement.schema, engagementID, on: db)
    }

    /// The entry's Markdown body: what a person wrote, or Lovnad's lines in the reader's language.
    static func text(of entry: LogEntry, in locale: AppLocale) -> String {
        guard let stored = entry.lines else { return entry.body }
        guard let lines = LogLine.parse(stored) else { return stored }
        return LogLineText.body(lines, in: locale)
    }

    static func content(of entry: LogEntry) -> LogEntryContent {
        LogEntryContent(id: entry.id!, engagementID: entry.$engagement.id, sequence: entry.sequence,
                        kind: LogKind(rawValue: entry.kind) ?? .note, authorID: entry.$author.id,
                        createdAtMilliseconds: entry.createdAtMilliseconds, body: entry.body,
                        tags: entry.tags.isEmpty ? [] : entry.tags.split(separator: ",").map(String.init), corrects: entry.correctsID,
                        lines: entry.lines)
    }

    /// Recomputes the whole chain from the stored rows, read straight from each driver rather than as
    /// models: generic row decoding was most of the time spent verifying ten thousand entries.
    static func verify(engagementID: UUID, on db: any Database) async throws -> LogChain.Verdict {
        if let sqlite = db as? any SQLiteDatabase {
            return try await verifySQLite(engagementID: engagementID, on: sqlite)
        }
        if let postgres = db as? any PostgresDatabase {
            return try await verifyPostgres(engagementID: engagementID, on: postgres)
        }
        let entries = try await LogEntry.query(on: db).filter(\.$engagement.$id == engagementID).sort(\.$sequence).all()
        return LogChain.verify(entries.map { (content(of: $0), $0.hash) })
    }

    private static let storedColumns = "id, seq, kind, author_id, created_at_ms, body, tags, corrects_id, hash, lines"

    private static func splitTags(_ tags: String) -> [String] {
        tags.isEmpty ? [] : tags.split(separator: ",").map(String.init)
    }

    /// Rows decoded as one typed tuple each, in PostgreSQL's binary format.
    private static func verifyPostgres(engagementID: UUID, on postgres: any PostgresDatabase) async throws -> LogChain.Verdict {
        let rows = try await postgres.withConnection { connection in
            connection.eventLoop.makeFutureWithTask {
                try await connection.query("""
                    SELECT id, seq, kind, author_id, created_at_ms, body, tags, corrects_id, hash, lines
                    FROM log_entries WHERE engagement_id = \(engagementID) ORDER BY seq
                    """, logger: connection.logger).collect()
            }
        }.get()
        var entries: [(content: LogEntryContent, storedHash: String)] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            let (id, seq, kind, author, at, body, tags, corrects, hash, lines) =
                try row.decode((UUID, Int, String, UUID?, Int64, String, String, UUID?, String, String?).self)
            entries.append((LogEntryContent(id: id, engagementID: engagementID, sequence: seq, kind: LogKind(rawValue: kind) ?? .note,
                                            authorID: author, createdAtMilliseconds: at, body: body, tags: splitTags(tags), corrects: corrects,
                                            lines: lines),
                            hash))
        }
        return LogChain.verify(entries)
    }

    private static func verifySQLite(engagementID: UUID, on sqlite: any SQLiteDatabase) async throws -> LogChain.Verdict {
        // Bound exactly as Fluent writes it, so the comparison matches the stored text.
        let key = try SQLiteDataEncoder().encode(engagementID)
        let rows = try await sqlite.query("SELECT \(storedColumns) FROM log_entries WHERE engagement_id = ?1 ORDER BY seq", [key])
        var entries: [(content: LogEntryContent, storedHash: String)] = []
        entries.reserveCapacity(rows.count)
        for row in rows {
            guard let id = row.column("id")?.string.flatMap(UUIDText.parse), let seq = row.column("seq")?.integer,
                  let kind = row.column("kind")?.string, let at = row.column("created_at_ms")?.integer,
                  let body = row.column("body")?.string, let tags = row.column("tags")?.string,
                  let hash = row.column("hash")?.string else {
                throw AppError(status: .internalServerError, code: "corrupt_log", message: "A log entry could not be read")
            }
            entries.append((LogEntryContent(id: id, engagementID: engagementID, sequence: seq, kind: LogKind(rawValue: kind) ?? .note,
                                            authorID: row.column("author_id")?.string.flatMap(UUIDText.parse),
                                            createdAtMilliseconds: Int64(at), body: body, tags: splitTags(tags),
                                            corrects: row.column("corrects_id")?.string.flatMap(UUIDText.parse),
                                            lines: row.column("lines")?.string),
                            hash))
        }
        return LogChain.verify(entries)
    }
}
