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
    /// All its things with their times, for rebuilding the index in time order.
    func stamps(on db: any Database) async throws -> [SearchStamp]
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

    /// Every row of `table` with its `created_at`.
    func stamps(of table: String, on db: any Database) async throws -> [SearchStamp] {
        try await (db as! any SQLDatabase).raw("SELECT id, created_at AS at FROM \(ident: table)").all(decoding: SearchStamp.self)
    }
}

extension Application {
    private struct SearchSourcesKey: StorageKey { typealias Value = Registry<any SearchSource> }
    var searchSources: Registry<any SearchSource> { registry(SearchSourcesKey.self) }
}

/// A thing and its time: what a rebuild orders by, so hits stay newest first after one.
struct SearchStamp: Decodable, Sendable {
    let id: UUID
    let at: Date
}
