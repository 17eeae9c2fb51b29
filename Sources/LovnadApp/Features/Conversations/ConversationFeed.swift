import Fluent
import SQLKit
import Vapor

/// What conversations put in the home feed: mentions and replies in followed threads first, then new
/// posts in one's engagements' channels, then one's department and topic channels (muted ones left out).
struct ConversationFeed: FeedSource {
    static let perSource = 50

    /// What ranking needs of a message, read as plain rows: Fluent models of every channel's latest fifty
    /// were most of the home page's time.
    private struct Row: Decodable {
        let id: UUID, channelId: UUID, threadId: UUID?, createdAt: Date
        enum CodingKeys: String, CodingKey { case id, channelId = "channel_id", threadId = "thread_id", createdAt = "created_at" }
    }

    private struct FollowedThread: Decodable {
        let threadId: UUID
        enum CodingKeys: String, CodingKey { case threadId = "thread_id" }
    }

    private func rows(_ sql: any SQLDatabase, _ condition: SQLQueryString, order: SQLQueryString, limit: Int) async throws -> [Row] {
        try await sql.raw("""
            SELECT m.id, m.channel_id, m.thread_id, m.created_at FROM messages m WHERE \(condition) AND m.deleted_at IS NULL
            ORDER BY \(order) LIMIT \(bind: limit)
            """).all(decoding: Row.self)
    }

    func candidates(for user: CurrentUser, since: Date, app: Application) async throws -> [FeedCandidate] {
        let db = app.db
        let sql = db as! any SQLDatabase
        var picked: [(Row, reason: String, tier: Int)] = []

        // Mentions in the window, chosen in the database: someone named in thousands of messages would
        // otherwise send thousands of ids back as binds.
        for m in try await rows(sql, """
            m.id IN (SELECT message_id FROM message_mentions WHERE person_id = \(bind: user.id)) AND m.created_at >= \(bind: since)
            """, order: "m.created_at DESC", limit: Self.perSource) {
            picked.append((m, "mentioned", 0))
        }
        // The followed threads with replies in the window, most recent first, from the follows' own index.
        let followed = try await sql.raw("""
            SELECT thread_id FROM thread_follows WHERE person_id = \(bind: user.id) AND last_reply_at >= \(bind: since)
            ORDER BY last_reply_at DESC LIMIT \(bind: Self.perSource * 4)
            """).all(decoding: FollowedThread.self).map(\.threadId)
        if !followed.isEmpty {
            let replies = try await rows(sql, """
                m.thread_id IN (\(binds: followed)) AND m.created_at >= \(bind: since) AND m.author_id <> \(bind: user.id)
                """, order: "m.created_at DESC", limit: Self.perSource * 4)
            var threads: Set<UUID> = []
            for reply in replies where threads.insert(reply.threadId!).inserted { picked.append((reply, "thread_reply", 1)) }
        }
        let allMemberships = try await ChannelMember.query(on: db).filter(\.$person.$id == user.id).all()
        let memberOf = Set(allMemberships.map { $0.$channel.id })
        let memberships = allMemberships.filter { !$0.muted }
        let channels = try await Channel.query(on: db).filter(\.$id ~~ memberships.map { $0.$channel.id }).filter(\.$archivedAt == nil).all()
        for (kind, reason, tier) in [(Channel.Kind.engagement, "engagement", 2), (.direct, "direct", 2), (.department, "department", 3), (.topic, "topic", 3)] {
            // Each channel's latest by number (its index), then the newest of them: one query over all
            // the channels sorted by time would read every message of a busy channel in the window.
            var latest: [Row] = []
            for channel in channels where channel.kind == kind {
                latest += try await rows(sql, """
                    m.channel_id = \(bind: channel.id!) AND m.thread_id IS NULL AND m.created_at >= \(bind: since) AND m.author_id <> \(bind: user.id)
                    """, order: "m.seq DESC", limit: Self.perSource)
            }
            for m in latest.sorted(by: { $0.createdAt > $1.createdAt }).prefix(Self.perSource) { picked.append((m, reason, tier)) }
        }
        let channelIDs = Set(picked.map { $0.0.channelId })
        var names = Dictionary(uniqueKeysWithValues: channels.map { ($0.id!, $0) })
        let others = Array(channelIDs.subtracting(names.keys))
        if !others.isEmpty { for c in try await Channel.query(on: db).filter(\.$id ~~ others).all() { names[c.id!] = c } }
        return picked.compactMap { entry in
            // Only from channels one still belongs to, or open ones (a followed thread there).
            guard let channel = names[entry.0.channelId],
                  memberOf.contains(channel.id!) || (!channel.isPrivate && (channel.kind == .topic || channel.kind == .department)) else { return nil }
            return FeedCandidate(kind: "message", reason: entry.reason, tier: entry.tier, at: entry.0.createdAt,
                                 channel: ChannelRefDTO(id: channel.id!, name: channel.name, kind: channel.kindText), ref: entry.0.id)
        }
    }

    func items(_ chosen: [FeedCandidate], for user: CurrentUser, app: Application) async throws -> [FeedItemDTO] {
        let dtos = Dictionary(uniqueKeysWithValues: try await MessageReader.messages(chosen.map(\.ref), viewer: user.id, on: app.db)
            .map { ($0.id, $0) })
        return chosen.compactMap { c in
            dtos[c.ref].map { FeedItemDTO(kind: c.kind, reason: c.reason, tier: c.tier, at: c.at, channel: c.channel, message: $0) }
        }
    }
}
