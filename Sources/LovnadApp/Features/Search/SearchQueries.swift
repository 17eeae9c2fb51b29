import Fluent
import SQLKit
import Vapor
import LovnadCore

/// One thing found, as the index holds it.
struct SearchHit: Sendable {
    let documentID: Int64
    let kind: SearchKind
    let refID: UUID
    let parentID: UUID?
    let scopeID: UUID?
    let title: String
    let body: String
    let at: Date
    /// Which pass found it: whole words come before tails of compounds.
    var pass: SearchQuery.Pass = .whole

    /// What its source shows of it.
    struct Shown: Sendable {
        let title: String
        let path: String
    }
}

/// Search over the index, filtered in SQL by what the searcher may see: the whole-word pass first, then
/// the compound pass, each newest first by place in the index (documents are stored in time order, a
/// write's and a rebuild's alike, so the engines walk their own order and sort nothing), a page at a
/// time. A cursor names the pass and the last hit.
enum SearchQueries {
    static func search(_ query: SearchQuery, kinds: [SearchKind], for user: CurrentUser, page: ListPage, fewMatches: Int = fewMatches,
                       on db: any Database) async throws -> (hits: [SearchHit], next: String?) {
        let sql = db as! any SQLDatabase
        let visible = try await visibility(for: user, on: db)
        var start = SearchQuery.Pass.whole
        var before: Int64?
        if let after = page.after {
            // Another list's cursor is one we did not issue here.
            guard let pass = Int(after.key).flatMap(SearchQuery.Pass.init(rawValue:)), let id = Int64(after.id) else {
                throw AppError.invalid(["cursor": .unknownCursor])
            }
            (start, before) = (pass, id)
        }
        var hits: [SearchHit] = []
        for pass in query.passes where pass.rawValue >= start.rawValue {
            let wanted = page.limit + 1 - hits.count
            guard wanted > 0 else { break }
            let found = try await find(query, pass, kinds: kinds, visible: visible, fewMatches: fewMatches, before: pass == start ? before : nil,
                                       limit: wanted, on: sql)
            hits += found.map { var h = $0; h.pass = pass; return h }
        }
        let (shown, next) = page.cut(hits) { ListPage.Position(key: String($0.pass.rawValue), id: String($0.documentID)) }
        return (shown, next)
    }

    /// Up to how many matches PostgreSQL pages from a list of them rather than by walking the index.
    static let fewMatches = 2_000

    private struct Row: Decodable {
        let id: Int64, kind: String, ref_id: UUID, parent_id: UUID?, scope_id: UUID?, title: String, body: String, at: Date
    }

    private static func find(_ query: SearchQuery, _ pass: SearchQuery.Pass, kinds: [SearchKind], visible: SQLQueryString, fewMatches: Int,
                             before: Int64?, limit: Int, on sql: any SQLDatabase) async throws -> [SearchHit] {
        let rows: [Row]
        if sql.dialect.name == "postgresql" {
            let kindFilter: SQLQueryString = kinds.isEmpty ? "" : " AND d.kind IN (\(binds: kinds.map(\.rawValue)))"
            let cursor: SQLQueryString = before.map { " AND d.id < \(bind: $0)" } ?? ""
            let matches: SQLQueryString = "d.terms @@ \(bind: query.tsquery(pass))::tsquery\(kindFilter)\(cursor)"
            // For a page, PostgreSQL walks the id index backwards and tests each document: quick when
            // matches are many, a walk through the whole index when they are few and old (it cannot
            // tell a word in 20 documents from one in 700: 500-800 ms at a million). So up to `fewMatches`
            // are first looked up through the GIN index, in no order; when that is all of them, the page
            // is cut from those alone.
            struct Match: Decodable { let id: Int64 }
            let few = try await sql.raw("SELECT d.id FROM search_documents d WHERE \(matches) LIMIT \(bind: fewMatches + 1)")
                .all(decoding: Match.self)
            guard !few.isEmpty else { return [] }
            let among: SQLQueryString = few.count <= fewMatches ? "d.id IN (\(binds: few.map(\.id)))" : matches
            rows = try await sql.raw("""
                SELECT d.id, d.kind, d.ref_id, d.parent_id, d.scope_id, d.title, d.body, d.at FROM search_documents d
                WHERE \(among) AND (\(visible))
                ORDER BY d.id DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self)
        } else {
            var match = query.fts5(pass)
            if !kinds.isEmpty {
                match = "(" + kinds.map { "kind : \"\($0.rawValue)\"" }.joined(separator: " OR ") + ") AND (\(match))"
            }
            let cursor: SQLQueryString = before.map { " AND search_terms.rowid < \(bind: $0)" } ?? ""
            rows = try await sql.raw("""
                SELECT d.id, d.kind, d.ref_id, d.parent_id, d.scope_id, d.title, d.body, d.at FROM search_terms
                JOIN search_documents d ON d.id = search_terms.rowid
                WHERE search_terms MATCH \(bind: match)\(cursor) AND (\(visible))
                ORDER BY search_terms.rowid DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self)
        }
        return rows.compactMap { r in
            SearchKind(rawValue: r.kind).map {
                SearchHit(documentID: r.id, kind: $0, refID: r.ref_id, parentID: r.parent_id, scopeID: r.scope_id, title: r.title,
                          body: r.body, at: r.at)
            }
        }
    }

    /// Documents of `kind` matching any of the query's terms, best match first (bm25 on SQLite, ts_rank on
    /// PostgreSQL), among those the user may see and `condition` (over `d`) keeps.
    static func similar(_ query: SimilarQuery, kind: SearchKind, where condition: SQLQueryString, for user: CurrentUser, limit: Int,
                        on db: any Database) async throws -> [SearchHit] {
        guard !query.isEmpty else { return [] }
        let sql = db as! any SQLDatabase
        let visible = try await visibility(for: user, on: db)
        let rows: [Row]
        if sql.dialect.name == "postgresql" {
            rows = try await sql.raw("""
                SELECT d.id, d.kind, d.ref_id, d.parent_id, d.scope_id, d.title, d.body, d.at FROM search_documents d
                WHERE d.terms @@ \(bind: query.tsquery)::tsquery AND d.kind = \(bind: kind.rawValue) AND (\(condition)) AND (\(visible))
                ORDER BY ts_rank(d.terms, \(bind: query.tsquery)::tsquery) DESC, d.id DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self)
        } else {
            rows = try await sql.raw("""
                SELECT d.id, d.kind, d.ref_id, d.parent_id, d.scope_id, d.title, d.body, d.at FROM search_terms
                JOIN search_documents d ON d.id = search_terms.rowid
                WHERE search_terms MATCH \(bind: "kind : \"\(kind.rawValue)\" AND (\(query.fts5))") AND (\(condition)) AND (\(visible))
                ORDER BY bm25(search_terms), search_terms.rowid DESC LIMIT \(bind: limit)
                """).all(decoding: Row.self)
        }
        return rows.map { r in
            SearchHit(documentID: r.id, kind: kind, refID: r.ref_id, parentID: r.parent_id, scopeID: r.scope_id, title: r.title,
                      body: r.body, at: r.at)
        }
    }

    /// Who may see a document, as each thing's own rule: a channel's, an engagement's, a department's,
    /// a promise's.
    static func visibility(for user: CurrentUser, on db: any Database) async throws -> SQLQueryString {
        let promises = PromiseAccess.visibleIDs(try await PromiseAccess.scope(for: user, on: db))
        let engagements = EngagementVisibility.predicate("d.scope_id", user) ?? "1 = 1"
        // A department's: its people and the author; admins see every department's (as `QuestionAccess` lets them).
        let department: SQLQueryString = user.isAdmin ? "1 = 1"
            : user.person.$department.id.map { "d.scope_id = \(bind: $0) OR d.author_id = \(bind: user.id)" } ?? "d.author_id = \(bind: user.id)"
        return """
            d.scope = \(bind: SearchScope.everyone.rawValue) \
            OR (d.scope = \(bind: SearchScope.channel.rawValue) AND d.scope_id IN (\(ChannelAccess.visibleIDs(for: user)))) \
            OR (d.scope = \(bind: SearchScope.engagement.rawValue) AND \(engagements)) \
            OR (d.scope = \(bind: SearchScope.department.rawValue) AND (\(department))) \
            OR (d.scope = \(bind: SearchScope.promise.rawValue) AND d.ref_id IN (\(promises)))
            """
    }
}
