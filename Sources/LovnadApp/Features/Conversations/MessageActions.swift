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
    /// message, its number, the author's follow and read mark, the mentioned people's notices and the
    /// live events commit together.
    static func post(channelID: UUID, body: String, threadID: UUID?, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        let channel = try await ChannelAccess.postable(channelID, user: actor, on: app.db)
        if let issue = MessageRules.issue(with: body) { throw AppError.invalid(["body": issue]) }
        let root = try await threadID.asyncMap { try await threadRoot(of: $0, channelID: channelID, on: app.db) }
        let mentions = try await resolveMentions(in: body, channelID: channelID, author: actor.id, on: app.db)
        return try await app.postQueue.submit(.render(
            channelID: channelID, channelName: channel.name, normMinutes: channel.normMinutes, threadID: root,
            author: PersonRef(id: actor.id, name: actor.person.name), body: body, mentions: mentions, now: app.clock.now(),
            zone: app.settings.timeZone), app: app)
    }

    /// The root of the thread a reply goes to; a reply to a reply goes to its root. 422 outside the channel.
    private static func threadRoot(of messageID: UUID, channelID: UUID, on db: any Database) async throws -> UUID {
        guard var parent = try await Message.find(messageID, on: db), parent.$channel.id == channelID else {
            throw AppError.invalid(["thread_id": .notInThisChannel])
        }
        if let rootID = parent.threadID, let top = try await Message.find(rootID, on: db) { parent = top }
        guard parent.deletedAt == nil else { throw AppError.conflict(.refuseThreadRootDeleted) }
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

    /// A notice for each person named directly, and their new unread counts; inside the posting write.
    static func tellMentioned(_ people: [UUID], messageID: UUID, body: String, channelID: UUID, threadID: UUID?, channelName: String,
                              authorName: String, _ ctx: WriteContext) async throws {
        for personID in people {
            try await NotificationActions.notify(Notice(personID: personID, kind: "mention", promiseID: nil, params: [
                "channel": channelName, "author": authorName, "text": String(body.prefix(120)),
                "href": SiteURL.message(messageID, channel: channelID, thread: threadID)]), ctx)
            let unread = try await ConversationQueries.unread(in: channelID, for: personID, on: ctx.db)
            ctx.emit(LiveEventDraft(type: .unreadChanged, channelID: nil, personID: personID, payload: .encoding(unread)))
        }
    }

    /// A reply tells those who follow its thread (who started it, wrote in it or chose to follow) and still
    /// belong to its channel, except its author and those it mentions (told already). One notice per
    /// thread until it is read: a follower with an unread one for the thread is not told again.
    static func tellFollowers(of threadID: UUID, reply: MessageDraft, except: Set<UUID>, _ ctx: WriteContext) async throws {
        struct Row: Decodable { let personId: UUID }
        let rows = try await ctx.sql.raw("""
            SELECT tf.person_id FROM thread_follows tf
            JOIN channel_members cm ON cm.channel_id = \(bind: reply.channelID) AND cm.person_id = tf.person_id
            WHERE tf.thread_id = \(bind: threadID) AND tf.person_id <> \(bind: reply.author.id)
              AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.subject_id = \(bind: threadID) AND n.person_id = tf.person_id
                              AND n.read_at IS NULL)
            """).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        for row in rows where !except.contains(row.personId) {
            try await NotificationActions.notify(Notice(personID: row.personId, kind: "thread_reply", promiseID: nil, params: [
                "channel": reply.channelName, "author": reply.author.name, "text": String(reply.body.prefix(120)),
                "href": SiteURL.message(reply.id, channel: reply.channelID, thread: threadID)], subjectID: threadID), ctx)
        }
    }

    /// Reading a thread settles the notice about its replies.
    static func settleReplyNotice(threadID: UUID, personID: UUID, _ ctx: WriteContext) async throws {
        let unread = AppNotification.query(on: ctx.db).filter(\.$subjectID == threadID).filter(\.$person.$id == personID).filter(\.$readAt == nil)
        guard try await unread.count() > 0 else { return }
        try await unread.set(\.$readAt, to: ctx.now).update()
        let count = try await NotificationQueries.unreadCount(personID: personID, on: ctx.db)
        ctx.emit(LiveEventDraft(type: .notificationRead, channelID: nil, personID: personID, payload: .object(["unread": String(count)])))
    }

    static func edit(messageID: UUID, body: String, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        if let issue = MessageRules.issue(with: body) { throw AppError.invalid(["body": issue]) }
        return try await app.store.write { ctx in
            let (message, standing) = try await visible(messageID, user: actor, on: ctx.db)
            guard message.$author.id == actor.id else { throw AppError.forbidden(.refuseOnlyAuthorEdits) }
            guard message.deletedAt == nil else { throw AppError.conflict(.refuseMessageDeleted) }
            guard standing.channel.archivedAt == nil else { throw AppError.conflict(.refuseChannelArchived) }
            let mentions = try await resolveMentions(in: body, channelID: message.$channel.id, author: actor.id, on: ctx.db)
            message.body = body
            message.html = SafeMarkdown.html(body, mentions: mentions.handles)
            message.editedAt = ctx.now
            try await message.update(on: ctx.db)
            try await MessageMention.query(on: ctx.db).filter(\.$message.$id == messageID).delete()
            for personID in mentions.personIDs {
                try await MessageMention(messageID: messageID, personID: personID, channelID: message.$channel.id, seq: message.seq).create(on: ctx.db)
            }
            return try await emitChange(.messageEdited, message, viewer: actor.id, ctx)
        }
    }

    /// The author or an admin deletes; the message stays as a tombstone so its thread keeps its shape.
    static func delete(messageID: UUID, actor: CurrentUser, app: Application) async throws {
        let channelID = try await app.store.write { ctx -> UUID in
            let (message, _) = try await visible(messageID, user: actor, on: ctx.db)
            guard message.$author.id == actor.id || actor.isAdmin else { throw AppError.forbidden(.refuseOnlyAuthorDeletes) }
            guard message.deletedAt == nil else { return message.$channel.id }
            message.deletedAt = ctx.now
            message.pinnedAt = nil
            try await message.update(on: ctx.db)
            try await MessageMention.query(on: ctx.db).filter(\.$message.$id == messageID).delete()
            _ = try await emitChange(.messageDeleted, message, viewer: actor.id, ctx)
            return message.$channel.id
        }
        app.normRecord.forget(channelID)  // a deleted question no longer counts
    }

    static func setPinned(messageID: UUID, pinned: Bool, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        try await app.store.write { ctx in
            let (message, standing) = try await visible(messageID, user: actor, on: ctx.db)
            guard standing.isMember else { throw AppError.forbidden(.refuseJoinToPin) }
            guard message.deletedAt == nil else { throw AppError.conflict(.refuseMessageDeleted) }
            guard (message.pinnedAt != nil) != pinned else { return try await MessageReader.message(message.id!, viewer: actor.id, on: ctx.db) }
            message.pinnedAt = pinned ? ctx.now : nil
            try await message.update(on: ctx.db)
            return try await emitChange(pinned ? .messagePinned : .messageUnpinned, message, viewer: actor.id, ctx)
        }
    }

    private static func emitChange(_ type: LiveEventType, _ message: Message, viewer: UUID, _ ctx: WriteContext) async throws -> MessageDTO {
        let dto = try await MessageReader.message(message.id!, viewer: viewer, on: ctx.db)
        ctx.emit(LiveEventDraft(type: type, channelID: message.$channel.id, personID: nil, payload: .message(dto)))
        return dto
    }

    /// Adds or removes a reaction; members only. The same again changes nothing, also when two arrive
    /// at once (a double click): the unique index keeps the second out, and it answers as the first.
    static func react(messageID: UUID, emoji: String, add: Bool, actor: CurrentUser, app: Application) async throws -> MessageDTO {
        guard MessageRules.isReaction(emoji) else { throw AppError.invalid(["emoji": .notAnEmoji]) }
        return try await app.store.write { ctx in
            let (message, standing) = try await visible(messageID, user: actor, on: ctx.db)
            guard standing.isMember else { throw AppError.forbidden(.refuseJoinToReact) }
            guard message.deletedAt == nil else { throw AppError.conflict(.refuseMessageDeleted) }
            let changed: Bool
            if add {
                changed = try await ctx.sql.insert(into: Reaction.schema)
                    .columns("id", "message_id", "person_id", "emoji", "created_at")
                    .values(SQLBind(UUID()), SQLBind(messageID), SQLBind(actor.id), SQLBind(emoji), SQLBind(ctx.now))
                    .ignoringConflicts()
                    .returning("id").all().count > 0
            } else {
                let mine = Reaction.query(on: ctx.db).filter(\.$message.$id == messageID).filter(\.$person.$id == actor.id).filter(\.$emoji == emoji)
                changed = try await mine.count() > 0
                if changed { try await mine.delete() }
            }
            let dto = try await MessageReader.message(message.id!, viewer: actor.id, on: ctx.db)
            if changed {
                let count = dto.reactions.first { $0.emoji == emoji }?.count ?? 0
                ctx.emit(LiveEventDraft(type: add ? .reactionAdded : .reactionRemoved, channelID: message.$channel.id, personID: nil,
                                        payload: .encoding(ReactionEventDTO(messageId: messageID, channelId: message.$channel.id,
                                                                            threadId: message.threadID, emoji: emoji,
                                                                            personId: actor.id, count: count))))
            }
            return dto
        }
    }

    /// Marks the channel read up to a message (the latest when none is named), also backwards.
    static func markRead(channelID: UUID, upTo messageID: UUID?, actor: CurrentUser, app: Application) async throws -> UnreadDTO {
        try await app.store.write { ctx in
            let standing = try await ChannelAccess.visible(channelID, user: actor, on: ctx.db)
            guard let membership = standing.membership else { throw AppError.forbidden(.refuseJoinFirst) }
            var seq = standing.channel.lastSeq
            if let messageID {
                guard let m = try await Message.find(messageID, on: ctx.db), m.$channel.id == channelID else {
                    throw AppError.invalid(["message_id": .notInThisChannel])
                }
                seq = m.seq
            }
            membership.lastReadSeq = seq
            try await membership.update(on: ctx.db)
            let unread = try await ConversationQueries.unread(in: channelID, for: actor.id, on: ctx.db)
            ctx.emit(LiveEventDraft(type: .unreadChanged, channelID: nil, personID: actor.id, payload: .encoding(unread)))
            return unread
        }
    }

    /// Follows or unfollows a thread (a root message one may see).
    static func setFollowing(threadID: UUID, following: Bool, actor: CurrentUser, app: Application) async throws {
        try await app.store.write { ctx in
            let (root, _) = try await visible(threadID, user: actor, on: ctx.db)
            guard root.threadID == nil else { throw AppError.notFound("No such thread") }
            if following {
                let latest = try await Message.query(on: ctx.db).filter(\.$threadID == threadID).max(\.$seq) ?? root.seq
                // One statement: two follows at once make one, where a look-then-insert would collide.
                try await PostingActions.follow([(threadID, actor.id, latest)], on: ctx.sql)
                try await ctx.sql.raw("""
                    UPDATE thread_follows SET last_reply_at = \(bind: root.lastReplyAt) WHERE thread_id = \(bind: threadID) AND person_id = \(bind: actor.id)
                    """).run()
            } else {
                try await ThreadFollow.query(on: ctx.db).filter(\.$thread.$id == threadID).filter(\.$person.$id == actor.id).delete()
            }
            ctx.emit(LiveEventDraft(type: following ? .threadFollowed : .threadUnfollowed, channelID: nil, personID: actor.id,
                                    payload: .object(["thread_id": threadID.uuidString, "channel_id": root.$channel.id.uuidString])))
        }
    }

    /// Reading a thread marks its replies read for a follower.
    static func markThreadRead(threadID: UUID, actor: CurrentUser, app: Application) async throws {
        try await app.store.write { ctx in
            guard let latest = try await Message.query(on: ctx.db).filter(\.$threadID == threadID).max(\.$seq) else { return }
            try await settleReplyNotice(threadID: threadID, personID: actor.id, ctx)
            let stale = ThreadFollow.query(on: ctx.db).filter(\.$thread.$id == threadID).filter(\.$person.$id == actor.id)
                .filter(\.$lastReadSeq < latest)
            guard try await stale.count() > 0 else { return }
            try await stale.set(\.$lastReadSeq, to: latest).update()
            ctx.emit(LiveEventDraft(type: .threadRead, channelID: nil, personID: actor.id,
                                    payload: .object(["thread_id": threadID.uuidString])))
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
