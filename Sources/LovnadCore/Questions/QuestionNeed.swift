import Foundation

/// When an asker needs the answer: each a response norm in working time, as a channel's is
/// (`ResponseNorm`), which routing escalates by and knowledge health measures against.
public enum QuestionNeed: String, Sendable, CaseIterable, Codable {
    case hour
    case today
    case week

    /// Working minutes until the answer is due: an hour, a working day, five working days.
    public var workingMinutes: Int {
        switch self {
        case .hour: return 60
        case .today: return 8 * 60
        case .week: return 5 * 8 * 60
        }
    }

    public func dueAt(askedAt: Date, in zone: TimeZone) -> Date {
        ResponseNorm.deadline(from: askedAt, workingMinutes: workingMinutes, in: zone)
    }
}
