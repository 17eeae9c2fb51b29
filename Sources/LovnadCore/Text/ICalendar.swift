import Foundation

/// A minimal RFC 5545 writer for all-day events: CRLF line ends, lines folded at 75 octets (never
/// inside a UTF-8 character), and TEXT values escaped.
public struct ICalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var day: Day
        public var summary: String
        public var description: String
        public var url: String?
        public var stamp: Date
        public init(uid: String, day: Day, summary: String, description: String, url: String?, stamp: Date) {
            self.uid = uid; self.day = day; self.summary = summary; self.description = description; self.url = url; self.stamp = stamp
        }
    }

    public var name: String
    public var events: [Event]

    public init(name: String, events: [Event]) { self.name = name; self.events = events }

    public func render() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Lovnad//Promises//NB", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                     "X-WR-CALNAME:" + Self.escape(name)]
        for e in events {
            lines += ["BEGIN:VEVENT",
                      "UID:" + Self.escape(e.uid),
                      "DTSTAMP:" + Self.utc(e.stamp),
                      "DTSTART;VALUE=DATE:" + Self.compact(e.day),
                      "DTEND;VALUE=DATE:" + Self.compact(e.day.adding(days: 1)),
                      "SUMMARY:" + Self.escape(e.summary),
                      "DESCRIPTION:" + Self.escape(e.description),
                      "TRANSP:TRANSPARENT"]
            if let url = e.url { lines.append("URL:" + url) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Backslash, semicolon, comma and newlines, as RFC 5545 §3.3.11 asks.
    public static func escape(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": break
            default: out.append(c)
            }
        }
        return out
    }

    /// Splits a content line into 75-octet pieces, continuation lines starting with a space.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var pieces: [String] = []
        var current = ""
        var size = 0
        let limit = 75
        for c in line {
            let n = String(c).utf8.count
            let room = pieces.isEmpty ? limit : limit - 1  // continuation lines begin with a space
            if size + n > room {
                pieces.append(current)
                current = ""
                size = 0
            }
            current.append(c)
            size += n
        }
        pieces.append(current)
        return pieces.enumerated().map { $0.offset == 0 ? $0.element : " " + $0.element }.joined(separator: "\r\n")
    }

    static func compact(_ day: Day) -> String { day.description.replacingOccurrences(of: "-", with: "") }

    static func utc(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = Day(ordinal: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
        let rest = seconds - day.ordinal * 86_400
        return compact(day) + "T" + String(format: "%02d%02d%02dZ", rest / 3600, rest / 60 % 60, rest % 60)
    }
}
