import Fluent
import SQLKit
import Vapor

/// Active people, found by name, title, department, what they wrote about themselves and their skills;
/// everyone signed in sees them, as the directory shows them.
struct PersonSearchSource: SearchSource {
    let kind = SearchKind.person

    func changed(by event: LiveEventDraft) -> [UUID] {
        event.type.hasPrefix("person.") ? id("person_id", in: event) : []
    }

    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument] {
        let people = try await Person.query(on: db).filter(\.$id ~~ ids).filter(\.$active == true).with(\.$department).all()
        let skills = try await PersonSkill.query(on: db).filter(\.$person.$id ~~ ids).filter(\.$level > 0).with(\.$skill).all()
        let skillNames = Dictionary(grouping: skills, by: { $0.$person.id }).mapValues { $0.map(\.skill.name).sorted() }
        return people.map { p in
            let about = [p.title ?? "", p.department?.name ?? "", p.bio, (skillNames[p.id!] ?? []).joined(separator: ", ")]
            return SearchDocument(kind: kind, refID: p.id!, parentID: nil, title: p.name, body: about.filter { !$0.isEmpty }.joined(separator: "\n"),
                                  scope: .everyone, scopeID: nil, authorID: nil, at: p.createdAt)
        }
    }

    func stamps(on db: any Database) async throws -> [SearchStamp] {
        try await stamps(of: Person.schema, on: db)
    }

    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown] {
        Dictionary(uniqueKeysWithValues: hits.map { ($0.documentID, SearchHit.Shown(title: $0.title, path: SiteURL.person($0.refID).path)) })
    }
}
