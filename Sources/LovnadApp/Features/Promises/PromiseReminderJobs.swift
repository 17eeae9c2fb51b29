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

    static func schedule(_ promise: Promise, app: Application, on db: any Database) async throws {
        guard promise.promiseState == .made else { return }
        let zone = app.settings.timeZone
        let today = Day(app.clock.now(), in: zone)
        for r in PromiseReminders.schedule(due: promise.dueDate, today: today, workingDaysBefore: app.settings.reminderWorkingDays) {
            let payload = Payload(promiseId: promise.id!, reminder: r.kind.rawValue, day: r.day.description)
            try await JobRunner.enqueue(kind: kind, payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self),
                                        runAt: r.day.start(in: zone).addingTimeInterval(hourOfDay * 3600), on: db)
        }
    }

    static func register(_ app: Application) {
        app.jobs.register(JobHandler(kind: kind) { payload, app in
            let p = try JSONDecoder().decode(Payload.self, from: Data(payload.utf8))
            guard let kind = PromiseReminders.Kind(rawValue: p.reminder), let day = Day(p.day),
                  let promise = try await Promise.query(on: app.db).filter(\.$id == p.promiseId).with(\.$owner).first() else { return }
            let today = Day(app.clock.now(), in: app.settings.timeZone)
            guard PromiseReminders.applies(.init(kind: kind, day: day), state: promise.promiseState, today: today) else { return }
            let owner = promise.owner
            var recipients = [owner.id!]
            if kind == .escalated {
                recipients = try await leaders(of: owner, on: app.db)
            }
            let params = ["text": promise.text, "due": promise.due, "owner": owner.name]
            for person in recipients {
                try await Notifier.send(Notice(personID: person, kind: kind.rawValue, promiseID: promise.id, params: params), app: app)
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
