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
        if let sql = db as? any SQLDatabase {
            try await sql.raw("CREATE INDEX engagement_skills_skill ON engagement_skills (skill_id, engagement_id)").run()
        }
        let latest = try await HandoverRevision.query(on: db).sort(\.$number, .descending).all()
        var seen = Set<UUID>()
        let index = try await SkillLookup.index(on: db)
        for revision in latest where seen.insert(revision.$engagement.id).inserted {
            guard let package = try? HandoverQueries.decoder.decode(HandoverPackage.self, from: Data(revision.content.utf8)) else { continue }
            for skillID in EngagementSkill.skillIDs(of: package, in: index) {
                try await EngagementSkill(engagementID: revision.$engagement.id, skillID: skillID).create(on: db)
            }
        }
    }

    func revert(on db: any Database) async throws {
        try await db.schema(EngagementSkill.schema).delete()
    }
}
