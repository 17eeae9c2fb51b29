import Fluent
import SQLKit

/// People, departments, skills, sign-in, audit and jobs. Append-only once landed.
struct M001_Foundation: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Department.schema)
            .id()
            .field("name", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()

        try await db.schema(Person.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("title", .string)
            .field("department_id", .uuid, .references(Department.schema, "id", onDelete: .setNull))
            .field("leader_id", .uuid, .references(Person.schema, "id", onDelete: .setNull))
            .field("roles", .string, .required)
            .field("password_hash", .string)
            .field("active", .bool, .required)
            .field("bio", .string, .required)
            .field("locale", .string)
            .field("time_zone", .string)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "email")
            .create()

        try await db.schema(Skill.schema)
            .id()
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("category", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "name_key")
            .create()

        try await db.schema(SkillSynonym.schema)
            .id()
            .field("skill_id", .uuid, .required, .references(Skill.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .unique(on: "name_key")
            .create()

        try await db.schema(PersonSkill.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("skill_id", .uuid, .required, .references(Skill.schema, "id", onDelete: .cascade))
            .field("level", .int, .required)
            .field("wants_to_grow", .bool, .required)
            .field("last_used_year", .int)
            .field("updated_at", .datetime, .required)
            .unique(on: "person_id", "skill_id")
            .create()

        try await db.schema(Endorsement.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("skill_id", .uuid, .required, .references(Skill.schema, "id", onDelete: .cascade))
            .field("endorser_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "person_id", "skill_id", "endorser_id")
            .create()

        try await db.schema(UserSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .field("last_seen_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()

        try await db.schema(APIToken.schema)
            .id()
            .field("person_id", .uuid, .required, .references(Person.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("token_hash", .string, .required)
            .field("prefix", .string, .required)
            .field("created_at", .datetime, .required)
            .field("last_used_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()

        try await db.schema(LoginAttempt.schema)
            .id()
            .field("email", .string, .required)
            .field("address", .string, .required)
            .field("succeeded", .bool, .required)
            .field("at", .datetime, .required)
            .create()

        try await db.schema(AuditEntry.schema)
            .id()
            .field("actor_id", .uuid, .references(Person.schema, "id", onDelete: .setNull))
            .field("action", .string, .required)
            .field("target", .string, .required)
            .field("detail", .string, .required)
            .field("at", .datetime, .required)
            .create()

        try await db.schema(JobRecord.schema)
            .id()
            .field("kind", .string, .required)
            .field("payload", .string, .required)
            .field("run_at", .datetime, .required)
            .field("attempts", .int, .required)
            .field("leased_until", .datetime)
            .field("finished_at", .datetime)
            .field("last_error", .string)
            .create()
    }

    func revert(on db: any Database) async throws {
        for schema in [JobRecord.schema, AuditEntry.schema, LoginAttempt.schema, APIToken.schema, UserSession.schema,
                       Endorsement.schema, PersonSkill.schema, SkillSynonym.schema, Skill.schema, Person.schema,
                       Department.schema] {
            try await db.schema(schema).delete()
        }
    }
}
