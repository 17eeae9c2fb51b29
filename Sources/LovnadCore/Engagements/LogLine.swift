import Foundation

/// A sentence Lovnad writes into an engagement log itself (a status change, a staffing, a promise step):
/// stored and hashed as a key with values, and put into words in the reader's language when read.
/// Values are what was true when it happened (a name as it was then), never translated text.
public struct LogLine: Equatable, Sendable {
    /// The raw values are stored in logs and hashed: never rename one, add new ones instead.
    public enum Key: String, CaseIterable, Sendable {
        case engagementCreated = "engagement.created"          // title
        case deliveryLeadSet = "engagement.delivery_lead"      // person
        case statusChanged = "engagement.status"               // from, to (status codes)
        case reason = "reason"                                 // text
        case overridden = "engagement.override"                // unmet (readiness codes), signed ("true"/"false"), text
        case staffed = "engagement.staffed"                    // person, role, percent
        case promiseMade = "promise.made"                      // receiver, text, due (date)
        case promiseMadeRepeating = "promise.made_repeating"   // receiver, text, count, first, last (dates)
        case promiseKept = "promise.kept"                      // receiver, text
        case promiseBroken = "promise.broken"                  // receiver, text
        case promiseRenegotiated = "promise.renegotiated"      // receiver, text, new_text, new_due (date)
        case promiseReleased = "promise.released"              // receiver, text
        case note = "note"                                     // text: what the person wrote with the step
        case handoverSaved = "handover.saved"                  // revision, sections (section codes)
        case handoverReviewed = "handover.reviewed"            // held_on (date), revision, participants
        case handoverSignedOff = "handover.signed_off"
    }

    public let key: Key
    public let values: [String: String]

    public init(_ key: Key, _ values: [String: String] = [:]) {
        self.key = key
        self.values = values
    }

    /// The stored form, which is also what the hash covers: one line each, the key, then each value in name
    /// order as `<tab>name=<UTF-8 length>:value`, so a value may hold any text, tabs and newlines included.
    public static func stored(_ lines: [LogLine]) -> String {
        var out = ""
        for line in lines {
            out += line.key.rawValue
            for name in line.values.keys.sorted() {
                let value = line.values[name]!
                out += "\t\(name)=\(value.utf8.count):\(value)"
            }
            out += "\n"
        }
        return out
    }

    /// Reads the stored form back; nil when it is not one (a key this version does not know included).
    public static func parse(_ text: String) -> [LogLine]? {
        let bytes = Array(text.utf8)
        var i = 0
        var lines: [LogLine] = []
        func read(until stop: UInt8) -> String? {
            let start = i
            while i < bytes.count, bytes[i] != stop, bytes[i] != UInt8(ascii: "\n"), bytes[i] != UInt8(ascii: "\t") { i += 1 }
            guard i < bytes.count, bytes[i] == stop else { return nil }
            defer { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
        while i < bytes.count {
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\t"), bytes[i] != UInt8(ascii: "\n") { i += 1 }
            guard let key = Key(rawValue: String(decoding: bytes[start..<i], as: UTF8.self)) else { return nil }
            var values: [String: String] = [:]
            while i < bytes.count, bytes[i] == UInt8(ascii: "\t") {
                i += 1
                guard let name = read(until: UInt8(ascii: "=")), let length = read(until: UInt8(ascii: ":")).flatMap({ Int($0) }),
                      length >= 0, i + length <= bytes.count else { return nil }
                values[name] = String(decoding: bytes[i..<(i + length)], as: UTF8.self)
                i += length
            }
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\n") else { return nil }
            i += 1
            lines.append(LogLine(key, values))
        }
        return lines
    }
}
