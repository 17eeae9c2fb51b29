import Fluent
import SQLKit
import Vapor

/// The statements of one batch of posts, inside the caller's write: the messages, their numbers,
/// mentions, follows, read marks, norm jobs, the mentioned people's notices and every live event.
enum PostingActions {
    private struct SeqRow: Decodable { let last_seq: Int }

    /// One result per draft, in order: the message, or why it could not be written (its channel is gone).
    static func write(_ drafts: [PostQueue.Draft], _ ctx: WriteContext) async throws -> [Result<MessageDTO, any Error>] {
        let db = ctx.db
        let sql = ctx.sql
        // Numbers: one statement per channel takes as many as the channel has messages in the batch
        // (and on PostgreSQL locks the channel's row to commit, so numbers follow commit order).
        var seqs: [UUID: Int] = [:]
        var firstSeq: [UUID: Int] = [:]
        var order: [UUID] = []
        for draft in drafts where seqs[draft.channelID] == nil {
            seqs[draft.channelID] = 0
            order.append(draft.channelID)
        }
        for channelID in order {
            let count = drafts.filter { $0.channelID == channelID }.count
            let latest = drafts.last { $0.channelID == channelID }!.now
            if let last = try await sql.raw("""
                UPDATE channels SET last_seq = last_seq + \(bind: count), last_message_at = \(bind: latest) WHERE id = \(bind: channelID) RETURNING last_seq
                """).first(decoding: SeqRow.self)?.last_seq {
                firstSeq[channelID] = last - count + 1
            }
        }
        var written: [(PostQueue.Draft, Int)] = []
        var results: [Result<MessageDTO, any Error>] = []
        for draft in drafts {
            guard let first = firstSeq[draft.channelID] else {
                results.append(.failure(AppError.notFound("No such channel")))
                continue
            }
            let seq = first + seqs[draft.channelID]!
            seqs[draft.channelID]! += 1
            written.append((draft, seq))
            results.append(.success(MessageReader.dto(
                id: draft.id, channelID: draft.channelID, threadID: draft.threadID, seq: seq, author: draft.author, body: draft.body,
                html: draft.html, isQuestion: draft.isQuestion, replyCount: 0, lastReplyAt: nil, createdAt: draft.now, editedAt: nil,
                deletedAt: nil, pinnedAt: nil, reactions: [], viewer: draft.author.id)))
        }
        guard !written.isEmpty else { return results }

        try await sql.insert(into: "messages")
            .columns("id", "channel_id", "seq", "thread_id", "author_id", "body", "html", "is_question", "reply_count", "norm_due_at", "created_at")
            .rows(binding: written.map { d, seq in
                [d.id, d.channelID, seq, d.threadID, d.author.id, d.body, d.html, d.isQuestion, 0, d.normDueAt, d.now] as [any Encodable & Sendable]
            })
            .run()
        let mentions = written.flatMap { d, seq in d.mentioned.map { [UUID(), d.id, $0, d.channelID, seq] as [any Encodable & Sendable] } }
        if !mentions.isEmpty {
            try await sql.insert(into: "message_mentions").columns("id", "message_id", "person_id", "channel_id", "seq").rows(binding: mentions).run()
        }
        // Writing follows the thread (one's own root too) and reads everything up to one's message.
        let roots = written.filter { $0.0.threadID == nil }
        if !roots.isEmpty {
            try await sql.insert(into: "thread_follows").columns("id", "thread_id", "person_id", "last_read_seq")
                .rows(binding: roots.map { d, seq in [UUID(), d.id, d.author.id, seq] as [any Encodable & Sendable] })
                .run()
            try await markRead(roots.map { ($0.0.channelID, $0.0.author.id, $0.1) }, on: sql)
        }
        for (draft, seq) in written {
            if let root = draft.threadID {
                try await sql.raw("""
                    UPDATE messages SET reply_count = reply_count + 1, last_reply_at = \(bind: draft.now),
                    first_reply_at = CASE WHEN first_reply_at IS NULL AND author_id <> \(bind: draft.author.id) THEN \(bind: draft.now) ELSE first_reply_at END
                    WHERE id = \(bind: root)
                    """).run()
                try await MessageActions.follow(threadID: root, personID: draft.author.id, readUpTo: seq, on: db)
            }
            if let due = draft.normDueAt, let nudge = draft.nudgeAt {
                try await ctx.enqueue(kind: ResponseNormJobs.nudgeKind, payload: LiveJSON.string(["message_id": draft.id.uuidString]),
                                      runAt: min(nudge, due))
            }
        }
        for case .success(let message) in results {
            ctx.emit(LiveEventDraft(type: .messageCreated, channelID: message.channelId, personID: nil, payload: .message(message)))
        }
        for (draft, _) in written where !draft.told.isEmpty {
            try await MessageActions.tellMentioned(draft.told, messageID: draft.id, body: draft.body, channelID: draft.channelID,
                                                   channelName: draft.channelName, authorName: draft.author.name, ctx)
        }
        return results
    }

    /// Each author's read mark in each channel moves to their latest message of the batch, in one statement.
    private static func markRead(_ marks: [(channelID: UUID, personID: UUID, seq: Int)], on sql: any SQLDatabase) async throws {
        var latest: [String: (UUID, UUID, Int)] = [:]
        for m in marks { latest["\(m.channelID)/\(m.personID)"] = (m.channelID, m.personID, max(m.seq, latest["\(m.channelID)/\(m.personID)"]?.2 ?? 0)) }
        var cases: SQLQueryString = "CASE"
        for (channelID, personID, seq) in latest.values {
            cases = cases + " WHEN channel_id = \(bind: channelID) AND person_id = \(bind: personID) THEN \(bind: seq)"
        }
        cases = cases + " ELSE last_read_seq END"
        let channels = Array(Set(marks.map(\.channelID)))
        let people = Array(Set(marks.map(\.personID)))
        try await sql.raw("UPDATE channel_members SET last_read_seq = " + cases
                          + " WHERE channel_id IN (\(binds: channels)) AND person_id IN (\(binds: people))").run()
    }
}
