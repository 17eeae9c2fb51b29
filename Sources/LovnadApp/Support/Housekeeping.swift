import Fluent
import Vapor

/// Hourly clean-up: ended sessions, old sign-in attempts and live events past their retention. It schedules its own next run.
enum Housekeeping {
    static let kind = "housekeeping"

    static func register(_ app: Application) {
        app.jobs.register(JobHandler(kind: kind) { _, app in
            let now = app.clock.now()
            let policy = app.settings.sessionPolicy
            try await app.db.writeTransaction { db in
                try await UserSession.query(on: db).group(.or) {
                    $0.filter(\.$lastSeenAt < now.addingTimeInterval(-policy.idleTimeout))
                      .filter(\.$createdAt < now.addingTimeInterval(-policy.absoluteLifetime))
                }.delete()
                try await LoginAttempt.query(on: db).filter(\.$at < now.addingTimeInterval(-86400)).delete()
                try await LiveStore.prune(before: now.addingTimeInterval(-LiveStore.retention), on: db)
                try await JobRunner.enqueue(kind: kind, runAt: now.addingTimeInterval(3600), on: db)
            }
        })
    }

    static func ensureScheduled(_ app: Application) async throws {
        let pending = try await JobRecord.query(on: app.db).filter(\.$kind == kind).filter(\.$finishedAt == nil).count()
        if pending == 0 {
            try await app.db.writeTransaction { db in try await JobRunner.enqueue(kind: kind, runAt: app.clock.now(), on: db) }
        }
    }
}
