import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Posting, editing, deleting and pinning messages, reactions, and marking what one has read.
enum MessageActions {
    /// The message and the reader's standing in its channel; 404 when they may not see the channel.
    static func visible(_ messageID: UUID, user: CurrentUser, on db: any Database) async throws -> (Message, ChannelAccess.Standing) {
        guard let message = try await Message.find(messageID, on: db),
              let standing = try? await ChannelAccess.visible(message.$channel.id, user: user, on: db) else {
            throw AppError.notFound("No such message")
        }
        return (message, standing)
    }

    /// Checks and renders here; `PostQueue` writes (together with other messages posted meanwhile): the
    /// message, its number, the author's follow and read mark, and its live event commit together.
    static func post(channelID: UUID, body: String, threadID: UUID?, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        let channel = try await ChannelAccess.postable(channelID, user: actor, on: app.db)
        if let issue = MessageRules.issue(with: body) { throw AppError.invalid(["body": issue]) }
        let root = try await threadID.asyncMap { try await threadRoot(of: $0, channelID: channelID, on: app.db) }
        let mentions = try await resolveMentions(in: body, channelID: channelID, author: actor.id, on: app.db)
        let html = SafeMarkdown.html(body, mentions: mentions.handles)
        let now = app.clock.now()
        let isQuestion = root == nil && MessageRules.looksLikeQuestion(body)
        let due = isQuestion ? ResponseNorm.deadline(from: now, workingMinutes: channel.normMinutes, in: app.settings.timeZone) : nil
        let nudge = isQuestion ? ResponseNorm.nudgeAt(asked: now, workingMinutes: channel.normMinutes, in: app.settings.timeZone) : nil
        let id = UUID()
        let dto = try await app.postQueue.submit(.init(
            id: id, channelID: channelID, threadID: root, author: PersonRef(id: actor.id, name: actor.person.name), body: body, html: html,
            isQuestion: isQuestion, normDueAt: due, nudgeAt: nudge, mentioned: mentions.personIDs, now: now), app: app)
        await tellMentioned(mentions.direct, messageID: id, body: body, channelID: channelID, channelName: channel.name,
                            author: actor.person, app: app)
        return dto
    }

    /// The root of the thread a reply goes to; a reply to a reply goes to its root. 422 outside the channel.
    private static func threadRoot(of messageID: UUID, channelID: UUID, on db: any Database) async throws -> UUID {
        guard var parent = try await Message.find(messageID, on: db), parent.$channel.id == channelID else {
            throw AppError.invalid(["thread_id": .notInThisChannel])
        }
        if let rootID = parent.threadID, let top = try await Message.find(rootID, on: db) { parent = top }
        guard parent.deletedAt == nil else { throw AppError.conflict("The thread's first message is deleted") }
        return parent.id!
    }

    struct Mentions {
        var handles: Set<String> = []
        /// Members named by handle, who also hear about it.
        var direct: [UUID] = []
        /// Everyone the message counts as a mention for (with `@kanal`, all members).
        var personIDs: Set<UUID> = []
    }

    /// `@handle` is a person's e-mail local part; only members of the channel can be mentioned in it.
    static func resolveMentions(in body: String, channelID: UUID, author: UUID, on db: any Database) async throws -> Mentions {
        let handles = MessageRules.mentionedHandles(in: body)
        guard !handles.isEmpty else { return Mentions() }
        var result = Mentions()
        let memberIDs = Set(try await ChannelMember.query(on: db).filter(\.$channel.$id == channelID).all().map { $0.$person.id })
        for handle in handles.sorted().prefix(20) {
            if MessageRules.channelHandles.contains(handle) {
                result.handles.insert(handle)
                result.personIDs.formUnion(memberIDs.subtracting([author]))
                continue
            }
            let candidates = try await Person.query(on: db).filter(\.$email =~ (handle + "@")).filter(\.$active == true).limit(5).all()
            if let person = candidates.first(where: { $0.email.lowercased().hasPrefix(handle + "@") }), memberIDs.contains(person.id!) {
                result.handles.insert(handle)
                if person.id! != author {
                    result.direct.append(person.id!)
                    result.personIDs.insert(person.id!)
                }
            }
        }
        return result
    }

    /// A notice for each person named directly, and their new unread counts.
    private static func tellMentioned(_ people: [UUID], messageID: UUID, body: String, channelID: UUID, channelName: String,
                                      author: Person, app: Application) async {
        for personID in people {
            let excerpt = String(body.prefix(120))
            try? await Notifier.send(Notice(personID: personID, kind: "mention", promiseID: nil, params: [
                "channel": channelName, "author": author.name, "text": excerpt,
                "href": "/channels/\(channelID.uuidString)#m-\(messageID.uuidString)"]), app: app)
            if let unread = try? await ConversationQueries.unread(in: channelID, for: personID, on: app.db) {
                await app.live.publish([LiveEventDraft(type: "unread.changed", channelID: nil, personID: personID,
                                                       payload: .encoding(unread))], app: app)
            }
        }
    }

    static func edit(messageID: UUID, body: String, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        let (message, standing) = try await visible(messageID, user: actor, on: app.db)
        guard message.$author.id == actor.id else { throw AppError.forbidden("Only the author edits a message") }
        guard message.deletedAt == nil else { throw AppError.conflict("The message is deleted") }
        guard standing.channel.archivedAt == nil else { throw AppError.conflict("The channel is archived") }
        if let issue = MessageRules.issue(with: body) { throw AppError.invalid(["body": issue]) }
        let mentions = try await resolveMentions(in: body, channelID: message.$channel.id, author: actor.id, on: app.db)
        message.body = body
        message.html = SafeMarkdown.html(body, mentions: mentions.handles)
        message.editedAt = app.clock.now()
        try await app.db.writeTransaction { db in
            try await message.update(on: db)
            try await MessageMention.query(on: db).filter(\.$message.$id == messageID).delete()
            for personID in mentions.personIDs {
                try await MessageMention(messageID: messageID, personID: personID, channelID: message.$channel.id, seq: message.seq).create(on: db)
            }
        }
        return try await publishChange("message.edited", message, viewer: actor.id, app: app)
    }

    /// The author or an admin deletes; the message stays as a tombstone so its thread keeps its shape.
    static func delete(messageID: UUID, actor: CurrentUser, app: Application) async throws {
        let (message, _) = try await visible(messageID, user: actor, on: app.db)
        guard message.$author.id == actor.id || actor.isAdmin else { throw AppError.forbidden("Only the author deletes a message") }
        guard message.deletedAt == nil else { return }
        message.deletedAt = app.clock.now()
        message.pinnedAt = nil
        try await app.db.writeTransaction { db in
            try await message.update(on: db)
            try await MessageMention.query(on: db).filter(\.$message.$id == messageID).delete()
        }
        _ = try await publishChange("message.deleted", message, viewer: actor.id, app: app)
    }

    static func setPinned(messageID: UUID, pinned: Bool, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        let (message, standing) = try await visible(messageID, user: actor, on: app.db)
        guard standing.isMember else { throw AppError.forbidden("Join the channel to pin") }
        guard message.deletedAt == nil else { throw AppError.conflict("The message is deleted") }
        message.pinnedAt = pinned ? (message.pinnedAt ?? app.clock.now()) : nil
        try await app.db.writeTransaction { db in try await message.update(on: db) }
        return try await publishChange(pinned ? "message.pinned" : "message.unpinned", message, viewer: actor.id, app: app)
    }

    private static func publishChange(_ type: String, _ message: Message, viewer: UUID, app: Application) async throws -> MessageDTO {
        let dto = try await ConversationQueries.dto(message, viewer: viewer, on: app.db)
        await app.live.publish([LiveEventDraft(type: type, channelID: message.$channel.id, personID: nil, payload: .message(dto))], app: app)
        return dto
    }

    /// Adds a reaction (again is harmless); members only.
    static func react(messageID: UUID, emoji: String, add: Bool, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        let (message, standing) = try await visible(messageID, user: actor, on: app.db)
        guard MessageRules.isReaction(emoji) else { throw AppError.invalid(["emoji": .notAnEmoji]) }
        guard standing.isMember else { throw AppError.forbidden("Join the channel to react") }
        guard message.deletedAt == nil else { throw AppError.conflict("The message is deleted") }
        let existing = try await Reaction.query(on: app.db).filter(\.$message.$id == messageID).filter(\.$person.$id == actor.id)
            .filter(\.$emoji == emoji).first()
        let changed: Bool = try await app.db.writeTransaction { db in
            if add, existing == nil {
                try await Reaction(messageID: messageID, personID: actor.id, emoji: emoji, now: app.clock.now()).create(on: db)
                return true
            }
            if !add, let existing {
                try await existing.delete(on: db)
                return true
            }
            return false
        }
        let dto = try await ConversationQueries.dto(message, viewer: actor.id, on: app.db)
        if changed {
            let count = dto.reactions.first { $0.emoji == emoji }?.count ?? 0
            await app.live.publish([LiveEventDraft(type: add ? "reaction.added" : "reaction.removed", channelID: message.$channel.id, personID: nil,
                                                   payload: .encoding(ReactionEventDTO(messageId: messageID, channelId: message.$channel.id,
                                                                                       threadId: message.threadID, emoji: emoji,
                                                                                       personId: actor.id, count: count)))], app: app)
        }
        return dto
    }

    /// Marks the channel read up to a message (the latest when none is named), also backwards.
    static func markRead(channelID: UUID, upTo messageID: UUID?, actor: CurrentUser, app: Application) async throws -> UnreadDTO {
        let standing = try await ChannelAccess.visible(channelID, user: actor, on: app.db)
        guard let membership = standing.membership else { throw AppError.forbidden("Join the channel first") }
        var seq = standing.channel.lastSeq
        if let messageID {
            guard let m = try await Message.find(messageID, on: app.db), m.$channel.id == channelID else {
                throw AppError.invalid(["message_id": .notInThisChannel])
            }
            seq = m.seq
        }
        membership.lastReadSeq = seq
        try await app.db.writeTransaction { db in try await membership.update(on: db) }
        let unread = try await ConversationQueries.unread(in: channelID, for: actor.id, on: app.db)
        await app.live.publish([LiveEventDraft(type: "unread.changed", channelID: nil, personID: actor.id, payload: .encoding(unread))], app: app)
        return unread
    }

    static func follow(threadID: UUID, personID: UUID, readUpTo seq: Int?, on db: any Database) async throws {
        if let existing = try await ThreadFollow.query(on: db).filter(\.$thread.$id == threadID).filter(\.$person.$id == personID).first() {
            if let seq, seq > existing.lastReadSeq {
                existing.lastReadSeq = seq
                try await existing.update(on: db)
            }
        } else {
            try await ThreadFollow(threadID: threadID, personID: personID, lastReadSeq: seq ?? 0).create(on: db)
        }
    }

    /// Follows or unfollows a thread (a root message one may see).
    static func setFollowing(threadID: UUID, following: Bool, actor: CurrentUser, app: Application) async throws {
        let (root, _) = try await visible(threadID, user: actor, on: app.db)
        guard root.threadID == nil else { throw AppError.notFound("No such thread") }
        try await app.db.writeTransaction { db in
            if following {
                let latest = try await Message.query(on: db).filter(\.$threadID == threadID).max(\.$seq) ?? root.seq
                try await follow(threadID: threadID, personID: actor.id, readUpTo: latest, on: db)
            } else {
                try await ThreadFollow.query(on: db).filter(\.$thread.$id == threadID).filter(\.$person.$id == actor.id).delete()
            }
        }
    }

    /// Reading a thread marks its replies read for a follower.
    static func markThreadRead(threadID: UUID, actor: CurrentUser, app: Application) async throws {
        let latest = try await Message.query(on: app.db).filter(\.$threadID == threadID).max(\.$seq)
        guard let latest else { return }
        try await app.db.writeTransaction { db in
            try await ThreadFollow.query(on: db).filter(\.$thread.$id == threadID).filter(\.$person.$id == actor.id)
                .filter(\.$lastReadSeq < latest).set(\.$lastReadSeq, to: latest).update()
        }
    }
}

struct ReactionEventDTO: Content {
    let messageId: UUID
    let channelId: UUID
    @NullEncoded var threadId: UUID?
    let emoji: String
    let personId: UUID
    let count: Int
}
