import Foundation

/// `?limit=&cursor=`: one page of a list in a fixed order. Pages are keyset pages: a cursor names the
/// last row shown (its sort key and id), and the next page starts after it, so rows added or removed
/// meanwhile never shift what the next page holds, and a deep page costs what the first one does.
public struct ListPage: Equatable, Sendable {
    public static let defaultLimit = 50
    public static let maxLimit = 100

    /// The last row of the previous page: its sort key (as text) and its id.
    public struct Position: Equatable, Sendable {
        public let key: String
        public let id: String
        public init(key: String, id: String) {
            self.key = key
            self.id = id
        }
    }

    public let limit: Int
    public let after: Position?

    public init(limit: Int?, after: Position? = nil) {
        self.limit = min(max(limit ?? Self.defaultLimit, 1), Self.maxLimit)
        self.after = after
    }

    /// Nil when the cursor is not one we issued.
    public init?(limit: Int?, cursor: String?) {
        guard let cursor, !cursor.isEmpty else { self.init(limit: limit); return }
        guard let position = PageCursor.decode(cursor) else { return nil }
        self.init(limit: limit, after: position)
    }

    /// The rows to show and the cursor for the next page, from rows fetched one past the limit (so
    /// whether another page follows is known without counting).
    public func cut<Row>(_ fetched: [Row], position: (Row) -> Position) -> (rows: [Row], next: String?) {
        let shown = Array(fetched.prefix(limit))
        guard fetched.count > limit, let last = shown.last else { return (shown, nil) }
        return (shown, PageCursor.encode(position(last)))
    }

    /// For a list ordered in memory (a ranking): the rows after the cursor, cut to a page. `comesAfter`
    /// says whether a row sorts after a position, so a page continues even when the row the cursor
    /// names has gone meanwhile.
    public func page<Row>(of ordered: [Row], position: (Row) -> Position,
                          comesAfter: (Row, Position) -> Bool) -> (rows: [Row], next: String?) {
        var rest = ordered[...]
        if let after {
            let start = ordered.firstIndex { position($0) == after }.map { $0 + 1 } ?? ordered.firstIndex { comesAfter($0, after) } ?? ordered.count
            rest = ordered[start...]
        }
        return cut(Array(rest.prefix(limit + 1)), position: position)
    }
}

/// Cursors are opaque to clients: base64url of `k:` + key + a separator + id.
public enum PageCursor {
    private static let separator: Character = "\u{1F}"

    public static func encode(_ position: ListPage.Position) -> String {
        Data("k:\(position.key)\(separator)\(position.id)".utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    public static func decode(_ cursor: String) -> ListPage.Position? {
        var text = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard text.count <= 4096, let data = Data(base64Encoded: text), let plain = String(data: data, encoding: .utf8),
              plain.hasPrefix("k:") else { return nil }
        let parts = plain.dropFirst(2).split(separator: separator, maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[1].isEmpty else { return nil }
        return ListPage.Position(key: String(parts[0]), id: String(parts[1]))
    }
}
