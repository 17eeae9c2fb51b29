import Fluent
import Vapor

/// Promises, found by their text, seen by those who may see the promise (`PromiseAccess`).
struct PromiseSearchSource: SearchSource {
    let kind = SearchKind.promise

    func changed(by event: LiveEventDraft) -> [UUID] {
        event.type.hasPrefix("promise.") ? id("promise_id", in: event) : []
    }

    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument] {
        try await Promise.query(on: db).filter(\.$id ~~ ids).all().map { p in
            SearchDocument(kind: kind, refID: p.id!, parentID: p.$engagement.id, title: p.text, body: "", scope: .promise,
                           scopeID: nil, authorID: p.$owner.id, at: p.createdAt)
        }
    }

    func stamps(on db: any Database) async throws -> [SearchStamp] {
        try await stamps(of: Promise.schema, on: db)
    }

    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown] {
        Dictionary(uniqueKeysWithValues: hits.map { ($0.documentID, SearchHit.Shown(title: $0.title, path: SiteURL.promise($0.refID).path)) })
    }
}
