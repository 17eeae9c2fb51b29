import Fluent
import SQLKit
import Vapor

/// The hot read: a page of a channel's messages, straight from SQL into DTOs. Loading Fluent models
/// cost about a quarter of a millisecond a message (reflection and generic metadata), which put the
/// latest 50 over its 20 ms goal; plain rows read by column skip that.
enum MessageListQuery {
    private struct ReactionRow {
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
        // Columns are read by name: the generic row decoder's key conversion cost more than the query.
        let rows = try await sql.raw(query).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        let reactions = try await sql.raw("""
            SELECT message_id, person_id, emoji FROM reactions WHERE message_id IN (\(binds: ids)) ORDER BY created_at
            """).all().map { r in
                ReactionRow(messageId: try r.decode(column: "message_id", as: UUID.self),
                            personId: try r.decode(column: "person_id", as: UUID.self), emoji: try r.decode(column: "emoji", as: String.self))
            }
        let byMessage = Dictionary(grouping: reactions, by: \.messageId)
        return try zip(ids, rows).map { id, r in
            let deletedAt = try r.decode(column: "deleted_at", as: Date?.self)
            let deleted = deletedAt != nil
            return MessageDTO(
                id: id, channelId: try r.decode(column: "channel_id", as: UUID.self), threadId: try r.decode(column: "thread_id", as: UUID?.self),
                seq: try r.decode(column: "seq", as: Int.self),
                author: PersonRef(id: try r.decode(column: "author_id", as: UUID.self), name: try r.decode(column: "author_name", as: String.self)),
                body: deleted ? "" : try r.decode(column: "body", as: String.self), html: deleted ? "" : try r.decode(column: "html", as: String.self),
                isQuestion: try r.decode(column: "is_question", as: Bool.self), replyCount: try r.decode(column: "reply_count", as: Int.self),
                lastReplyAt: try r.decode(column: "last_reply_at", as: Date?.self), createdAt: try r.decode(column: "created_at", as: Date.self),
                editedAt: try r.decode(column: "edited_at", as: Date?.self), deletedAt: deletedAt,
                pinnedAt: try r.decode(column: "pinned_at", as: Date?.self),
                reactions: deleted ? [] : ReactionDTO.grouped((byMessage[id] ?? []).map { ($0.emoji, $0.personId) }, viewer: viewer))
        }
    }
}
