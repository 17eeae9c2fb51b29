import Fluent
import Synchronization
import SQLKit
import Vapor

/// How well a channel met its response norm over the last 30 days: questions asked (answered, or past
/// their deadline) and answered in time. Counting a busy channel's 100,000 questions takes 30 ms even
/// from a covering index, so each instance keeps a channel's record for a minute (a deleted question
/// leaves it at once); a 30-day share does not need to be newer than that.
final class NormRecord: Sendable {
    struct Counts: Equatable, Sendable { var asked = 0, met = 0 }
    private struct Kept { let counts: Counts; let countedAt: Date }
    private let kept = Mutex<[UUID: Kept]>([:])
    static let window: TimeInterval = 30 * 24 * 3600
    static let keptFor: TimeInterval = 60

    func counts(channelID: UUID, now: Date, on db: any Database) async throws -> Counts {
        if let kept = kept.withLock({ $0[channelID] }), kept.countedAt <= now, now.timeIntervalSince(kept.countedAt) < Self.keptFor {
            return kept.counts
        }
        let counts = try await Self.count(channelID, now: now, on: db)
        kept.withLock { $0[channelID] = Kept(counts: counts, countedAt: now) }
        return counts
    }

    /// Forgets a channel's record (a question in it was deleted).
    func forget(_ channelID: UUID) { _ = kept.withLock { $0.removeValue(forKey: channelID) } }

    private struct Row: Decodable { let asked: Int?; let met: Int? }

    /// Counted by the database from the questions' own covering index (`messages_question_outcomes`).
    private static func count(_ channelID: UUID, now: Date, on db: any Database) async throws -> Counts {
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("""
            SELECT SUM(CASE WHEN first_reply_at IS NOT NULL OR norm_due_at < \(bind: now) THEN 1 ELSE 0 END) AS asked,
                   SUM(CASE WHEN first_reply_at IS NOT NULL AND first_reply_at <= norm_due_at THEN 1 ELSE 0 END) AS met
            FROM messages WHERE channel_id = \(bind: channelID) AND is_question = true AND thread_id IS NULL
            AND deleted_at IS NULL AND created_at >= \(bind: now.addingTimeInterval(-window))
            """).first(decoding: Row.self)
        return Counts(asked: row?.asked ?? 0, met: row?.met ?? 0)
    }
}

extension Application {
    private struct NormRecordKey: StorageKey { typealias Value = NormRecord }
    var normRecord: NormRecord {
        if let kept = storage[NormRecordKey.self] { return kept }
        let made = NormRecord()
        storage[NormRecordKey.self] = made
        return made
    }
}
