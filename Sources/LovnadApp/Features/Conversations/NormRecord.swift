import Fluent
import Synchronization
import SQLKit
import Vapor

/// How well a channel met its response norm over the last 30 days: questions asked (answered, or past
/// their deadline) and answered in time. A question's outcome is settled once its deadline has passed,
/// so whole days whose every deadline has passed are counted once and kept; only the first, partial day
/// of the window and the days still open are counted on each read. A busy channel's 100,000 questions
/// took 30–100 ms to count on every view of it.
final class NormRecord: Sendable {
    struct Counts: Equatable, Sendable {
        var asked = 0, met = 0
        static func + (a: Counts, b: Counts) -> Counts { Counts(asked: a.asked + b.asked, met: a.met + b.met) }
    }
    private struct Day { let counts: Counts; let lastDeadline: Date?; let countedAt: Date }
    private let days = Mutex<[UUID: [Int: Day]]>([:])
    static let window: TimeInterval = 30 * 24 * 3600
    private static let day: TimeInterval = 24 * 3600
    /// Kept days are counted again after this, so a deletion or an import on another instance shows up.
    private static let keptFor: TimeInterval = 15 * 60

    func counts(channelID: UUID, now: Date, on db: any Database) async throws -> Counts {
        let since = now.addingTimeInterval(-Self.window)
        let firstWholeDay = Int((since.timeIntervalSince1970 / Self.day).rounded(.up))
        let today = Int((now.timeIntervalSince1970 / Self.day).rounded(.down))
        func start(_ day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * Self.day) }
        var total = try await Self.count(channelID, from: since, to: start(firstWholeDay), now: now, on: db).counts
        var day = firstWholeDay
        while day < today {
            let kept = days.withLock { $0[channelID]?[day] }.flatMap { kept in
                (kept.lastDeadline.map { $0 < now } ?? true) && now.timeIntervalSince(kept.countedAt) < Self.keptFor ? kept : nil
            }
            if let kept {
                total = total + kept.counts
            } else {
                let counted = try await Self.count(channelID, from: start(day), to: start(day + 1), now: now, on: db)
                guard counted.lastDeadline.map({ $0 < now }) ?? true else { break }
                total = total + counted.counts
                let settled = Day(counts: counted.counts, lastDeadline: counted.lastDeadline, countedAt: now)
                days.withLock { $0[channelID, default: [:]][day] = settled }
            }
            day += 1
        }
        days.withLock { kept in kept[channelID] = kept[channelID]?.filter { $0.key >= firstWholeDay } }
        return total + (try await Self.count(channelID, from: start(day), to: nil, now: now, on: db).counts)
    }

    /// Forgets what was kept of a channel (a question in it was deleted).
    func forget(_ channelID: UUID) { _ = days.withLock { $0.removeValue(forKey: channelID) } }

    private struct Row: Decodable { let asked: Int?; let met: Int?; let lastDeadline: Date? }

    private static func count(_ channelID: UUID, from: Date, to: Date?, now: Date,
                              on db: any Database) async throws -> (counts: Counts, lastDeadline: Date?) {
        let sql = db as! any SQLDatabase
        let row = try await sql.raw("""
            SELECT SUM(CASE WHEN first_reply_at IS NOT NULL OR norm_due_at < \(bind: now) THEN 1 ELSE 0 END) AS asked,
                   SUM(CASE WHEN first_reply_at IS NOT NULL AND first_reply_at <= norm_due_at THEN 1 ELSE 0 END) AS met,
                   MAX(CASE WHEN first_reply_at IS NULL THEN norm_due_at END) AS last_deadline
            FROM messages WHERE channel_id = \(bind: channelID) AND is_question = true AND thread_id IS NULL
            AND deleted_at IS NULL AND created_at >= \(bind: from)\(to.map { SQLQueryString(" AND created_at < \(bind: $0)") } ?? "")
            """).first(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return (Counts(asked: row?.asked ?? 0, met: row?.met ?? 0), row?.lastDeadline)
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
