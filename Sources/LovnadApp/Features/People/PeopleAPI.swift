import Fluent
import Vapor
import LovnadCore

struct PeopleAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", use: me)
        routes.patch("me", use: updateMe)
        routes.put("me", "skills", use: putMySkills)
        routes.put("me", "password", use: changePassword)
        routes.get("me", "skills", use: mySkills)
        routes.get("people", use: list)
        routes.get("people", ":id", use: show)
        routes.post("people", ":id", "skills", ":skillID", "endorsements", use: endorse)
        routes.delete("people", ":id", "skills", ":skillID", "endorsements", use: withdraw)
        routes.get("departments", use: departments)
    }

    func me(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let person = try await PeopleQueries.visiblePerson(user.id, viewer: user, on: req.db)
        return Self.meDTO(person, req: req)
    }

    static func meDTO(_ person: Person, req: Request) -> MeDTO {
        MeDTO(person: PersonDTO(person), bio: person.bio, locale: person.locale ?? req.locale.rawValue,
              timeZone: person.timeZone ?? req.settings.timeZone.identifier,
              awayUntil: person.awayUntil.map { Day(ordinal: $0) }.flatMap { $0 >= Day(req.now, in: req.settings.timeZone) ? $0.description : nil })
    }

    struct ProfileBody: Decodable {
        var name: String?
        var title: String?
        var bio: String?
        var locale: String?
        var timeZone: String?
        var awayUntil: String?
    }

    func updateMe(req: Request) async throws -> MeDTO {
        let user = try req.requireUser()
        let body = try req.decodeJSON(ProfileBody.self)
        _ = try await PeopleActions.updateProfile(personID: user.id, .init(
            name: body.name, title: body.title, bio: body.bio, locale: body.locale, timeZone: body.timeZone, awayUntil: body.awayUntil),
            app: req.application)
        let person = try await PeopleQueries.visiblePerson(user.id, viewer: user, on: req.db)
        return Self.meDTO(person, req: req)
    }

    struct PasswordBody: Decodable {
        var currentPassword: String?
        var newPassword: String?
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(PasswordBody.self)
        try await PasswordActions.change(personID: user.id, current: body.currentPassword ?? "", new: body.newPassword ?? "",
                                         keepSessionID: user.sessionID, app: req.application)
        return Response(status: .noContent)
    }

    struct SkillBody: Decodable {
        var skill: String?
        var level: Int?
        var wantsToGrow: Bool?
        var lastUsedYear: Int?
    }

    func putMySkills(req: Request) async throws -> ListResponse<PersonSkillDTO> {
        let user = try req.requireUser()
        let body = try req.decodeJSON([SkillBody].self)
        var errors = FieldErrors()
        for (i, entry) in body.enumerated() where (entry.skill ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            errors.add("skills[\(i)].skill", .required)
        }
        try errors.throwIfAny()
        try await PeopleActions.setSkills(personID: user.id, body.map {
            .init(skill: $0.skill ?? "", level: $0.level, wantsToGrow: $0.wantsToGrow ?? false, lastUsedYear: $0.lastUsedYear)
        }, app: req.application)
        return ListResponse(items: try await PeopleQueries.skills(of: user.id, viewerID: user.id, on: req.db), nextCursor: nil)
    }

    func mySkills(req: Request) async throws -> ListResponse<PersonSkillDTO> {
        let user = try req.requireUser()
        return ListResponse(items: try await PeopleQueries.skills(of: user.id, viewerID: user.id, on: req.db), nextCursor: nil)
    }

    /// A page of the directory, written by `PersonDTO.writeJSON`: the generic encoder was a fifth of a ranking page of people.
    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let page = try req.pageRequest()
        var filter = PeopleQueries.DirectoryFilter()
        filter.text = req.query[String.self, at: "q"]
        filter.skill = req.query[String.self, at: "skill"]
        if let d = req.query[String.self, at: "department"], !d.isEmpty {
            guard let id = UUID(uuidString: d) else { throw AppError.invalid(["department": .notAnID]) }
            filter.departmentID = id
        }
        let result = try await PeopleQueries.directory(filter, page: page, on: req.db)
        return .json(ListResponse(items: result.people.map(PersonDTO.init), nextCursor: result.nextCursor))
    }

    func show(req: Request) async throws -> PersonDetailDTO {
        let user = try req.requireUser()
        let person = try await PeopleQueries.visiblePerson(try req.uuidParameter("id"), viewer: user, on: req.db)
        return try await PeopleQueries.detail(person, viewer: user, on: req.db)
    }

    func endorse(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let person = try await PeopleQueries.visiblePerson(try req.uuidParameter("id"), viewer: user, on: req.db)
        try await PeopleActions.endorse(personID: person.id!, skillID: try req.uuidParameter("skillID"), by: user.id, app: req.application)
        return Response(status: .noContent)
    }

    func withdraw(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let person = try await PeopleQueries.visiblePerson(try req.uuidParameter("id"), viewer: user, on: req.db)
        try await PeopleActions.withdrawEndorsement(personID: person.id!, skillID: try req.uuidParameter("skillID"), by: user.id, app: req.application)
        return Response(status: .noContent)
    }

    func departments(req: Request) async throws -> ListResponse<DepartmentDTO> {
        _ = try req.requireUser()
        return ListResponse(items: try await PeopleQueries.departments(on: req.db), nextCursor: nil)
    }
}
