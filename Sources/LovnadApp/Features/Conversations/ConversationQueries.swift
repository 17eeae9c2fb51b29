import Fluent
import SQLKit
import Vapor
import LovnadCore

enum ConversationQueries {
    enum Window { case latest, before(Int), after(Int) }

    private struct CountRow: Decodable { let channelId: UUID; let unread: Int; let mentions: Int }

    /// Unread roots (from others) and mentions per channel the person belongs to (or in the named ones only).
    /// Counted per membership from its read mark along the channel's index: as a join, PostgreSQL's planner
    /// cannot see how few messages lie past a read mark and scanned every message (140 ms at 1,000,000).
    static func unread(for personID: UUID, in channelIDs: [UUID]? = nil, on db: any Database) async throws -> [UUID: (unread: Int, mentions: Int)] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        if let channelIDs, channelIDs.isEmpty { return [:] }
        let only: SQLQueryString = channelIDs.map { "AND cm.channel_id IN (\(binds: $0))" } ?? ""
        let rows = try await sql.raw("""
            SELECT cm.channel_id AS channel_id,
              (SELECT COUNT(*) FROM messages m WHERE m.channel_id = cm.channel_id AND m.thread_id IS NULL AND m.seq > cm.last_read_seq
                 AND m.deleted_at IS NULL AND m.author_id <> \(bind: personID)) AS unread,
              (SELECT COUNT(*) FROM message_mentions mm WHERE mm.person_id = cm.person_id AND mm.channel_id = cm.channel_id
                 AND mm.seq > cm.last_read_seq) AS mentions
            FROM channel_members cm WHERE cm.person_id = \(bind: personID) \(only)
            """).all(decoding: CountRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        var result: [UUID: (unread: Int, mentions: Int)] = [:]
        for row in rows where row.unread > 0 || row.mentions > 0 { result[row.channelId] = (row.unread, row.mentions) }
        return result
    }

    static func unread(in channelID: UUID, for personID: UUID, on db: any Database) async throws -> UnreadDTO {
        let counts = try await unread(for: personID, in: [channelID], on: db)[channelID]
        return UnreadDTO(channelId: channelID, unread: counts?.unread ?? 0, mentions: counts?.mentions ?? 0)
    }

    /// Replies from others in a thread the person follows, after what they have read.
    static func threadUnread(_ threadID: UUID, for personID: UUID, on db: any Database) async throws -> (following: Bool, unread: Int) {
        guard let follow = try await ThreadFollow.query(on: db).filter(\.$thread.$id == threadID).filter(\.$person.$id == personID).first() else {
            return (false, 0)
        }
        let unread = try await Message.query(on: db).filter(\.$threadID == threadID).filter(\.$seq > follow.lastReadSeq)
            .filter(\.$author.$id != personID).filter(\.$deletedAt == nil).count()
        return (true, unread)
    }

    static func channelDTOs(_ channels: [Channel], for user: CurrentUser, on db: any Database) async throws -> [ChannelDTO] {
        let memberships = try await ChannelMember.query(on: db).filter(\.$person.$id == user.id).all()
        let byChannel = Dictionary(uniqueKeysWithValues: memberships.map { ($0.$channel.id, $0) })
        // Counted only for the channels asked about (one, when a single channel is shown).
        let counts = try await unread(for: user.id, in: channels.count > 20 ? nil : channels.map { $0.id! }, on: db)
        return channels.map { c in
            let member = byChannel[c.id!]
            let n = counts[c.id!]
            return ChannelDTO(id: c.id!, name: c.name, kind: c.kindText, description: c.about, private: c.isPrivate,
                              isMember: member != nil, muted: member?.muted ?? false, archived: c.archivedAt != nil,
                              engagementId: c.$engagement.id, departmentId: c.$department.id, normMinutes: c.normMinutes,
                              unread: member == nil ? 0 : n?.unread ?? 0, mentions: member == nil ? 0 : n?.mentions ?? 0,
                              lastMessageAt: c.lastMessageAt)
        }
    }
}

extension ConversationQueries {
    /// The list beside a conversation: the channels one belongs to, most recently active first.
    static func sidebar(for user: CurrentUser, on db: any Database) async throws -> [ChannelDTO] {
        try await channelDTOs(try await ChannelAccess.memberChannels(for: user, limit: 30, on: db), for: user, on: db)
    }
}

extension ConversationQueries {
    /// A thread: its root and replies in order, and where the reader stands with it. 404 unless the
    /// root is a root message in a channel the reader may see.
    static func thread(_ id: UUID, for user: CurrentUser, on db: any Database) async throws -> ThreadDTO {
        let (root, _) = try await MessageActions.visible(id, user: user, on: db)
        guard root.threadID == nil else { throw AppError.notFound("No such thread") }
        let replies = try await MessageReader.replies(to: id, viewer: user.id, on: db)
        let standing = try await threadUnread(id, for: user.id, on: db)
        return ThreadDTO(root: try await MessageReader.message(root.id!, viewer: user.id, on: db), replies: replies,
                         following: standing.following, unread: standing.unread)
    }
}

extension ConversationQueries {
    /// The direct conversation these people already have, exactly they and nobody else, if any.
    static func existingDirect(_ members: Set<UUID>, on db: any Database) async throws -> UUID? {
        guard members.count >= 2 else { return nil }
        struct Row: Decodable { let id: UUID }
        return try await (db as! any SQLDatabase).raw("""
            SELECT c.id FROM channels c
            WHERE c.kind = 'direct'
              AND (SELECT COUNT(*) FROM channel_members m WHERE m.channel_id = c.id) = \(bind: members.count)
              AND (SELECT COUNT(*) FROM channel_members m WHERE m.channel_id = c.id AND m.person_id IN (\(binds: Array(members)))) = \(bind: members.count)
            ORDER BY c.created_at LIMIT 1
            """).first(decoding: Row.self)?.id
    }
}

extension ConversationQueries {
    /// Members one may mention, for the composer's `@` suggestions: active members whose name contains
    /// the text or whose handle starts with it, by name.
    static func mentionCandidates(in channelID: UUID, matching text: String, limit: Int, on db: any Database) async throws -> [MentionCandidateDTO] {
        let q = text.trimmingCharacters(in: .whitespaces).lowercased()
        let sql = db as! any SQLDatabase
        let match: SQLQueryString = q.isEmpty ? "1 = 1"
            : "(\(SQLLike.contains(column: "name_key", q)) OR p.email LIKE \(bind: SQLLike.escape(q) + "%") ESCAPE '\\')"
        struct Row: Decodable { let id: UUID; let name: String; let email: String }
        let rows = try await sql.raw("""
            SELECT p.id, p.name, p.email FROM channel_members cm JOIN people p ON p.id = cm.person_id
            WHERE cm.channel_id = \(bind: channelID) AND p.active = \(bind: true) AND \(match)
            ORDER BY p.name_key, p.id LIMIT \(bind: limit)
            """).all(decoding: Row.self)
        return rows.map { MentionCandidateDTO(id: $0.id, name: $0.name, handle: String($0.email.split(separator: "@").first ?? "")) }
    }
}
