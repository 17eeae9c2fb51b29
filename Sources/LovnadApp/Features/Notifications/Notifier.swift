import Fluent
import Synchronization
import Vapor

/// Something to tell a person. Every notice lands in the in-app centre; other channels (e-mail, chat)
/// register as `NotificationChannel`s and get the same notice after it is stored.
struct Notice: Sendable {
    let personID: UUID
    let kind: String
    let promiseID: UUID?
    let params: [String: String]
}

protocol NotificationChannel: Sendable {
    func deliver(_ notice: Notice, app: Application) async
}

enum Notifier {
    /// Stores the notice for the in-app centre, then hands it to the other channels.
    static func send(_ notice: Notice, app: Application) async throws {
        let stored = AppNotification(personID: notice.personID, kind: notice.kind, promiseID: notice.promiseID,
                                     params: notice.params, now: app.clock.now())
        try await app.db.writeTransaction { db in try await stored.create(on: db) }
        for channel in app.notificationChannels.all { await channel.deliver(notice, app: app) }
        await app.events.publish(DomainEvent(type: "notification.created", data: ["person_id": notice.personID.uuidString,
                                                                                 "kind": notice.kind], at: app.clock.now()))
        var data = ["id": stored.id!.uuidString, "kind": notice.kind]
        data["href"] = NotificationQueries.link(stored)
        await app.live.publish([LiveEventDraft(type: "notification.created", channelID: nil, personID: notice.personID,
                                               payload: .object(data))], app: app)
    }
}

extension Application {
    private struct ChannelsKey: StorageKey { typealias Value = Registry<any NotificationChannel> }
    /// The channels besides the in-app centre; none yet (e-mail comes with the integrations work).
    var notificationChannels: Registry<any NotificationChannel> { registry(ChannelsKey.self) }
}
