import Fluent
import SQLKit
import Synchronization
import Vapor

/// A kind of background work. Handlers are registered by name; payloads are JSON strings. A handler
/// runs inside a write, and the job is marked done in that same write: what it changes, the
/// notifications it stores and the jobs it queues commit exactly when the job is finished.
struct JobHandler: Sendable {
    let kind: String
    let run: @Sendable (_ payload: String, _ ctx: WriteContext) async throws -> Void
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

    /// Claims and runs every due job once; returns how many ran. Tests call this directly.
    @discardableResult
    func runDue(app: Application) async throws -> Int {
        var ran = 0
        while let job = try await JobActions.claimNext(lease: lease, app: app) {
            ran += 1
            let handler = handlers.withLock { $0[job.kind] }
            do {
                guard let handler else { throw Abort(.internalServerError, reason: "no handler for job kind \(job.kind)") }
                try await app.store.write { ctx in
                    try await handler.run(job.payload, ctx)
                    try await JobActions.finish(job, ctx)
                }
            } catch {
                if job.attempts >= maxAttempts {
                    app.logger.error("job \(job.kind) \(job.id?.uuidString ?? "") gave up: \(error)")
                }
                try await JobActions.failed(job, error: error, giveUp: job.attempts >= maxAttempts, app: app)
            }
        }
        return ran
    }

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

    /// Stops polling and waits for a job in progress, so nothing uses the database once it closes.
    func stop() async {
        let running = task.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            task?.cancel()
            return task
        }
        await running?.value
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
