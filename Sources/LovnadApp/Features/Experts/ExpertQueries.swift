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

extension ExpertDTO: JSONWritable {
    /// By hand, as `JSONEncoder` writes it: a ranking is a page of 50 people (the encoder took a fifth of the request).
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"person\":"); person.writeJSON(to: &w)
        w.raw(",\"score\":"); w.double(score)
        w.raw(",\"level\":"); w.int(level)
        w.raw(",\"endorsements\":"); w.int(endorsements)
        w.raw(",\"reasons\":"); w.strings(reasons)
        w.raw(",\"accepted_answers\":"); w.int(acceptedAnswers)
        w.raw(",\"engagements\":"); w.int(engagements)
        w.raw(",\"median_minutes_to_first_answer\":"); w.optional(medianMinutesToFirstAnswer) { $0.int($1) }
        w.raw(",\"open_routed\":"); w.int(openRouted)
        w.raw(",\"availability\":"); w.string(availability)
        w.raw("}")
    }
}

/// "Who knows…": the people of a ranking page (`ExpertRouting` ranks), suggestions for a slip, allocations.
enum ExpertQueries {
    /// Read column by column (a page is 50 rows; the Codable row decoder cost more than the query).
    private struct PersonRow {
        let id: UUID, name: String, email: String, title: String?, departmentId: UUID?, departmentName: String?
        let leaderId: UUID?, roles: String

        init(_ row: any SQLRow) throws {
            id = try row.uuid("id")
            name = try row.decode(column: "name", as: String.self)
            email = try row.decode(column: "email", as: String.self)
            title = try row.decode(column: "title", as: String?.self)
            departmentId = try row.optionalUUID("department_id")
            departmentName = try row.decode(column: "department_name", as: String?.self)
            leaderId = try row.optionalUUID("leader_id")
            roles = try row.decode(column: "roles", as: String.self)
        }
    }

    /// The people of one page of a ranking, as the people API shows them.
    static func people(_ ids: [UUID], on db: any Database) async throws -> [UUID: PersonDTO] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT p.id, p.name, p.email, p.title, p.department_id, d.name AS department_name, p.leader_id, p.roles
            FROM people p LEFT JOIN departments d ON d.id = p.department_id WHERE p.id IN (\(binds: ids))
            """).all().map(PersonRow.init)
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
