import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Knowledge health per skill and the checks waiting for a verifier, over the questions the reader may see.
enum KnowledgeQueries {
    /// Every skill in the catalogue with its questions' numbers, most asked first.
    static func health(for user: CurrentUser, period: CheckPeriod, on db: any Database) async throws -> [SkillHealthDTO] {
        let sql = db as! any SQLDatabase
        let visible: SQLQueryString = QuestionAccess.predicate("q", user) ?? "1 = 1"
        struct Asked: Decodable {
            let skill_id: UUID
            let created_at: Date
            let due_at: Date
            let first_answer_at: Date?
            let accepted_at: Date?
        }
        let asked = try await sql.raw("""
            SELECT qs.skill_id, q.created_at, q.due_at, q.first_answer_at, q.accepted_at
            FROM question_skills qs JOIN questions q ON q.id = qs.question_id WHERE \(visible)
            """).all(decoding: Asked.self)
        let times = Dictionary(grouping: asked, by: \.skill_id).mapValues { rows in
            rows.map { QuestionTimes(askedAt: $0.created_at, dueAt: $0.due_at, firstAnswerAt: $0.first_answer_at, acceptedAt: $0.accepted_at) }
        }
        struct Count: Decodable {
            let skill_id: UUID
            let n: Int
        }
        let experts = Dictionary(uniqueKeysWithValues: try await sql.raw("""
            SELECT ps.skill_id, COUNT(*) AS n FROM person_skills ps JOIN people p ON p.id = ps.person_id
            WHERE p.active = \(bind: true) AND ps.level >= \(bind: KnowledgeHealth.expertLevel) GROUP BY ps.skill_id
            """).all(decoding: Count.self).map { ($0.skill_id, $0.n) })
        let waiting = Dictionary(uniqueKeysWithValues: try await sql.raw("""
            SELECT qs.skill_id, COUNT(*) AS n FROM answers a JOIN questions q ON q.id = a.question_id
            JOIN question_skills qs ON qs.question_id = q.id
            WHERE \(due(period)) AND \(visible) GROUP BY qs.skill_id
            """).all(decoding: Count.self).map { ($0.skill_id, $0.n) })
        let skills = try await Skill.query(on: db).sort(\.$nameKey).all()
        return skills.map { s in
            let health = KnowledgeHealth(times[s.id!] ?? [])
            let holders = experts[s.id!] ?? 0
            return SkillHealthDTO(skill: SkillRef(id: s.id!, name: s.name), asked: health.asked, answeredInTime: health.answeredInTime,
                                  medianMinutesToFirstAnswer: health.medianMinutesToFirstAnswer,
                                  medianMinutesToAccepted: health.medianMinutesToAccepted, experts: holders,
                                  uncovered: KnowledgeHealth.isUncovered(experts: holders), waitingChecks: waiting[s.id!] ?? 0)
        }.sorted { $0.asked != $1.asked ? $0.asked > $1.asked : $0.skill.name.lowercased() < $1.skill.name.lowercased() }
    }

    /// Accepted answers still standing that are due for their check (flagged, or their period passed), as SQL over `answers a`.
    static func due(_ period: CheckPeriod) -> SQLQueryString {
        "\(KnowledgeActions.standing) AND (a.check_reason IS NOT NULL OR a.confirmed_at <= \(bind: period.cutoff))"
    }

    /// The answers waiting for the user's check, the longest waiting first: those they verify, and for an
    /// admin also those nobody is left to verify.
    static func checks(for user: CurrentUser, period: CheckPeriod, on db: any Database) async throws -> [AnswerCheckDTO] {
        let sql = db as! any SQLDatabase
        let mine: SQLQueryString = user.isAdmin ? "(a.verifier_id = \(bind: user.id) OR a.verifier_id IS NULL)" : "a.verifier_id = \(bind: user.id)"
        let ids = try await sql.raw("""
            SELECT a.id FROM answers a JOIN questions q ON q.id = a.question_id
            WHERE \(due(period)) AND \(mine) AND q.accepted_answer_id = a.id ORDER BY a.confirmed_at, a.id LIMIT 200
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        let answers = try await Answer.query(on: db).filter(\.$id ~~ ids).all()
        let questions = Dictionary(uniqueKeysWithValues: try await Question.query(on: db).filter(\.$id ~~ answers.map { $0.$question.id }).all()
            .map { ($0.id!, $0) })
        let authors = try await QuestionQueries.names(Set(answers.map { $0.$author.id }), on: db)
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return answers.sorted { order[$0.id!]! < order[$1.id!]! }.compactMap { a in
            guard let q = questions[a.$question.id], let reason = period.reason(a) else { return nil }
            return AnswerCheckDTO(answerId: a.id!, questionId: q.id!, questionTitle: q.title,
                                  author: PersonRef(id: a.$author.id, name: authors[a.$author.id] ?? ""), reason: reason.rawValue,
                                  confirmedAt: a.confirmedAt!, url: SiteURL.question(q.id!).with(anchor: "answer-\(a.id!)"))
        }
    }
}
