/// A list with each recurring promise's occurrences folded under the first of them shown: the rest of a
/// series follow their first, where it stood, instead of taking a row each.
public enum SeriesFold {
    public struct Row<Item> {
        public let first: Item
        public let rest: [Item]
    }

    public static func fold<Item, Key: Hashable>(_ items: [Item], series: (Item) -> Key?) -> [Row<Item>] {
        var members: [Key: [Item]] = [:]
        var rows: [(key: Key?, item: Item)] = []
        for item in items {
            guard let key = series(item) else { rows.append((nil, item)); continue }
            if members[key] == nil { rows.append((key, item)); members[key] = [] }
            else { members[key]!.append(item) }
        }
        return rows.map { Row(first: $0.item, rest: $0.key.flatMap { members[$0] } ?? []) }
    }
}
