import Fluent
import SQLKit
import Synchronization
import Vapor

/// A kind of background work. Handlers are registered by name; payloads are JSON strings.
struct JobHandler: Sendable {
    let kind: String
    let run: @Sendable (_ payload: String, _ app: Application) async throws -> Void
}

/// Runs due jobs from the `jobs` table. A job is claimed by setting a lease; an instance
/// that dies mid-job leaves a lease that runs out, and another instance takes the job again.
final class JobRunner: Sendable {
    private let handlers = Mutex<[String: JobHandler]>([:])
    private let task = Mutex<Task<Void, Never>?>(nil)
    let lease: TimeInterval = 300
    let maxAttempts = 5

    func register(_ handler: JobHandler) {
        handlers.withLock { $0[handler.kind] = handler }
    }

    /// Queues a job; call inside the action's transaction so it is kept or dropped with it.
    static func enqueue(kind: String, payload: String = "{}", runAt: Date, on db: any Database) async throws {
        try await JobRecord(kind: kind, payload: payload, runAt: runAt).create(on: db)
    }

    /// Claims and runs every due job once; returns how many ran. Tests call this directly.
    @discardableResult
    func runDue(app: Application) async throws -> Int {
        var ran = 0
        while let job = try await claimNext(app: app) {
            ran += 1
            let handler = handlers.withLock { $0[job.kind] }
            do {
                guard let handler else { throw Abort(.internalServerError, reason: "no handler for job kind \(job.kind)") }
                try await handler.run(job.payload, app)
                job.finishedAt = app.clock.now()
                job.lastError = nil
            } catch {
                job.lastError = String(describing: error)
                if job.attempts >= maxAttempts {
                    job.finishedAt = app.clock.now()
                    app.logger.error("job \(job.kind) \(job.id?.uuidString ?? "") gave up: \(error)")
                } else {
                    // Back off: 1, 4, 9, 16 minutes.
                    job.runAt = app.clock.now().addingTimeInterval(Double(job.attempts * job.attempts) * 60)
                    job.leasedUntil = nil
                }
            }
            try await app.db.writeTransaction { db in try await job.update(on: db) }
        }
        return ran
    }

    private func claimNext(app: Application) async throws -> JobRecord? {
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> JobRecord? in
            let candidate: JobRecord?
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                // Other instances skip a row this one has locked instead of waiting for it.
                let row = try await sql.raw("""
                    SELECT id FROM jobs WHERE finished_at IS NULL AND run_at <= \(bind: now)
                    AND (leased_until IS NULL OR leased_until < \(bind: now))
                    ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).first(decoding: IDRow.self)
                candidate = if let row { try await JobRecord.find(row.id, on: db) } else { nil }
            } else {
                candidate = try await JobRecord.query(on: db)
                    .filter(\.$finishedAt == nil)
                    .filter(\.$runAt <= now)
                    .group(.or) { $0.filter(\.$leasedUntil == nil).filter(\.$leasedUntil < now) }
                    .sort(\.$runAt)
                    .first()
            }
            guard let job = candidate else { return nil }
            job.leasedUntil = now.addingTimeInterval(self.lease)
            job.attempts += 1
            try await job.update(on: db)
            return job
        }
    }

    private struct IDRow: Decodable { let id: UUID }

    /// Polls for due jobs until the application shuts down.
    func start(app: Application, every interval: TimeInterval = 5) {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { [weak self] in
                while !Task.isCancelled {
                    do { try await self?.runDue(app: app) } catch {
                        app.logger.warning("job runner: \(error)")
                    }
                    try? await Task.sleep(nanoseconds: UInt64(interval * 1_000_000_000))
                }
            }
        }
    }

    func stop() {
        task.withLock { $0?.cancel(); $0 = nil }
    }
}

extension Application {
    private struct JobRunnerKey: StorageKey { typealias Value = JobRunner }
    var jobs: JobRunner {
        if let r = storage[JobRunnerKey.self] { return r }
        let r = JobRunner()
        storage[JobRunnerKey.self] = r
        return r
    }
}
