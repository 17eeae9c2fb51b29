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
    /// The stored form of the lines Lovnad wrote (`LogLine.stored`), nil for an entry a person wrote.
    public let lines: String?

    public init(id: UUID, engagementID: UUID, sequence: Int, kind: LogKind, authorID: UUID?, createdAtMilliseconds: Int64,
                body: String, tags: [String], corrects: UUID?, lines: String? = nil) {
        self.id = id
        self.engagementID = engagementID
        self.sequence = sequence
        self.kind = kind
        self.authorID = authorID
        self.createdAtMilliseconds = createdAtMilliseconds
        self.body = body
        self.tags = tags
        self.corrects = corrects
        self.lines = lines
    }

    /// One field a line, each in a fixed order and prefixed by its name; the body last, by length, so no
    /// content can pass for another field. An entry with lines is `v2` and has them, by length, before the
    /// body; one without is `v1` exactly as before lines existed, so earlier logs still verify.
    public var canonical: String { String(decoding: canonicalBytes(), as: UTF8.self) }

    /// The canonical text as UTF-8, written straight into one buffer (verifying a long log hashes
    /// ten thousand of these, so no intermediate strings).
    public func canonicalBytes(after prefix: some Sequence<UInt8> = EmptyCollection()) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(330 + body.utf8.count + (lines?.utf8.count ?? 0))
        out.append(contentsOf: prefix)
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        func put(_ id: UUID) { Self.appendText(id, to: &out) }
        put(lines == nil ? "v1\nid:" : "v2\nid:"); put(id)
        put("\nengagement:"); put(engagementID)
        put("\nseq:"); put(String(sequence))
        put("\nkind:"); put(kind.rawValue)
        put("\nauthor:"); if let authorID { put(authorID) } else { put("-") }
        put("\nat:"); put(String(createdAtMilliseconds))
        put("\ncorrects:"); if let corrects { put(corrects) } else { put("-") }
        put("\ntags:"); put(tags.sorted().joined(separator: ","))
        if let lines { put("\nlines:"); put(String(lines.utf8.count)); put(":"); put(lines) }
        put("\nbody:"); put(String(body.utf8.count)); put(":"); put(body)
        return out
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A UUID in lowercase, from its bytes (`uuidString.lowercased()` is slow over ten thousand entries).
    static func appendText(_ id: UUID, to out: inout [UInt8]) {
        withUnsafeBytes(of: id.uuid) { bytes in
            for (i, b) in bytes.enumerated() {
                if i == 4 || i == 6 || i == 8 || i == 10 { out.append(UInt8(ascii: "-")) }
                out.append(hexDigits[Int(b >> 4)])
                out.append(hexDigits[Int(b & 0x0f)])
            }
        }
    }

    static func text(_ id: UUID) -> String {
        var out: [UInt8] = []
        appendText(id, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

public enum LogChain {
    /// The hash before the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    public static func hash(previous: String, content: LogEntryContent) -> String {
        let bytes = content.canonicalBytes(after: previous.utf8 + [UInt8(ascii: "\n")])
        return Hex.encode(SHA256.hash(data: bytes))
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
