import Fluent
import FluentSQL
import Vapor
import LovnadCore

/// Reads for the directory and the person page.
enum PeopleQueries {
    struct DirectoryFilter {
        var text: String?
        var departmentID: UUID?
        var skill: String?
    }

    struct DirectoryPage {
        let people: [Person]
        let nextCursor: String?
        /// The skill the filter resolved to, so pages can say "Kubernetes" when asked for "k8s".
        let skill: Skill?
        let unknownSkill: Bool
    }

    static func directory(_ filter: DirectoryFilter, page: ListPage, on db: any Database) async throws -> DirectoryPage {
        let query = Person.query(on: db).filter(\.$active == true).with(\.$department)
        if let text = filter.text?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            query.filter(.sql(SQLLike.contains(column: "name_key", text.lowercased())))
        }
        if let department = filter.departmentID {
            query.filter(\.$department.$id == department)
        }
        var resolved: Skill?
        if let skillText = filter.skill?.trimmingCharacters(in: .whitespaces), !skillText.isEmpty {
            guard let skill = try await SkillLookup.find(skillText, on: db) else {
                return DirectoryPage(people: [], nextCursor: nil, skill: nil, unknownSkill: true)
            }
            resolved = skill
            let holders = try await PersonSkill.query(on: db).filter(\.$skill.$id == skill.requireID()).all(\.$person.$id)
            query.filter(\.$id ~~ holders)
        }
        let (people, next) = page.cut(try await query.keyset(page, by: .text("name_key"), .ascending).all()) {
            ListPage.Position(key: $0.nameKey, id: $0.id!.uuidString)
        }
        return DirectoryPage(people: people, nextCursor: next, skill: resolved, unknownSkill: false)
    }

    /// Everyone a picker offers: active people by name, as references (two columns, not whole rows).
    static func pickable(except excluded: UUID? = nil, on db: any Database) async throws -> [PersonRef] {
        struct Row: Decodable { let id: UUID; let name: String }
        return try await (db as! any SQLDatabase).raw("SELECT id, name FROM people WHERE active = \(bind: true) ORDER BY name_key, id")
            .all(decoding: Row.self).filter { $0.id != excluded }.map { PersonRef(id: $0.id, name: $0.name) }
    }

    /// A person others may see: active people to everyone, deactivated ones to admins only.
    static func visiblePerson(_ id: UUID, viewer: CurrentUser, on db: any Database) async throws -> Person {
        guard let person = try await Person.query(on: db).filter(\.$id == id).with(\.$department).first(),
              person.active || viewer.isAdmin else {
            throw AppError.notFound("No such person")
        }
        return person
    }

    static func detail(_ person: Person, viewer: CurrentUser, on db: any Database) async throws -> PersonDetailDTO {
        let id = try person.requireID()
        let leader: Person? = if let leaderID = person.$leader.id {
            try await Person.query(on: db).filter(\.$id == leaderID).with(\.$department).first()
        } else { nil }
        let reports = try await Person.query(on: db).filter(\.$leader.$id == id).filter(\.$active == true)
            .with(\.$department).sort(\.$nameKey).all()
        return PersonDetailDTO(person: PersonDTO(person), bio: person.bio, leader: leader.map(PersonDTO.init),
                               reports: reports.map(PersonDTO.init),
                               skills: try await skills(of: id, viewerID: viewer.id, on: db))
    }

    /// A person's skills, strongest first, with endorsement counts.
    static func skills(of personID: UUID, viewerID: UUID, on db: any Database) async throws -> [PersonSkillDTO] {
        let rows = try await PersonSkill.query(on: db).filter(\.$person.$id == personID).with(\.$skill).all()
        let endorsements = try await Endorsement.query(on: db).filter(\.$person.$id == personID).all()
        return rows.map { row in
            let mine = endorsements.filter { $0.$skill.id == row.$skill.id }
            return PersonSkillDTO(skillId: row.$skill.id, skill: row.skill.name, category: row.skill.category,
                                  level: row.level, wantsToGrow: row.wantsToGrow, lastUsedYear: row.lastUsedYear,
                                  endorsements: mine.count, endorsedByMe: mine.contains { $0.$endorser.id == viewerID })
        }
        .sorted { $0.level != $1.level ? $0.level > $1.level : $0.skill.localizedStandardCompare($1.skill) == .orderedAscending }
    }

    /// A department's name and how many active people it has, as the home page lists them.
    struct DepartmentHeadcount: Sendable { let id: UUID; let name: String; let headcount: Int }

    /// The departments by name with their headcounts, in one query: all the home page shows of them
    /// (reading their hundreds of leaders at company scale was a tenth of it); `departments` adds the leaders.
    static func headcounts(on db: any Database) async throws -> [DepartmentHeadcount] {
        try await (db as! any SQLDatabase).raw("""
            SELECT d.id, d.name, (SELECT COUNT(*) FROM people p WHERE p.department_id = d.id AND p.active = true) AS headcount
            FROM departments d ORDER BY d.name
            """).all().map {
                DepartmentHeadcount(id: try $0.uuid("id"), name: try $0.decode(column: "name", as: String.self),
                                    headcount: try $0.decode(column: "headcount", as: Int.self))
            }
    }

    private struct LeaderRow: Decodable {
        let id: UUID, departmentId: UUID, roles: String
        enum CodingKeys: String, CodingKey { case id, departmentId = "department_id", roles }
    }

    /// The departments with their headcounts (`headcounts`) and leaders; only leaders are read as people,
    /// from the index of active people by department (M015), which a literal `active = true` lets SQLite use.
    static func departments(on db: any Database) async throws -> [DepartmentDTO] {
        let departments = try await headcounts(on: db)
        let sql = db as! any SQLDatabase
        // Leaders as plain rows, grouped once (as models, filtered per department, they cost more than the rest).
        let leaderRows = try await sql.raw("""
            SELECT id, department_id, roles FROM people WHERE active = true AND department_id IS NOT NULL
            AND roles LIKE \(bind: "%" + Role.leader.rawValue + "%")
            """).all(decoding: LeaderRow.self)
        let leaders = Dictionary(grouping: leaderRows.filter { Role.parseList($0.roles).roles.contains(.leader) }, by: \.departmentId)
        return departments.map { d in DepartmentDTO(id: d.id, name: d.name, leaderIds: (leaders[d.id] ?? []).map(\.id), headcount: d.headcount) }
    }
}
