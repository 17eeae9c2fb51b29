import Fluent
import SQLKit
import Vapor

/// The `live_events` table.
enum LiveStore {
    /// How long events are kept for clients that reconnect.
    static let retention: TimeInterval = 7 * 24 * 3600

    /// Stores events inside the caller's transaction. Shared through PostgreSQL, an advisory lock held
    /// to commit makes ids commit in the order they were taken, on every instance.
    static func insert(_ drafts: [LiveEventDraft], now: Date, notify channel: String?, on db: any Database) async throws -> [LiveEvent] {
        guard !drafts.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        if channel != nil {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: PostgresLiveListener.lockKey))").run()
        }
        // One statement for all; ids are taken in row order, and no other writer takes any meanwhile
        // (SQLite: one writer at a time; PostgreSQL: the lock above), so sorted ids match the drafts.
        let ids = try await sql.insert(into: "live_events").columns("type", "channel_id", "person_id", "data", "created_at")
            .rows(binding: drafts.map { [$0.type, $0.channelID, $0.personID, $0.payload.stored, now] as [any Encodable & Sendable] })
            .returning("id").all(decoding: IDRow.self).map(\.id).sorted()
        guard ids.count == drafts.count else { throw AppError.notFound("live events were not stored") }
        let events = zip(ids, drafts).map { LiveEvent(id: $0, draft: $1) }
        if let channel {
            try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: String(events.last?.id ?? 0)))").run()
        }
        return events
    }

    private struct IDRow: Decodable { let id: Int }

    static func latestID(on db: any Database) async throws -> Int {
        try await StoredLiveEvent.query(on: db).max(\.$id) ?? 0
    }

    static func oldestID(on db: any Database) async throws -> Int? {
        try await StoredLiveEvent.query(on: db).min(\.$id)
    }

    /// The events after `since` up to `upTo` that a person may see, in order, a page at a time.
    static func replay(after since: Int, upTo: Int, personID: UUID, channels: Set<UUID>, on db: any Database,
                       page: Int = 1000, each: ([LiveEvent]) -> Void) async throws {
        var cursor = since
        while cursor < upTo {
            let rows = try await StoredLiveEvent.query(on: db)
                .filter(\.$id > cursor).filter(\.$id <= upTo)
                .group(.or) { or in
                    or.filter(\.$personID == personID)
                    if !channels.isEmpty { or.filter(\.$channelID ~~ Array(channels)) }
                }
                .sort(\.$id).limit(page).all()
            guard let last = rows.last else { return }
            each(rows.map(LiveEvent.init(stored:)))
            cursor = last.id!
        }
    }
}
