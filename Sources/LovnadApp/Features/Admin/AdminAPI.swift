import Fluent
import Vapor
import LovnadCore

struct AuditEntryDTO: Content {
    let id: UUID
    let actorId: UUID?
    let actorName: String?
    let action: String
    let target: String
    let detail: String
    let at: Date
}

/// Admin-only: create users, change roles, deactivate, read the audit trail.
struct AdminAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.get("users", use: listUsers)
        admin.post("users", use: createUser)
        admin.patch("users", ":id", use: updateUser)
        admin.post("users", ":id", "password", use: resetPassword)
        admin.get("audit", use: audit)
    }

    /// Everyone, deactivated people included (the directory shows only active ones).
    func listUsers(req: Request) async throws -> ListResponse<PersonDTO> {
        _ = try req.requireAdmin()
        let page = try req.pageRequest()
        let (people, next) = page.cut(try await Person.query(on: req.db).with(\.$department).keyset(page, by: .text("name_key"), .ascending).all()) {
            ListPage.Position(key: $0.nameKey, id: $0.id!.uuidString)
        }
        return ListResponse(items: people.map(PersonDTO.init), nextCursor: next)
    }

    struct NewUserBody: Decodable {
        var email: String?
        var name: String?
        var roles: [String]?
        var department: String?
        var title: String?
        var password: String?
    }

    struct CreatedUser: Content {
        let person: PersonDTO
        let password: String?
    }

    func createUser(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let body = try req.decodeJSON(NewUserBody.self)
        let (roles, unknown) = Role.parseList((body.roles ?? []).joined(separator: ","))
        if !unknown.isEmpty { throw AppError.invalid(["roles": .unknownRoles(unknown)]) }
        let created = try await UserActions.create(.init(email: body.email ?? "", name: body.name ?? "", roles: roles,
                                                         department: body.department, title: body.title, password: body.password),
                                                   actorID: admin.id, app: req.application)
        let person = try await PeopleQueries.visiblePerson(created.person.id!, viewer: admin, on: req.db)
        return try await CreatedUser(person: PersonDTO(person), password: created.generatedPassword).encodeResponse(status: .created, for: req)
    }

    struct UpdateUserBody: Decodable {
        var roles: [String]?
        var active: Bool?
    }

    func updateUser(req: Request) async throws -> PersonDTO {
        let admin = try req.requireAdmin()
        let id = try req.uuidParameter("id")
        guard try await Person.find(id, on: req.db) != nil else { throw AppError.notFound() }
        let body = try req.decodeJSON(UpdateUserBody.self)
        var roles: [Role]?
        if let names = body.roles {
            let (parsed, unknown) = Role.parseList(names.joined(separator: ","))
            if !unknown.isEmpty { throw AppError.invalid(["roles": .unknownRoles(unknown)]) }
            if parsed.isEmpty { throw AppError.invalid(["roles": .needsRole]) }
            roles = parsed
        }
        if body.active == false, id == admin.id { throw AppError.conflict(.refuseDeactivateSelf) }
        if let roles { _ = try await UserActions.setRoles(personID: id, roles: roles, actorID: admin.id, app: req.application) }
        switch body.active {
        case false?: _ = try await UserActions.deactivate(personID: id, actorID: admin.id, app: req.application)
        case true?: _ = try await UserActions.reactivate(personID: id, actorID: admin.id, app: req.application)
        case nil: break
        }
        return PersonDTO(try await PeopleQueries.visiblePerson(id, viewer: admin, on: req.db))
    }

    struct NewPassword: Content { let password: String }

    func resetPassword(req: Request) async throws -> NewPassword {
        let admin = try req.requireAdmin()
        let result = try await PasswordActions.reset(personID: try req.uuidParameter("id"), actorID: admin.id, app: req.application)
        return NewPassword(password: result.password)
    }

    func audit(req: Request) async throws -> ListResponse<AuditEntryDTO> {
        _ = try req.requireAdmin()
        let (items, next) = try await AdminQueries.audit(page: try req.pageRequest(), on: req.db)
        return ListResponse(items: items, nextCursor: next)
    }
}
