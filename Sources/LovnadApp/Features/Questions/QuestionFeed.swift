import Fluent
import Vapor
import LovnadCore

/// Questions for you in the home feed: open questions put to the reader come first (beside mentions),
/// then open questions on skills they know; newest first within each.
struct QuestionFeed: FeedSource {
    static let perReason = 20

    func candidates(for user: CurrentUser, since: Date, app: Application) async throws -> [FeedCandidate] {
        var filter = QuestionQueries.Filter()
        filter.forMe = true
        let (open, _) = try await QuestionQueries.list(filter, user: user, page: ListPage(limit: Self.perReason * 2, after: nil), on: app.db)
        let recent = open.filter { $0.createdAt >= since }
        guard !recent.isEmpty else { return [] }
        let routed = Set(try await QuestionRoute.query(on: app.db).filter(\.$person.$id == user.id)
            .filter(\.$question.$id ~~ recent.map { $0.id! }).all().map { $0.$question.id })
        return recent.map { q in
            let put = routed.contains(q.id!)
            return FeedCandidate(kind: "question", reason: put ? "question_for_you" : "question_on_skill", tier: put ? 1 : 2,
                                 at: q.createdAt, channel: nil, ref: q.id!)
        }
    }

    func items(_ chosen: [FeedCandidate], for user: CurrentUser, app: Application) async throws -> [FeedItemDTO] {
        let questions = try await QuestionAccess.restrict(Question.query(on: app.db).filter(\.$id ~~ chosen.map(\.ref)), to: user).all()
        let dtos = Dictionary(uniqueKeysWithValues: try await QuestionQueries.dtos(questions, on: app.db).map { ($0.id, $0) })
        return chosen.compactMap { c in
            dtos[c.ref].map { FeedItemDTO(kind: c.kind, reason: c.reason, tier: c.tier, at: c.at, channel: nil, message: nil, question: $0) }
        }
    }
}
