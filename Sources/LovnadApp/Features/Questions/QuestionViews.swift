import Plot
import Vapor
import LovnadCore

/// The question pages: questions for you and all, asking (with similar answered questions), and one
/// question with its answers.
enum QuestionViews {
    enum Tab: String { case forMe = "for_me", all, mine }

    struct ListModel {
        let tab: Tab
        let questions: [QuestionDTO]
        let nextCursor: String?
        var skill: String? = nil
    }

    static func needLabel(_ need: String, _ ctx: PageContext) -> String {
        switch QuestionNeed(rawValue: need) ?? .today {
        case .hour: ctx.t(.questionNeedHour)
        case .today: ctx.t(.questionNeedToday)
        case .week: ctx.t(.questionNeedWeek)
        }
    }

    static func visibilityLabel(_ v: String, _ ctx: PageContext) -> String {
        switch QuestionVisibility(rawValue: v) ?? .everyone {
        case .everyone: ctx.t(.questionVisibleEveryone)
        case .department: ctx.t(.questionVisibleDepartment)
        case .engagement: ctx.t(.questionVisibleEngagement)
        }
    }

    static func stateBadge(_ q: QuestionDTO, _ ctx: PageContext) -> Node<HTML.BodyContext> {
        if q.acceptedAnswerId != nil { return .span(.class("status question-accepted"), .text(ctx.t(.questionStateAccepted))) }
        if q.state == Question.resolved { return .span(.class("status question-resolved"), .text(ctx.t(.questionStateResolved))) }
        if q.answerCount == 0 { return .span(.class("status question-open"), .text(ctx.t(.questionStateUnanswered))) }
        return .span(.class("status question-answered"), .text(ctx.t.count(q.answerCount, one: .questionAnswersOne, other: .questionAnswers)))
    }

    static func list(_ ctx: PageContext, _ m: ListModel, flash: String?) -> Response {
        let tabs: [(Tab, L)] = [(.forMe, .questionsForYou), (.all, .questionsAll), (.mine, .questionsMine)]
        return Layout.page(ctx, title: ctx.t(.questionsTitle),
            .h1(.text(ctx.t(.questionsTitle))),
            Parts.flash(flash),
            .p(.a(.class("button"), .href(.askQuestion), .text(ctx.t(.questionAsk))), .text(" "),
               .a(.href(.knowledge), .text(ctx.t(.knowledgeTitle)))),
            .unwrap(m.skill) { skill in .p(.class("meta"), .text(ctx.t(.knowledgeSkill) + ": " + skill)) },
            .nav(.class("tabs"), .attribute(named: "aria-label", value: ctx.t(.questionsTitle)),
                .ul(.forEach(tabs) { tab, label in
                    .li(.a(.href(SiteURL.questions.with(["view": tab.rawValue, "skill": m.skill])), .text(ctx.t(label)),
                           .if(tab == m.tab, .attribute(named: "aria-current", value: "page"))))
                })),
            .if(m.questions.isEmpty, .p(.class("empty"), .text(ctx.t(m.tab == .forMe ? .questionsNoneForYou : .questionsNone)))),
            .ul(.class("question-list"), .forEach(m.questions) { q in
                .li(.a(.href(.question(q.id)), .text(q.title)), .text(" "), stateBadge(q, ctx),
                    .p(.class("meta"), .text(ctx.t(.questionAskedBy, ["name": q.author.name, "date": ctx.date(q.createdAt)])),
                       .text(" · " + q.skills.map(\.name).joined(separator: ", "))))
            }),
            .unwrap(m.nextCursor) { cursor in
                .p(.a(.href(SiteURL.questions.with(["view": m.tab.rawValue, "skill": m.skill, "cursor": cursor])), .text(ctx.t(.nextPage))))
            })
    }

    struct AskModel {
        let skills: [String]
        let engagements: [EngagementRef]
        let hasDepartment: Bool
        let similar: [SimilarQuestionDTO]
        var errors: [String: String] = [:]
        var values: [String: String] = [:]
    }

    static func ask(_ ctx: PageContext, _ m: AskModel, status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.questionAsk), status: status,
            .h1(.text(ctx.t(.questionAsk))),
            .if(!m.errors.isEmpty, Parts.flash(ctx.t(.fixErrors), kind: "error")),
            .form(.method(.post), .action(.questions), .class("question-form"),
                Parts.csrf(ctx),
                Parts.textField("title", label: ctx.t(.questionTitleField), value: m.values["title"], required: true,
                                error: m.errors["title"], limit: QuestionActions.titleLength.upperBound),
                similarSection(ctx, m),
                bodyField(ctx, m),
                skillsField(ctx, m),
                choiceFields(ctx, m),
                .button(.type(.submit), .text(ctx.t(.questionPost)))))
    }

    /// Answered questions like it, shown while the title is typed (app.js) and after a refused post.
    private static func similarSection(_ ctx: PageContext, _ m: AskModel) -> Node<HTML.FormContext> {
        .section(.id("similar-questions"), .class("similar"), .attribute(named: "aria-live", value: "polite"),
                 .attribute(named: "data-similar", value: "/api/v1/questions/similar"),
                 .if(m.similar.isEmpty, .attribute(named: "hidden")),
            .h2(.text(ctx.t(.questionSimilarHeading))),
            .ul(.forEach(m.similar) { s in .li(.a(.href(s.url), .text(s.title))) }))
    }

    private static func bodyField(_ ctx: PageContext, _ m: AskModel) -> Node<HTML.FormContext> {
        .div(.class("field"),
            .label(.for("body"), .text(ctx.t(.questionBodyField))),
            .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "6"), Parts.limit(QuestionActions.maximumBody),
                      .text(m.values["body"] ?? "")),
            .if(m.errors["body"] != nil, .p(.class("field-error"), .text(m.errors["body"] ?? ""))))
    }

    private static func skillsField(_ ctx: PageContext, _ m: AskModel) -> Node<HTML.FormContext> {
        let invalid: String? = m.errors["skills"] == nil ? nil : "true"
        return .div(.class("field"),
            .label(.for("skills"), .text(ctx.t(.questionSkillsField))),
            .input(.id("skills"), .name("skills"), .type(.text), .value(m.values["skills"] ?? ""), .required(true),
                   .attribute(named: "list", value: "skill-catalogue"), .attribute(named: "aria-describedby", value: "skills-hint"),
                   .attribute(named: "aria-invalid", value: invalid)),
            .datalist(.id("skill-catalogue"), .forEach(m.skills) { name in .option(.value(name)) }),
            .p(.id("skills-hint"), .class("hint"), .text(ctx.t(.questionSkillsHint))),
            .if(m.errors["skills"] != nil, .p(.class("field-error"), .text(m.errors["skills"] ?? ""))))
    }

    private static func choiceFields(_ ctx: PageContext, _ m: AskModel) -> Node<HTML.FormContext> {
        let needs: [(String, L)] = [("hour", .questionNeedHour), ("today", .questionNeedToday), ("week", .questionNeedWeek)]
        var visibilities: [(String, L)] = [("everyone", .questionVisibleEveryone)]
        if m.hasDepartment { visibilities.append(("department", .questionVisibleDepartment)) }
        if !m.engagements.isEmpty { visibilities.append(("engagement", .questionVisibleEngagement)) }
        let need = m.values["needed_by"] ?? "today"
        let visibility = m.values["visibility"] ?? "everyone"
        let chosenEngagement = m.values["engagement_id"]
        let engagementField: Node<HTML.FormContext> = m.engagements.isEmpty ? .empty : .div(.class("field"),
            .label(.for("engagement_id"), .text(ctx.t(.questionEngagementField))),
            .select(.id("engagement_id"), .attribute(named: "name", value: "engagement_id"),
                    Parts.option("", ctx.t(.questionNoEngagement)),
                    .forEach(m.engagements) { e in Parts.option(e.id.uuidString, e.title, selected: chosenEngagement == e.id.uuidString) }),
            .if(m.errors["engagement_id"] != nil, .p(.class("field-error"), .text(m.errors["engagement_id"] ?? ""))))
        return .group(
            .div(.class("field"),
                .label(.for("needed_by"), .text(ctx.t(.questionNeedField))),
                .select(.id("needed_by"), .attribute(named: "name", value: "needed_by"),
                        .forEach(needs) { value, label in Parts.option(value, ctx.t(label), selected: value == need) })),
            .div(.class("field"),
                .label(.for("visibility"), .text(ctx.t(.questionVisibilityField))),
                .select(.id("visibility"), .attribute(named: "name", value: "visibility"),
                        .forEach(visibilities) { value, label in Parts.option(value, ctx.t(label), selected: value == visibility) }),
                .if(m.errors["visibility"] != nil, .p(.class("field-error"), .text(m.errors["visibility"] ?? "")))),
            engagementField)
    }

    struct DetailModel {
        let detail: QuestionDetailDTO
        let isAsker: Bool
        let mayDecide: Bool
        let viewer: UUID
    }

    static func detail(_ ctx: PageContext, _ m: DetailModel, flash: String?, problem: String?, status: HTTPResponseStatus = .ok) -> Response {
        let q = m.detail.question
        let open = q.state == Question.open
        func comments(on answer: UUID?) -> Node<HTML.BodyContext> {
            let list = m.detail.comments.filter { $0.answerId == answer }
            return .if(!list.isEmpty, .ul(.class("comments"), .forEach(list) { c in
                .li(.text(c.body), .span(.class("meta"), .text(" — \(c.author.name), \(ctx.date(c.createdAt))")))
            }))
        }
        func commentForm(_ answer: UUID?) -> Node<HTML.BodyContext> {
            let id = "comment-" + (answer?.uuidString ?? "question")
            return .details(.summary(.text(ctx.t(.questionComment))),
                .form(.method(.post), .action(.questionAction(q.id, .comments)), .class("comment-form"),
                    Parts.csrf(ctx),
                    .unwrap(answer) { .input(.type(.hidden), .name("answer_id"), .value($0.uuidString)) },
                    .label(.for(id), .text(ctx.t(.questionCommentField))),
                    .textarea(.id(id), .name("body"), .attribute(named: "rows", value: "2"), Parts.limit(AnswerActions.maximumComment), .required(true)),
                    .button(.type(.submit), .text(ctx.t(.questionComment)))))
        }
        return Layout.page(ctx, title: q.title, status: status,
            .p(.a(.href(.questions), .text(ctx.t(.questionsBack)))),
            .h1(.text(q.title)),
            Parts.flash(flash),
            Parts.flash(problem, kind: "error"),
            .p(.class("meta"), stateBadge(q, ctx),
               .text(" " + ctx.t(.questionAskedBy, ["name": q.author.name, "date": ctx.date(q.createdAt)])),
               .text(" · " + ctx.t(.questionNeededBy, ["need": needLabel(q.neededBy, ctx), "date": ctx.date(q.dueAt)])),
               .text(" · " + visibilityLabel(q.visibility, ctx) + (q.engagement.map { ": " + $0.title } ?? "")),
               .text(" · " + q.skills.map(\.name).joined(separator: ", "))),
            .div(.class("question-body markdown"), .raw(q.html)),
            comments(on: nil),
            .if(open, .div(.class("question-actions"),
                .unwrap(q.claimedBy) { who in .p(.class("claimed"), .text(ctx.t(.questionClaimedBy, ["name": who.name]))) },
                .if(!m.isAsker && q.claimedBy == nil, actionForm(ctx, .questionAction(q.id, .claim), label: .questionClaim)),
                .if(q.claimedBy?.id == m.viewer, actionForm(ctx, .questionAction(q.id, .unclaim), label: .questionUnclaim)),
                .if(m.mayDecide, actionForm(ctx, .questionAction(q.id, .resolve), label: .questionResolve)))),
            commentForm(nil),
            .section(.class("routes"), .h2(.text(ctx.t(.questionRoutesHeading))),
                .if(m.detail.routes.isEmpty, .p(.class("empty"), .text(ctx.t(.questionRoutesNone)))),
                .ul(.forEach(m.detail.routes) { r in
                    .li(.a(.href(.person(r.person.id)), .text(r.person.name)),
                        .text(" (" + stepLabel(r.step, ctx) + ")"),
                        .if(!r.reasons.isEmpty, .text(": " + r.reasons.joined(separator: ", "))))
                }),
                .unwrap(q.nextStepAt) { at in .p(.class("meta"), .text(ctx.t(.questionNextStep, ["date": ctx.date(at)]))) }),
            .section(.class("answers"),
                .h2(.text(ctx.t.count(m.detail.answers.count, one: .questionAnswersOne, other: .questionAnswers))),
                .forEach(m.detail.answers) { a in answer(ctx, m, a, comments: comments(on: a.id), commentForm: commentForm(a.id)) }),
            .section(.class("answer-form"),
                .h2(.text(ctx.t(.questionYourAnswer))),
                .form(.method(.post), .action(.questionAction(q.id, .answers)),
                    Parts.csrf(ctx),
                    .label(.for("answer-body"), .text(ctx.t(.questionAnswerField))),
                    .textarea(.id("answer-body"), .name("body"), .attribute(named: "rows", value: "5"), Parts.limit(AnswerActions.maximumBody),
                              .required(true)),
                    .button(.type(.submit), .text(ctx.t(.questionPostAnswer))))))
    }

    private static func answer(_ ctx: PageContext, _ m: DetailModel, _ a: AnswerDTO, comments: Node<HTML.BodyContext>,
                               commentForm: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
        .article(.id("answer-\(a.id)"), .class(a.accepted ? "answer accepted" : "answer"),
            .if(a.accepted, .p(.class("badge"), .text(ctx.t(.questionAcceptedAnswer)))),
            .unwrap(a.outdatedReason) { why in .p(.class("badge outdated"), .text(ctx.t(.knowledgeOutdatedBadge, ["reason": why]))) },
            .div(.class("markdown"), .raw(a.html)),
            .p(.class("meta"), .text(ctx.t(.questionAnsweredBy, ["name": a.author.name, "date": ctx.date(a.createdAt)])),
               .unwrap(a.editedAt) { at in .text(" · " + ctx.t(.answerEditedAt, ["date": ctx.date(at)])) },
               .text(" · " + ctx.t.count(a.votes, one: .questionVotesOne, other: .questionVotes)),
               .unwrap(a.verifier) { v in .text(" · " + ctx.t(.questionVerifier, ["name": v.name])) },
               .unwrap(a.confirmedAt) { at in .text(" · " + ctx.t(.knowledgeConfirmedAt, ["date": ctx.date(at)])) }),
            .unwrap(a.checkReason.flatMap(CheckReason.init(rawValue:))) { reason in
                .p(.class("check-due"), .text(ctx.t(.knowledgeCheckDue, ["reason": ctx.t.checkReason(reason)])))
            },
            .div(.class("answer-actions"),
                .if(a.author.id != m.viewer && !a.voted, actionForm(ctx, .answerAction(a.id, .votes), label: .questionVote)),
                .if(m.mayDecide && !a.accepted, actionForm(ctx, .answerAction(a.id, .accept), label: .questionAccept)),
                .unwrap(a.promiseId) { p in .a(.href(.promise(p)), .text(ctx.t(.questionAnswerPromised))) },
                .if(a.author.id == m.viewer && a.promiseId == nil && !m.isAsker, promiseForm(ctx, a)),
                .if(mayCheck(ctx, m, a) && a.outdatedAt == nil, actionForm(ctx, .answerAction(a.id, .confirm), label: .knowledgeConfirm)),
                .if(mayCheck(ctx, m, a) && a.outdatedAt == nil, outdatedForm(ctx, a)),
                .if(a.author.id == m.viewer || mayCheck(ctx, m, a), editForm(ctx, a))),
            comments,
            commentForm)
    }

    /// The verifier of an accepted answer (an admin when nobody is left to verify it) keeps it true.
    private static func mayCheck(_ ctx: PageContext, _ m: DetailModel, _ a: AnswerDTO) -> Bool {
        guard a.accepted, a.confirmedAt != nil else { return false }
        return a.verifier?.id == m.viewer || (a.verifier == nil && ctx.user?.isAdmin == true)
    }

    private static func outdatedForm(_ ctx: PageContext, _ a: AnswerDTO) -> Node<HTML.BodyContext> {
        let id = "outdated-\(a.id)"
        return .details(.summary(.text(ctx.t(.knowledgeMarkOutdated))),
            .form(.method(.post), .action(.answerAction(a.id, .outdated)),
                Parts.csrf(ctx),
                .label(.for(id), .text(ctx.t(.knowledgeOutdatedReason))),
                .textarea(.id(id), .name("reason"), .attribute(named: "rows", value: "2"), Parts.limit(KnowledgeActions.reasonLength.upperBound),
                          .attribute(named: "minlength", value: String(KnowledgeActions.reasonLength.lowerBound)), .required(true)),
                .button(.type(.submit), .text(ctx.t(.knowledgeMarkOutdated)))))
    }

    private static func editForm(_ ctx: PageContext, _ a: AnswerDTO) -> Node<HTML.BodyContext> {
        let id = "edit-\(a.id)"
        return .details(.summary(.text(ctx.t(.answerEdit))),
            .form(.method(.post), .action(.answerAction(a.id, .edit)),
                Parts.csrf(ctx),
                .label(.for(id), .text(ctx.t(.answerEditField))),
                .textarea(.id(id), .name("body"), .attribute(named: "rows", value: "6"), Parts.limit(AnswerActions.maximumBody), .required(true),
                          .text(a.body)),
                .button(.type(.submit), .text(ctx.t(.answerSave)))))
    }

    static func stepLabel(_ step: String, _ ctx: PageContext) -> String {
        switch step {
        case "more_experts": ctx.t(.questionStepMoreExperts)
        case "department_leader": ctx.t(.questionStepLeader)
        default: ctx.t(.questionStepRouted)
        }
    }

    private static func actionForm(_ ctx: PageContext, _ url: SiteURL, label: L) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(url), .class("inline"), Parts.csrf(ctx), .button(.type(.submit), .text(ctx.t(label))))
    }

    private static func promiseForm(_ ctx: PageContext, _ a: AnswerDTO) -> Node<HTML.BodyContext> {
        let id = "promise-due-\(a.id)"
        return .details(.summary(.text(ctx.t(.questionMakePromise))),
            .form(.method(.post), .action(.answerAction(a.id, .promise)),
                Parts.csrf(ctx),
                .label(.for(id), .text(ctx.t(.questionPromiseDue))),
                .input(.id(id), .name("due"), .type(.date), .required(true)),
                .button(.type(.submit), .text(ctx.t(.questionMakePromise)))))
    }
}
