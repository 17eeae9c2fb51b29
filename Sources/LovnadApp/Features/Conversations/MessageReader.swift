import Fluent
import SQLKit
import Vapor

/// The one way messages are read for display: one column list, one row → DTO mapper, for channel pages,
/// threads, pins, the feed and single messages alike, so a message looks the same wherever it appears.
/// Plain rows read by column: Fluent models cost about a quarter of a millisecond a message (reflection
/// and generic metadata), which put a channel's latest 50 over its 20 ms goal.
enum MessageReader {
    private static let columns: SQLQueryString = """
        SELECT m.id AS id, m.channel_id AS channel_id, m.seq AS seq, m.thread_id AS thread_id, m.author_id AS author_id,
        p.name AS author_name, m.body AS body, m.html AS html, m.is_question AS is_question, m.reply_count AS reply_count,
        m.last_reply_at AS last_reply_at, m.created_at AS created_at, m.edited_at AS edited_at, m.deleted_at AS deleted_at,
        m.pinned_at AS pinned_at
        FROM messages m JOIN people p ON p.id = m.author_id
        """

    /// Root messages of a channel in the window's order.
    static func roots(channelID: UUID, window: ConversationQueries.Window, limit: Int, viewer: UUID,
                      on db: any Database) async throws -> [MessageDTO] {
        let channel: SQLQueryString = "m.channel_id = \(bind: channelID) AND m.thread_id IS NULL"
        switch window {
        case .latest: return try await read(channel, order: "m.seq DESC", limit: limit, viewer: viewer, on: db)
        case .before(let seq): return try await read(channel + " AND m.seq < \(bind: seq)", order: "m.seq DESC", limit: limit, viewer: viewer, on: db)
        case .after(let seq): return try await read(channel + " AND m.seq > \(bind: seq)", order: "m.seq ASC", limit: limit, viewer: viewer, on: db)
        }
    }

    /// A thread's replies, oldest first.
    static func replies(to threadID: UUID, viewer: UUID, on db: any Database) async throws -> [MessageDTO] {
        try await read("m.thread_id = \(bind: threadID)", order: "m.seq ASC", limit: nil, viewer: viewer, on: db)
    }

    /// A channel's pinned messages, latest pin first.
    static func pinned(in channelID: UUID, limit: Int, viewer: UUID, on db: any Database) async throws -> [MessageDTO] {
        try await read("m.channel_id = \(bind: channelID) AND m.pinned_at IS NOT NULL", order: "m.pinned_at DESC", limit: limit,
                       viewer: viewer, on: db)
    }

    /// The messages with these ids, in the order given (those that no longer exist left out).
    static func messages(_ ids: [UUID], viewer: UUID, on db: any Database) async throws -> [MessageDTO] {
        guard !ids.isEmpty else { return [] }
        let read = try await read("m.id IN (\(binds: ids))", order: "m.seq ASC", limit: nil, viewer: viewer, on: db)
        let byID = Dictionary(read.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byID[$0] }
    }

    static func message(_ id: UUID, viewer: UUID, on db: any Database) async throws -> MessageDTO {
        guard let message = try await messages([id], viewer: viewer, on: db).first else { throw AppError.notFound("No such message") }
        return message
    }

    private static func read(_ condition: SQLQueryString, order: SQLQueryString, limit: Int?, viewer: UUID,
                             on db: any Database) async throws -> [MessageDTO] {
        let sql = db as! any SQLDatabase
        let limited: SQLQueryString = limit.map { " LIMIT \(literal: $0)" } ?? ""
        let rows = try await sql.raw(columns + " WHERE " + condition + " ORDER BY " + order + limited).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.uuid("id") }
        let reactions = try await sql.raw("""
            SELECT message_id, person_id, emoji FROM reactions WHERE message_id IN (\(binds: ids)) ORDER BY created_at
            """).all().map { r in
                (message: try r.uuid("message_id"),
                 emoji: try r.decode(column: "emoji", as: String.self), personID: try r.uuid("person_id"))
            }
        let byMessage = Dictionary(grouping: reactions, by: \.message)
        return try zip(ids, rows).map { id, r in
            try dto(id: id, channelID: r.uuid("channel_id"), threadID: r.optionalUUID("thread_id"),
                    seq: r.decode(column: "seq", as: Int.self),
                    author: PersonRef(id: r.uuid("author_id"), name: r.decode(column: "author_name", as: String.self)),
                    body: r.decode(column: "body", as: String.self), html: r.decode(column: "html", as: String.self),
                    isQuestion: r.decode(column: "is_question", as: Bool.self), replyCount: r.decode(column: "reply_count", as: Int.self),
                    lastReplyAt: r.decode(column: "last_reply_at", as: Date?.self), createdAt: r.decode(column: "created_at", as: Date.self),
                    editedAt: r.decode(column: "edited_at", as: Date?.self), deletedAt: r.decode(column: "deleted_at", as: Date?.self),
                    pinnedAt: r.decode(column: "pinned_at", as: Date?.self),
                    reactions: (byMessage[id] ?? []).map { ($0.emoji, $0.personID) }, viewer: viewer)
        }
    }

    /// The mapper: what a reader sees of a message (a deleted one is a tombstone without text or reactions).
    /// Posting uses it too, for the message it has just written.
    static func dto(id: UUID, channelID: UUID, threadID: UUID?, seq: Int, author: PersonRef, body: String, html: String,
                    isQuestion: Bool, replyCount: Int, lastReplyAt: Date?, createdAt: Date, editedAt: Date?, deletedAt: Date?,
                    pinnedAt: Date?, reactions: [(emoji: String, personID: UUID)], viewer: UUID?) -> MessageDTO {
        let deleted = deletedAt != nil
        return MessageDTO(id: id, channelId: channelID, threadId: threadID, seq: seq, author: author,
                          body: deleted ? "" : body, html: deleted ? "" : html, isQuestion: isQuestion, replyCount: replyCount,
                          lastReplyAt: lastReplyAt, createdAt: createdAt, editedAt: editedAt, deletedAt: deletedAt, pinnedAt: pinnedAt,
                          reactions: deleted ? [] : ReactionDTO.grouped(reactions, viewer: viewer))
    }
}
