/// Norwegian working days: Monday to Friday, except the public holidays (helligdager) and 1 and 17 May.
public enum WorkingDays {
    /// Easter Sunday (the anonymous Gregorian computus).
    public static func easter(_ year: Int) -> Day {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return Day(unchecked: year, month, day)
    }

    /// The public holidays of a year, in date order.
    public static func holidays(_ year: Int) -> [Day] {
        let e = easter(year)
        let moving = [-3, -2, 0, 1, 39, 49, 50].map { e.adding(days: $0) }
        let fixed = [(1, 1), (5, 1), (5, 17), (12, 25), (12, 26)].map { Day(unchecked: year, $0.0, $0.1) }
        return (moving + fixed).sorted()
    }

    public static func isWorkingDay(_ day: Day) -> Bool {
        day.isoWeekday <= 5 && !holidays(day.year).contains(day)
    }

    /// The working day `count` working days after `day` (before it when negative).
    public static func adding(_ count: Int, to day: Day) -> Day {
        var current = day
        var left = abs(count)
        let step = count >= 0 ? 1 : -1
        while left > 0 {
            current = current.adding(days: step)
            if isWorkingDay(current) { left -= 1 }
        }
        return current
    }
}
