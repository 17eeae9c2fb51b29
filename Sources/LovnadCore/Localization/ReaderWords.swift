import Foundation

/// Days, sums and counts as a reader of the language writes them, for pages and log lines alike.
extension Localizer {
    /// `2026-12-01` as "1. desember 2026" (or "1 December 2026"); without the year "1. desember".
    public func day(_ d: Day, withYear: Bool = true) -> String {
        let month = self(Self.monthNames[d.month - 1])
        return withYear ? self(.dateLong, ["day": String(d.day), "month": month, "year": String(d.year)])
            : self(.dateNoYear, ["day": String(d.day), "month": month])
    }

    /// An ISO day in words; text that is not one stays as it is.
    public func day(_ iso: String) -> String { Day(iso).map { day($0) } ?? iso }

    /// A period, "4. januar – 25. juni 2027", with the year said once when both ends share it.
    public func period(_ start: Day?, _ end: Day?) -> String {
        switch (start, end) {
        case let (s?, e?): return day(s, withYear: s.year != e.year) + " – " + day(e)
        case let (s?, nil): return day(s) + " –"
        case let (nil, e?): return "– " + day(e)
        case (nil, nil): return "–"
        }
    }

    /// Kroner with groups of three: "1 520 000 kr" (a no-break space between groups), "NOK 1,520,000".
    public func money(_ kroner: Int) -> String {
        let digits = String(kroner.magnitude)
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        let sign = kroner < 0 ? "−" : ""
        return locale == .nb ? sign + groups.joined(separator: "\u{00A0}") + "\u{00A0}kr" : "NOK\u{00A0}" + sign + groups.joined(separator: ",")
    }

    /// "1 person", "2 personer": the template for one when there is one, else the other, with `{count}` filled.
    public func count(_ n: Int, one: L, other: L, _ values: [String: String] = [:]) -> String {
        self(n == 1 ? one : other, values.merging(["count": String(n)]) { a, _ in a })
    }

    static let monthNames: [L] = [.monthJanuary, .monthFebruary, .monthMarch, .monthApril, .monthMay, .monthJune,
                                  .monthJuly, .monthAugust, .monthSeptember, .monthOctober, .monthNovember, .monthDecember]
}
