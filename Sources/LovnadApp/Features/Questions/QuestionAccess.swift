import Fluent
import FluentSQL
import SQLKit
import Vapor
import LovnadCore

/// Who may see a question, decided in one place as SQL so lists, single reads and search agree:
/// everyone's questions are everyone's; a department's are its people's and the asker's; an engagement's
/// are for those who may see the engagement (`EngagementVisibility`), so a confidential engagement's
/// questions never reach outsiders. Admins see all. Answers and comments are seen with their question.
enum QuestionAccess {
    /// The rule as a condition on `table`'s rows (`questions` or an alias); nil for admins.
    static func predicate(_ table: String, _ user: CurrentUser) -> SQLQueryString? {
        guard !user.isAdmin else { return nil }
        func column(_ name: String) -> SQLQueryString { "\(ident: table).\(ident: name)" }
        var who: [SQLQueryString] = [
            "\(column("visibility")) = \(bind: QuestionVisibility.everyone.rawValue)",
            "\(column("author_id")) = \(bind: user.id)",
        ]
        if let department = user.person.$department.id {
            who.append("(\(column("visibility")) = \(bind: QuestionVisibility.department.rawValue) AND \(column("department_id")) = \(bind: department))")
        }
        if let engagements = EngagementVisibility.ids(user) {
            who.append("(\(column("visibility")) = \(bind: QuestionVisibility.engagement.rawValue) AND \(column("engagement_id")) IN (\(engagements)))")
        }
        return "(\(who.joined(separator: " OR ")))"
    }

    @discardableResult
    static func restrict(_ query: QueryBuilder<Question>, to user: CurrentUser) -> QueryBuilder<Question> {
        guard let predicate = predicate(Question.schema, user) else { return query }
        return query.filter(sql: predicate)
    }

    /// The question if the user may see it; otherwise 404, whether or not it exists.
    static func visible(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> Question {
        guard let question = try await restrict(Question.query(on: db).filter(\.$id == id), to: user).first() else {
            throw AppError.notFound("No such question")
        }
        return question
    }

    /// The answer and its question if the user may see the question; otherwise 404.
    static func visibleAnswer(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> (Answer, Question) {
        guard let answer = try await Answer.find(id, on: db) else { throw AppError.notFound("No such answer") }
        do {
            return (answer, try await visible(answer.$question.id, user: user, on: db))
        } catch let error as AppError where error.status == .notFound {
            throw AppError.notFound("No such answer")
        }
    }

    /// The same, for a write that reads and changes the question: its row is held to commit first, so two
    /// such writes at once (two claims, two answers, an answer and the escalation job) take turns.
    static func locked(_ id: UUID, user: CurrentUser, _ ctx: WriteContext) async throws -> Question {
        try await ctx.lockRow(Question.schema, id)
        return try await visible(id, user: user, on: ctx.db)
    }

    /// The answer and its question, the question's row held to commit.
    static func lockedAnswer(_ id: UUID, user: CurrentUser, _ ctx: WriteContext) async throws -> (Answer, Question) {
        if let questionID = try await Answer.find(id, on: ctx.db)?.$question.id { try await ctx.lockRow(Question.schema, questionID) }
        return try await visibleAnswer(id, user: user, on: ctx.db)
    }

    /// Whether `person` may see a question with this visibility: who routing may ask, as SQL over
    /// `people` aliased `p`.
    static func audience(visibility: QuestionVisibility, departmentID: UUID?, engagementID: UUID?) -> SQLQueryString {
        switch visibility {
        case .everyone:
            return "1 = 1"
        case .department:
            guard let departmentID else { return "1 = 0" }
            return "p.department_id = \(bind: departmentID)"
        case .engagement:
            guard let engagementID else { return "1 = 0" }
            // Those on it, and whom they answer to: the people `EngagementVisibility` shows it to first.
            let on: SQLQueryString = """
                SELECT sales_owner_id FROM engagements WHERE id = \(bind: engagementID) \
                UNION SELECT delivery_lead_id FROM engagements WHERE id = \(bind: engagementID) AND delivery_lead_id IS NOT NULL \
                UNION SELECT person_id FROM engagement_members WHERE engagement_id = \(bind: engagementID)
                """
            return "(p.id IN (\(on)) OR p.id IN (SELECT leader_id FROM people WHERE leader_id IS NOT NULL AND id IN (\(on))))"
        }
    }
}

extension Request {
    /// The caller and the `:id` question, 404 unless they may see it, checked before any body is read.
    func visibleQuestion() async throws -> (CurrentUser, Question) {
        let user = try requireUser()
        return (user, try await QuestionAccess.visible(try uuidParameter("id"), user: user, on: db))
    }
}
