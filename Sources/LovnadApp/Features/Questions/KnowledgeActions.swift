import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Keeping accepted answers true: what marks them "to be checked" (their author leaving, their engagement
/// closing, a skill on them renamed or merged, their period passing) and their verifier's confirm, edit or
/// outdated. The only code that writes an answer's check.
enum KnowledgeActions {
    static let reasonLength = 3...500

    /// Accepted answers still standing (not outdated), as SQL over `answers` aliased `a`.
    static let standing: SQLQueryString = "a.confirmed_at IS NOT NULL AND a.outdated_at IS NULL"

    /// Marks the standing answers `condition` picks (SQL over `answers a`) as to be checked for `reason`,
    /// unless one already waits, and tells each verifier once how many now wait for them.
    static func flag(_ reason: CheckReason, where condition: SQLQueryString, _ ctx: WriteContext) async throws {
        let ids = try await ctx.sql.raw("""
            SELECT a.id FROM answers a WHERE \(standing) AND a.check_reason IS NULL AND \(condition)
            """).all().map { try $0.uuid("id") }
        guard !ids.isEmpty else { return }
        let answers = try await Answer.query(on: ctx.db).filter(\.$id ~~ ids).all()
        for answer in answers {
            answer.checkReason = reason.rawValue
            try await answer.update(on: ctx.db)
            ctx.emit(QuestionEvents.answer(.answerUpdated, answer))
        }
        try await tellVerifiers(answers, reason: reason, ctx)
    }

    private static func tellVerifiers(_ answers: [Answer], reason: CheckReason, _ ctx: WriteContext) async throws {
        let byVerifier = Dictionary(grouping: answers.filter { $0.$verifier.id != nil }) { $0.$verifier.id! }
        for (verifier, theirs) in byVerifier {
            var params = ["count": String(theirs.count), "reason": reason.rawValue, "href": SiteURL.knowledgeChecks.path]
            if theirs.count == 1, let q = try await Question.find(theirs[0].$question.id, on: ctx.db) {
                params["title"] = q.title
                params["href"] = SiteURL.question(q.id!).with(anchor: "answer-\(theirs[0].id!)")
            }
            try await NotificationActions.notify(Notice(personID: verifier, kind: "answers_to_check", promiseID: nil, params: params), ctx)
        }
    }

    /// The person left: answers they wrote are to be checked by someone who is still here, and answers they
    /// kept true for others get a new verifier.
    static func authorLeft(_ personID: UUID, _ ctx: WriteContext) async throws {
        let kept = try await Answer.query(on: ctx.db).filter(\.$verifier.$id == personID).filter(\.$outdatedAt == nil).all()
        for answer in kept {
            guard let q = try await Question.find(answer.$question.id, on: ctx.db) else { continue }
            answer.$verifier.id = try await AnswerActions.verifier(for: answer, question: q, now: ctx.now, zone: ctx.app.settings.timeZone, on: ctx.db)
            try await answer.update(on: ctx.db)
        }
        try await flag(.authorLeft, where: "a.author_id = \(bind: personID)", ctx)
    }

    /// The engagement ended (closed or lost): what its team learnt may no longer hold.
    static func engagementEnded(_ engagementID: UUID, _ ctx: WriteContext) async throws {
        try await flag(.engagementClosed, where: "a.question_id IN (SELECT id FROM questions WHERE engagement_id = \(bind: engagementID))", ctx)
    }

    /// A skill on the answers' questions was renamed or merged into another.
    static func skillChanged(_ skillID: UUID, _ reason: CheckReason, _ ctx: WriteContext) async throws {
        try await flag(reason, where: "a.question_id IN (SELECT question_id FROM question_skills WHERE skill_id = \(bind: skillID))", ctx)
    }

    /// The period since the last confirmation passed: run by housekeeping, so verifiers hear of it. Lists
    /// show such answers as due from the moment the period ends, before this has run.
    static func flagDue(_ ctx: WriteContext) async throws {
        let period = CheckPeriod(now: ctx.now, days: ctx.app.settings.knowledgeCheckDays)
        try await flag(.periodPassed, where: "a.confirmed_at <= \(bind: period.cutoff)", ctx)
    }

    /// The verifier (or an admin, when nobody is left to verify) says the answer still holds: its period starts again.
    static func confirm(_ answerID: UUID, actor: CurrentUser, app: Application) async throws -> (Answer, Question) {
        try await app.store.write { ctx in
            let (answer, q) = try await checkable(answerID, actor: actor, ctx)
            answer.confirmedAt = ctx.now
            answer.checkReason = nil
            answer.outdatedAt = nil
            answer.outdatedReason = nil
            if answer.$verifier.id == nil { answer.$verifier.id = actor.id }
            try await answer.update(on: ctx.db)
            ctx.emit(QuestionEvents.answer(.answerUpdated, answer))
            return (answer, q)
        }
    }

    /// The verifier says the answer no longer holds, and why; it stays readable, marked outdated.
    static func markOutdated(_ answerID: UUID, reason: String, actor: CurrentUser, app: Application) async throws -> (Answer, Question) {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reasonLength.contains(text.count) else {
            throw AppError.invalid(["reason": .length(min: reasonLength.lowerBound, max: reasonLength.upperBound)])
        }
        return try await app.store.write { ctx in
            let (answer, q) = try await checkable(answerID, actor: actor, ctx)
            answer.outdatedAt = ctx.now
            answer.outdatedReason = text
            answer.checkReason = nil
            try await answer.update(on: ctx.db)
            ctx.emit(QuestionEvents.answer(.answerUpdated, answer))
            return (answer, q)
        }
    }

    /// Its author or its verifier rewrites the answer; the verifier's edit of an accepted answer is its check.
    static func edit(_ answerID: UUID, body: String, actor: CurrentUser, app: Application) async throws -> (Answer, Question) {
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > AnswerActions.maximumBody {
            throw AppError.invalid(["body": .length(min: 1, max: AnswerActions.maximumBody)])
        }
        return try await app.store.write { ctx in
            let (answer, q) = try await QuestionAccess.lockedAnswer(answerID, user: actor, ctx)
            let verifies = answer.confirmedAt != nil && mayCheck(answer, actor)
            guard answer.$author.id == actor.id || verifies else { throw AppError.forbidden(.refuseAnswerEditor) }
            answer.body = text
            answer.html = SafeMarkdown.html(text)
            answer.editedAt = ctx.now
            if verifies {
                answer.confirmedAt = ctx.now
                answer.checkReason = nil
                answer.outdatedAt = nil
                answer.outdatedReason = nil
            }
            try await answer.update(on: ctx.db)
            ctx.emit(QuestionEvents.answer(.answerUpdated, answer))
            return (answer, q)
        }
    }

    static func mayCheck(_ answer: Answer, _ actor: CurrentUser) -> Bool {
        answer.$verifier.id == actor.id || (answer.$verifier.id == nil && actor.isAdmin)
    }

    /// An accepted answer the actor verifies, its question's row held to commit; 404 unless they may see it.
    private static func checkable(_ answerID: UUID, actor: CurrentUser, _ ctx: WriteContext) async throws -> (Answer, Question) {
        let (answer, q) = try await QuestionAccess.lockedAnswer(answerID, user: actor, ctx)
        guard answer.confirmedAt != nil, q.acceptedAnswerID == answer.id else { throw AppError.conflict(.refuseCheckNotAccepted) }
        guard mayCheck(answer, actor) else { throw AppError.forbidden(.refuseVerifierChecks) }
        return (answer, q)
    }
}
