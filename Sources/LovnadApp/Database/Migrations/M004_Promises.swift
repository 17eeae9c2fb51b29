import Fluent
import SQLKit

/// The promise ledger and each promise's history. Append-only once landed.
struct M004_Promises: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(Promise.schema)
            .id()
            .field("text", .string, .required)
            .field("owner_id", .uuid, .required, .references(Person.schema, "id"))
            .field("receiver_kind", .string, .required)
            .field("receiver_id", .uuid, .required)
            .field("receiver_contact_id", .uuid, .references(CustomerContact.schema, "id", onDelete: .setNull))
            .field("customer_id", .uuid, .references(Customer.schema, "id"))
            .field("engagement_id", .uuid, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("source", .string, .required)
            .field("source_ref", .string)
            .field("state", .string, .required)
            .field("due", .string, .required)
            .field("due_day", .int, .required)
            .field("series_id", .uuid)
            .field("recurrence", .string)
            .field("replaces_id", .uuid, .references(Promise.schema, "id"))
            .field("settled_on", .string)
            .field("note", .string, .required)
            .field("confirmation", .string)
            .field("confirmation_note", .string, .required)
            .field("confirmed_at", .datetime)
            .field("chain_counted", .bool, .required)
            .field("counts", .bool, .required)
            .field("counted_day", .int, .required)
            .field("kept_on_time", .bool, .required)
            .field("created_by", .uuid, .required, .references(Person.schema, "id"))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .create()

        try await db.schema(PromiseTransition.schema)
            .id()
            .field("promise_id", .uuid, .required, .references(Promise.schema, "id", onDelete: .cascade))
            .field("from_state", .string)
            .field("to_state", .string, .required)
            .field("note", .string, .required)
            .field("actor_id", .uuid, .required, .references(Person.schema, "id"))
            .field("created_at", .datetime, .required)
            .create()

        if let sql = db as? any SQLDatabase {
            for statement in [
                "CREATE INDEX promises_owner_due ON promises (owner_id, due_day)",
                "CREATE INDEX promises_receiver ON promises (receiver_kind, receiver_id, due_day)",
                "CREATE INDEX promises_engagement ON promises (engagement_id, due_day)",
                "CREATE INDEX promises_due ON promises (state, due_day)",
                // Cover the stats queries (company, person, customer, engagement): no table reads over a year.
                "CREATE INDEX promises_ratio ON promises (counts, counted_day, state, kept_on_time)",
                "CREATE INDEX promises_owner_ratio ON promises (owner_id, counts, counted_day, state, kept_on_time)",
                "CREATE INDEX promises_customer_ratio ON promises (customer_id, counts, counted_day, state, kept_on_time)",
                "CREATE INDEX promises_engagement_ratio ON promises (engagement_id, counts, counted_day, state, kept_on_time)",
                "CREATE INDEX promise_transitions_promise ON promise_transitions (promise_id, created_at)",
            ] {
                try await sql.raw(SQLQueryString(statement)).run()
            }
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(PromiseTransition.schema).delete()
        try await db.schema(Promise.schema).delete()
    }
}
