import Fluent
import Vapor

/// Hourly clean-up: ended sessions, old sign-in attempts and live events past their retention; and accepted answers
/// whose check period passed are put to their verifiers. It schedules its own next run.
enum Housekeeping {
    static let kind = "housekeeping"

    static func register(_ app: Application) {
        app.jobs.register(JobHandler(kind: kind) { _, ctx in try await HousekeepingActions.sweep(ctx) })
    }

    static func ensureScheduled(_ app: Application) async throws {
        try await HousekeepingActions.schedule(app: app)
    }
}
