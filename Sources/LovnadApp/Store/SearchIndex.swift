import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Writes the search index: documents with their stemmed terms, replaced whole when the thing changes
/// and removed when it is gone. Part of the write path, as the event store is: only `SearchIndexer`
/// calls it, inside the write that changed the thing.
enum SearchIndex {
    /// Rows per statement (SQLite's bound-parameter limit is far above 11 × 500).
    static let batch = 500

    /// In time order, so the index's own order (what hits are newest first by) follows the things' times.
    static func store(_ documents: [SearchDocument], on sql: any SQLDatabase) async throws {
        let ordered = documents.sorted { ($0.at, $0.refID.uuidString) < ($1.at, $1.refID.uuidString) }
        for chunk in ordered.chunked(batch) where !chunk.isEmpty {
            let indexed = chunk.map { SearchText.indexed($0.title, $0.body) }
            if sql.dialect.name == "postgresql" {
                try await upsert(chunk, on: sql, terms: indexed.map(\.tsvector))
            } else {
                let ids = try await upsert(chunk, on: sql, terms: nil)
                // Replaced, not updated: FTS5 keeps no text to update against.
                try await sql.raw("DELETE FROM search_terms WHERE rowid IN (\(binds: ids))").run()
                try await sql.insert(into: "search_terms").columns("rowid", "kind", "stems", "reversed")
                    .rows(binding: zip(ids, zip(chunk, indexed)).map { id, pair in
                        [id, pair.0.kind.rawValue, pair.1.stems, pair.1.reversed] as [any Encodable & Sendable]
                    }).run()
            }
        }
    }

    /// Inserts or replaces the documents; their ids in the same order.
    @discardableResult
    private static func upsert(_ documents: [SearchDocument], on sql: any SQLDatabase, terms: [String]?) async throws -> [Int64] {
        struct Row: Decodable { let id: Int64; let kind: String; let ref_id: UUID }
        var columns = ["kind", "ref_id", "parent_id", "title", "body", "scope", "scope_id", "author_id", "at"]
        if terms != nil { columns.append("terms") }
        let values: [SQLQueryString] = documents.enumerated().map { i, d in
            var row: SQLQueryString = """
                \(bind: d.kind.rawValue), \(bind: d.refID), \(bind: d.parentID), \(bind: d.title), \(bind: d.body), \
                \(bind: d.scope.rawValue), \(bind: d.scopeID), \(bind: d.authorID), \(bind: d.at)
                """
            if let terms { row = row + ", \(bind: terms[i])::tsvector" }
            return "(" + row + ")"
        }
        let updates = columns.dropFirst(2).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let rows = try await sql.raw("""
            INSERT INTO search_documents (\(unsafeRaw: columns.joined(separator: ", "))) VALUES \(values.joined(separator: ", "))
            ON CONFLICT (kind, ref_id) DO UPDATE SET \(unsafeRaw: updates) RETURNING id, kind, ref_id
            """).all(decoding: Row.self)
        let byKey = Dictionary(rows.map { ("\($0.kind)/\($0.ref_id)", $0.id) }, uniquingKeysWith: { a, _ in a })
        return try documents.map { d in
            guard let id = byKey["\(d.kind.rawValue)/\(d.refID)"] else { throw AppError.notFound("search document was not stored") }
            return id
        }
    }

    static func remove(_ kind: SearchKind, _ ids: [UUID], on sql: any SQLDatabase) async throws {
        for chunk in ids.chunked(batch) where !chunk.isEmpty {
            if sql.dialect.name != "postgresql" {
                try await sql.raw("""
                    DELETE FROM search_terms WHERE rowid IN \
                    (SELECT id FROM search_documents WHERE kind = \(bind: kind.rawValue) AND ref_id IN (\(binds: chunk)))
                    """).run()
            }
            try await sql.raw("DELETE FROM search_documents WHERE kind = \(bind: kind.rawValue) AND ref_id IN (\(binds: chunk))").run()
        }
    }

    /// Every document of a kind, before the kind is indexed again from scratch.
    static func removeAll(_ kind: SearchKind, on sql: any SQLDatabase) async throws {
        if sql.dialect.name != "postgresql" {
            try await sql.raw("DELETE FROM search_terms WHERE rowid IN (SELECT id FROM search_documents WHERE kind = \(bind: kind.rawValue))").run()
        }
        try await sql.raw("DELETE FROM search_documents WHERE kind = \(bind: kind.rawValue)").run()
    }

    /// Records that the index is built the way `version` builds it.
    static func markBuilt(version: Int, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE search_state SET version = \(bind: version) WHERE id = 1").run()
    }
}
