import Fluent
import SQLKit
import Vapor
import LovnadCore

/// What the top of a person's home page holds: what they owe this week, their engagements, and what
/// waits for them (a handover to sign off, mentions not yet read, questions in their channels nobody has answered).
enum HomeQueries {
    struct Owed { let id: UUID; let text: String; let due: Day; let overdue: Bool }
    struct EngagementLine { let id: UUID; let title: String; let status: EngagementStatus }
    struct Question { let id: UUID; let channelID: UUID; let channelName: String; let body: String; let dueAt: Date? }

    struct MyWeek {
        var owed: [Owed] = []
        var engagements: [EngagementLine] = []
        var signOffs: [EngagementLine] = []
        var mentions: [AppNotification] = []
        var questions: [Question] = []
        var waiting: Int { signOffs.count + mentions.count + questions.count }
    }

    static let shown = 5

    static func myWeek(for user: CurrentUser, today: Day, now: Date, on db: any Database) async throws -> MyWeek {
        var week = MyWeek()
        let weekEnd = today.weekStart.adding(days: 6)
        week.owed = try await Promise.query(on: db).filter(\.$owner.$id == user.id).filter(\.$state == PromiseState.made.rawValue)
            .filter(\.$dueDay <= weekEnd.ordinal).sort(\.$dueDay).sort(\.$id).limit(shown).all()
            .map { Owed(id: $0.id!, text: $0.text, due: Day(ordinal: $0.dueDay), overdue: $0.dueDay < today.ordinal) }
        // Titles and statuses only: the engagement list's customers and people are not shown here.
        let mine = try await EngagementVisibility.onlyOnes(Engagement.query(on: db), on: user)
            .sort(\.$updatedAt, .descending).sort(\.$id).all()
            .filter { !(EngagementStatus(rawValue: $0.status)?.isFinal ?? true) }
        week.engagements = mine.prefix(shown).map { EngagementLine(id: $0.id!, title: $0.title, status: EngagementStatus(rawValue: $0.status) ?? .lead) }
        for e in mine where e.$deliveryLead.id == user.id && e.status == EngagementStatus.handover.rawValue {
            let state = try await HandoverQueries.state(of: e.id!, on: db)
            if state.revision > 0, !state.signedOffCurrent { week.signOffs.append(EngagementLine(id: e.id!, title: e.title, status: .handover)) }
        }
        week.mentions = try await AppNotification.query(on: db).filter(\.$person.$id == user.id).filter(\.$kind == "mention")
            .filter(\.$readAt == nil).sort(\.$createdAt, .descending).limit(shown).all()
        struct Row: Decodable {
            let id: UUID, channelId: UUID, channelName: String, body: String, normDueAt: Date?
            enum CodingKeys: String, CodingKey { case id, channelId = "channel_id", channelName = "channel_name", body, normDueAt = "norm_due_at" }
        }
        // Questions of the last week in the channels they belong to, unanswered, the most pressing first:
        // the first few of each channel by its index of unanswered questions (sorting all of a busy
        // channel's open questions was most of the home page), then the first few of those. A question's
        // norm runs out after it was asked, so the week bounds the index's range too.
        let weekAgo = now.addingTimeInterval(-7 * 24 * 3600)
        week.questions = try await (db as! any SQLDatabase).raw("""
            SELECT m.id, m.channel_id, c.name AS channel_name, m.body, m.norm_due_at FROM channel_members cm
            JOIN messages m ON m.id IN (
                SELECT q.id FROM messages q
                WHERE q.channel_id = cm.channel_id AND q.is_question = true AND q.thread_id IS NULL AND q.deleted_at IS NULL
                  AND q.first_reply_at IS NULL AND q.norm_due_at >= \(bind: weekAgo) AND q.created_at >= \(bind: weekAgo)
                  AND q.author_id <> \(bind: user.id)
                ORDER BY q.norm_due_at, q.id LIMIT \(unsafeRaw: String(shown)))
            JOIN channels c ON c.id = m.channel_id
            WHERE cm.person_id = \(bind: user.id)
            ORDER BY m.norm_due_at, m.id LIMIT \(bind: shown)
            """).all(decoding: Row.self).map {
                Question(id: $0.id, channelID: $0.channelId, channelName: $0.channelName, body: $0.body, dueAt: $0.normDueAt)
            }
        return week
    }
}
