import Foundation
import LovnadCore
import SQLKit

/// Id columns read by hand. SQLite keeps ids as text, and decoding them as `UUID` parses them with
/// Foundation's `sscanf`, a tenth of a list read; they are read as text and parsed by `UUIDText` instead.
/// PostgreSQL gives its `uuid` columns as text too, so both databases take the same path.
extension SQLRow {
    func uuid(_ column: String) throws -> UUID {
        guard let id = UUIDText.parse(try decode(column: column, as: String.self)) else {
            return try decode(column: column, as: UUID.self)
        }
        return id
    }

    func optionalUUID(_ column: String) throws -> UUID? {
        guard let text = try decode(column: column, as: String?.self) else { return nil }
        return try UUIDText.parse(text) ?? decode(column: column, as: UUID.self)
    }
}
