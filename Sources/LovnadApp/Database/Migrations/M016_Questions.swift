import Fluent
import SQLKit

/// Questions to the people who know: their skills, whom they were routed to at each step, answers, votes,
/// comments, the skills people follow, and when someone is away (routing passes them by).
/// Append-only once landed.
struct M016_Questions: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Person.schema).field("away_until", .int).update()
        try await db.schema(Question.schema)
            .id()
            .field("author_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("title", .string, .required)
            .field("body", .string, .required)
            .field("html", .string, .required)
            .field("need", .string, .required)
            .field("due_at", .datetime, .required)
            .field("visibility", .string, .required)
            .field("department_id", .uuid, .references(Department.schema, "id", onDelete: .setNull))
            .field("engagement_id", .uuid, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("state", .string, .required)
            .field("accepted_answer_id", .uuid)
            .field("first_answer_at", .datetime)
            .field("accepted_at", .datetime)
            .field("resolved_at", .datetime)
            .field("claimed_by", .uuid, .references(Person.schema, "id", onDelete: .setNull))
            .field("claimed_at", .datetime)
            .field("escalation_step", .int, .required)
            .field("next_step_at", .datetime)
            .field("source_message_id", .uuid, .references(Message.schema, "id", onDelete: .setNull))
            .field("answer_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "source_message_id")
            .create()
        try await db.schema(QuestionSkill.schema)
            .id()
            .field("question_id", .uuid, .required, .references(Question.schema, "id", onDelete: .cascade))
            .field("skill_id", .uuid, .required, .references(Skill.schema, "id", onDelete: .cascade))
            .unique(on: "question_id", "skill_id")
            .create()
        try await db.schema(QuestionRoute.schema)
            .id()
            .field("question_id", .uuid, .required, .references(Question.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("step", .int, .required)
            .field("reasons", .string, .required)
            .field("routed_at", .datetime, .required)
            .unique(on: "question_id", "person_id")
            .create()
        try await db.schema(Answer.schema)
            .id()
            .field("question_id", .uuid, .required, .references(Question.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("html", .string, .required)
            .field("votes", .int, .required)
            .field("created_at", .datetime, .required)
            .field("edited_at", .datetime)
            .field("verifier_id", .uuid, .references(Person.schema, "id", onDelete: .setNull))
            .field("confirmed_at", .datetime)
            .field("check_reason", .string)
            .field("outdated_at", .datetime)
            .field("outdated_reason", .string)
            .field("promise_id", .uuid, .references(Promise.schema, "id", onDelete: .setNull))
            .create()
        try await db.schema(AnswerVote.schema)
            .id()
            .field("answer_id", .uuid, .required, .references(Answer.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "answer_id", "person_id")
            .create()
        try await db.schema(QuestionComment.schema)
            .id()
            .field("question_id", .uuid, .required, .references(Question.schema, "id", onDelete: .cascade))
            .field("answer_id", .uuid, .references(Answer.schema, "id", onDelete: .cascade))
            .field("author_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("body", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await db.schema(SkillFollower.schema)
            .id()
            .field("skill_id", .uuid, .required, .references(Skill.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "skill_id", "person_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        for statement in [
            "CREATE INDEX questions_by_time ON questions (created_at, id)",
            "CREATE INDEX questions_by_author ON questions (author_id, created_at)",
            "CREATE INDEX questions_escalating ON questions (next_step_at) WHERE next_step_at IS NOT NULL",
            "CREATE INDEX question_skills_by_skill ON question_skills (skill_id, question_id)",
            "CREATE INDEX question_routes_by_person ON question_routes (person_id, question_id)",
            "CREATE INDEX answers_by_question ON answers (question_id, created_at)",
            "CREATE INDEX answers_by_author ON answers (author_id, question_id)",
            "CREATE INDEX answers_by_verifier ON answers (verifier_id) WHERE verifier_id IS NOT NULL",
            "CREATE INDEX question_comments_by_question ON question_comments (question_id, created_at)",
            "CREATE INDEX skill_followers_by_person ON skill_followers (person_id)",
        ] {
            try await sql.raw(SQLQueryString(statement)).run()
        }
    }

    func revert(on db: any Database) async throws {
        for schema in [SkillFollower.schema, QuestionComment.schema, AnswerVote.schema, Answer.schema, QuestionRoute.schema,
                       QuestionSkill.schema, Question.schema] {
            try await db.schema(schema).delete()
        }
        try await db.schema(Person.schema).deleteField("away_until").update()
    }
}
