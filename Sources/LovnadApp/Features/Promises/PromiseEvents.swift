import Foundation

/// A promise's steps go to its owner and, for a promise to a colleague, to them; to nobody else.
enum PromiseEvents {
    static func changed(_ promise: Promise, type: LiveEventType) -> [LiveEventDraft] {
        var people = [promise.$owner.id]
        if promise.receiver == .person, promise.receiverID != promise.$owner.id { people.append(promise.receiverID) }
        let payload = LivePayload.object([
            "promise_id": promise.id?.uuidString ?? "", "owner_id": promise.$owner.id.uuidString,
            "state": promise.state, "due": promise.due,
        ])
        return people.map { LiveEventDraft(type: type, channelID: nil, personID: $0, payload: payload) }
    }
}
