import Fluent
import SQLKit
import Synchronization
import Vapor

/// The live stream's centre on one instance: stores events (so a reconnecting client misses nothing)
/// and hands them, in id order, to this instance's connections.
final class LiveHub: Sendable {
    private let connections = Mutex<[ObjectIdentifier: LiveConnection]>([:])
    private let listener = Mutex<PostgresLiveListener?>(nil)

    /// On PostgreSQL: events travel through LISTEN/NOTIFY, so other instances see them too.
    func usePostgres(_ listener: PostgresLiveListener, app: Application) async {
        self.listener.withLock { $0 = listener }
        await listener.start(app: app)
    }

    private let stopped = Mutex(false)

    /// At shutdown: stop listening, close the open connections; those still upgrading are turned away.
    func stop() {
        stopped.withLock { $0 = true }
        listener.withLock { $0?.stop() }
        credentialChecks.withLock { $0?.cancel(); $0 = nil }
        closeAll()
    }

    private let credentialChecks = Mutex<Task<Void, Never>?>(nil)

    /// Every `interval`, connections whose session or token has ended are closed: revocations that no
    /// event announced here (a CLI command in another process on SQLite) and sessions that expired
    /// while the connection stayed open end within one interval.
    func startCredentialChecks(app: Application, every interval: TimeInterval) {
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                guard let self, !self.isStopped else { return }
                do { try await self.closeConnectionsWithEndedCredentials(app: app) } catch {
                    app.logger.warning("live: credential check failed: \(error)")
                }
            }
        }
        credentialChecks.withLock { $0?.cancel(); $0 = task }
    }

    func closeConnectionsWithEndedCredentials(app: Application) async throws {
        let open = connections.withLock { Array($0.values) }
        guard !open.isEmpty else { return }
        let valid = try await LiveCredentials.stillValid(open.map(\.credential), now: app.clock.now(),
                                                         policy: app.settings.sessionPolicy, on: app.db)
        for connection in open where !valid.contains(connection.credential) { connection.revoke() }
    }

    var isStopped: Bool { stopped.withLock { $0 } }

    /// The NOTIFY channel when events are shared through PostgreSQL.
    var sharedChannel: String? { listener.withLock { $0?.channel } }

    /// Hands events to every connection, on each connection's own event loop: one task per loop rather
    /// than a hop per connection, and a loop runs its tasks in order, so each connection still gets the
    /// events in id order.
    func deliver(_ events: [LiveEvent]) {
        guard !events.isEmpty else { return }
        let byLoop = connections.withLock { Dictionary(grouping: $0.values) { ObjectIdentifier($0.ws.eventLoop) } }
        for group in byLoop.values {
            group[0].ws.eventLoop.execute {
                for connection in group {
                    for event in events { connection.offer(event) }
                }
            }
        }
    }

    /// Closes every connection ("going away"): a server stopping otherwise waits out its shutdown timeout
    /// for WebSockets, which do not end by themselves as idle HTTP connections do.
    func closeAll() {
        let all = connections.withLock { Array($0.values) }
        for connection in all { _ = connection.ws.close(code: .goingAway) }
    }

    func add(_ connection: LiveConnection) {
        connections.withLock { $0[ObjectIdentifier(connection)] = connection }
    }

    func remove(_ connection: LiveConnection) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }

    var connectionCount: Int { connections.withLock { $0.count } }
}

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

extension Application {
    private struct LiveHubKey: StorageKey { typealias Value = LiveHub }
    var live: LiveHub {
        if let hub = storage[LiveHubKey.self] { return hub }
        let hub = LiveHub()
        storage[LiveHubKey.self] = hub
        return hub
    }
}
