import Fluent
import FluentSQL
import Foundation
import SQLKit
import LovnadCore

/// What a list is sorted by, then by id: the key's type decides how a cursor's text is compared.
enum KeysetKey: Sendable {
    case text(String)
    case integer(String)
    /// A date column, compared to the microsecond (SQLite stores seconds as a double that reads back
    /// rounded to microseconds; PostgreSQL keeps microseconds).
    case date(String)

    var column: String {
        switch self {
        case .text(let c), .integer(let c), .date(let c): return c
        }
    }

    /// The cursor text for a row's value of this key.
    static func cursorKey(of date: Date) -> String { String(Int64((date.timeIntervalSince1970 * 1_000_000).rounded())) }
}

enum KeysetOrder: Sendable {
    case ascending, descending

    var direction: DatabaseQuery.Sort.Direction { self == .ascending ? .ascending : .descending }
}

extension QueryBuilder {
    /// Sorts by `key` then id, both the same way (so an index on the key and id serves the order
    /// whole, even when many rows share a key: 2,000 engagements imported in one instant were sorted
    /// on every admin's list), and starts after the page's cursor, fetching one row past the limit
    /// (`ListPage.cut` turns that into the page and the next cursor). A cursor that does not fit the
    /// key is 422, as any cursor we did not issue.
    @discardableResult
    func keyset(_ page: ListPage, by key: KeysetKey, _ order: KeysetOrder) throws -> Self {
        let table = Model.schemaOrAlias
        sort(.path([FieldKey(stringLiteral: key.column)], schema: table), order.direction)
        sort(.path([FieldKey.id], schema: table), order.direction)
        if let after = page.after {
            guard let id = UUID(uuidString: after.id), let predicate = Self.after(key, after.key, id: id, table: table,
                                                                                 descending: order == .descending,
                                                                                 postgres: (database as? any SQLDatabase)?.dialect.name == "postgresql") else {
                throw AppError.invalid(["cursor": .unknownCursor])
            }
            filter(sql: predicate)
        }
        return limit(page.limit + 1)
    }

    private static func after(_ key: KeysetKey, _ text: String, id: UUID, table: String, descending: Bool, postgres: Bool) -> SQLQueryString? {
        let column: SQLQueryString = "\(ident: table).\(ident: key.column)"
        let idColumn: SQLQueryString = "\(ident: table).\(ident: "id")"
        let beyond = descending ? "<" : ">"
        switch key {
        case .text:
            return "(\(column) \(unsafeRaw: beyond) \(bind: text) OR (\(column) = \(bind: text) AND \(idColumn) \(unsafeRaw: beyond) \(bind: id)))"
        case .integer:
            guard let value = Int(text) else { return nil }
            return "(\(column) \(unsafeRaw: beyond) \(bind: value) OR (\(column) = \(bind: value) AND \(idColumn) \(unsafeRaw: beyond) \(bind: id)))"
        case .date:
            guard let micros = Int64(text) else { return nil }
            if postgres {
                let at: SQLQueryString = "(TIMESTAMPTZ 'epoch' + \(bind: micros) * INTERVAL '1 microsecond')"
                return "(\(column) \(unsafeRaw: beyond) \(at) OR (\(column) = \(at) AND \(idColumn) \(unsafeRaw: beyond) \(bind: id)))"
            }
            // A range the index serves, then the exact comparison in whole microseconds.
            let seconds = Double(micros) / 1_000_000
            let bound = descending ? seconds + 0.000_001 : seconds - 0.000_001
            let whole: SQLQueryString = "CAST(round(\(column) * 1000000) AS INTEGER)"
            return "(\(column) \(unsafeRaw: beyond) \(bind: bound) AND (\(whole) \(unsafeRaw: beyond) \(bind: micros) OR (\(whole) = \(bind: micros) AND \(idColumn) \(unsafeRaw: beyond) \(bind: id))))"
        }
    }
}
