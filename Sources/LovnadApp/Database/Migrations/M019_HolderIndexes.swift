import Fluent
import SQLKit

/// Who holds a skill, and the names of people met by id, answered from indexes alone. Routing and
/// staffing read every holder of a skill with the holder's name (hundreds to thousands of rows at
/// company scale); through the tables each row was an index search and then a table search, for the
/// holding and again for the person, and the searches were most of both. Append-only once landed.
struct M019_HolderIndexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX person_skills_holders ON person_skills (skill_id, person_id, level, wants_to_grow, last_used_year)").run()
        // The holders index begins with the skill, so the skill-only index is no longer needed.
        try await sql.raw("DROP INDEX person_skills_skill").run()
        try await sql.raw("CREATE INDEX people_names ON people (id, active, away_until, name_key, name)").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX people_names").run()
        try await sql.raw("CREATE INDEX person_skills_skill ON person_skills (skill_id)").run()
        try await sql.raw("DROP INDEX person_skills_holders").run()
    }
}
