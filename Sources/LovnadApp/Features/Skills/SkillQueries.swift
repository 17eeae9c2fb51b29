import Foundation
import Fluent
import SQLKit

enum SkillQueries {
    private struct Row: Decodable { let skillId: UUID; let holders: Int }

    /// How many people hold each skill, counted by the database rather than by loading every row.
    static func holderCounts(on db: any Database) async throws -> [UUID: Int] {
        guard let sql = db as? any SQLDatabase else { return [:] }
        let rows = try await sql.raw("SELECT skill_id, COUNT(*) AS holders FROM person_skills GROUP BY skill_id")
            .all(decoding: Row.self, keyDecodingStrategy: .convertFromSnakeCase)
        return Dictionary(uniqueKeysWithValues: rows.map { ($0.skillId, $0.holders) })
    }
}
