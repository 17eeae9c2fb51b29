import Fluent
import SQLKit
import Vapor
import LovnadCore

struct ExpertDTO: Content {
    let person: PersonDTO
    let score: Double
    let level: Int
    let endorsements: Int
    let reasons: [String]
    /// Their answers accepted on questions with the skill.
    let acceptedAnswers: Int
    /// Engagements they were on that needed it.
    let engagements: Int
    @NullEncoded var medianMinutesToFirstAnswer: Int?
    /// Open questions put to them now.
    let openRouted: Int
    /// `available`, `on_leave`, or `busy` (holding as many open questions as routing gives anyone).
    let availability: String
}

/// "Who knows…": people ranked for a skill, with the reasons.
enum ExpertQueries {
    /// One page of a skill's ranking and the cursor for the next.
    struct Page {
        let skill: Skill
        let ranked: [RankedExpert<UUID>]
        let next: String?
    }

    /// One page of the ranking, ordered by the database with `ExpertRanking`'s own weights (score, then
    /// name key, then id), so a page reads its rows and no more: ranking all of a skill's 480 holders for
    /// each page was most of who-knows at company scale. The cursor is the last row's score and name key.
    /// Nil when no skill has the name or synonym.
    static func page(for nameOrSynonym: String, _ page: ListPage, now: Date, timeZone: TimeZone, on db: any Database) async throws -> Page? {
        guard let skill = try await SkillLookup.find(nameOrSynonym, on: db) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let year = calendar.component(.year, from: now)
        var after: SQLQueryString = ""
        if let position = page.after {
            let parts = position.key.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let score = Int(parts[0]), let id = UUID(uuidString: position.id) else {
                throw AppError.invalid(["cursor": .unknownCursor])
            }
            let key = String(parts[1])
            after = "WHERE r.score < \(bind: score) OR (r.score = \(bind: score) AND (r.name_key > \(bind: key) OR (r.name_key = \(bind: key) AND r.id > \(bind: id))))"
        }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT * FROM (
              SELECT h.*, \(scoreSQL(currentYear: year)) AS score FROM (
                SELECT p.id, p.name, p.name_key, ps.level, ps.wants_to_grow, ps.last_used_year,
                       (SELECT COUNT(*) FROM endorsements e WHERE e.person_id = p.id AND e.skill_id = ps.skill_id) AS endorsements
                FROM person_skills ps JOIN people p ON p.id = ps.person_id
                WHERE ps.skill_id = \(bind: try skill.requireID()) AND p.active = \(bind: true)) h) r
            \(after)
            ORDER BY r.score DESC, r.name_key, r.id LIMIT \(bind: page.limit + 1)
            """).all(decoding: Row.self)
        let ranked = rows.compactMap { row in
            UUID(uuidString: row.id).map {
                ExpertRanking.ranked(ExpertCandidate(id: $0, name: row.name, level: row.level, endorsements: row.endorsements,
                                                     lastUsedYear: row.lastUsedYear, wantsToGrow: row.wantsToGrow, sortKey: row.nameKey),
                                     currentYear: year)
            }
        }
        let (shown, next) = page.cut(ranked) { ListPage.Position(key: "\(Int($0.score)):\($0.candidate.sortKey)", id: $0.candidate.id.uuidString) }
        return Page(skill: skill, ranked: shown, next: next)
    }

    /// What ranking needs of a holder; who they are beyond their name is read for a page only (`people`).
    private struct Row: Decodable {
        let id: String, name: String, nameKey: String, level: Int, wantsToGrow: Bool, lastUsedYear: Int?, endorsements: Int
        // Named as the columns: a key strategy converts each name again for every row.
        enum CodingKeys: String, CodingKey {
            case id, name, nameKey = "name_key", level, wantsToGrow = "wants_to_grow", lastUsedYear = "last_used_year", endorsements
        }
    }

    /// `ExpertRanking.score` as SQL over a holder's level, endorsements and last year of use (numbers
    /// from the rule only, nothing typed by anyone).
    static func scoreSQL(currentYear: Int) -> SQLQueryString {
        let most = ExpertRanking.maxEndorsementsCounted
        let recency = ExpertRanking.recency.map { "WHEN \(currentYear) - h.last_used_year <= \($0.yearsAgo) THEN \($0.points)" }
        return "(h.level * \(unsafeRaw: String(ExpertRanking.pointsPerLevel)) \(unsafeRaw: """
            + (CASE WHEN h.endorsements > \(most) THEN \(most) ELSE h.endorsements END) * \(ExpertRanking.pointsPerEndorsement) \
            + (CASE WHEN h.last_used_year IS NULL THEN 0 \(recency.joined(separator: " ")) ELSE 0 END))
            """)"
    }

    private struct PersonRow: Decodable {
        let id: UUID, name: String, email: String, title: String?, departmentId: UUID?, departmentName: String?
        let leaderId: UUID?, roles: String
        enum CodingKeys: String, CodingKey {
            case id, name, email, title, departmentId = "department_id", departmentName = "department_name", leaderId = "leader_id", roles
        }
    }

    /// The people of one page of a ranking, as the people API shows them.
    static func people(_ ids: [UUID], on db: any Database) async throws -> [UUID: PersonDTO] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT p.id, p.name, p.email, p.title, p.department_id, d.name AS department_name, p.leader_id, p.roles
            FROM people p LEFT JOIN departments d ON d.id = p.department_id WHERE p.id IN (\(binds: ids))
            """).all(decoding: PersonRow.self)
        return Dictionary(rows.map { row in
            (row.id, PersonDTO(id: row.id, name: row.name, email: row.email, title: row.title,
                               department: row.departmentId.map { DepartmentRef(id: $0, name: row.departmentName ?? "") },
                               leaderId: row.leaderId, roles: Role.parseList(row.roles).roles, active: true))
        }, uniquingKeysWith: { first, _ in first })
    }
}

extension ExpertQueries {
    /// Skills whose name or a synonym is close to what was typed ("kubernets" → Kubernetes).
    static func suggestions(for typed: String, on db: any Database) async throws -> [String] {
        struct NameRow: Decodable { let skill: String; let text: String }
        let names = try await (db as! any SQLDatabase).raw("""
            SELECT s.name AS skill, s.name AS text FROM skills s
            UNION ALL SELECT s.name AS skill, y.name AS text FROM skill_synonyms y JOIN skills s ON s.id = y.skill_id
            """).all(decoding: NameRow.self)
        return SkillSuggestion.closest(to: typed, among: names.map { .init(skill: $0.skill, text: $0.text) })
    }

    /// How much of each person's time their engagements hold today, in percent.
    static func allocations(of ids: [UUID], today: Day, on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        struct Row: Decodable { let personId: UUID; let percent: Int; enum CodingKeys: String, CodingKey { case personId = "person_id", percent } }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT m.person_id, CAST(SUM(m.allocation_percent) AS INTEGER) AS percent FROM engagement_members m
            WHERE m.person_id IN (\(binds: ids)) AND m.allocation_percent > 0
              AND (m.starts_on IS NULL OR m.starts_on <= \(bind: today.description))
              AND (m.ends_on IS NULL OR m.ends_on >= \(bind: today.description))
            GROUP BY m.person_id
            """).all(decoding: Row.self)
        return Dictionary(rows.map { ($0.personId, $0.percent) }, uniquingKeysWith: +)
    }
}
