import Foundation
import Vapor

/// What a live event says: a message as the API returns it (so each reader gets their own `mine`),
/// or any other JSON object.
enum LivePayload: Sendable {
    case message(MessageDTO)
    case json(String)

    static func object(_ fields: [String: String]) -> LivePayload { .json(LiveJSON.string(fields)) }
    static func encoding<T: Encodable>(_ value: T) -> LivePayload { .json(LiveJSON.string(value)) }

    var stored: String {
        switch self {
        case .message(let m): return m.json
        case .json(let text): return text
        }
    }
}

/// An event before it is stored. Its audience: the members of `channelID`, and `personID`.
struct LiveEventDraft: Sendable {
    let type: String
    let channelID: UUID?
    let personID: UUID?
    let payload: LivePayload

    init(type: LiveEventType, channelID: UUID?, personID: UUID?, payload: LivePayload) {
        self.type = type.rawValue
        self.channelID = channelID
        self.personID = personID
        self.payload = payload
    }

    /// A change kept in the event stream (for what reads it by id) that no live connection is told
    /// of: what everyone may see and nobody needs pushed, such as the skill catalogue.
    static func stored(_ type: LiveEventType, _ data: [String: String]) -> LiveEventDraft {
        LiveEventDraft(type: type, channelID: nil, personID: nil, payload: .object(data))
    }
}

/// A stored event with its id, as the live stream delivers it.
struct LiveEvent: Sendable {
    let id: Int
    let type: String
    let channelID: UUID?
    let personID: UUID?
    let payload: LivePayload
    /// The frame as sent to everyone, when it is the same for everyone: encoded once, shared by all sends.
    let sharedFrame: ByteBuffer?

    init(id: Int, draft: LiveEventDraft) {
        self.init(id: id, type: draft.type, channelID: draft.channelID, personID: draft.personID, payload: draft.payload)
    }

    init(id: Int, type: String, channelID: UUID?, personID: UUID?, payload: LivePayload) {
        self.id = id
        self.type = type
        self.channelID = channelID
        self.personID = personID
        self.payload = payload
        switch payload {
        case .message(let m) where !m.reactions.isEmpty: sharedFrame = nil
        default: sharedFrame = ByteBuffer(string: LiveJSON.frame(id: id, type: type, data: payload.stored))
        }
    }

    /// Rebuilds a stored event; message payloads are decoded so `mine` can be set per reader.
    init(stored row: StoredLiveEvent) {
        var payload = LivePayload.json(row.data)
        if row.type.hasPrefix("message."), let m = try? LiveJSON.decoder.decode(MessageDTO.self, from: Data(row.data.utf8)) {
            payload = .message(m)
        }
        self.init(id: row.id!, type: row.type, channelID: row.channelID, personID: row.personID, payload: payload)
    }

    func frame(for personID: UUID) -> ByteBuffer {
        if let sharedFrame { return sharedFrame }
        guard case .message(let m) = payload else { return ByteBuffer(string: LiveJSON.frame(id: id, type: type, data: payload.stored)) }
        return ByteBuffer(string: LiveJSON.frame(id: id, type: type, data: m.seen(by: personID).json))
    }

    /// Sent to a person whose access has ended; their connections close after it. With `session_id` or
    /// `token_id` in its data, only what was opened with that session or token has ended.
    static let accessRevoked = LiveEventType.accessRevoked.rawValue

    static func accessRevoked(personID: UUID, credential: CurrentUser.Credential?) -> LiveEventDraft {
        var data: [String: String] = [:]
        switch credential {
        case .session(let id): data["session_id"] = id.uuidString
        case .token(let id): data["token_id"] = id.uuidString
        case .commandLine, nil: break
        }
        return LiveEventDraft(type: .accessRevoked, channelID: nil, personID: personID, payload: .object(data))
    }

    /// False for an access event about another of the person's sessions or tokens.
    func concerns(_ credential: CurrentUser.Credential) -> Bool {
        guard type == Self.accessRevoked, case .json(let text) = payload,
              let data = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else { return true }
        if let session = (data["session_id"] as? String).flatMap(UUID.init(uuidString:)) { return credential == .session(session) }
        if let token = (data["token_id"] as? String).flatMap(UUID.init(uuidString:)) { return credential == .token(token) }
        return true
    }

    func isVisible(to personID: UUID, channels: Set<UUID>) -> Bool {
        self.personID == personID || channelID.map(channels.contains) == true
    }

    /// A membership change concerning `personID`, if this is one.
    func membershipChange(of personID: UUID) -> Bool? {
        guard self.personID == personID, channelID != nil else { return nil }
        switch type {
        case "channel.member_added": return true
        case "channel.member_removed": return false
        default: return nil
        }
    }
}

enum LiveJSON {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        e.outputFormatting = [.withoutEscapingSlashes]
        return e
    }()
    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        d.dateDecodingStrategy = .iso8601
        return d
    }()

    static func string<T: Encodable>(_ value: T) -> String {
        String(decoding: (try? encoder.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    static func frame(id: Int, type: String, data: String) -> String {
        "{\"id\":\(id),\"type\":\(string(type)),\"data\":\(data)}"
    }
}
