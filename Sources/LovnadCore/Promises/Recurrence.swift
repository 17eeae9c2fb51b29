/// A recurring promise ("a 1:1 every second week"): each occurrence is a promise of its own, kept or
/// broken one by one. Occurrences are laid out up front, up to an end date within a year.
public struct Recurrence: Codable, Sendable, Equatable {
    public enum Unit: String, Codable, CaseIterable, Sendable { case week, month }

    public static let maximumSpanDays = 366

    public var every: Int
    public var unit: Unit
    public var until: Day

    public init(every: Int, unit: Unit, until: Day) { self.every = every; self.unit = unit; self.until = until }

    /// Problems with this recurrence for a first due date, by field name.
    public func issues(first: Day) -> [String: FieldIssue] {
        var issues: [String: FieldIssue] = [:]
        if !(1...12).contains(every) { issues["recurrence.every"] = .length(min: 1, max: 12) }
        if until < first { issues["recurrence.until"] = .endBeforeStart }
        else if first.days(until: until) > Self.maximumSpanDays { issues["recurrence.until"] = .withinAYear }
        return issues
    }

    /// The due dates from `first` up to `until` (at most 53, since the span is within a year).
    public func occurrences(first: Day) -> [Day] {
        guard issues(first: first).isEmpty else { return [first] }
        var days: [Day] = []
        while case let next = day(number: days.count, from: first), next <= until { days.append(next) }
        return days
    }

    private func day(number n: Int, from first: Day) -> Day {
        switch unit {
        case .week:
            return first.adding(days: 7 * every * n)
        case .month:
            let months = first.month - 1 + every * n
            let year = first.year + months / 12, month = months % 12 + 1
            return Day(unchecked: year, month, min(first.day, Day.length(ofMonth: month, in: year)))
        }
    }
}

extension Recurrence {
    /// How a series is stored beside its promises: "2 week → 2027-06-04".
    public var storedText: String { "\(every) \(unit.rawValue) → \(until)" }

    /// A stored series text read back; nil when it is not one.
    public init?(storedText: String) {
        let parts = storedText.split(separator: " ")
        guard parts.count == 4, parts[2] == "→", let every = Int(parts[0]), let unit = Unit(rawValue: String(parts[1])),
              let until = Day(String(parts[3])) else { return nil }
        self.init(every: every, unit: unit, until: until)
    }
}

extension Localizer {
    /// "hver 2. uke til 4. juni 2027", "every month until 4 June 2027".
    public func recurrence(_ r: Recurrence) -> String {
        let key: L = switch (r.unit, r.every == 1) {
        case (.week, true): .recurEveryWeek
        case (.week, false): .recurEveryNWeeks
        case (.month, true): .recurEveryMonth
        case (.month, false): .recurEveryNMonths
        }
        return self(key, ["every": String(r.every), "until": day(r.until)])
    }
}
