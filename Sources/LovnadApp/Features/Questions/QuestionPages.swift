import Fluent
import Vapor
import LovnadCore

/// Questions in the browser: for you and all, asking, one question with its answers, and each step on it.
struct QuestionPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let q = routes.grouped("questions")
        q.get(use: list)
        q.post(use: ask)
        q.get("new", use: askForm)
        q.get(":id", use: show)
        for action in [SiteURL.QuestionAction.answers, .comments, .claim, .unclaim, .resolve] {
            q.post(":id", .constant(action.rawValue)) { req in try await questionStep(req, action) }
        }
        for action in [SiteURL.AnswerAction.accept, .votes, .promise, .confirm, .outdated, .edit] {
            routes.post("answers", ":id", .constant(action.rawValue)) { req in try await answerStep(req, action) }
        }
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let tab = req.query[String.self, at: "view"].flatMap(QuestionViews.Tab.init(rawValue:)) ?? .forMe
        var filter = QuestionQueries.Filter()
        filter.forMe = tab == .forMe
        if tab == .mine { filter.authorID = user.id }
        let skill = req.query[String.self, at: "skill"].flatMap { $0.isEmpty ? nil : $0 }
        if let skill { filter.skillID = try await SkillLookup.find(skill, on: req.db)?.id ?? UUID() }
        let (rows, next) = try await QuestionQueries.list(filter, user: user, page: try req.pageRequest(), on: req.db)
        let flash = req.query[String.self, at: "done"] == "asked" ? ctx.t(.doneAsked) : nil
        return QuestionViews.list(ctx, .init(tab: tab, questions: try await QuestionQueries.dtos(rows, on: req.db), nextCursor: next, skill: skill), flash: flash)
    }

    func askForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let title = req.query[String.self, at: "title"] ?? ""
        return QuestionViews.ask(PageContext(req), try await askModel(req, user: user, values: title.isEmpty ? [:] : ["title": title]))
    }

    private func askModel(_ req: Request, user: CurrentUser, errors: [String: String] = [:], values: [String: String]) async throws -> QuestionViews.AskModel {
        let engagements = try await EngagementVisibility.restrict(Engagement.query(on: req.db), to: user)
            .filter(\.$status !~ [EngagementStatus.closed.rawValue, EngagementStatus.lost.rawValue]).sort(\.$title).all()
        let title = values["title"] ?? ""
        return QuestionViews.AskModel(
            skills: try await Skill.query(on: req.db).sort(\.$nameKey).all().map(\.name),
            engagements: engagements.map { EngagementRef(id: $0.id!, title: $0.title) },
            hasDepartment: user.person.$department.id != nil,
            similar: title.isEmpty ? [] : try await QuestionQueries.similar(to: String(title.prefix(SearchQuery.maxLength)), user: user, on: req.db),
            errors: errors, values: values)
    }

    struct AskForm: Content {
        var title: String?
        var body: String?
        var skills: String?
        var neededBy: String?
        var visibility: String?
        var engagementId: String?
        enum CodingKeys: String, CodingKey { case title, body, skills, neededBy = "needed_by", visibility, engagementId = "engagement_id" }
    }

    func ask(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(AskForm.self)
        let engagementID = (form.engagementId ?? "").isEmpty ? nil : UUID(uuidString: form.engagementId!)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            var visibility = form.visibility
            // An engagement chosen while "everyone" stayed selected says where it belongs.
            if engagementID != nil, visibility == nil || visibility == QuestionVisibility.everyone.rawValue { visibility = QuestionVisibility.engagement.rawValue }
            let asked = try await QuestionActions.ask(.init(
                title: form.title ?? "", body: form.body ?? "",
                skills: (form.skills ?? "").split(separator: ",").map(String.init), neededBy: form.neededBy, visibility: visibility,
                engagementID: visibility == QuestionVisibility.engagement.rawValue ? engagementID : nil), actor: user, app: req.application)
            return SiteURL.question(asked.question.id!).with(["done": "asked"])
        } refused: { error in
            let values = ["title": form.title, "body": form.body, "skills": form.skills, "needed_by": form.neededBy, "visibility": form.visibility,
                          "engagement_id": form.engagementId].compactMapValues { $0 }
            return QuestionViews.ask(PageContext(req), try await askModel(req, user: user, errors: error.fields(in: PageContext(req).t), values: values),
                                     status: .unprocessableEntity)
        }
    }

    func show(req: Request) async throws -> Response {
        let t = PageContext(req).t
        let done: [String: L] = ["asked": .doneAsked, "answers": .doneAnswered, "comments": .doneCommented, "claim": .doneClaimed,
                                 "unclaim": .doneUnclaimed, "resolve": .doneResolved, "accept": .doneAccepted, "votes": .doneVoted,
                                 "promise": .donePromisedFromAnswer, "confirm": .doneConfirmed, "outdated": .doneMarkedOutdated,
                                 "edit": .doneAnswerEdited]
        return try await render(req, flash: req.query[String.self, at: "done"].flatMap { done[$0] }.map { t($0) }, problem: nil)
    }

    private func render(_ req: Request, questionID: UUID? = nil, flash: String?, problem: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let q = try await QuestionAccess.visible(try questionID ?? req.uuidParameter("id"), user: user, on: req.db)
        let ctx = PageContext(req)
        let detail = try await QuestionQueries.detail(q, viewer: user.id, locale: ctx.t, period: CheckPeriod(req), on: req.db)
        let model = QuestionViews.DetailModel(detail: detail, isAsker: q.$author.id == user.id,
                                              mayDecide: try await QuestionActions.mayDecide(q, actor: user, on: req.db), viewer: user.id)
        return QuestionViews.detail(ctx, model, flash: flash, problem: problem, status: status)
    }

    struct StepForm: Content {
        var body: String?
        var answerId: String?
        var due: String?
        var reason: String?
        enum CodingKeys: String, CodingKey { case body, answerId = "answer_id", due, reason }
    }

    /// A step on the question; a refusal shows it again with the reason.
    private func questionStep(_ req: Request, _ action: SiteURL.QuestionAction) async throws -> Response {
        let (user, q) = try await req.visibleQuestion()
        let id = q.id!
        let form = try req.content.decode(StepForm.self)
        let app = req.application
        return try await req.postRedirectGet {
            var anchor: String?
            switch action {
            case .answers: anchor = "answer-\(try await AnswerActions.answer(id, body: form.body ?? "", actor: user, app: app).id!)"
            case .comments:
                let answerID = (form.answerId ?? "").isEmpty ? nil : UUID(uuidString: form.answerId!) ?? UUID()
                _ = try await AnswerActions.comment(id, answerID: answerID, body: form.body ?? "", actor: user, app: app)
                anchor = answerID.map { "answer-\($0)" }
            case .claim: _ = try await QuestionActions.claim(id, actor: user, app: app)
            case .unclaim: _ = try await QuestionActions.unclaim(id, actor: user, app: app)
            case .resolve: _ = try await QuestionActions.resolve(id, actor: user, app: app)
            }
            return SiteURL.question(id).with(["done": action.rawValue], anchor: anchor)
        } refused: { error in
            try await render(req, questionID: id, flash: nil, problem: error.problem(in: PageContext(req).t), status: error.status)
        }
    }

    private func answerStep(_ req: Request, _ action: SiteURL.AnswerAction) async throws -> Response {
        let user = try req.requireUser()
        let (answer, q) = try await QuestionAccess.visibleAnswer(try req.uuidParameter("id"), user: user, on: req.db)
        let form = try req.content.decode(StepForm.self)
        let app = req.application
        return try await req.postRedirectGet {
            switch action {
            case .accept: _ = try await AnswerActions.accept(answer.id!, actor: user, app: app)
            case .votes: _ = try await AnswerActions.vote(answer.id!, actor: user, app: app)
            case .promise: _ = try await AnswerActions.promise(answer.id!, text: nil, due: form.due, actor: user, app: app)
            case .confirm: _ = try await KnowledgeActions.confirm(answer.id!, actor: user, app: app)
            case .outdated: _ = try await KnowledgeActions.markOutdated(answer.id!, reason: form.reason ?? "", actor: user, app: app)
            case .edit: _ = try await KnowledgeActions.edit(answer.id!, body: form.body ?? "", actor: user, app: app)
            }
            return SiteURL.question(q.id!).with(["done": action.rawValue], anchor: "answer-\(answer.id!)")
        } refused: { error in
            try await render(req, questionID: q.id!, flash: nil, problem: error.problem(in: PageContext(req).t), status: error.status)
        }
    }
}
