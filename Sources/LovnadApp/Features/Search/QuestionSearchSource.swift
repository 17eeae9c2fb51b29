import Fluent
import Vapor

/// Questions, found by title and body, seen as `QuestionAccess` shows them: everyone's by all, a
/// department's by its people and the asker, an engagement's by those who may see the engagement.
struct QuestionSearchSource: SearchSource {
    let kind = SearchKind.question

    func changed(by event: LiveEventDraft) -> [UUID] {
        event.type == LiveEventType.questionCreated.rawValue || event.type == LiveEventType.questionUpdated.rawValue
            ? id("question_id", in: event) : []
    }

    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument] {
        try await Question.query(on: db).filter(\.$id ~~ ids).all().map { q in
            let (scope, scopeID) = Self.scope(of: q)
            return SearchDocument(kind: kind, refID: q.id!, parentID: nil, title: q.title, body: q.body, scope: scope, scopeID: scopeID,
                                  authorID: q.$author.id, at: q.createdAt)
        }
    }

    /// Where a question's visibility puts it, and its answers with it.
    static func scope(of q: Question) -> (SearchScope, UUID?) {
        switch q.visibility {
        case .everyone: return (.everyone, nil)
        case .department: return (.department, q.$department.id)
        case .engagement: return (.engagement, q.$engagement.id)
        }
    }

    func stamps(on db: any Database) async throws -> [SearchStamp] {
        try await stamps(of: Question.schema, on: db)
    }

    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown] {
        Dictionary(uniqueKeysWithValues: hits.map { ($0.documentID, SearchHit.Shown(title: $0.title, path: SiteURL.question($0.refID).path)) })
    }
}
