import Fluent
import Foundation

/// An in-app notification. What it says is rendered from `kind` and `params` in the reader's language.
final class AppNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "kind") var kind: String
    @OptionalParent(key: "promise_id") var promise: Promise?
    /// JSON object of strings: the promise's text, due date, owner's name.
    @Field(key: "params") var params: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?
    /// The thread a reply notice is about (`M013`).
    @OptionalField(key: "subject_id") var subjectID: UUID?

    init() {}

    init(personID: UUID, kind: String, promiseID: UUID?, params: [String: String], now: Date, subjectID: UUID? = nil) {
        self.$person.id = personID
        self.subjectID = subjectID
        self.kind = kind
        self.$promise.id = promiseID
        self.params = String(decoding: (try? JSONEncoder().encode(params)) ?? Data("{}".utf8), as: UTF8.self)
        self.createdAt = now
    }

    var parameters: [String: String] { (try? JSONDecoder().decode([String: String].self, from: Data(params.utf8))) ?? [:] }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $person, $kind, $promise, $params, $createdAt, $readAt, $subjectID] }
}

/// A person's private calendar feed, once they have revoked an address. The URL carries an HMAC of
/// the person and `version` (1 without a row); revoking bumps it, so every earlier URL stops working
/// and nothing secret is stored.
final class CalendarFeed: Model, @unchecked Sendable {
    static let schema = "calendar_feeds"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Field(key: "version") var version: Int
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(personID: UUID, now: Date) {
        self.$person.id = personID
        self.version = 1
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $person, $version, $createdAt] }
}
