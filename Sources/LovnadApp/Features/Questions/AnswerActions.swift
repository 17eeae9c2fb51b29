import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Answering, voting, accepting, and an answer's promise: the only code that writes answers.
enum AnswerActions {
    static let maximumBody = 20_000
    static let maximumComment = 2_000

    /// Anyone who may see the question answers it. The first answer from someone other than the asker
    /// stops its clock and its escalation; the asker hears of each answer.
    static func answer(_ questionID: UUID, body: String, actor: CurrentUser, app: Application) async throws -> Answer {
        try await app.store.write { ctx in
            let q = try await QuestionAccess.locked(questionID, user: actor, ctx)
            return try await answer(q, body: body, authorID: actor.id, authorName: actor.person.name, at: ctx.now, ctx)
        }
    }

    static func answer(_ q: Question, body: String, authorID: UUID, authorName: String, at: Date, notify: Bool = true,
                       _ ctx: WriteContext) async throws -> Answer {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > maximumBody { throw AppError.invalid(["body": .length(min: 1, max: maximumBody)]) }
        let answer = Answer(questionID: q.id!, authorID: authorID, body: text, html: SafeMarkdown.html(text), now: at)
        try await answer.create(on: ctx.db)
        if authorID != q.$author.id {
            q.answerCount += 1
            if q.firstAnswerAt == nil { q.firstAnswerAt = at }
        }
        q.updatedAt = ctx.now
        try await QuestionActions.scheduleNextStep(q, since: ctx.now, ctx)
        try await q.update(on: ctx.db)
        if notify, authorID != q.$author.id {
            try await NotificationActions.notify(Notice(personID: q.$author.id, kind: "question_answered", promiseID: nil,
                                                        params: ["person": authorName, "title": q.title,
                                                                 "href": SiteURL.question(q.id!).with(anchor: "answer-\(answer.id!)")],
                                                        subjectID: q.id), ctx)
        }
        ctx.emit(QuestionEvents.answer(.answerCreated, answer))
        ctx.emit(QuestionEvents.question(.questionUpdated, q.id!))
        return answer
    }

    /// A comment on the question, or on one of its answers.
    static func comment(_ questionID: UUID, answerID: UUID?, body: String, actor: CurrentUser, app: Application) async throws -> QuestionComment {
        try await app.store.write { ctx in
            let q = try await QuestionAccess.visible(questionID, user: actor, on: ctx.db)
            return try await comment(q, answerID: answerID, body: body, authorID: actor.id, at: ctx.now, ctx)
        }
    }

    static func comment(_ q: Question, answerID: UUID?, body: String, authorID: UUID, at: Date, _ ctx: WriteContext) async throws -> QuestionComment {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        var errors = FieldErrors()
        if text.isEmpty || text.count > maximumComment { errors.add("body", .length(min: 1, max: maximumComment)) }
        if let answerID, try await Answer.query(on: ctx.db).filter(\.$id == answerID).filter(\.$question.$id == q.id!).count() == 0 {
            errors.add("answer_id", .notInThisQuestion)
        }
        try errors.throwIfAny()
        let comment = QuestionComment(questionID: q.id!, answerID: answerID, authorID: authorID, body: text, now: at)
        try await comment.create(on: ctx.db)
        ctx.emit(QuestionEvents.comment(comment))
        return comment
    }

    /// One up-vote per person, never on one's own answer; a second is 409, also when two race (the
    /// unique index decides, and the count moves only for the vote that was stored).
    static func vote(_ answerID: UUID, actor: CurrentUser, app: Application) async throws -> (Answer, Question) {
        try await app.store.write { ctx in
            let (answer, q) = try await QuestionAccess.visibleAnswer(answerID, user: actor, on: ctx.db)
            guard answer.$author.id != actor.id else { throw AppError.forbidden(.refuseVoteOwnAnswer) }
            let stored = try await ctx.sql.insert(into: AnswerVote.schema)
                .columns("id", "answer_id", "person_id", "created_at")
                .values(SQLBind(UUID()), SQLBind(answerID), SQLBind(actor.id), SQLBind(ctx.now))
                .ignoringConflicts()
                .returning("id").all().count > 0
            guard stored else { throw AppError.conflict(.refuseVotedAlready) }
            try await ctx.sql.raw("UPDATE answers SET votes = votes + 1 WHERE id = \(bind: answerID)").run()
            answer.votes += 1
            ctx.emit(QuestionEvents.answer(.answerUpdated, answer))
            return (answer, q)
        }
    }

    /// The asker (or a leader for a departed asker) accepts an answer: it becomes knowledge with an
    /// accountable verifier (its author while active, else the best other expert on the skills), and its
    /// check period starts. Accepting another answer moves the mark.
    static func accept(_ answerID: UUID, actor: CurrentUser, app: Application) async throws -> (Answer, Question) {
        try await app.store.write { ctx in
            let db = ctx.db
            let (answer, q) = try await QuestionAccess.lockedAnswer(answerID, user: actor, ctx)
            guard try await QuestionActions.mayDecide(q, actor: actor, on: db) else { throw AppError.forbidden(.refuseAskerDecides) }
            if q.acceptedAnswerID == answerID { return (answer, q) }
            if let earlier = q.acceptedAnswerID, let previous = try await Answer.find(earlier, on: db) {
                previous.$verifier.id = nil
                previous.confirmedAt = nil
                previous.checkReason = nil
                try await previous.update(on: db)
                ctx.emit(QuestionEvents.answer(.answerUpdated, previous))
            }
            answer.$verifier.id = try await verifier(for: answer, question: q, now: ctx.now, zone: ctx.app.settings.timeZone, on: db)
            answer.confirmedAt = ctx.now
            answer.checkReason = nil
            try await answer.update(on: db)
            q.acceptedAnswerID = answerID
            if q.acceptedAt == nil { q.acceptedAt = ctx.now }
            q.updatedAt = ctx.now
            try await q.update(on: db)
            if answer.$author.id != actor.id {
                try await NotificationActions.notify(Notice(personID: answer.$author.id, kind: "answer_accepted", promiseID: nil,
                                                            params: ["title": q.title,
                                                                     "href": SiteURL.question(q.id!).with(anchor: "answer-\(answerID)")],
                                                            subjectID: q.id), ctx)
            }
            ctx.emit(QuestionEvents.answer(.answerUpdated, answer))
            ctx.emit(QuestionEvents.question(.questionUpdated, q.id!))
            return (answer, q)
        }
    }

    /// `KnowledgeCheck.verifier` over the answer's author and the question's experts as routing ranks them.
    static func verifier(for answer: Answer, question q: Question, now: Date, zone: TimeZone, on db: any Database) async throws -> UUID? {
        let authorActive = try await Person.query(on: db).filter(\.$id == answer.$author.id).filter(\.$active == true).count() > 0
        if authorActive { return answer.$author.id }
        let situation = QuestionRouter.Situation(skillIDs: try await QuestionActions.skillIDs(of: q.id!, on: db), askerID: q.$author.id,
                                                 visibility: q.visibility, departmentID: q.$department.id, engagementID: q.$engagement.id)
        let experts = try await QuestionRouter.rank(situation, now: now, zone: zone, on: db)
            .filter { $0.candidate.active }.map(\.candidate.id)
        return KnowledgeCheck.verifier(author: answer.$author.id, authorActive: false, experts: experts)
    }

    /// "I'll find out by Friday": the answer's author promises the asker, in the ledger, in one step.
    static func promise(_ answerID: UUID, text: String?, due: String?, actor: CurrentUser, app: Application) async throws -> Promise {
        try await app.store.write { ctx in
            let (answer, q) = try await QuestionAccess.visibleAnswer(answerID, user: actor, on: ctx.db)
            guard answer.$author.id == actor.id else { throw AppError.forbidden(.refuseAnswerPromiser) }
            guard q.$author.id != actor.id else { throw AppError.conflict(.refuseAnswerPromiseToSelf) }
            if answer.promiseID != nil { throw AppError.conflict(.refuseAnswerPromised) }
            var engagementID = q.$engagement.id
            if let id = engagementID, let e = try await Engagement.find(id, on: ctx.db),
               EngagementStatus(rawValue: e.status)?.isFinal == true { engagementID = nil }
            let typed = text?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let made = try await PromiseActions.make(.init(
                text: typed.isEmpty ? String(answer.body.prefix(PromiseActions.maximumText)) : typed, due: due,
                receiverKind: PromiseReceiverKind.person.rawValue, receiverID: q.$author.id, engagementID: engagementID,
                source: PromiseSource.answer.rawValue, sourceRef: answerID.uuidString), actor: actor, ctx)
            // Only the write that finds the answer without a promise links it; a racing second rolls back.
            let linked = try await ctx.sql.raw("""
                UPDATE answers SET promise_id = \(bind: made[0].id!) WHERE id = \(bind: answerID) AND promise_id IS NULL RETURNING id
                """).all()
            guard !linked.isEmpty else { throw AppError.conflict(.refuseAnswerPromised) }
            answer.promiseID = made[0].id
            ctx.emit(QuestionEvents.answer(.answerUpdated, answer))
            return made[0]
        }
    }
}
