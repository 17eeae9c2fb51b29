import Foundation

/// A page request from `?limit=&cursor=`: limit clamped to 1...100, the cursor an opaque offset.
public struct ListPage: Equatable, Sendable {
    public static let defaultLimit = 50
    public static let maxLimit = 100

    public let limit: Int
    public let offset: Int

    public init(limit: Int?, offset: Int = 0) {
        self.limit = min(max(limit ?? Self.defaultLimit, 1), Self.maxLimit)
        self.offset = max(0, offset)
    }

    /// Nil when the cursor is not one we issued.
    public init?(limit: Int?, cursor: String?) {
        guard let cursor, !cursor.isEmpty else { self.init(limit: limit); return }
        guard let offset = PageCursor.decode(cursor) else { return nil }
        self.init(limit: limit, offset: offset)
    }

    /// The cursor for the page after this one, when `fetched` holds one item more than the limit.
    public func nextCursor(fetched: Int) -> String? {
        fetched > limit ? PageCursor.encode(offset + limit) : nil
    }
}

public enum PageCursor {
    public static func encode(_ offset: Int) -> String {
        Data("o:\(offset)".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ cursor: String) -> Int? {
        var text = cursor
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8),
              plain.hasPrefix("o:"), let offset = Int(plain.dropFirst(2)), offset >= 0 else { return nil }
        return offset
    }
}
