import Fluent
import Vapor

/// What the hourly housekeeping job removes, and its scheduling.
enum HousekeepingActions {
    /// Runs as the housekeeping job, inside its write.
    static func sweep(_ ctx: WriteContext) async throws {
        let policy = ctx.app.settings.sessionPolicy
        let now = ctx.now
        try await UserSession.query(on: ctx.db).group(.or) {
            $0.filter(\.$lastSeenAt < now.addingTimeInterval(-policy.idleTimeout))
              .filter(\.$createdAt < now.addingTimeInterval(-policy.absoluteLifetime))
        }.delete()
        try await LoginAttempt.query(on: ctx.db).filter(\.$at < now.addingTimeInterval(-86400)).delete()
        try await StoredLiveEvent.query(on: ctx.db).filter(\.$createdAt < now.addingTimeInterval(-LiveStore.retention)).delete()
        try await KnowledgeActions.flagDue(ctx)
        try await ctx.enqueue(kind: Housekeeping.kind, runAt: now.addingTimeInterval(3600))
    }

    /// Queues the first run unless one is waiting.
    static func schedule(app: Application) async throws {
        try await app.store.write { ctx in
            let pending = try await JobRecord.query(on: ctx.db).filter(\.$kind == Housekeeping.kind).filter(\.$finishedAt == nil).count()
            if pending == 0 { try await ctx.enqueue(kind: Housekeeping.kind, runAt: ctx.now) }
        }
    }
}
