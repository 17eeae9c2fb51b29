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

/// Numbers of a skill's questions for knowledge health.
public struct QuestionTimes: Sendable, Equatable {
    public let askedAt: Date
    public let dueAt: Date
    public let firstAnswerAt: Date?
    public let acceptedAt: Date?

    public init(askedAt: Date, dueAt: Date, firstAnswerAt: Date?, acceptedAt: Date?) {
        self.askedAt = askedAt
        self.dueAt = dueAt
        self.firstAnswerAt = firstAnswerAt
        self.acceptedAt = acceptedAt
    }
}

public struct KnowledgeHealth: Sendable, Equatable {
    public let asked: Int
    /// Share answered by the time the asker needed it; nil when nothing was asked.
    public let answeredInTime: Double?
    public let medianMinutesToFirstAnswer: Int?
    public let medianMinutesToAccepted: Int?

    public init(_ questions: [QuestionTimes]) {
        asked = questions.count
        let inTime = questions.filter { q in q.firstAnswerAt.map { $0 <= q.dueAt } ?? false }.count
        answeredInTime = ResponseNorm.share(met: inTime, of: questions.count)
        medianMinutesToFirstAnswer = Self.median(questions.compactMap { q in q.firstAnswerAt.map { $0.timeIntervalSince(q.askedAt) / 60 } })
        medianMinutesToAccepted = Self.median(questions.compactMap { q in q.acceptedAt.map { $0.timeIntervalSince(q.askedAt) / 60 } })
    }

    /// The middle value in whole minutes (the lower of the two middles for an even count); nil for none.
    public static func median(_ minutes: [Double]) -> Int? {
        guard !minutes.isEmpty else { return nil }
        let sorted = minutes.sorted()
        return Int(sorted[(sorted.count - 1) / 2].rounded())
    }
}
