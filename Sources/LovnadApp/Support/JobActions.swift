import Fluent
import SQLKit
import Vapor

/// Claiming, finishing and retrying jobs (queuing one is `WriteContext.enqueue`, inside the change it
/// follows from).
enum JobActions {
    /// Takes the next due job with a lease, so no other instance runs it meanwhile.
    static func claimNext(lease: TimeInterval, app: Application) async throws -> JobRecord? {
        try await app.store.write { ctx -> JobRecord? in
            let now = ctx.now
            let candidate: JobRecord?
            if ctx.isPostgres {
                // Other instances skip a row this one has locked instead of waiting for it.
                let row = try await ctx.sql.raw("""
                    SELECT id FROM jobs WHERE finished_at IS NULL AND run_at <= \(bind: now)
                    AND (leased_until IS NULL OR leased_until < \(bind: now))
                    ORDER BY run_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).first(decoding: IDRow.self)
                candidate = if let row { try await JobRecord.find(row.id, on: ctx.db) } else { nil }
            } else {
                candidate = try await JobRecord.query(on: ctx.db)
                    .filter(\.$finishedAt == nil)
                    .filter(\.$runAt <= now)
                    .group(.or) { $0.filter(\.$leasedUntil == nil).filter(\.$leasedUntil < now) }
                    .sort(\.$runAt)
                    .first()
            }
            guard let job = candidate else { return nil }
            job.leasedUntil = now.addingTimeInterval(lease)
            job.attempts += 1
            try await job.update(on: ctx.db)
            return job
        }
    }

    private struct IDRow: Decodable { let id: UUID }

    /// Inside the write that runs the job.
    static func finish(_ job: JobRecord, _ ctx: WriteContext) async throws {
        job.finishedAt = ctx.now
        job.lastError = nil
        try await job.update(on: ctx.db)
    }

    /// Tries again later (1, 4, 9, 16 minutes on), or gives up.
    static func failed(_ job: JobRecord, error: any Error, giveUp: Bool, app: Application) async throws {
        try await app.store.write { ctx in
            job.lastError = String(describing: error)
            if giveUp {
                job.finishedAt = ctx.now
            } else {
                job.runAt = ctx.now.addingTimeInterval(Double(job.attempts * job.attempts) * 60)
                job.leasedUntil = nil
            }
            try await job.update(on: ctx.db)
        }
    }
}
