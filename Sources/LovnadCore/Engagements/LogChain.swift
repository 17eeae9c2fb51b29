import Crypto
import Foundation

/// The kinds of entry an engagement log holds.
public enum LogKind: String, CaseIterable, Codable, Sendable {
    case note, decision, change, risk, customerContact = "customer_contact", milestone, handover, system
}

/// What a log entry's hash covers. Times are whole milliseconds since 1970, so both databases
/// give back exactly what was hashed.
public struct LogEntryContent: Sendable, Equatable {
    public let id: UUID
    public let engagementID: UUID
    public let sequence: Int
    public let kind: LogKind
    public let authorID: UUID?
    public let createdAtMilliseconds: Int64
    public let body: String
    public let tags: [String]
    public let corrects: UUID?

    public init(id: UUID, engagementID: UUID, sequence: Int, kind: LogKind, authorID: UUID?, createdAtMilliseconds: Int64,
                body: String, tags: [String], corrects: UUID?) {
        self.id = id
        self.engagementID = engagementID
        self.sequence = sequence
        self.kind = kind
        self.authorID = authorID
        self.createdAtMilliseconds = createdAtMilliseconds
        self.body = body
        self.tags = tags
        self.corrects = corrects
    }

    /// One field a line, each in a fixed order and prefixed by its name; the body last, by length, so no
    /// content can pass for another field.
    public var canonical: String {
        var s = ""
        s.reserveCapacity(260 + body.utf8.count)
        s += "v1\nid:"; s += Self.text(id)
        s += "\nengagement:"; s += Self.text(engagementID)
        s += "\nseq:"; s += String(sequence)
        s += "\nkind:"; s += kind.rawValue
        s += "\nauthor:"; s += authorID.map(Self.text) ?? "-"
        s += "\nat:"; s += String(createdAtMilliseconds)
        s += "\ncorrects:"; s += corrects.map(Self.text) ?? "-"
        s += "\ntags:"; s += tags.sorted().joined(separator: ",")
        s += "\nbody:"; s += String(body.utf8.count); s += ":"; s += body
        return s
    }

    /// A UUID in lowercase, built from its bytes (`uuidString.lowercased()` is slow over ten thousand entries).
    static func text(_ id: UUID) -> String {
        let u = id.uuid
        let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
        let hex = Array(Hex.encode(bytes).utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, c) in hex.enumerated() {
            if i == 8 || i == 12 || i == 16 || i == 20 { out.append(UInt8(ascii: "-")) }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }
}

public enum LogChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(previous: String, content: LogEntryContent) -> String {
        var text = previous + "\n" + content.canonical
        return text.withUTF8 { Hex.encode(SHA256.hash(data: $0)) }
    }

    public enum Verdict: Equatable, Sendable {
        case intact(entries: Int)
        case broken(at: UUID)
    }

    /// Walks the entries in sequence order; the first whose stored hash is not what its content and
    /// its predecessor give is where the chain breaks.
    public static func verify(_ entries: [(content: LogEntryContent, storedHash: String)]) -> Verdict {
        var previous = genesis
        var expectedSequence = 1
        for entry in entries {
            guard entry.content.sequence == expectedSequence,
                  hash(previous: previous, content: entry.content) == entry.storedHash else {
                return .broken(at: entry.content.id)
            }
            previous = entry.storedHash
            expectedSequence += 1
        }
        return .intact(entries: entries.count)
    }
}
