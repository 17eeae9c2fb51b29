import Fluent
import Vapor
import LovnadCore

/// Reminders as jobs in the jobs table, so they survive a restart. Each is queued when a promise is
/// made (inside the same transaction) and checks, when it runs, that the promise is still open.
enum PromiseReminderJobs {
    static let kind = "promise_reminder"
    /// Reminders go out at 08:00 in the company's time zone.
    static let hourOfDay: TimeInterval = 8

    struct Payload: Codable {
        let promiseId: UUID
        let reminder: String
        let day: String
    }

    static func schedule(_ promise: Promise, _ ctx: WriteContext) async throws {
        guard promise.promiseState == .made else { return }
        let app = ctx.app
        let zone = app.settings.timeZone
        let today = Day(ctx.now, in: zone)
        for r in PromiseReminders.schedule(due: promise.dueDate, today: today, workingDaysBefore: app.settings.reminderWorkingDays) {
            let payload = Payload(promiseId: promise.id!, reminder: r.kind.rawValue, day: r.day.description)
            try await ctx.enqueue(kind: kind, payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self),
                                  runAt: r.day.start(in: zone).addingTimeInterval(hourOfDay * 3600))
        }
    }

    static func register(_ app: Application) {
        app.jobs.register(JobHandler(kind: kind) { payload, ctx in
            let app = ctx.app
            let p = try JSONDecoder().decode(Payload.self, from: Data(payload.utf8))
            guard let kind = PromiseReminders.Kind(rawValue: p.reminder), let day = Day(p.day),
                  let promise = try await Promise.query(on: ctx.db).filter(\.$id == p.promiseId).with(\.$owner).first() else { return }
            let today = Day(ctx.now, in: app.settings.timeZone)
            guard PromiseReminders.applies(.init(kind: kind, day: day), state: promise.promiseState, today: today) else { return }
            let owner = promise.owner
            var recipients = [owner.id!]
            if kind == .escalated {
                recipients = try await leaders(of: owner, on: ctx.db)
            }
            let params = ["text": promise.text, "due": promise.due, "owner": owner.name]
            for person in recipients {
                try await NotificationActions.notify(Notice(personID: person, kind: kind.rawValue, promiseID: promise.id, params: params), ctx)
            }
        })
    }

    /// The owner's direct leader, else the leaders of their department.
    static func leaders(of person: Person, on db: any Database) async throws -> [UUID] {
        if let leader = person.$leader.id { return [leader] }
        guard let department = person.$department.id else { return [] }
        return try await Person.query(on: db).filter(\.$department.$id == department).filter(\.$active == true)
            .filter(\.$id != person.id!).all().filter { $0.roles.contains(.leader) }.map { $0.id! }
    }
}
