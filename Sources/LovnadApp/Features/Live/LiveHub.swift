import Fluent
import SQLKit
import Synchronization
import Vapor

/// The live stream's centre on one instance: stores events (so a reconnecting client misses nothing)
/// and hands them, in id order, to this instance's connections.
final class LiveHub: Sendable {
    private let connections = Mutex<[ObjectIdentifier: LiveConnection]>([:])
    private let sequencer = LiveSequencer()
    private let listener = Mutex<PostgresLiveListener?>(nil)

    /// On PostgreSQL: events travel through LISTEN/NOTIFY, so other instances see them too.
    func usePostgres(_ listener: PostgresLiveListener, app: Application) async {
        self.listener.withLock { $0 = listener }
        await listener.start(app: app)
    }

    private let stopped = Mutex(false)

    /// At shutdown: stop listening; connections still upgrading are turned away.
    func stop() {
        stopped.withLock { $0 = true }
        listener.withLock { $0?.stop() }
    }

    var isStopped: Bool { stopped.withLock { $0 } }

    /// The NOTIFY channel when events are shared through PostgreSQL.
    var sharedChannel: String? { listener.withLock { $0?.channel } }

    /// Called by actions after their transaction commits. A failure to store is logged, not thrown:
    /// the action has happened, and clients reload what they show when they reconnect.
    func publish(_ drafts: [LiveEventDraft], app: Application) async {
        guard !drafts.isEmpty else { return }
        do { try await sequencer.store(drafts, app: app, hub: self) } catch {
            app.logger.error("live: could not store \(drafts.count) event(s): \(error)")
        }
    }

    func deliver(_ events: [LiveEvent]) {
        let targets = connections.withLock { Array($0.values) }
        for event in events {
            for connection in targets { connection.offer(event) }
        }
    }

    func add(_ connection: LiveConnection) {
        connections.withLock { $0[ObjectIdentifier(connection)] = connection }
    }

    func remove(_ connection: LiveConnection) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    var connectionCount: Int { connections.withLock { $0.count } }
}

/// One writer at a time, so ids are stored and delivered in the same order.
actor LiveSequencer {
    func store(_ drafts: [LiveEventDraft], app: Application, hub: LiveHub) async throws {
        let shared = hub.sharedChannel
        let events = try await LiveStore.insert(drafts, app: app, notify: shared)
        // Shared events come back through the listener, like everyone else's.
        if shared == nil { hub.deliver(events) }
    }
}

/// The `live_events` table.
enum LiveStore {
    /// How long events are kept for clients that reconnect.
    static let retention: TimeInterval = 7 * 24 * 3600

    static func insert(_ drafts: [LiveEventDraft], app: Application, notify channel: String? = nil) async throws -> [LiveEvent] {
        let now = app.clock.now()
        return try await app.db.writeTransaction { db in
            if channel != nil, let sql = db as? any SQLDatabase {
                // Held to commit: ids commit in the order they were taken, on every instance.
                try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: PostgresLiveListener.lockKey))").run()
            }
            var events: [LiveEvent] = []
            for draft in drafts {
                let row = StoredLiveEvent(type: draft.type, channelID: draft.channelID, personID: draft.personID,
                                          data: draft.payload.stored, now: now)
                try await row.create(on: db)
                events.append(LiveEvent(id: row.id!, draft: draft))
            }
            if let channel, let sql = db as? any SQLDatabase {
                try await sql.raw("SELECT pg_notify(\(bind: channel), \(bind: String(events.last?.id ?? 0)))").run()
            }
            return events
        }
    }

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

    static func prune(before cutoff: Date, on db: any Database) async throws {
        try await StoredLiveEvent.query(on: db).filter(\.$createdAt < cutoff).delete()
    }
}

extension Application {
    private struct LiveHubKey: StorageKey { typealias Value = LiveHub }
    var live: LiveHub {
        if let hub = storage[LiveHubKey.self] { return hub }
        let hub = LiveHub()
        storage[LiveHubKey.self] = hub
        return hub
    }
}
