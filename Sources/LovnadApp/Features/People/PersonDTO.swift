import Vapor
import LovnadCore

struct DepartmentRef: Content {
    let id: UUID
    let name: String
}

extension DepartmentRef: JSONWritable {
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"id\":"); w.uuid(id)
        w.raw(",\"name\":"); w.string(name)
        w.raw("}")
    }
}

/// A person as the API shows them. Never the Fluent model.
struct PersonDTO: Content {
    let id: UUID
    let name: String
    let email: String
    @NullEncoded var title: String?
    @NullEncoded var department: DepartmentRef?
    @NullEncoded var leaderId: UUID?
    let roles: [String]
    let active: Bool

    init(_ p: Person) {
        self.init(id: p.id!, name: p.name, email: p.email, title: p.title,
                  department: p.$department.value.flatMap { $0.map { DepartmentRef(id: $0.id!, name: $0.name) } },
                  leaderId: p.$leader.id, roles: p.roles, active: p.active)
    }

    init(id: UUID, name: String, email: String, title: String?, department: DepartmentRef?, leaderId: UUID?, roles: [Role], active: Bool) {
        self.id = id
        self.name = name
        self.email = email
        self.title = title
        self.department = department
        self.leaderId = leaderId
        self.roles = roles.map(\.rawValue)
        self.active = active
    }
}

extension PersonDTO: JSONWritable {
    /// As `JSONEncoder` writes it, by hand: rankings of people are long lists of them.
    func writeJSON(to w: inout JSONWriter) {
        w.raw("{\"id\":"); w.uuid(id)
        w.raw(",\"name\":"); w.string(name)
        w.raw(",\"email\":"); w.string(email)
        w.raw(",\"title\":"); w.optional(title) { $0.string($1) }
        w.raw(",\"department\":"); w.optional(department) { $1.writeJSON(to: &$0) }
        w.raw(",\"leader_id\":"); w.optional(leaderId) { $0.uuid($1) }
        w.raw(",\"roles\":"); w.strings(roles)
        w.raw(",\"active\":"); w.bool(active)
        w.raw("}")
    }
}

struct PersonSkillDTO: Content {
    let skillId: UUID
    let skill: String
    let category: String?
    let level: Int
    let wantsToGrow: Bool
    let lastUsedYear: Int?
    let endorsements: Int
    let endorsedByMe: Bool
}

/// The person page's data: the person, their leader and people, their skills.
struct PersonDetailDTO: Content {
    let person: PersonDTO
    let bio: String
    let leader: PersonDTO?
    let reports: [PersonDTO]
    let skills: [PersonSkillDTO]
}

/// `/api/v1/me`: the person plus their preferences.
struct MeDTO: Content {
    let person: PersonDTO
    let bio: String
    let locale: String
    let timeZone: String
    /// The last day of leave, while it lasts.
    let awayUntil: String?

    func encode(to encoder: any Encoder) throws {
        try person.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(bio, forKey: .bio)
        try c.encode(locale, forKey: .locale)
        try c.encode(timeZone, forKey: .timeZone)
        try c.encode(awayUntil, forKey: .awayUntil)
    }
}

struct DepartmentDTO: Content {
    let id: UUID
    let name: String
    let leaderIds: [UUID]
    let headcount: Int
}
