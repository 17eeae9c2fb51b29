import Fluent
import Vapor

/// Answers, found by their text, seen with their question; a hit shows the question's title.
struct AnswerSearchSource: SearchSource {
    let kind = SearchKind.answer

    func changed(by event: LiveEventDraft) -> [UUID] {
        event.type == LiveEventType.answerCreated.rawValue || event.type == LiveEventType.answerUpdated.rawValue
            ? id("answer_id", in: event) : []
    }

    func documents(_ ids: [UUID], on db: any Database) async throws -> [SearchDocument] {
        let answers = try await Answer.query(on: db).filter(\.$id ~~ ids).all()
        let questions = try await Question.query(on: db).filter(\.$id ~~ Set(answers.map { $0.$question.id })).all()
        let byID = Dictionary(uniqueKeysWithValues: questions.map { ($0.id!, $0) })
        return answers.compactMap { a in
            byID[a.$question.id].map { q in
                let (scope, scopeID) = QuestionSearchSource.scope(of: q)
                return SearchDocument(kind: kind, refID: a.id!, parentID: q.id, title: "", body: a.body, scope: scope, scopeID: scopeID,
                                      authorID: q.$author.id, at: a.createdAt)
            }
        }
    }

    func stamps(on db: any Database) async throws -> [SearchStamp] {
        try await stamps(of: Answer.schema, on: db)
    }

    func describe(_ hits: [SearchHit], on db: any Database) async throws -> [Int64: SearchHit.Shown] {
        let questions = try await Question.query(on: db).filter(\.$id ~~ Set(hits.compactMap(\.parentID))).all()
        let titles = Dictionary(uniqueKeysWithValues: questions.map { ($0.id!, $0.title) })
        return Dictionary(uniqueKeysWithValues: hits.compactMap { h in
            h.parentID.map { q in
                (h.documentID, SearchHit.Shown(title: titles[q] ?? "", path: SiteURL.question(q).with(anchor: "answer-\(h.refID)")))
            }
        })
    }
}
