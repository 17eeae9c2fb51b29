import Fluent
import Logging
import PostgresKit
import Synchronization
import Vapor

/// On PostgreSQL, instances share the live stream: storing an event NOTIFYs (in the storing
/// transaction, under an advisory lock, so commits come in id order), and every instance, the storing
/// one included, LISTENs on one connection of its own and delivers what was stored, in order. After a
/// lost connection it catches up from the last id it delivered, so nothing falls between.
final class PostgresLiveListener: Sendable {
    /// One key for the advisory lock that orders event ids by commit.
    static let lockKey: Int64 = 0x4C6F_766E_6164
    private struct State {
        var task: Task<Void, Never>?
        var lastDelivered: Int?
    }
    private let state = Mutex(State())
    let channel: String
    private let configuration: PostgresConnection.Configuration

    init(url: String, searchPath: String?) throws {
        configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        // NOTIFY channels are per database; tests put apps in schemas of their own.
        channel = "lovnad_live" + (searchPath.map { "_" + $0 } ?? "")
    }

    /// Starts listening; returns once the first LISTEN is in place (or after a few seconds regardless).
    func start(app: Application) async {
        let listening = AsyncStream<Void>.makeStream()
        let task = Task { [self] in await self.run(app: app, listening: listening.continuation) }
        state.withLock { $0.task = task }
        let timeout = Task { try? await Task.sleep(nanoseconds: 5_000_000_000); listening.continuation.finish() }
        for await _ in listening.stream { break }
        timeout.cancel()
    }

    func stop() {
        state.withLock { $0.task?.cancel(); $0.task = nil }
    }

    private func run(app: Application, listening: AsyncStream<Void>.Continuation) async {
        // Taken once: at shutdown the application's storage is cleared under a last delivery.
        let db = app.db
        let hub = app.live
        var attempt = 0
        while !Task.isCancelled {
            do {
                let connection = try await PostgresConnection.connect(on: app.eventLoopGroup.any(), configuration: configuration,
                                                                     id: 1, logger: app.logger).get()
                defer { Task { try? await connection.close() } }
                try await connection.listen(on: channel) { notifications in
                    if state.withLock({ $0.lastDelivered }) == nil {
                        let latest = try await LiveStore.latestID(on: db)
                        state.withLock { $0.lastDelivered = latest }
                    } else {
                        try await deliverNew(db: db, hub: hub)  // what was stored while we were away
                    }
                    listening.yield()
                    attempt = 0
                    for try await _ in notifications {
                        try await deliverNew(db: db, hub: hub)
                    }
                }
            } catch {
                if Task.isCancelled { break }
                app.logger.warning("live: LISTEN connection lost (\(error)); reconnecting")
            }
            attempt += 1
            try? await Task.sleep(nanoseconds: UInt64(min(attempt, 10)) * 500_000_000)
        }
    }

    /// Delivers every stored event after the last one delivered, in id order.
    private func deliverNew(db: any Database, hub: LiveHub) async throws {
        guard !Task.isCancelled, let after = state.withLock({ $0.lastDelivered }) else { return }
        let rows = try await StoredLiveEvent.query(on: db).filter(\.$id > after).sort(\.$id).limit(5000).all()
        guard let last = rows.last?.id else { return }
        state.withLock { $0.lastDelivered = last }
        hub.deliver(rows.map(LiveEvent.init(stored:)))
    }
}
