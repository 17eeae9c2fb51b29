import Foundation
import Vapor
import LovnadCore

/// When accepted answers fall due for a check: the moment read and the period set (`LOVNAD_KNOWLEDGE_CHECK_DAYS`).
struct CheckPeriod: Sendable {
    let now: Date
    let days: Int

    init(now: Date, days: Int) {
        self.now = now
        self.days = days
    }

    init(_ req: Request) {
        self.init(now: req.now, days: req.application.settings.knowledgeCheckDays)
    }

    /// Answers last confirmed at or before this are due.
    var cutoff: Date { now.addingTimeInterval(-Double(max(1, days)) * 86400) }

    /// Why the answer waits for its verifier, if it does: only accepted answers still standing do.
    func reason(_ a: Answer) -> CheckReason? {
        guard let confirmed = a.confirmedAt, a.outdatedAt == nil else { return nil }
        return KnowledgeCheck.reason(lastConfirmedAt: confirmed, flagged: a.checkReason.flatMap(CheckReason.init(rawValue:)), now: now, periodDays: days)
    }

    func dueAt(_ a: Answer) -> Date? {
        guard let confirmed = a.confirmedAt, a.outdatedAt == nil else { return nil }
        return KnowledgeCheck.dueAt(lastConfirmedAt: confirmed, periodDays: days)
    }
}
