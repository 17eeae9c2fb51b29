import Fluent
import Foundation

/// A place to talk: a department's, a topic's (fag), an engagement's, or a direct conversation.
final class Channel: Model, @unchecked Sendable {
    static let schema = "channels"

    enum Kind: String, CaseIterable, Sendable { case department, topic, engagement, direct }

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kindText: String
    @Field(key: "name") var name: String
    @Field(key: "description") var about: String
    @Field(key: "private") var isPrivate: Bool
    @OptionalParent(key: "department_id") var department: Department?
    @OptionalParent(key: "engagement_id") var engagement: Engagement?
    /// The response norm in working minutes.
    @Field(key: "norm_minutes") var normMinutes: Int
    /// The sequence number of the channel's latest message; the next message takes the one after.
    @Field(key: "last_seq") var lastSeq: Int
    @OptionalField(key: "last_message_at") var lastMessageAt: Date?
    @OptionalField(key: "archived_at") var archivedAt: Date?
    @OptionalParent(key: "created_by") var creator: Person?
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(kind: Kind, name: String, about: String = "", isPrivate: Bool, departmentID: UUID? = nil, engagementID: UUID? = nil,
         normMinutes: Int, creatorID: UUID?, now: Date) {
        self.kindText = kind.rawValue
        self.name = name
        self.about = about
        self.isPrivate = isPrivate
        self.$department.id = departmentID
        self.$engagement.id = engagementID
        self.normMinutes = normMinutes
        self.lastSeq = 0
        self.$creator.id = creatorID
        self.createdAt = now
    }

    var kind: Kind { Kind(rawValue: kindText) ?? .topic }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $kindText, $name, $about, $isPrivate, $department, $engagement, $normMinutes, $lastSeq, $lastMessageAt,
         $archivedAt, $creator, $createdAt]
    }
}

/// A person in a channel, how far they have read, and whether they muted it.
final class ChannelMember: Model, @unchecked Sendable {
    static let schema = "channel_members"

    @ID(key: .id) var id: UUID?
    @Parent(key: "channel_id") var channel: Channel
    @Parent(key: "person_id") var person: Person
    @Field(key: "muted") var muted: Bool
    @Field(key: "last_read_seq") var lastReadSeq: Int
    @Field(key: "joined_at") var joinedAt: Date

    init() {}

    init(channelID: UUID, personID: UUID, lastReadSeq: Int, now: Date) {
        self.$channel.id = channelID
        self.$person.id = personID
        self.muted = false
        self.lastReadSeq = lastReadSeq
        self.joinedAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $channel, $person, $muted, $lastReadSeq, $joinedAt] }
}

/// A message: a root in its channel, or a reply in a root's thread (`thread_id`).
final class Message: Model, @unchecked Sendable {
    static let schema = "messages"

    @ID(key: .id) var id: UUID?
    @Parent(key: "channel_id") var channel: Channel
    @Field(key: "seq") var seq: Int
    @OptionalField(key: "thread_id") var threadID: UUID?
    @Parent(key: "author_id") var author: Person
    @Field(key: "body") var body: String
    /// The body rendered by `SafeMarkdown` with its mentions resolved, kept so reads need not render.
    @Field(key: "html") var html: String
    @Field(key: "is_question") var isQuestion: Bool
    @Field(key: "reply_count") var replyCount: Int
    @OptionalField(key: "last_reply_at") var lastReplyAt: Date?
    /// When someone other than the author first replied: stops the response-norm clock.
    @OptionalField(key: "first_reply_at") var firstReplyAt: Date?
    /// For a question: when the norm says it should have an answer.
    @OptionalField(key: "norm_due_at") var normDueAt: Date?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "edited_at") var editedAt: Date?
    @OptionalField(key: "deleted_at") var deletedAt: Date?
    @OptionalField(key: "pinned_at") var pinnedAt: Date?

    init() {}

    init(channelID: UUID, seq: Int, threadID: UUID?, authorID: UUID, body: String, html: String, isQuestion: Bool,
         normDueAt: Date?, now: Date) {
        self.$channel.id = channelID
        self.seq = seq
        self.threadID = threadID
        self.$author.id = authorID
        self.body = body
        self.html = html
        self.isQuestion = isQuestion
        self.replyCount = 0
        self.normDueAt = normDueAt
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] {
        [$id, $channel, $seq, $threadID, $author, $body, $html, $isQuestion, $replyCount, $lastReplyAt, $firstReplyAt,
         $normDueAt, $createdAt, $editedAt, $deletedAt, $pinnedAt]
    }
}

/// Someone addressed by a message, directly or through `@kanal`.
final class MessageMention: Model, @unchecked Sendable {
    static let schema = "message_mentions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "message_id") var message: Message
    @Parent(key: "person_id") var person: Person
    @Field(key: "channel_id") var channelID: UUID
    @Field(key: "seq") var seq: Int

    init() {}

    init(messageID: UUID, personID: UUID, channelID: UUID, seq: Int) {
        self.$message.id = messageID
        self.$person.id = personID
        self.channelID = channelID
        self.seq = seq
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $message, $person, $channelID, $seq] }
}

final class Reaction: Model, @unchecked Sendable {
    static let schema = "reactions"

    @ID(key: .id) var id: UUID?
    @Parent(key: "message_id") var message: Message
    @Parent(key: "person_id") var person: Person
    @Field(key: "emoji") var emoji: String
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(messageID: UUID, personID: UUID, emoji: String, now: Date) {
        self.$message.id = messageID
        self.$person.id = personID
        self.emoji = emoji
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $message, $person, $emoji, $createdAt] }
}

/// A person following a thread, and how far they have read it.
final class ThreadFollow: Model, @unchecked Sendable {
    static let schema = "thread_follows"

    @ID(key: .id) var id: UUID?
    @Parent(key: "thread_id") var thread: Message
    @Parent(key: "person_id") var person: Person
    @Field(key: "last_read_seq") var lastReadSeq: Int

    init() {}

    init(threadID: UUID, personID: UUID, lastReadSeq: Int) {
        self.$thread.id = threadID
        self.$person.id = personID
        self.lastReadSeq = lastReadSeq
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $thread, $person, $lastReadSeq] }
}
