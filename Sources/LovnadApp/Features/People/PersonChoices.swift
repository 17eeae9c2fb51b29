import Fluent
import SQLKit
import Vapor

/// Whom a person picker offers: every active person as a list while the company is small enough to
/// read one, else nobody up front — the picker becomes a field one types a name or address into, with
/// suggestions from the people API (5,000 options, twice on an engagement page, were most of its time).
enum PersonChoices: Sendable {
    case list([PersonRef])
    case lookup

    /// Above this many active people a picker looks people up instead of listing them.
    static let listLimit = 300

    static func active(except excluded: UUID? = nil, on db: any Database) async throws -> PersonChoices {
        struct Count: Decodable { let n: Int }
        let count = try await (db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM people WHERE active = \(bind: true)")
            .first(decoding: Count.self)?.n ?? 0
        guard count <= listLimit else { return .lookup }
        return .list(try await PeopleQueries.pickable(except: excluded, on: db))
    }

    var isEmpty: Bool {
        if case .list(let people) = self { return people.isEmpty }
        return false
    }

    func filter(_ keep: (PersonRef) -> Bool) -> PersonChoices {
        if case .list(let people) = self { return .list(people.filter(keep)) }
        return self
    }
}

/// A person named in a form: by id (a listed picker's option), or by e-mail address or handle (the
/// address before the @) where the picker is a field to type into.
enum PersonLookup {
    static func resolve(_ typed: String?, field: String, on db: any Database) async throws -> UUID {
        let text = (typed ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw AppError.invalid([field: .required]) }
        if let id = UUID(uuidString: text) { return id }
        struct Row: Decodable { let id: UUID }
        let lowered = text.lowercased()
        let sql = db as! any SQLDatabase
        let rows = lowered.contains("@")
            ? try await sql.raw("SELECT id FROM people WHERE active = \(bind: true) AND LOWER(email) = \(bind: lowered) LIMIT 2")
                .all(decoding: Row.self)
            : try await sql.raw("""
                SELECT id FROM people WHERE active = \(bind: true) AND LOWER(email) LIKE \(bind: SQLLike.escape(lowered) + "@%") ESCAPE '\\'
                LIMIT 2
                """).all(decoding: Row.self)
        guard rows.count == 1 else { throw AppError.invalid([field: .noOneNamed(text)]) }
        return rows[0].id
    }

    /// Several, from options or from fields that name people separated by commas.
    static func resolveAll(_ values: [String], field: String, on db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        for value in values {
            for part in value.split(separator: ",") where !part.trimmingCharacters(in: .whitespaces).isEmpty {
                ids.append(try await resolve(String(part), field: field, on: db))
            }
        }
        return ids
    }
}
