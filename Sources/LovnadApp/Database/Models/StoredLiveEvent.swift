import Fluent
import Foundation

/// An event as the live stream delivers it, stored so a client that reconnects misses nothing.
/// Its audience is a channel's members or one person.
final class StoredLiveEvent: Model, @unchecked Sendable {
    static let schema = "live_events"

    @ID(custom: "id", generatedBy: .database) var id: Int?
    @Field(key: "type") var type: String
    @OptionalField(key: "channel_id") var channelID: UUID?
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "data") var data: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(type: String, channelID: UUID?, personID: UUID?, data: String, now: Date) {
        self.type = type
        self.channelID = channelID
        self.personID = personID
        self.data = data
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $type, $channelID, $personID, $data, $createdAt] }
}
