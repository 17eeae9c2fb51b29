import Fluent
import Vapor
import LovnadCore

struct NotificationDTO: Content {
    let id: UUID
    let kind: String
    let text: String
    @NullEncoded var promiseId: UUID?
    /// The page the notice leads to, within this site.
    @NullEncoded var href: String?
    let createdAt: Date
    @NullEncoded var readAt: Date?
}

/// The notification centre's reading side and marking notifications read: one's own only.
enum NotificationQueries {
    /// Where the notice leads: its promise, or the page it names (always one of ours).
    static func link(_ n: AppNotification) -> String? {
        if let id = n.$promise.id { return SiteURL.promise(id).path }
        guard let href = n.parameters["href"], href.hasPrefix("/"), !href.hasPrefix("//") else { return nil }
        return href
    }

    static func text(_ n: AppNotification, _ t: Localizer) -> String {
        let p = n.parameters
        switch n.kind {
        case "mention": return t(.noteMention, ["author": p["author"] ?? "", "channel": p["channel"] ?? "", "text": p["text"] ?? ""])
        case "thread_reply": return t(.noteThreadReply, ["author": p["author"] ?? "", "channel": p["channel"] ?? "", "text": p["text"] ?? ""])
        case "norm_nudge": return t(.noteNormNudge, ["author": p["author"] ?? "", "channel": p["channel"] ?? "", "text": p["text"] ?? ""])
        case "promise_made": return t(.notePromiseMadeToYou, ["owner": p["owner"] ?? "", "text": p["text"] ?? "", "due": t.day(p["due"] ?? "")])
        case "promise_made_for_you": return t(.notePromiseMadeForYou, ["actor": p["actor"] ?? "", "text": p["text"] ?? "", "due": t.day(p["due"] ?? "")])
        case "staffed": return t(.noteStaffed, ["engagement": p["engagement"] ?? "", "role": p["role"] ?? ""])
        case "sign_off": return t(.noteSignOff, ["engagement": p["engagement"] ?? ""])
        case "question_routed": return t(.noteQuestionRouted, ["asker": p["asker"] ?? "", "title": p["title"] ?? ""])
        case "question_escalated": return t(.noteQuestionEscalated, ["asker": p["asker"] ?? "", "title": p["title"] ?? ""])
        case "question_on_skill": return t(.noteQuestionOnSkill, ["asker": p["asker"] ?? "", "title": p["title"] ?? ""])
        case "question_claimed": return t(.noteQuestionClaimed, ["person": p["person"] ?? "", "title": p["title"] ?? ""])
        case "question_answered": return t(.noteQuestionAnswered, ["person": p["person"] ?? "", "title": p["title"] ?? ""])
        case "answer_accepted": return t(.noteAnswerAccepted, ["title": p["title"] ?? ""])
        case "answers_to_check":
            let reason = p["reason"].flatMap(CheckReason.init(rawValue:)).map(t.checkReason) ?? ""
            if let title = p["title"] { return t(.noteAnswerToCheck, ["title": title, "reason": reason]) }
            return t(.noteAnswersToCheck, ["count": p["count"] ?? ""])
        default: break
        }
        let key: L
        switch PromiseReminders.Kind(rawValue: n.kind) {
        case .dueSoon: key = .notePromiseDueSoon
        case .dueToday: key = .notePromiseDueToday
        case .overdue: key = .notePromiseOverdue
        case .escalated: key = .notePromiseEscalated
        case nil: return n.kind
        }
        return t(key, ["text": p["text"] ?? "", "due": p["due"] ?? "", "owner": p["owner"] ?? ""])
    }

    static func list(personID: UUID, unreadOnly: Bool, page: ListPage, on db: any Database) async throws -> ([AppNotification], next: String?) {
        let query = AppNotification.query(on: db).filter(\.$person.$id == personID)
        if unreadOnly { query.filter(\.$readAt == nil) }
        return page.cut(try await query.keyset(page, by: .date("created_at"), .descending).all()) {
            ListPage.Position(key: KeysetKey.cursorKey(of: $0.createdAt), id: $0.id!.uuidString)
        }
    }

    static func unreadCount(personID: UUID, on db: any Database) async throws -> Int {
        try await AppNotification.query(on: db).filter(\.$person.$id == personID).filter(\.$readAt == nil).count()
    }

    static func dto(_ n: AppNotification, _ t: Localizer) -> NotificationDTO {
        NotificationDTO(id: n.id!, kind: n.kind, text: text(n, t), promiseId: n.$promise.id, href: link(n), createdAt: n.createdAt, readAt: n.readAt)
    }
}
