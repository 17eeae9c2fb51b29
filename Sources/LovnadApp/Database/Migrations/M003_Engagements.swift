import Fluent
import SQLKit

/// Customers, engagements, handover, staffing, the engagement log and onboarding. Append-only once landed.
struct M003_Engagements: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Customer.schema)
            .id()
            .field("name", .string, .required)
            .field("name_key", .string, .required)
            .field("org_number", .string)
            .field("notes", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "org_number")
            .create()

        try await db.schema(CustomerContact.schema)
            .id()
            .field("customer_id", .uuid, .required, .references(Customer.schema, "id", onDelete: .cascade))
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("email", .string, .required)
            .field("phone", .string, .required)
            .create()

        try await db.schema(Engagement.schema)
            .id()
            .field("title", .string, .required)
            .field("customer_id", .uuid, .required, .references(Customer.schema, "id"))
            .field("sales_owner_id", .uuid, .required, .references(Person.schema, "id"))
            .field("delivery_lead_id", .uuid, .references(Person.schema, "id"))
            .field("status", .string, .required)
            .field("log_head", .string, .required)
            .field("log_count", .int, .required)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()

        try await db.schema(EngagementMember.schema)
            .id()
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("profile_id", .string, .required)
            .field("role", .string, .required)
            .field("allocation_percent", .int, .required)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id", "profile_id")
            .create()

        try await db.schema(HandoverRevision.schema)
            .id()
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("number", .int, .required)
            .field("content", .string, .required)
            .field("author_id", .uuid, .references(Person.schema, "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "engagement_id", "number")
            .create()

        try await db.schema(HandoverReview.schema)
            .id()
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("revision_number", .int, .required)
            .field("held_on", .string, .required)
            .field("participants", .string, .required)
            .field("notes", .string, .required)
            .field("signed_off_by", .uuid, .references(Person.schema, "id"))
            .field("recorded_by", .uuid, .required, .references(Person.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()

        try await db.schema(LogEntry.schema)
            .id()
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("seq", .int, .required)
            .field("kind", .string, .required)
            .field("author_id", .uuid, .references(Person.schema, "id"))
            .field("created_at_ms", .int64, .required)
            .field("body", .string, .required)
            .field("tags", .string, .required)
            .field("corrects_id", .uuid, .references(LogEntry.schema, "id"))
            .field("hash", .string, .required)
            // Two appends racing for the same place: one fails instead of forking the chain.
            .unique(on: "engagement_id", "seq")
            .create()

        try await db.schema(OnboardingTemplateItem.schema)
            .id()
            .field("position", .int, .required)
            .field("text", .string, .required)
            .create()

        try await db.schema(OnboardingItem.schema)
            .id()
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("person_id", .uuid, .required, .references(Person.schema, "id"))
            .field("position", .int, .required)
            .field("text", .string, .required)
            .field("done_at", .datetime)
            .field("done_by", .uuid, .references(Person.schema, "id"))
            .create()

        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX engagement_members_person ON engagement_members (person_id)").run()
            try await sql.raw("CREATE INDEX onboarding_items_engagement_person ON onboarding_items (engagement_id, person_id)").run()
        }
        // The template every staffed person starts from; admins edit it.
        let defaults = [
            "Tilganger og utstyr er på plass hos kunden",
            "Møtt kundens nøkkelkontakter",
            "Satt seg inn i kundens arbeidsmåter og kultur",
            "Har en fadder hjemme i avdelingen",
            "Første-uke-samtale med lederen sin",
        ]
        for (i, text) in defaults.enumerated() {
            try await OnboardingTemplateItem(position: i + 1, text: text).create(on: db)
        }
    }

    func revert(on db: any Database) async throws {
        for schema in [OnboardingItem.schema, OnboardingTemplateItem.schema, LogEntry.schema, HandoverReview.schema,
                       HandoverRevision.schema, EngagementMember.schema, Engagement.schema, CustomerContact.schema, Customer.schema] {
            try await db.schema(schema).delete()
        }
    }
}
