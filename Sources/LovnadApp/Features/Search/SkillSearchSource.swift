import Fluent
import Vapor

/// Skills in the catalogue, found by name, synonyms and category; everyone sees them.
struct SkillSearchSource: SearchSource {
    let kind = SearchKind.skill

    func changed(by event: LiveEventDraft) -> [UUID] {
        event.type.hasPrefix("skill.") ? id("skill_id", in: event) : []
    }

    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument] {
        try await Skill.query(on: db).filter(\.$id ~~ ids).with(\.$synonyms).all().map { s in
            let about = [s.category ?? "", s.synonyms.map(\.name).sorted().joined(separator: ", ")]
            return SearchDocument(kind: kind, refID: s.id!, parentID: nil, title: s.name, body: about.filter { !$0.isEmpty }.joined(separator: "\n"),
                                  scope: .everyone, scopeID: nil, authorID: nil, at: s.createdAt)
        }
    }

    func stamps(on db: any Database) async throws -> [SearchStamp] {
        try await stamps(of: Skill.schema, on: db)
    }

    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown] {
        Dictionary(uniqueKeysWithValues: hits.map { ($0.documentID, SearchHit.Shown(title: $0.title, path: SiteURL.skill($0.refID).path)) })
    }
}
