/// When a made promise reminds whom: its owner some working days before the due date, on the due date
/// and when it is overdue (the next working day), and the owner's leader some working days after that.
public enum PromiseReminders {
    public enum Kind: String, Codable, CaseIterable, Sendable {
        case dueSoon = "promise_due_soon", dueToday = "promise_due_today", overdue = "promise_overdue"
        case escalated = "promise_escalated"

        /// Reminders that are pointless once their day has gone by (the next one says more).
        public var goesStale: Bool { self == .dueSoon || self == .dueToday }
    }

    public struct Reminder: Equatable, Sendable {
        public let kind: Kind
        public let day: Day
        public init(kind: Kind, day: Day) { self.kind = kind; self.day = day }
    }

    /// The reminders for a promise due on `due`, leaving out those whose day is before `today`.
    public static func schedule(due: Day, today: Day, workingDaysBefore: Int = 2, escalateAfterWorkingDays: Int = 2) -> [Reminder] {
        let overdue = WorkingDays.adding(1, to: due)
        let all = [
            Reminder(kind: .dueSoon, day: WorkingDays.adding(-workingDaysBefore, to: due)),
            Reminder(kind: .dueToday, day: due),
            Reminder(kind: .overdue, day: overdue),
            Reminder(kind: .escalated, day: WorkingDays.adding(escalateAfterWorkingDays, to: overdue)),
        ]
        return all.filter { $0.day >= today && !($0.kind == .dueSoon && $0.day >= due) }
    }

    /// Whether a reminder still applies when its job runs on `today`.
    public static func applies(_ reminder: Reminder, state: PromiseState, today: Day) -> Bool {
        guard state == .made else { return false }
        if reminder.kind.goesStale && today > reminder.day { return false }
        return true
    }
}
