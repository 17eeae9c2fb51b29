import Fluent
import SQLKit

/// Indexes for the lookups the sign-in limit, jobs and directory make on every request.
struct M002_Indexes: AsyncMigration {
    func prepare(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.raw("CREATE INDEX login_attempts_email_at ON login_attempts (email, at)").run()
        try await sql.raw("CREATE INDEX login_attempts_address_at ON login_attempts (address, at)").run()
        try await sql.raw("CREATE INDEX jobs_due ON jobs (finished_at, run_at)").run()
        try await sql.raw("CREATE INDEX people_name_key ON people (name_key)").run()
        try await sql.raw("CREATE INDEX person_skills_skill ON person_skills (skill_id)").run()
        try await sql.raw("CREATE INDEX sessions_person ON sessions (person_id)").run()
    }

    func revert(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        for name in ["login_attempts_email_at", "login_attempts_address_at", "jobs_due", "people_name_key",
                     "person_skills_skill", "sessions_person"] {
            try await sql.raw("DROP INDEX \(unsafeRaw: name)").run()
        }
    }
}
