import Fluent
import Vapor
import LovnadCore

/// `/api/v1/questions` and `/api/v1/answers`: asking, answering, voting, accepting, claiming.
struct QuestionsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let q = routes.grouped("questions")
        q.get(use: list)
        q.post(use: ask)
        q.get("similar", use: similar)
        q.get(":id", use: show)
        q.post(":id", "answers", use: answer)
        q.post(":id", "comments", use: comment)
        q.post(":id", "claim", use: claim)
        q.delete(":id", "claim", use: unclaim)
        q.post(":id", "resolve", use: resolve)
        let a = routes.grouped("answers", ":id")
        a.post("accept", use: accept)
        a.post("votes", use: vote)
        a.post("promise", use: promise)
        a.post("confirm", use: confirm)
        a.post("outdated", use: outdated)
        a.patch(use: edit)
        routes.post("messages", ":id", "question", use: fromMessage)
        routes.post("skills", ":id", "follow", use: follow)
        routes.delete("skills", ":id", "follow", use: unfollow)
    }

    struct AskBody: Decodable {
        var title: String?
        var body: String?
        var skills: [String]?
        var neededBy: String?
        var visibility: String?
        var engagementId: UUID?
    }

    func ask(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let b = try req.decodeJSON(AskBody.self)
        let asked = try await QuestionActions.ask(.init(title: b.title ?? "", body: b.body ?? "", skills: b.skills ?? [], neededBy: b.neededBy,
                                                        visibility: b.visibility, engagementID: b.engagementId), actor: user, app: req.application)
        return try await created(asked, req: req)
    }

    private func created(_ asked: QuestionActions.Asked, req: Request) async throws -> Response {
        let dto = try await QuestionQueries.dtos([asked.question], on: req.db)[0]
        let routes = try await QuestionQueries.routes(of: asked.question.id!, ranked: asked.routedTo, Localizer(req.locale), on: req.db)
        return try await QuestionCreatedDTO(id: dto.id, question: dto, routedTo: routes).encodeResponse(status: .created, for: req)
    }

    func list(req: Request) async throws -> ListResponse<QuestionDTO> {
        let user = try req.requireUser()
        let page = try req.pageRequest()
        var filter = QuestionQueries.Filter()
        if let skill = req.query[String.self, at: "skill"], !skill.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let found = try await SkillLookup.find(skill, on: req.db) else { throw AppError.invalid(["skill": .notInCatalogue(skill)]) }
            filter.skillID = found.id
        }
        if let state = req.query[String.self, at: "state"], !state.isEmpty {
            guard state == Question.open || state == Question.resolved else { throw AppError.invalid(["state": .unknownKind]) }
            filter.state = state
        }
        if let forMe = req.query[String.self, at: "for_me"], !forMe.isEmpty {
            guard let value = Bool(forMe) else { throw AppError.invalid(["for_me": .unknownKind]) }
            filter.forMe = value
        }
        let (rows, next) = try await QuestionQueries.list(filter, user: user, page: page, on: req.db)
        return ListResponse(items: try await QuestionQueries.dtos(rows, on: req.db), nextCursor: next)
    }

    func show(req: Request) async throws -> QuestionDetailDTO {
        let (user, q) = try await req.visibleQuestion()
        return try await QuestionQueries.detail(q, viewer: user.id, locale: Localizer(req.locale), period: CheckPeriod(req), on: req.db)
    }

    func similar(req: Request) async throws -> ListResponse<SimilarQuestionDTO> {
        let user = try req.requireUser()
        let title = req.query[String.self, at: "title"] ?? ""
        guard title.count <= SearchQuery.maxLength else { throw AppError.invalid(["title": .tooLong(max: SearchQuery.maxLength)]) }
        return ListResponse(items: try await QuestionQueries.similar(to: title, user: user, on: req.db), nextCursor: nil)
    }

    struct TextBody: Decodable {
        var body: String?
        var answerId: UUID?
    }

    func answer(req: Request) async throws -> Response {
        let (user, q) = try await req.visibleQuestion()
        let b = try req.decodeJSON(TextBody.self)
        let answer = try await AnswerActions.answer(q.id!, body: b.body ?? "", actor: user, app: req.application)
        // A new answer is neither voted for nor accepted yet.
        return try await QuestionQueries.answerDTO(answer, question: q, voted: false, people: [user.id: user.person.name], period: CheckPeriod(req))
            .encodeResponse(status: .created, for: req)
    }

    func comment(req: Request) async throws -> Response {
        let (user, q) = try await req.visibleQuestion()
        let b = try req.decodeJSON(TextBody.self)
        let c = try await AnswerActions.comment(q.id!, answerID: b.answerId, body: b.body ?? "", actor: user, app: req.application)
        return try await QuestionCommentDTO(id: c.id!, questionId: c.$question.id, answerId: c.$answer.id,
                                            author: PersonRef(id: user.id, name: user.person.name), body: c.body, createdAt: c.createdAt)
            .encodeResponse(status: .created, for: req)
    }

    func claim(req: Request) async throws -> QuestionDTO {
        let (user, q) = try await req.visibleQuestion()
        return try await QuestionQueries.dtos([try await QuestionActions.claim(q.id!, actor: user, app: req.application)], on: req.db)[0]
    }

    func unclaim(req: Request) async throws -> QuestionDTO {
        let (user, q) = try await req.visibleQuestion()
        return try await QuestionQueries.dtos([try await QuestionActions.unclaim(q.id!, actor: user, app: req.application)], on: req.db)[0]
    }

    func resolve(req: Request) async throws -> QuestionDTO {
        let (user, q) = try await req.visibleQuestion()
        return try await QuestionQueries.dtos([try await QuestionActions.resolve(q.id!, actor: user, app: req.application)], on: req.db)[0]
    }

    func accept(req: Request) async throws -> AnswerDTO {
        let user = try req.requireUser()
        let (answer, q) = try await AnswerActions.accept(try req.uuidParameter("id"), actor: user, app: req.application)
        return try await answerDTO(answer, q, user: user, req: req)
    }

    func vote(req: Request) async throws -> AnswerDTO {
        let user = try req.requireUser()
        let (answer, q) = try await AnswerActions.vote(try req.uuidParameter("id"), actor: user, app: req.application)
        return try await answerDTO(answer, q, user: user, req: req)
    }

    func confirm(req: Request) async throws -> AnswerDTO {
        let user = try req.requireUser()
        let (answer, q) = try await KnowledgeActions.confirm(try req.uuidParameter("id"), actor: user, app: req.application)
        return try await answerDTO(answer, q, user: user, req: req)
    }

    struct OutdatedBody: Decodable {
        var reason: String?
    }

    func outdated(req: Request) async throws -> AnswerDTO {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        _ = try await QuestionAccess.visibleAnswer(id, user: user, on: req.db)
        let b = try req.decodeJSON(OutdatedBody.self)
        let (answer, q) = try await KnowledgeActions.markOutdated(id, reason: b.reason ?? "", actor: user, app: req.application)
        return try await answerDTO(answer, q, user: user, req: req)
    }

    struct EditBody: Decodable {
        var body: String?
    }

    func edit(req: Request) async throws -> AnswerDTO {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        _ = try await QuestionAccess.visibleAnswer(id, user: user, on: req.db)
        let b = try req.decodeJSON(EditBody.self)
        let (answer, q) = try await KnowledgeActions.edit(id, body: b.body ?? "", actor: user, app: req.application)
        return try await answerDTO(answer, q, user: user, req: req)
    }

    private func answerDTO(_ a: Answer, _ q: Question, user: CurrentUser, req: Request) async throws -> AnswerDTO {
        let voted = try await AnswerVote.query(on: req.db).filter(\.$answer.$id == a.id!).filter(\.$person.$id == user.id).count() > 0
        let people = try await QuestionQueries.names(Set([a.$author.id] + (a.$verifier.id.map { [$0] } ?? [])), on: req.db)
        return QuestionQueries.answerDTO(a, question: q, voted: voted, people: people, period: CheckPeriod(req))
    }

    struct PromiseBody: Decodable {
        var text: String?
        var due: String?
    }

    func promise(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        _ = try await QuestionAccess.visibleAnswer(id, user: user, on: req.db)
        let b = try req.decodeJSONIfAny(PromiseBody.self) ?? PromiseBody()
        let p = try await AnswerActions.promise(id, text: b.text, due: b.due, actor: user, app: req.application)
        return try await PromiseQueries.dto(p, app: req.application).encodeResponse(status: .created, for: req)
    }

    struct ConvertBody: Decodable {
        var skills: [String]?
        var neededBy: String?
        var title: String?
    }

    func fromMessage(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let b = try req.decodeJSON(ConvertBody.self)
        let asked = try await MessageQuestionActions.convert(try req.uuidParameter("id"), .init(skills: b.skills ?? [], neededBy: b.neededBy, title: b.title),
                                                             actor: user, app: req.application)
        return try await created(asked, req: req)
    }

    func follow(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await SkillActions.follow(try req.uuidParameter("id"), following: true, actor: user, app: req.application)
        return .noContent
    }

    func unfollow(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        try await SkillActions.follow(try req.uuidParameter("id"), following: false, actor: user, app: req.application)
        return .noContent
    }
}
