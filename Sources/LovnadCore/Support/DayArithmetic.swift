import Foundation

/// Day arithmetic in plain integers (days since 1970-01-01), so ratios over 100,000 promises stay cheap.
extension Day {
    /// Days since 1970-01-01 (negative before it).
    public var ordinal: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The day with the given ordinal (days since 1970-01-01).
    public init(ordinal: Int) {
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// ISO weekday: 1 is Monday, 7 is Sunday.
    public var isoWeekday: Int { ((ordinal % 7 + 7) % 7 + 3) % 7 + 1 }

    /// The Monday of this day's week.
    public var weekStart: Day { adding(days: 1 - isoWeekday) }

    /// The calendar day an instant falls on in a time zone.
    public init(_ date: Date, in zone: TimeZone) {
        let seconds = Int((date.timeIntervalSince1970 + Double(zone.secondsFromGMT(for: date))).rounded(.down))
        self.init(ordinal: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    /// The instant this day starts in a time zone.
    public func start(in zone: TimeZone) -> Date {
        let midnightUTC = Date(timeIntervalSince1970: Double(ordinal) * 86_400)
        return midnightUTC.addingTimeInterval(-Double(zone.secondsFromGMT(for: midnightUTC)))
    }
}

extension Day {
    /// Today where it is latest on Earth (UTC+14): a record of the past dated after it is in the future for everyone.
    public static func latestToday(_ now: Date) -> Day { Day(now, in: TimeZone(secondsFromGMT: 14 * 3600)!) }

    /// The ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday).
    public var isoWeek: Int {
        let thursday = weekStart.adding(days: 3)
        return (thursday.ordinal - Day(unchecked: thursday.year, 1, 1).ordinal) / 7 + 1
    }
}
