import Fluent
import SQLKit

/// What the access predicates look up (people by leader and department, engagements by owner and lead),
/// engagements and channels in the order lists show them, and a channel's questions for its norm
/// record. Append-only once landed.
struct M007_AccessIndexes: AsyncMigration {
    static let indexes = [
        "people_leader": "people (leader_id)",
        "people_department": "people (department_id)",
        "engagements_sales_owner": "engagements (sales_owner_id)",
        "engagements_delivery_lead": "engagements (delivery_lead_id)",
        "engagements_updated": "engagements (updated_at, id)",
        "channels_kind_name": "channels (kind, name)",
        "messages_pinned": "messages (channel_id, pinned_at) WHERE pinned_at IS NOT NULL",
        "messages_questions": "messages (channel_id, created_at) WHERE is_question = true AND thread_id IS NULL",
    ]

    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for (name, target) in Self.indexes.sorted(by: { $0.key < $1.key }) {
            try await sql.raw("CREATE INDEX \(unsafeRaw: name) ON \(unsafeRaw: target)").run()
        }
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for name in Self.indexes.keys.sorted() { try await sql.raw("DROP INDEX \(unsafeRaw: name)").run() }
    }
}
