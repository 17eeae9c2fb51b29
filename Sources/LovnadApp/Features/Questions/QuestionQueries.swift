import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Reading questions: lists, one with its answers, comments and routes, and similar answered ones.
/// Every read goes through `QuestionAccess`.
enum QuestionQueries {
    struct Filter {
        var skillID: UUID?
        var state: String?
        /// Open questions for the reader: put to them, or on a skill they hold at level 3 or above.
        var forMe = false
        /// Asked by this person.
        var authorID: UUID?
    }

    /// At and above this level someone is counted among those who know a skill.
    static let knowsLevel = 3

    static func list(_ filter: Filter, user: CurrentUser, page: ListPage, on db: any Database) async throws -> ([Question], next: String?) {
        let query = QuestionAccess.restrict(Question.query(on: db), to: user)
        if let skill = filter.skillID {
            query.filter(sql: "\(ident: Question.schema).\(ident: "id") IN (SELECT question_id FROM question_skills WHERE skill_id = \(bind: skill))")
        }
        if let state = filter.state { query.filter(\.$state == state) }
        if let author = filter.authorID { query.filter(\.$author.$id == author) }
        if filter.forMe {
            query.filter(\.$state == Question.open).filter(\.$author.$id != user.id)
            query.filter(sql: """
                \(ident: Question.schema).\(ident: "id") IN (SELECT question_id FROM question_routes WHERE person_id = \(bind: user.id)) \
                OR \(ident: Question.schema).\(ident: "id") IN (SELECT qs.question_id FROM question_skills qs \
                JOIN person_skills ps ON ps.skill_id = qs.skill_id WHERE ps.person_id = \(bind: user.id) AND ps.level >= \(bind: knowsLevel))
                """)
        }
        return page.cut(try await query.keyset(page, by: .date("created_at"), .descending).all()) {
            ListPage.Position(key: KeysetKey.cursorKey(of: $0.createdAt), id: $0.id!.uuidString)
        }
    }

    static func dtos(_ questions: [Question], on db: any Database) async throws -> [QuestionDTO] {
        guard !questions.isEmpty else { return [] }
        let ids = questions.map { $0.id! }
        let people = try await names(Set(questions.flatMap { [$0.$author.id] + ($0.$claimedBy.id.map { [$0] } ?? []) }), on: db)
        struct SkillRow: Decodable { let question_id: UUID, id: UUID, name: String }
        let skillRows = try await (db as! any SQLDatabase).raw("""
            SELECT qs.question_id, s.id, s.name FROM question_skills qs JOIN skills s ON s.id = qs.skill_id
            WHERE qs.question_id IN (\(binds: ids)) ORDER BY s.name_key
            """).all(decoding: SkillRow.self)
        let skills = Dictionary(grouping: skillRows, by: \.question_id)
        let departments = Dictionary(uniqueKeysWithValues: try await Department.query(on: db)
            .filter(\.$id ~~ Set(questions.compactMap { $0.$department.id })).all().map { ($0.id!, $0.name) })
        let engagements = Dictionary(uniqueKeysWithValues: try await Engagement.query(on: db)
            .filter(\.$id ~~ Set(questions.compactMap { $0.$engagement.id })).all().map { ($0.id!, $0.title) })
        return questions.map { q in
            QuestionDTO(id: q.id!, title: q.title, body: q.body, html: q.html, author: PersonRef(id: q.$author.id, name: people[q.$author.id] ?? ""),
                        skills: (skills[q.id!] ?? []).map { SkillRef(id: $0.id, name: $0.name) }, neededBy: q.needText, dueAt: q.dueAt,
                        visibility: q.visibilityText,
                        department: q.visibility == .department ? q.$department.id.map { DepartmentRef(id: $0, name: departments[$0] ?? "") } : nil,
                        engagement: q.$engagement.id.map { EngagementRef(id: $0, title: engagements[$0] ?? "") },
                        state: q.state, answerCount: q.answerCount, acceptedAnswerId: q.acceptedAnswerID, firstAnswerAt: q.firstAnswerAt,
                        claimedBy: q.$claimedBy.id.map { PersonRef(id: $0, name: people[$0] ?? "") }, claimedAt: q.claimedAt,
                        escalationStep: stepName(q.escalationStep), nextStepAt: q.nextStepAt, sourceMessageId: q.sourceMessageID,
                        createdAt: q.createdAt, updatedAt: q.updatedAt)
        }
    }

    static func stepName(_ step: Int) -> String {
        switch QuestionEscalation.Step(rawValue: step) ?? .routed {
        case .routed: "routed"
        case .moreExperts: "more_experts"
        case .departmentLeader: "department_leader"
        }
    }

    static func names(_ ids: Set<UUID>, on db: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await Person.query(on: db).filter(\.$id ~~ ids).all().map { ($0.id!, $0.name) })
    }

    static func detail(_ q: Question, viewer: UUID, locale t: Localizer, period: CheckPeriod, on db: any Database) async throws -> QuestionDetailDTO {
        let answers = try await Answer.query(on: db).filter(\.$question.$id == q.id!).sort(\.$createdAt).sort(\.$id).all()
        let comments = try await QuestionComment.query(on: db).filter(\.$question.$id == q.id!).sort(\.$createdAt).sort(\.$id).all()
        let voted = Set(try await AnswerVote.query(on: db).filter(\.$answer.$id ~~ answers.map { $0.id! })
            .filter(\.$person.$id == viewer).all().map { $0.$answer.id })
        let people = try await names(Set(answers.flatMap { [$0.$author.id] + ($0.$verifier.id.map { [$0] } ?? []) } + comments.map { $0.$author.id }),
                                     on: db)
        // The accepted answer first, then by votes, then oldest first.
        let ordered = answers.sorted { a, b in
            let (x, y) = (a.id == q.acceptedAnswerID, b.id == q.acceptedAnswerID)
            if x != y { return x }
            return a.votes != b.votes ? a.votes > b.votes : a.createdAt < b.createdAt
        }
        return QuestionDetailDTO(
            question: try await dtos([q], on: db)[0],
            answers: ordered.map { answerDTO($0, question: q, voted: voted.contains($0.id!), people: people, period: period) },
            comments: comments.map { c in
                QuestionCommentDTO(id: c.id!, questionId: c.$question.id, answerId: c.$answer.id,
                                   author: PersonRef(id: c.$author.id, name: people[c.$author.id] ?? ""), body: c.body, createdAt: c.createdAt)
            },
            routes: try await routes(of: q.id!, t, on: db))
    }

    static func answerDTO(_ a: Answer, question q: Question, voted: Bool, people: [UUID: String], period: CheckPeriod) -> AnswerDTO {
        AnswerDTO(id: a.id!, questionId: a.$question.id, author: PersonRef(id: a.$author.id, name: people[a.$author.id] ?? ""), body: a.body,
                  html: a.html, votes: a.votes, voted: voted, accepted: a.id == q.acceptedAnswerID,
                  verifier: a.$verifier.id.map { PersonRef(id: $0, name: people[$0] ?? "") }, confirmedAt: a.confirmedAt,
                  checkReason: period.reason(a)?.rawValue, checkDueAt: period.dueAt(a), outdatedAt: a.outdatedAt,
                  outdatedReason: a.outdatedReason, promiseId: a.promiseID, createdAt: a.createdAt, editedAt: a.editedAt)
    }

    /// Whom the question was put to, step by step, with the reasons in the reader's language; within a
    /// step in `ranked` order when given (as routing ranked them), else by name.
    static func routes(of questionID: UUID, ranked: [UUID] = [], _ t: Localizer, on db: any Database) async throws -> [QuestionRouteDTO] {
        let stored = try await QuestionRoute.query(on: db).filter(\.$question.$id == questionID).all()
        let people = try await ExpertQueries.people(stored.map { $0.$person.id }, on: db)
        let rank = Dictionary(ranked.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let routes = stored.sorted { a, b in
            if a.step != b.step { return a.step < b.step }
            let (x, y) = (rank[a.$person.id] ?? Int.max, rank[b.$person.id] ?? Int.max)
            return x != y ? x < y : (people[a.$person.id]?.name.lowercased() ?? "") < (people[b.$person.id]?.name.lowercased() ?? "")
        }
        let decoder = JSONDecoder()
        return routes.compactMap { r in
            people[r.$person.id].map { person in
                let reasons = (try? decoder.decode([RoutingReason].self, from: Data(r.reasons.utf8))) ?? []
                let shown = r.step == QuestionEscalation.Step.departmentLeader.rawValue ? [t(.routeLeader)] : reasons.map(t.routing)
                return QuestionRouteDTO(person: person, step: stepName(r.step), reasons: shown, routedAt: r.routedAt)
            }
        }
    }

    /// Answered questions like the title being typed, best match first.
    static func similar(to title: String, user: CurrentUser, limit: Int = 5, on db: any Database) async throws -> [SimilarQuestionDTO] {
        let hits = try await SearchQueries.similar(SimilarQuery(title), kind: .question,
                                                   where: "d.ref_id IN (SELECT id FROM questions WHERE answer_count > 0)",
                                                   for: user, limit: limit, on: db)
        let questions = Dictionary(uniqueKeysWithValues: try await Question.query(on: db).filter(\.$id ~~ hits.map(\.refID)).all().map { ($0.id!, $0) })
        return hits.compactMap { h in
            questions[h.refID].map {
                SimilarQuestionDTO(id: $0.id!, title: $0.title, answerCount: $0.answerCount, accepted: $0.acceptedAnswerID != nil,
                                   url: SiteURL.question($0.id!).path)
            }
        }
    }
}
