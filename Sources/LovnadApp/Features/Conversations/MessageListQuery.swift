import Fluent
import SQLKit
import Vapor

/// The hot read: a page of a channel's messages, straight from SQL into DTOs. Loading Fluent models
/// cost about a quarter of a millisecond a message (reflection and generic metadata), which put the
/// latest 50 over its 20 ms goal; plain rows skip that.
enum MessageListQuery {
    private struct Row: Decodable {
        let id: UUID
        let channelId: UUID
        let seq: Int
        let threadId: UUID?
        let authorId: UUID
        let authorName: String
        let body: String
        let html: String
        let isQuestion: Bool
        let replyCount: Int
        let lastReplyAt: Date?
        let createdAt: Date
        let editedAt: Date?
        let deletedAt: Date?
        let pinnedAt: Date?
    }

    private struct ReactionRow: Decodable {
        let messageId: UUID
        let personId: UUID
        let emoji: String
    }

    /// Root messages of a channel in the window's order, as `viewer` sees them.
    static func roots(channelID: UUID, window: ConversationQueries.Window, limit: Int, viewer: UUID,
                      on db: any Database) async throws -> [MessageDTO] {
        guard let sql = db as? any SQLDatabase else { return [] }
        let select: SQLQueryString = """
            SELECT m.id AS id, m.channel_id AS channel_id, m.seq AS seq, m.thread_id AS thread_id, m.author_id AS author_id,
            p.name AS author_name, m.body AS body, m.html AS html, m.is_question AS is_question, m.reply_count AS reply_count,
            m.last_reply_at AS last_reply_at, m.created_at AS created_at, m.edited_at AS edited_at, m.deleted_at AS deleted_at,
            m.pinned_at AS pinned_at
            FROM messages m JOIN people p ON p.id = m.author_id
            WHERE m.channel_id = \(bind: channelID) AND m.thread_id IS NULL
            """
        let query: SQLQueryString
        switch window {
        case .latest: query = select + " ORDER BY m.seq DESC LIMIT \(literal: limit)"
        case .before(let seq): query = select + " AND m.seq < \(bind: seq) ORDER BY m.seq DESC LIMIT \(literal: limit)"
        case .after(let seq): query = select + " AND m.seq > \(bind: seq) ORDER BY m.seq ASC LIMIT \(literal: limit)"
        }
        let rows = try await sql.raw(query).all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        guard !rows.isEmpty else { return [] }
        let reactions = try await sql.raw("""
            SELECT message_id, person_id, emoji FROM reactions WHERE message_id IN (\(binds: rows.map(\.id))) ORDER BY created_at
            """).all(decoding: ReactionRow.self, keyDecodingStrategy: .convertFromSnakeCase)
        let byMessage = Dictionary(grouping: reactions, by: \.messageId)
        return rows.map { r in
            let deleted = r.deletedAt != nil
            return MessageDTO(
                id: r.id, channelId: r.channelId, threadId: r.threadId, seq: r.seq, author: PersonRef(id: r.authorId, name: r.authorName),
                body: deleted ? "" : r.body, html: deleted ? "" : r.html, isQuestion: r.isQuestion, replyCount: r.replyCount,
                lastReplyAt: r.lastReplyAt, createdAt: r.createdAt, editedAt: r.editedAt, deletedAt: r.deletedAt, pinnedAt: r.pinnedAt,
                reactions: deleted ? [] : ReactionDTO.grouped((byMessage[r.id] ?? []).map { ($0.emoji, $0.personId) }, viewer: viewer))
        }
    }
}
