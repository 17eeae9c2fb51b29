import Fluent
import SQLKit
import Synchronization
import Vapor
import LovnadCore

/// What a write sees: its transaction, its time, and the things that commit with its change — events,
/// jobs, audit entries and engagement log entries. Only `Store.write` makes one.
final class WriteContext: Sendable {
    /// The write this task is inside, so a write inside a write joins it.
    @TaskLocal static var current: WriteContext?

    /// The transaction: read, check and write through this.
    let db: any Database
    /// One time for the whole write, from the application's clock.
    let now: Date
    let app: Application

    private struct State {
        var events: [LiveEventDraft] = []
        /// Things to index again that no event names (a log entry, imported history).
        var reindex: [(SearchKind, UUID)] = []
        var depth = 0
        var open = true
    }
    private let state = Mutex(State())

    init(db: any Database, app: Application) {
        self.db = db
        self.app = app
        self.now = app.clock.now()
    }

    var sql: any SQLDatabase { db as! any SQLDatabase }
    var isPostgres: Bool { sql.dialect.name == "postgresql" }

    /// Stored with the change and delivered after the outermost commit, in commit order.
    func emit(_ event: LiveEventDraft) { state.withLock { $0.events.append(event) } }
    func emit(_ events: [LiveEventDraft]) { state.withLock { $0.events.append(contentsOf: events) } }

    /// Indexes these things again with the change, when no event this write emits names them.
    func reindex(_ kind: SearchKind, _ ids: [UUID]) { state.withLock { $0.reindex += ids.map { (kind, $0) } } }

    /// Holds `table`'s row `id` until this write commits, so writes that read, decide and change one thing
    /// (a question's claim, an engagement's log head) take turns on PostgreSQL. SQLite writes one at a
    /// time already.
    func lockRow(_ table: String, _ id: UUID) async throws { try await Self.lockRow(table, id, on: db) }

    static func lockRow(_ table: String, _ id: UUID, on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM \(ident: table) WHERE id = \(bind: id) FOR UPDATE").run()
        }
    }

    /// Background work kept or dropped with the change.
    func enqueue(kind: String, payload: String = "{}", runAt: Date) async throws {
        try await JobRecord(kind: kind, payload: payload, runAt: runAt).create(on: db)
    }

    /// An audit entry for admins to read, written with the change it records.
    func audit(actorID: UUID?, action: String, target: String, detail: String = "") async throws {
        try await AuditEntry(actorID: actorID, action: action, target: target, detail: detail, at: now).create(on: db)
    }

    /// An entry in an engagement's hash-chained log, written with the change it records.
    @discardableResult
    func appendLog(to engagementID: UUID, kind: LogKind, body: String, tags: [String] = [], corrects: UUID? = nil,
                   authorID: UUID?) async throws -> LogEntry {
        let entry = try await LogActions.append(to: engagementID, kind: kind, body: body, tags: tags, corrects: corrects,
                                                authorID: authorID, now: now, on: db)
        reindex(.log, [entry.id!])
        return entry
    }

    /// Appends what Lovnad itself records, as lines read in each reader's language.
    @discardableResult
    func appendLog(to engagementID: UUID, kind: LogKind, lines: [LogLine], tags: [String] = [], authorID: UUID?) async throws -> LogEntry {
        let entry = try await LogActions.append(to: engagementID, kind: kind, body: "", lines: lines, tags: tags, authorID: authorID,
                                                now: now, on: db)
        reindex(.log, [entry.id!])
        return entry
    }

    // MARK: - For the store

    var isOpen: Bool { state.withLock { $0.open } }

    func close() { state.withLock { $0.open = false } }

    /// Ends the write's own work before its commit: the search index follows what it changed, then its
    /// events are stored (and, on PostgreSQL, announced on `notify`), all in its transaction.
    func finish(notify channel: String?) async throws -> [LiveEvent] {
        let (events, reindex) = state.withLock { s in
            defer { s.events = []; s.reindex = [] }
            return (s.events, s.reindex)
        }
        try await SearchIndexer.follow(events, reindex: reindex, app: app, on: db)
        return try await LiveStore.insert(events, now: now, notify: channel, on: db)
    }

    /// A write inside this one: its own savepoint, so a failure undoes its part (and its events) alone.
    func nested<T: Sendable>(_ body: @Sendable (WriteContext) async throws -> T) async throws -> T {
        let (name, mark, reindexMark) = state.withLock { s -> (String, Int, Int) in
            s.depth += 1
            return ("lovnad_nested_\(s.depth)", s.events.count, s.reindex.count)
        }
        defer { state.withLock { $0.depth -= 1 } }
        try await sql.raw("SAVEPOINT \(unsafeRaw: name)").run()
        do {
            let result = try await body(self)
            try await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            return result
        } catch {
            try await sql.raw("ROLLBACK TO SAVEPOINT \(unsafeRaw: name)").run()
            try await sql.raw("RELEASE SAVEPOINT \(unsafeRaw: name)").run()
            state.withLock {
                $0.events.removeSubrange(mark...)
                $0.reindex.removeSubrange(reindexMark...)
            }
            throw error
        }
    }
}
