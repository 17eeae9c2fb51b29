import Fluent
import SQLKit
import Vapor

/// What conversations put in the home feed: mentions and replies in followed threads first, then new
/// posts in one's engagements' channels, then one's department and topic channels (muted ones left out).
struct ConversationFeed: FeedSource {
    static let perSource = 50

    /// What ranking needs of a message, read as plain rows column by column: Fluent models of every
    /// channel's latest fifty were most of the home page's time, and the Codable row decoder cost more than the queries.
    private struct Row {
        let id: UUID, channelId: UUID, createdAt: Date

        init(_ row: any SQLRow) throws {
            id = try row.uuid("id")
            channelId = try row.uuid("channel_id")
            createdAt = try row.decode(column: "created_at", as: Date.self)
        }
    }

    private func rows(_ sql: any SQLDatabase, _ condition: SQLQueryString, order: SQLQueryString, limit: Int) async throws -> [Row] {
        try await sql.raw("""
            SELECT m.id, m.channel_id, m.created_at FROM messages m WHERE \(condition) AND m.deleted_at IS NULL
            ORDER BY \(order) LIMIT \(bind: limit)
            """).all().map(Row.init)
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
        // The followed threads with replies in the window (the latest 200 by the follows' own index), each
        // by its latest reply from someone else, chosen in the database, most recent first.
        for m in try await rows(sql, """
            m.id IN (SELECT r.id FROM (
                SELECT thread_id FROM thread_follows WHERE person_id = \(bind: user.id) AND last_reply_at >= \(bind: since)
                ORDER BY last_reply_at DESC LIMIT \(unsafeRaw: String(Self.perSource * 4))) f
              JOIN messages r ON r.id = (
                SELECT l.id FROM messages l WHERE l.thread_id = f.thread_id AND l.deleted_at IS NULL
                  AND l.created_at >= \(bind: since) AND l.author_id <> \(bind: user.id)
                ORDER BY l.seq DESC LIMIT 1))
            """, order: "m.created_at DESC", limit: Self.perSource) {
            picked.append((m, "thread_reply", 1))
        }
        let allMemberships = try await ChannelMember.query(on: db).filter(\.$person.$id == user.id).all()
        let memberOf = Set(allMemberships.map { $0.$channel.id })
        let memberships = allMemberships.filter { !$0.muted }
        let channels = try await Channel.query(on: db).filter(\.$id ~~ memberships.map { $0.$channel.id }).filter(\.$archivedAt == nil).all()
        for (kind, reason, tier) in [(Channel.Kind.engagement, "engagement", 2), (.direct, "direct", 2), (.department, "department", 3), (.topic, "topic", 3)] {
            // Each channel's latest by number (its index), then the newest of them, in one query: sorting
            // all the channels' messages by time would read every message of a busy channel in the window,
            // and a query per channel sent each channel's fifty back to be sorted here.
            let ofKind = channels.filter { $0.kind == kind }.map { $0.id! }
            guard !ofKind.isEmpty else { continue }
            for m in try await rows(sql, """
                m.id IN (SELECT q.id FROM channels c JOIN messages q ON q.id IN (
                    SELECT l.id FROM messages l WHERE l.channel_id = c.id AND l.thread_id IS NULL AND l.deleted_at IS NULL
                      AND l.created_at >= \(bind: since) AND l.author_id <> \(bind: user.id)
                    ORDER BY l.seq DESC LIMIT \(unsafeRaw: String(Self.perSource)))
                  WHERE c.id IN (\(binds: ofKind)))
                """, order: "m.created_at DESC, m.seq DESC", limit: Self.perSource) {
                picked.append((m, reason, tier))
            }
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
