import Foundation

/// What happens to a question nobody answers: when its norm passes, the next few who know are asked; when
/// it passes again, the leader of the asker's department. Someone saying "I'm on it" holds the next step
/// back by one norm from then. An answer ends it.
public enum QuestionEscalation {
    public enum Step: Int, Sendable, Codable, CaseIterable {
        /// The first people asked, when it was posted.
        case routed = 0
        /// The next few, after the norm passed.
        case moreExperts = 1
        /// The asker's department leader, after it passed again.
        case departmentLeader = 2

        public var next: Step? { Step(rawValue: rawValue + 1) }
    }

    /// When the step after `step` is due, counted from `since` (when the current step began, or the latest
    /// claim); nil when there is no further step.
    public static func nextStepAt(after step: Step, since: Date, need: QuestionNeed, in zone: TimeZone) -> Date? {
        guard step.next != nil else { return nil }
        return need.dueAt(askedAt: since, in: zone)
    }
}
