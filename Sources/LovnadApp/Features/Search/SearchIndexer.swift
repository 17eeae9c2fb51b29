import Fluent
import SQLKit
import Vapor

/// Keeps the search index true to what was written: each write's events (and what it asked to index
/// again) name the things it changed, and their documents are rebuilt in the same transaction, so a hit
/// never outlives its thing nor lags behind it. No nightly job.
enum SearchIndexer {
    /// How documents are built; when it changes, the index is rebuilt once at start (`rebuildIfStale`).
    static let version = 1

    static func follow(_ events: [LiveEventDraft], reindex: [(SearchKind, UUID)], app: Application, on db: any Database) async throws {
        guard !events.isEmpty || !reindex.isEmpty else { return }
        var changed: [SearchKind: Set<UUID>] = [:]
        for (kind, id) in reindex { changed[kind, default: []].insert(id) }
        let sources = app.searchSources.all
        for event in events {
            for source in sources {
                let ids = source.changed(by: event)
                if !ids.isEmpty { changed[source.kind, default: []].formUnion(ids) }
            }
        }
        let sql = db as! any SQLDatabase
        for source in sources {
            guard let ids = changed[source.kind], !ids.isEmpty else { continue }
            try await refresh(source, Array(ids), on: db, sql: sql)
        }
    }

    /// Rebuilds the documents of these things, and removes those that have none now.
    static func refresh(_ source: any SearchSource, _ ids: [UUID], on db: any Database, sql: any SQLDatabase) async throws {
        let documents = try await source.documents(ids, on: db)
        let kept = Set(documents.map(\.refID))
        let gone = ids.filter { !kept.contains($0) }
        if !gone.isEmpty { try await SearchIndex.remove(source.kind, gone, on: sql) }
        try await SearchIndex.store(documents, on: sql)
    }

    /// Indexes everything again when the stored index was built another way (or not at all, on a database
    /// that had data before search came), a batch per write.
    static func rebuildIfStale(_ app: Application) async throws {
        struct Row: Decodable { let version: Int }
        guard let sql = app.db as? any SQLDatabase,
              let stored = try await sql.raw("SELECT version FROM search_state WHERE id = 1").first(decoding: Row.self),
              stored.version != version else { return }
        app.logger.notice("Building the search index (version \(version))")
        try await rebuild(app)
    }

    /// Indexes everything again from scratch, a batch per write.
    static func rebuild(_ app: Application) async throws {
        for source in app.searchSources.all {
            try await app.store.write { ctx in try await SearchIndex.removeAll(source.kind, on: ctx.sql) }
            var after: UUID?
            while true {
                let ids = try await source.ids(after: after, limit: SearchIndex.batch, on: app.db)
                guard let last = ids.last else { break }
                try await app.store.write { ctx in try await refresh(source, ids, on: ctx.db, sql: ctx.sql) }
                after = last
            }
        }
        try await app.store.write { ctx in try await SearchIndex.markBuilt(version: version, on: ctx.sql) }
    }
}
