import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Asking, routing and escalating questions: the only code that writes them. Each change commits with
/// its routes, notifications, escalation job and events.
enum QuestionActions {
    static let titleLength = 3...200
    static let maximumBody = 20_000
    static let maximumSkills = 5

    struct NewQuestion {
        var title: String
        var body: String
        var skills: [String]
        var neededBy: String?
        var visibility: String?
        var engagementID: UUID?
    }

    /// What asking answers: the question and whom it was routed to, why.
    struct Asked {
        let question: Question
        /// Who was asked.
        let routedTo: [UUID]
    }

    static func ask(_ new: NewQuestion, actor: CurrentUser, app: Application) async throws -> Asked {
        try await app.store.write { ctx in try await ask(new, actor: actor, sourceMessage: nil, ctx) }
    }

    /// Checks the question, stores it with its skills, routes it and queues its escalation.
    /// `sourceMessage`, the channel message it was (its author's, the actor's), gives its time.
    static func ask(_ new: NewQuestion, actor: CurrentUser, sourceMessage: Message?, routing: Bool = true, _ ctx: WriteContext) async throws -> Asked {
        let db = ctx.db
        var errors = FieldErrors()
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if !titleLength.contains(title.count) { errors.add("title", .length(min: titleLength.lowerBound, max: titleLength.upperBound)) }
        let body = new.body.trimmingCharacters(in: .whitespacesAndNewlines)
        if body.count > maximumBody { errors.add("body", .tooLong(max: maximumBody)) }
        let need = QuestionNeed(rawValue: new.neededBy ?? QuestionNeed.today.rawValue)
        if need == nil { errors.add("needed_by", .unknownKind) }
        let skills = try await resolveSkills(new.skills, errors: &errors, on: db)
        let visibility = new.visibility.map { QuestionVisibility(rawValue: $0) } ?? (new.engagementID == nil ? .everyone : .engagement)
        if visibility == nil { errors.add("visibility", .unknownKind) }
        var engagementID: UUID?
        if visibility == .engagement {
            if let id = new.engagementID {
                if try await EngagementVisibility.canSee(id, user: actor, on: db) { engagementID = id } else { errors.add("engagement_id", .notAnID) }
            } else {
                errors.add("engagement_id", .required)
            }
        } else if new.engagementID != nil {
            errors.add("engagement_id", .onlyForEngagement)
        }
        let departmentID = actor.person.$department.id
        if visibility == .department, departmentID == nil { errors.add("visibility", .noDepartment) }
        try errors.throwIfAny()

        let now = sourceMessage?.createdAt ?? ctx.now
        let zone = ctx.app.settings.timeZone
        let question = Question(id: UUID(), authorID: actor.id, title: title, body: body, html: SafeMarkdown.html(body),
                                need: need!, dueAt: need!.dueAt(askedAt: now, in: zone), visibility: visibility!,
                                departmentID: departmentID, engagementID: engagementID, now: now)
        question.sourceMessageID = sourceMessage?.id
        try await scheduleNextStep(question, since: ctx.now, ctx)
        try await question.create(on: db)
        for skill in skills { try await QuestionSkill(questionID: question.id!, skillID: skill.id!).create(on: db) }
        let skillIDs = skills.map { $0.id! }
        let routes = routing ? try await route(question, step: .routed, skillIDs: skillIDs, askerName: actor.person.name, ctx) : []
        if routing { try await tellFollowers(question, skillIDs: skillIDs, askerName: actor.person.name, except: Set(routes), ctx) }
        ctx.emit(QuestionEvents.question(.questionCreated, question.id!))
        return Asked(question: question, routedTo: routes)
    }

    /// Skills by name or synonym, each once; unknown names are named in the error.
    private static func resolveSkills(_ names: [String], errors: inout FieldErrors, on db: any Database) async throws -> [Skill] {
        let typed = names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if typed.isEmpty { errors.add("skills", .required); return [] }
        if typed.count > maximumSkills { errors.add("skills", .tooMany(max: maximumSkills)); return [] }
        let index = try await SkillLookup.index(of: typed, on: db)
        var skills: [Skill] = []
        for name in typed {
            guard let skill = index[skillLookupKey(name)] else { errors.add("skills", .notInCatalogue(name)); continue }
            if !skills.contains(where: { $0.id == skill.id }) { skills.append(skill) }
        }
        return skills
    }

    static func skillIDs(of questionID: UUID, on db: any Database) async throws -> [UUID] {
        try await QuestionSkill.query(on: db).filter(\.$question.$id == questionID).all().map { $0.$skill.id }
    }

    /// Asks the next people for the step, stores why, and tells them.
    @discardableResult
    static func route(_ q: Question, step: QuestionEscalation.Step, skillIDs: [UUID], askerName: String,
                      _ ctx: WriteContext) async throws -> [UUID] {
        let db = ctx.db
        let asked = Set(try await QuestionRoute.query(on: db).filter(\.$question.$id == q.id!).all().map { $0.$person.id })
        let situation = QuestionRouter.Situation(skillIDs: skillIDs, askerID: q.$author.id, visibility: q.visibility,
                                                 departmentID: q.$department.id, engagementID: q.$engagement.id)
        let chosen: [(id: UUID, reasons: [RoutingReason])]
        if step == .departmentLeader {
            chosen = try await departmentLeaders(of: q, except: asked, on: db).map { ($0, []) }
        } else {
            chosen = try await QuestionRouter.next(situation, alreadyAsked: asked, rules: ctx.app.settings.routingRules, now: ctx.now,
                                                   zone: ctx.app.settings.timeZone, on: db)
                .map { ($0.candidate.id, $0.reasons) }
        }
        let encoder = JSONEncoder()
        for r in chosen {
            let reasons = String(decoding: try encoder.encode(r.reasons), as: UTF8.self)
            try await QuestionRoute(questionID: q.id!, personID: r.id, step: step, reasons: reasons, now: ctx.now).create(on: db)
            try await NotificationActions.notify(Notice(personID: r.id, kind: step == .routed ? "question_routed" : "question_escalated",
                                                        promiseID: nil,
                                                        params: ["asker": askerName, "title": q.title, "href": SiteURL.question(q.id!).path],
                                                        subjectID: q.id), ctx)
        }
        return chosen.map(\.id)
    }

    /// The leaders of the asker's department (else the asker's own leader), active and not yet asked.
    private static func departmentLeaders(of q: Question, except asked: Set<UUID>, on db: any Database) async throws -> [UUID] {
        var ids: [UUID] = []
        if let department = q.$department.id {
            ids = try await Person.query(on: db).filter(\.$department.$id == department).filter(\.$active == true)
                .filter(\.$rolesText ~~ Role.leader.rawValue).sort(\.$nameKey).all()
                .filter { $0.roles.contains(.leader) }.map { $0.id! }
        }
        if ids.isEmpty, q.visibility != .department, let author = try await Person.find(q.$author.id, on: db),
           let leader = author.$leader.id, try await Person.query(on: db).filter(\.$id == leader).filter(\.$active == true).count() > 0 {
            ids = [leader]
        }
        return ids.filter { $0 != q.$author.id && !asked.contains($0) }
    }

    /// Followers of the question's skills who may see it hear of it, once each.
    private static func tellFollowers(_ q: Question, skillIDs: [UUID], askerName: String, except routed: Set<UUID>,
                                      _ ctx: WriteContext) async throws {
        struct Row: Decodable { let id: UUID }
        let audience = QuestionAccess.audience(visibility: q.visibility, departmentID: q.$department.id, engagementID: q.$engagement.id)
        let followers = try await ctx.sql.raw("""
            SELECT DISTINCT p.id FROM skill_followers f JOIN people p ON p.id = f.person_id
            WHERE f.skill_id IN (\(binds: skillIDs)) AND p.active = \(bind: true) AND p.id <> \(bind: q.$author.id) AND \(audience)
            """).all(decoding: Row.self)
        for f in followers where !routed.contains(f.id) {
            try await NotificationActions.notify(Notice(personID: f.id, kind: "question_on_skill", promiseID: nil,
                                                        params: ["asker": askerName, "title": q.title, "href": SiteURL.question(q.id!).path],
                                                        subjectID: q.id), ctx)
        }
    }

    static let escalationJob = "question_escalation"

    struct EscalationPayload: Codable {
        let questionId: UUID
        let step: Int
        /// The `next_step_at` it was queued for: a claim or answer since moves or clears it, and this job then does nothing.
        let at: Double
    }

    /// Sets when the next step is due (one norm from `since`) and queues it, or clears it when there is
    /// none; the caller stores the question.
    static func scheduleNextStep(_ q: Question, since: Date, _ ctx: WriteContext) async throws {
        let step = QuestionEscalation.Step(rawValue: q.escalationStep) ?? .routed
        guard q.state == Question.open, q.answerCount == 0,
              let at = QuestionEscalation.nextStepAt(after: step, since: since, need: q.need, in: ctx.app.settings.timeZone) else {
            q.nextStepAt = nil
            return
        }
        let whole = at.timeIntervalSince1970.rounded()
        q.nextStepAt = Date(timeIntervalSince1970: whole)
        let payload = EscalationPayload(questionId: q.id!, step: step.rawValue, at: whole)
        try await ctx.enqueue(kind: escalationJob, payload: String(decoding: try JSONEncoder().encode(payload), as: UTF8.self), runAt: q.nextStepAt!)
    }

    /// The escalation job: when the step it was queued for is still due, the next people are asked.
    static func registerJobs(_ app: Application) {
        app.jobs.register(JobHandler(kind: escalationJob) { payload, ctx in
            let p = try JSONDecoder().decode(EscalationPayload.self, from: Data(payload.utf8))
            try await ctx.lockRow(Question.schema, p.questionId)
            guard let q = try await Question.find(p.questionId, on: ctx.db), q.state == Question.open, q.answerCount == 0,
                  q.escalationStep == p.step, let due = q.nextStepAt, abs(due.timeIntervalSince1970 - p.at) < 1,
                  let next = QuestionEscalation.Step(rawValue: p.step)?.next else { return }
            try await escalate(q, to: next, askerName: try await Person.find(q.$author.id, on: ctx.db)?.name ?? "", ctx)
        })
    }

    /// Takes the question to `step`; when nobody new can be asked there, straight on to the step after.
    private static func escalate(_ q: Question, to step: QuestionEscalation.Step, askerName: String, _ ctx: WriteContext) async throws {
        let routed = try await route(q, step: step, skillIDs: try await skillIDs(of: q.id!, on: ctx.db), askerName: askerName, ctx)
        q.escalationStep = step.rawValue
        q.updatedAt = ctx.now
        if routed.isEmpty, let after = step.next {
            return try await escalate(q, to: after, askerName: askerName, ctx)
        }
        try await scheduleNextStep(q, since: ctx.now, ctx)
        try await q.update(on: ctx.db)
        ctx.emit(QuestionEvents.question(.questionUpdated, q.id!))
    }

    /// "I'm on it": others see who is working on it, and the next step waits one norm from now.
    static func claim(_ questionID: UUID, actor: CurrentUser, app: Application) async throws -> Question {
        try await app.store.write { ctx in
            let q = try await QuestionAccess.locked(questionID, user: actor, ctx)
            guard q.$author.id != actor.id else { throw AppError.forbidden(.refuseClaimOwnQuestion) }
            guard q.state == Question.open else { throw AppError.conflict(.refuseQuestionResolved) }
            if q.$claimedBy.id == actor.id { return q }
            if q.$claimedBy.id != nil { throw AppError.conflict(.refuseQuestionClaimed) }
            q.$claimedBy.id = actor.id
            q.claimedAt = ctx.now
            q.updatedAt = ctx.now
            try await scheduleNextStep(q, since: ctx.now, ctx)
            try await q.update(on: ctx.db)
            try await NotificationActions.notify(Notice(personID: q.$author.id, kind: "question_claimed", promiseID: nil,
                                                        params: ["person": actor.person.name, "title": q.title,
                                                                 "href": SiteURL.question(q.id!).path], subjectID: q.id), ctx)
            ctx.emit(QuestionEvents.question(.questionUpdated, q.id!))
            return q
        }
    }

    /// The claimer lets go; the next step is due one norm from now.
    static func unclaim(_ questionID: UUID, actor: CurrentUser, app: Application) async throws -> Question {
        try await app.store.write { ctx in
            let q = try await QuestionAccess.locked(questionID, user: actor, ctx)
            guard q.$claimedBy.id == actor.id else { throw AppError.forbidden(.refuseNotClaimer) }
            q.$claimedBy.id = nil
            q.claimedAt = nil
            q.updatedAt = ctx.now
            try await scheduleNextStep(q, since: ctx.now, ctx)
            try await q.update(on: ctx.db)
            ctx.emit(QuestionEvents.question(.questionUpdated, q.id!))
            return q
        }
    }

    /// The asker (or, for a departed asker, a leader of theirs) marks it resolved; escalation stops.
    static func resolve(_ questionID: UUID, actor: CurrentUser, app: Application) async throws -> Question {
        try await app.store.write { ctx in
            let q = try await QuestionAccess.locked(questionID, user: actor, ctx)
            guard try await mayDecide(q, actor: actor, on: ctx.db) else { throw AppError.forbidden(.refuseAskerDecides) }
            guard q.state == Question.open else { return q }
            q.state = Question.resolved
            q.resolvedAt = ctx.now
            q.updatedAt = ctx.now
            try await scheduleNextStep(q, since: ctx.now, ctx)
            try await q.update(on: ctx.db)
            ctx.emit(QuestionEvents.question(.questionUpdated, q.id!))
            return q
        }
    }

    /// The asker decides on their question; when they have left, a leader of theirs or an admin does.
    static func mayDecide(_ q: Question, actor: CurrentUser, on db: any Database) async throws -> Bool {
        if q.$author.id == actor.id { return true }
        guard let author = try await Person.find(q.$author.id, on: db), !author.active else { return false }
        if actor.isAdmin || author.$leader.id == actor.id { return true }
        return actor.has(.leader) && author.$department.id != nil && author.$department.id == actor.person.$department.id
    }
}
