import Foundation

/// The hours a response norm counts: working days (Norwegian holidays excluded), from `start` to
/// `end` minutes after local midnight. Time outside them does not run the clock.
public struct WorkingHours: Sendable, Equatable {
    public var startMinute: Int
    public var endMinute: Int

    public init(startMinute: Int = 8 * 60, endMinute: Int = 16 * 60) {
        self.startMinute = startMinute
        self.endMinute = endMinute
    }

    public static let standard = WorkingHours()
}

/// The clock behind a channel's response norm: a question asked at some instant is due an answer a
/// number of working minutes later.
public enum ResponseNorm {
    /// Norms people may choose, in working minutes (30 min to 5 working days).
    public static let allowedMinutes = 30...(5 * 8 * 60)
    public static let defaultMinutes = 4 * 60

    /// The instant `minutes` working minutes after `start`, counted in `zone`.
    public static func deadline(from start: Date, workingMinutes minutes: Int, in zone: TimeZone,
                                hours: WorkingHours = .standard) -> Date {
        var day = Day(start, in: zone)
        var minuteOfDay = minutesIntoDay(start, day: day, in: zone)
        var left = max(0, minutes)
        // A year of days is far more than any allowed norm needs; the bound keeps a bad input finite.
        for _ in 0..<400 {
            if WorkingDays.isWorkingDay(day) {
                let from = max(minuteOfDay, hours.startMinute)
                let available = max(0, hours.endMinute - from)
                if left <= available, from <= hours.endMinute {
                    return instant(day: day, minute: from + left, in: zone)
                }
                left -= available
            }
            day = day.adding(days: 1)
            minuteOfDay = 0
        }
        return instant(day: day, minute: hours.startMinute, in: zone)
    }

    /// Whether a reply at `reply` met the norm for a question asked at `asked`.
    public static func isMet(asked: Date, reply: Date, workingMinutes: Int, in zone: TimeZone,
                             hours: WorkingHours = .standard) -> Bool {
        reply <= deadline(from: asked, workingMinutes: workingMinutes, in: zone, hours: hours)
    }

    /// When to nudge a channel's members: three quarters of the norm into the clock.
    public static func nudgeAt(asked: Date, workingMinutes: Int, in zone: TimeZone, hours: WorkingHours = .standard) -> Date {
        deadline(from: asked, workingMinutes: workingMinutes * 3 / 4, in: zone, hours: hours)
    }

    /// The share of questions answered within the norm; nil when there were none.
    public static func share(met: Int, of asked: Int) -> Double? {
        asked == 0 ? nil : Double(met) / Double(asked)
    }

    static func minutesIntoDay(_ date: Date, day: Day, in zone: TimeZone) -> Int {
        Int(date.timeIntervalSince(day.start(in: zone)) / 60)
    }

    static func instant(day: Day, minute: Int, in zone: TimeZone) -> Date {
        // Offset at the target hour, not at midnight, so a DST change that night is honoured.
        let guess = day.start(in: zone).addingTimeInterval(Double(minute) * 60)
        let midnightOffset = zone.secondsFromGMT(for: day.start(in: zone))
        let offsetThen = zone.secondsFromGMT(for: guess)
        return guess.addingTimeInterval(Double(midnightOffset - offsetThen))
    }
}
