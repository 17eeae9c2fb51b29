import Fluent
import SQLKit
import Vapor

/// Messages, found by their text, seen by those who may see their channel.
struct MessageSearchSource: SearchSource {
    let kind = SearchKind.message

    /// What changes a message's text or existence (a pin or a reaction does not).
    static let changes = Set([LiveEventType.messageCreated, .messageEdited, .messageDeleted].map(\.rawValue))

    func changed(by event: LiveEventDraft) -> [UUID] {
        guard Self.changes.contains(event.type), case .message(let m) = event.payload else { return [] }
        return [m.id]
    }

    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument] {
        struct Row: Decodable { let id: UUID, channel_id: UUID, thread_id: UUID?, author_id: UUID, body: String, created_at: Date }
        return try await (db as! any SQLDatabase).raw("""
            SELECT id, channel_id, thread_id, author_id, body, created_at FROM messages WHERE id IN (\(binds: ids)) AND deleted_at IS NULL
            """).all(decoding: Row.self).map {
                SearchDocument(kind: kind, refID: $0.id, parentID: $0.thread_id, title: "", body: $0.body, scope: .channel,
                               scopeID: $0.channel_id, authorID: $0.author_id, at: $0.created_at)
            }
    }

    func stamps(on db: any Database) async throws -> [SearchStamp] {
        try await stamps(of: Message.schema, on: db)
    }

    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown] {
        let channels = try await Channel.query(on: db).filter(\.$id ~~ Set(hits.compactMap(\.scopeID))).all()
        let names = Dictionary(uniqueKeysWithValues: channels.map { ($0.id!, $0.name) })
        return Dictionary(uniqueKeysWithValues: hits.compactMap { h in
            h.scopeID.map { channel in
                (h.documentID, SearchHit.Shown(title: names[channel] ?? "", path: SiteURL.message(h.refID, channel: channel, thread: h.parentID)))
            }
        })
    }
}
