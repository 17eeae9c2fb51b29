import Fluent

/// Log entries Lovnad writes itself keep their sentence as a key with values (`LogLine`), put into words
/// when read. Entries written before keep their text; they have no lines. Append-only once landed.
struct M008_LogLines: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(LogEntry.schema).field("lines", .string).update()
    }

    func revert(on db: any Database) async throws {
        try await db.schema(LogEntry.schema).deleteField("lines").update()
    }
}
