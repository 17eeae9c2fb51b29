import Fluent
import SQLKit
import Vapor

/// The one writer of messages, for posting and for imports alike: the statements of one batch inside the
/// caller's write — the messages, their numbers, mentions, reply counts and follows; for posted messages
/// also read marks, norm jobs, the mentioned people's notices and every live event.
enum PostingActions {
    enum Origin {
        /// Posted now: followed by live events, notices and norm reminders.
        case posted
        /// The past, brought by an import: no events, notices or reminders; the import sets read marks.
        case imported
    }

    private struct SeqRow: Decodable { let last_seq: Int }

    /// One result per draft, in order: the message, or why it could not be written (its channel is gone).
    static func write(_ drafts: [MessageDraft], _ ctx: WriteContext, as origin: Origin) async throws -> [Result<MessageDTO, any Error>] {
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
        var written: [(MessageDraft, Int)] = []
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
        // Writing follows the thread (one's own root too) and reads it up to one's message.
        var follows: [String: (thread: UUID, person: UUID, seq: Int)] = [:]
        for (d, seq) in written {
            let thread = d.threadID ?? d.id
            follows["\(thread)/\(d.author.id)"] = (thread, d.author.id, max(seq, follows["\(thread)/\(d.author.id)"]?.seq ?? 0))
        }
        try await follow(Array(follows.values), on: sql)
        for (draft, _) in written {
            guard let root = draft.threadID else { continue }
            try await sql.raw("""
                UPDATE messages SET reply_count = reply_count + 1, last_reply_at = \(bind: draft.now),
                first_reply_at = CASE WHEN first_reply_at IS NULL AND author_id <> \(bind: draft.author.id) THEN \(bind: draft.now) ELSE first_reply_at END
                WHERE id = \(bind: root)
                """).run()
            // Its followers' feeds find the thread by this.
            try await sql.raw("UPDATE thread_follows SET last_reply_at = \(bind: draft.now) WHERE thread_id = \(bind: root)").run()
        }
        // Imported history has no events to name it; the search index takes it from the write itself.
        guard origin == .posted else {
            ctx.reindex(.message, written.map(\.0.id))
            return results
        }

        let roots = written.filter { $0.0.threadID == nil }
        if !roots.isEmpty { try await markRead(roots.map { ($0.0.channelID, $0.0.author.id, $0.1) }, on: sql) }
        for (draft, _) in written {
            if let due = draft.normDueAt, let nudge = draft.nudgeAt {
                try await ctx.enqueue(kind: ResponseNormJobs.nudgeKind, payload: LiveJSON.string(["message_id": draft.id.uuidString]),
                                      runAt: min(nudge, due))
            }
        }
        for case .success(let message) in results {
            ctx.emit(LiveEventDraft(type: .messageCreated, channelID: message.channelId, personID: nil, payload: .message(message)))
        }
        for (draft, _) in written where !draft.told.isEmpty {
            try await MessageActions.tellMentioned(draft.told, messageID: draft.id, body: draft.body, channelID: draft.channelID, threadID: draft.threadID,
                                                   channelName: draft.channelName, authorName: draft.author.name, ctx)
        }
        // One look per thread: a second reply in the batch finds the notices the first left.
        var toldThreads: Set<UUID> = []
        for (draft, _) in written {
            guard let thread = draft.threadID, toldThreads.insert(thread).inserted else { continue }
            try await MessageActions.tellFollowers(of: thread, reply: draft, except: Set(draft.told), ctx)
        }
        return results
    }

    /// Follows threads, or moves an existing follow's read mark forward (never back), in one statement.
    static func follow(_ follows: [(thread: UUID, person: UUID, seq: Int)], on sql: any SQLDatabase) async throws {
        guard !follows.isEmpty else { return }
        var values: SQLQueryString = ""
        for (i, f) in follows.enumerated() {
            values = values + (i == 0 ? "" : ", ") + "(\(bind: UUID()), \(bind: f.thread), \(bind: f.person), \(bind: f.seq))"
        }
        try await sql.raw("INSERT INTO thread_follows (id, thread_id, person_id, last_read_seq) VALUES " + values + """
             ON CONFLICT (thread_id, person_id) DO UPDATE SET last_read_seq = CASE
            WHEN excluded.last_read_seq > thread_follows.last_read_seq THEN excluded.last_read_seq ELSE thread_follows.last_read_seq END
            """).run()
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
