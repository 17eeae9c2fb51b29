import Fluent
import Foundation
import LovnadCore
import SQLKit

/// The skills each engagement's handover asks for (its profiles' requirements), kept beside the package
/// so routing can count who has worked on engagements needing a skill without decoding every package.
/// Filled from each engagement's latest revision. Append-only once landed.
struct M018_EngagementSkills: AsyncMigration {
    func prepare(on db: any Database) async throws {
        try await db.schema(EngagementSkill.schema)
            .id()
            .field("engagement_id", .uuid, .required, .references(Engagement.schema, "id", onDelete: .cascade))
            .field("skill_id", .uuid, .required, .references(Skill.schema, "id", onDelete: .cascade))
            .unique(on: "engagement_id", "skill_id")
            .create()
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX engagement_skills_skill ON engagement_skills (skill_id, engagement_id)").run()
        // Each engagement's latest revision only, not every revision's package.
        struct Latest: Decodable { let engagement_id: UUID, content: String }
        let latest = try await sql.raw("""
            SELECT r.engagement_id, r.content FROM handover_revisions r
            JOIN (SELECT engagement_id, MAX(number) AS number FROM handover_revisions GROUP BY engagement_id) m
              ON m.engagement_id = r.engagement_id AND m.number = r.number
            """).all(decoding: Latest.self)
        let index = try await SkillLookup.index(on: db)
        for revision in latest {
            guard let package = try? HandoverQueries.decoder.decode(HandoverPackage.self, from: Data(revision.content.utf8)) else { continue }
            for skillID in EngagementSkill.skillIDs(of: package, in: index) {
                try await EngagementSkill(engagementID: revision.engagement_id, skillID: skillID).create(on: db)
            }
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(EngagementSkill.schema).delete()
    }
}
