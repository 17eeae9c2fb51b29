import Foundation

/// Why an accepted answer should be checked again by its verifier.
public enum CheckReason: String, Sendable, Codable, CaseIterable {
    /// Its check period passed.
    case periodPassed = "period_passed"
    /// Its author left.
    case authorLeft = "author_left"
    /// The engagement it came from closed.
    case engagementClosed = "engagement_closed"
    /// A skill on it was renamed.
    case skillRenamed = "skill_renamed"
    /// A skill on it was merged into another.
    case skillMerged = "skill_merged"
}

/// Keeping accepted answers true: each has one accountable verifier, and is to be checked when its period
/// has passed since it was last confirmed, or when something it rests on changed.
public enum KnowledgeCheck {
    public static let defaultPeriodDays = 180

    /// Why the answer needs a check now, if it does: a recorded event first, else the period.
    public static func reason(lastConfirmedAt: Date, flagged: CheckReason?, now: Date, periodDays: Int = defaultPeriodDays) -> CheckReason? {
        if let flagged { return flagged }
        return now >= dueAt(lastConfirmedAt: lastConfirmedAt, periodDays: periodDays) ? .periodPassed : nil
    }

    public static func dueAt(lastConfirmedAt: Date, periodDays: Int = defaultPeriodDays) -> Date {
        lastConfirmedAt.addingTimeInterval(Double(max(1, periodDays)) * 24 * 3600)
    }

    /// The accountable verifier: the author while they are active, else the best-ranked active expert on
    /// the answer's skills who is not the author; nil when there is nobody.
    public static func verifier<ID: Equatable>(author: ID, authorActive: Bool, experts: [ID]) -> ID? {
        authorActive ? author : experts.first { $0 != author }
    }
}
