import Foundation
import LovnadCore
import Vapor

/// Writes JSON by hand for the few hot responses (a page of messages, a live event, a ranking) where
/// `JSONEncoder`'s generic machinery and key conversion cost more than the request's own work.
/// Keys are written as given (snake_case); a test holds each writer to what `JSONEncoder` makes.
struct JSONWriter {
    private(set) var text = ""

    init(capacity: Int = 1024) { text.reserveCapacity(capacity) }

    mutating func raw(_ s: String) { text += s }

    mutating func string(_ s: String) {
        text += "\""
        var plainStart = s.utf8.startIndex
        let utf8 = s.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let byte = utf8[i]
            let escape: String?
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case UInt8(ascii: "\t"): escape = "\\t"
            case 0x08: escape = "\\b"
            case 0x0C: escape = "\\f"
            case 0..<0x20: escape = "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            default: escape = nil
            }
            if let escape {
                text += Substring(utf8[plainStart..<i])
                text += escape
                plainStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        text += Substring(utf8[plainStart..<utf8.endIndex])
        text += "\""
    }

    mutating func uuid(_ id: UUID) { text += "\"" + UUIDText.string(id) + "\"" }
    mutating func int(_ n: Int) { text += String(n) }
    mutating func bool(_ b: Bool) { text += b ? "true" : "false" }
    /// Finite numbers only, as `JSONEncoder` (which refuses the others).
    mutating func double(_ d: Double) { text += d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : String(d) }
    mutating func date(_ d: Date) { text += "\"" + JSONWriter.iso8601.format(d) + "\"" }

    mutating func optional<T>(_ value: T?, _ write: (inout JSONWriter, T) -> Void) {
        if let value { write(&self, value) } else { text += "null" }
    }

    mutating func array<T>(_ items: [T], _ write: (inout JSONWriter, T) -> Void) {
        text += "["
        for (i, item) in items.enumerated() {
            if i > 0 { text += "," }
            write(&self, item)
        }
        text += "]"
    }

    mutating func array<T: JSONWritable>(_ items: [T]) { array(items) { $1.writeJSON(to: &$0) } }
    mutating func strings(_ items: [String]) { array(items) { $0.string($1) } }

    /// What `JSONEncoder`'s `.iso8601` writes: seconds, UTC, "Z".
    private static let iso8601 = Date.ISO8601FormatStyle()
}

/// A DTO that writes its own JSON; a test holds each writer to what `JSONEncoder` makes of the DTO.
protocol JSONWritable {
    func writeJSON(to w: inout JSONWriter)
}

extension JSONWritable {
    var json: String {
        var w = JSONWriter()
        writeJSON(to: &w)
        return w.text
    }
}

extension ListResponse: JSONWritable where Item: JSONWritable {
    /// `{"items": [...], "next_cursor": ...}` as the API's lists are written.
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"items\":"); w.array(items)
        w.raw(",\"next_cursor\":"); w.optional(nextCursor) { $0.string($1) }
        w.raw("}")
    }
}

extension Response {
    /// A response of JSON written by hand.
    static func json(_ text: String, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: status, headers: headers, body: .init(string: text))
    }

    static func json(_ value: some JSONWritable, status: HTTPResponseStatus = .ok) -> Response { json(value.json, status: status) }
}
