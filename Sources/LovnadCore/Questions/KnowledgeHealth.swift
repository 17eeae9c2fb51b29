import Foundation

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
    /// The level from which someone counts as covering a skill.
    public static let expertLevel = 3

    /// A skill nobody active holds at `expertLevel` or above.
    public static func isUncovered(experts: Int) -> Bool { experts == 0 }

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
