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
        try await refresh(changed.mapValues(Array.init), sources: sources, on: db)
    }

    /// Rebuilds the documents of these things, and removes those that have none now.
    static func refresh(_ changed: [SearchKind: [UUID]], sources: [any SearchSource], on db: any Database) async throws {
        let sql = db as! any SQLDatabase
        var documents: [SearchDocument] = []
        for source in sources {
            guard let ids = changed[source.kind], !ids.isEmpty else { continue }
            let found = try await source.documents(ids, on: db)
            let kept = Set(found.map(\.refID))
            let gone = ids.filter { !kept.contains($0) }
            if !gone.isEmpty { try await SearchIndex.remove(source.kind, gone, on: sql) }
            documents += found
        }
        try await SearchIndex.store(documents, on: sql)
    }

    /// Indexes everything again when the stored index was built another way (or not at all, on a database
    /// that had data before search came).
    static func rebuildIfStale(_ app: Application) async throws {
        struct Row: Decodable { let version: Int }
        guard let sql = app.db as? any SQLDatabase,
              let stored = try await sql.raw("SELECT version FROM search_state WHERE id = 1").first(decoding: Row.self),
              stored.version != version else { return }
        app.logger.notice("Building the search index (version \(version))")
        let sources = app.searchSources.all
        // Everything in time order, across kinds: hits are newest first by their place in the index.
        var all: [(stamp: SearchStamp, kind: SearchKind)] = []
        for source in sources { all += try await source.stamps(on: app.db).map { ($0, source.kind) } }
        all.sort { ($0.stamp.at, $0.stamp.id.uuidString) < ($1.stamp.at, $1.stamp.id.uuidString) }
        try await app.store.write { ctx in
            for source in sources { try await SearchIndex.removeAll(source.kind, on: ctx.sql) }
        }
        for batch in all.chunked(SearchIndex.batch) {
            let changed = Dictionary(grouping: batch, by: \.kind).mapValues { $0.map(\.stamp.id) }
            try await app.store.write { ctx in try await refresh(changed, sources: sources, on: ctx.db) }
        }
        try await app.store.write { ctx in try await SearchIndex.markBuilt(version: version, on: ctx.sql) }
    }
}
