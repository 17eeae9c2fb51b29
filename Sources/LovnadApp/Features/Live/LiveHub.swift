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
    func stop() async {
        stopped.withLock { $0 = true }
        listener.withLock { $0?.stop() }
        let checks = credentialChecks.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            task?.cancel()
            return task
        }
        closeAll()
        // A check in progress finishes before the database closes.
        await checks?.value
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

extension Application {
    private struct LiveHubKey: StorageKey { typealias Value = LiveHub }
    var live: LiveHub {
        if let hub = storage[LiveHubKey.self] { return hub }
        let hub = LiveHub()
        storage[LiveHubKey.self] = hub
        return hub
    }
}
