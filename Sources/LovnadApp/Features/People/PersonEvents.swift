import Foundation

/// A change to a person's account or profile, told to that person (their other open pages).
enum PersonEvents {
    static func changed(_ personID: UUID, type: LiveEventType, data: [String: String] = [:]) -> LiveEventDraft {
        var payload = data
        payload["person_id"] = personID.uuidString
        return LiveEventDraft(type: type, channelID: nil, personID: personID, payload: .object(payload))
    }
}
