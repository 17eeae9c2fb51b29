import Vapor

struct ChannelDTO: Content {
    let id: UUID
    let name: String
    let kind: String
    let description: String
    let `private`: Bool
    let isMember: Bool
    let muted: Bool
    let archived: Bool
    @NullEncoded var engagementId: UUID?
    @NullEncoded var departmentId: UUID?
    /// The response norm in working minutes.
    let normMinutes: Int
    let unread: Int
    let mentions: Int
    @NullEncoded var lastMessageAt: Date?
}

struct ReactionDTO: Content, Equatable {
    let emoji: String
    let count: Int
    let mine: Bool
    /// Who reacted, in order.
    let people: [UUID]

    /// One entry per emoji, in the order each was first used.
    static func grouped(_ reactions: [(emoji: String, personID: UUID)], viewer: UUID?) -> [ReactionDTO] {
        var order: [String] = []
        var people: [String: [UUID]] = [:]
        for r in reactions {
            if people[r.emoji] == nil { order.append(r.emoji) }
            people[r.emoji, default: []].append(r.personID)
        }
        return order.map { e in
            ReactionDTO(emoji: e, count: people[e]!.count, mine: viewer.map(people[e]!.contains) ?? false, people: people[e]!)
        }
    }
}

/// A message as the API returns it (and as the live stream carries it). A deleted message keeps its
/// place in its thread with an empty body.
struct MessageDTO: Content {
    let id: UUID
    let channelId: UUID
    @NullEncoded var threadId: UUID?
    let seq: Int
    let author: PersonRef
    let body: String
    let html: String
    let isQuestion: Bool
    let replyCount: Int
    @NullEncoded var lastReplyAt: Date?
    let createdAt: Date
    @NullEncoded var editedAt: Date?
    @NullEncoded var deletedAt: Date?
    @NullEncoded var pinnedAt: Date?
    var reactions: [ReactionDTO]

    /// The same message as another reader sees it: `mine` is theirs.
    func seen(by personID: UUID) -> MessageDTO {
        var copy = self
        copy.reactions = reactions.map { ReactionDTO(emoji: $0.emoji, count: $0.count, mine: $0.people.contains(personID), people: $0.people) }
        return copy
    }
}

struct ThreadDTO: Content {
    let root: MessageDTO
    let replies: [MessageDTO]
    let following: Bool
    let unread: Int
}

struct UnreadDTO: Content {
    let channelId: UUID
    let unread: Int
    let mentions: Int
}
