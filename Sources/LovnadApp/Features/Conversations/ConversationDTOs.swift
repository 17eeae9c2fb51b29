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

extension MessageDTO: JSONWritable {
    /// The message as `JSONEncoder` would write it (snake_case keys, ISO 8601 dates), by hand: pages of
    /// messages and live events are the hottest JSON Lovnad writes.
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"id\":"); w.uuid(id)
        w.raw(",\"channel_id\":"); w.uuid(channelId)
        w.raw(",\"thread_id\":"); w.optional(threadId) { $0.uuid($1) }
        w.raw(",\"seq\":"); w.int(seq)
        w.raw(",\"author\":"); author.writeJSON(to: &w)
        w.raw(",\"body\":"); w.string(body)
        w.raw(",\"html\":"); w.string(html)
        w.raw(",\"is_question\":"); w.bool(isQuestion)
        w.raw(",\"reply_count\":"); w.int(replyCount)
        w.raw(",\"last_reply_at\":"); w.optional(lastReplyAt) { $0.date($1) }
        w.raw(",\"created_at\":"); w.date(createdAt)
        w.raw(",\"edited_at\":"); w.optional(editedAt) { $0.date($1) }
        w.raw(",\"deleted_at\":"); w.optional(deletedAt) { $0.date($1) }
        w.raw(",\"pinned_at\":"); w.optional(pinnedAt) { $0.date($1) }
        w.raw(",\"reactions\":")
        w.array(reactions) { w, r in
            w.raw("{\"emoji\":"); w.string(r.emoji)
            w.raw(",\"count\":"); w.int(r.count)
            w.raw(",\"mine\":"); w.bool(r.mine)
            w.raw(",\"people\":"); w.array(r.people) { $0.uuid($1) }
            w.raw("}")
        }
        w.raw("}")
    }
}

/// Someone the composer can `@`-mention: `handle` is what is written after the `@`.
struct MentionCandidateDTO: Content {
    let id: UUID
    let name: String
    let handle: String
}
