import Fluent
import SQLKit
import Vapor

/// One kind of thing search finds. A feature plugs its source in at start; the indexer asks it which of
/// its things an event changed and how each looks now, and search asks it who may see them.
protocol SearchSource: Sendable {
    var kind: SearchKind { get }
    /// The ids of its things `event` changed.
    func changed(by event: LiveEventDraft) -> [UUID]
    /// Its things as they are now; an id without a document (deleted, no longer searchable) is removed.
    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument]
    /// Ids of all its things after `after` in a stable order, for rebuilding the index.
    func ids(after: UUID?, limit: Int, on db: any Database) async throws -> [UUID]
    /// What hits of it show as a title and where each leads, by document id.
    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown]
}

extension SearchSource {
    /// The id an event's data names under `key`.
    func id(_ key: String, in event: LiveEventDraft) -> [UUID] {
        guard case .json(let text) = event.payload,
              let data = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let id = (data[key] as? String).flatMap(UUID.init(uuidString:)) else { return [] }
        return [id]
    }

    /// Every id of `table` after `after`, by id.
    func ids(of table: String, after: UUID?, limit: Int, on db: any Database) async throws -> [UUID] {
        let sql = db as! any SQLDatabase
        let after: SQLQueryString = after.map { "WHERE id > \(bind: $0)" } ?? ""
        return try await sql.raw("SELECT id FROM \(ident: table) \(after) ORDER BY id LIMIT \(bind: limit)").all(decoding: SearchIDRow.self).map(\.id)
    }
}

extension Application {
    private struct SearchSourcesKey: StorageKey { typealias Value = Registry<any SearchSource> }
    var searchSources: Registry<any SearchSource> { registry(SearchSourcesKey.self) }
}

private struct SearchIDRow: Decodable { let id: UUID }
