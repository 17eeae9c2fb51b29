import Fluent
import SQLKit

/// One search index over everything: a document per thing found (its original title and text for
/// snippets, and what decides who may see it), and its stemmed terms — an FTS5 table on SQLite, a
/// weighted tsvector with a GIN index on PostgreSQL (`SearchText` prepares both). `search_state` holds
/// the version of how documents are built, so a change to it rebuilds the index once at start.
/// Append-only once landed.
struct M017_SearchIndex: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema("search_documents")
            .field("id", .int64, .identifier(auto: true))
            .field("kind", .string, .required)
            .field("ref_id", .uuid, .required)
            .field("parent_id", .uuid)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("scope", .string, .required)
            .field("scope_id", .uuid)
            .field("author_id", .uuid)
            .field("at", .datetime, .required)
            .unique(on: "kind", "ref_id")
            .create()
        try await db.schema("search_state")
            .field("id", .int, .identifier(auto: false))
            .field("version", .int, .required)
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        if sql.dialect.name == "postgresql" {
            try await sql.raw("ALTER TABLE search_documents ADD COLUMN terms tsvector NOT NULL DEFAULT ''::tsvector").run()
            try await sql.raw("CREATE INDEX search_documents_terms ON search_documents USING GIN (terms)").run()
        } else {
            // Contentless: the text is in search_documents; rows can still be deleted and replaced.
            try await sql.raw("""
                CREATE VIRTUAL TABLE search_terms USING fts5(kind, stems, reversed, content='', contentless_delete=1,
                tokenize='unicode61 remove_diacritics 0', prefix='3')
                """).run()
        }
        try await sql.raw("INSERT INTO search_state (id, version) VALUES (1, 0)").run()
    }

    func revert(on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, sql.dialect.name != "postgresql" {
            try await sql.raw("DROP TABLE search_terms").run()
        }
        try await db.schema("search_state").delete()
        try await db.schema("search_documents").delete()
    }
}
