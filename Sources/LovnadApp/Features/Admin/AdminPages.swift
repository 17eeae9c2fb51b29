import Fluent
import Plot
import Vapor
import LovnadCore

/// Admins: users (create, roles, deactivate) and the audit trail.
struct AdminPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let admin = routes.grouped("admin")
        admin.get("users", use: users)
        admin.post("users", use: createUser)
        admin.post("users", ":id", "roles", use: setRoles)
        admin.post("users", ":id", "deactivate", use: deactivate)
        admin.post("users", ":id", "reactivate", use: reactivate)
        admin.post("users", ":id", "password", use: resetPassword)
        admin.get("audit", use: audit)
    }

    func users(req: Request) async throws -> Response {
        _ = try req.requireAdmin()
        return try await render(req, flash: nil, errors: [:], status: .ok)
    }

    private func render(_ req: Request, flash: String?, errors: [String: String], typed: NewUserForm? = nil,
                        status: HTTPResponseStatus) async throws -> Response {
        let filter = AdminQueries.UserFilter(text: req.query[String.self, at: "q"],
                                             standing: req.query[String.self, at: "show"].flatMap(AdminQueries.UserFilter.Standing.init) ?? .active)
        let page = (try? req.pageRequest()) ?? ListPage(limit: nil)
        let (people, next) = try await AdminQueries.users(filter, page: page, on: req.db)
        return AdminViews.users(PageContext(req), people: people, filter: filter, nextCursor: next, flash: flash, errors: errors, typed: typed,
                                status: status)
    }

    struct NewUserForm: Content {
        var email: String?
        var name: String?
        var department: String?
        var admin: String?
        var leader: String?
        var sales: String?
        var consultant: String?
        /// The page's checkboxes, one group of one name (`roles[]`); the single fields are for scripts posting forms.
        var chosen: [String]?
        enum CodingKeys: String, CodingKey { case email, name, department, admin, leader, sales, consultant, chosen = "roles" }

        var roles: [Role] {
            let single = [(admin, Role.admin), (leader, .leader), (sales, .sales), (consultant, .consultant)].compactMap { $0.0 == "on" ? $0.1 : nil }
            return Array(Set(single + (chosen ?? []).compactMap(Role.init(rawValue:)))).sorted()
        }
    }

    func createUser(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let form = try req.content.decode(NewUserForm.self)
        do {
            let created = try await UserActions.create(.init(email: form.email ?? "", name: form.name ?? "", roles: form.roles,
                                                             department: form.department, title: nil, password: nil),
                                                       actorID: admin.id, app: req.application)
            let ctx = PageContext(req)
            return try await render(req, flash: ctx.t(.userCreated, ["email": created.person.email, "password": created.generatedPassword ?? ""]),
                                    errors: [:], status: .created)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return try await render(req, flash: nil, errors: error.fields(in: PageContext(req).t), typed: form, status: .unprocessableEntity)
        }
    }

    func setRoles(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let form = try req.content.decode(NewUserForm.self)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity, .conflict]) {
            _ = try await UserActions.setRoles(personID: try req.uuidParameter("id"), roles: form.roles, actorID: admin.id, app: req.application)
            return SiteURL.adminUsers.path
        } refused: { error in
            return try await render(req, flash: nil, errors: error.issues.isEmpty ? ["roles": error.text(in: PageContext(req).t)] : error.fields(in: PageContext(req).t), status: error.status)
        }
    }

    func deactivate(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        _ = try await UserActions.deactivate(personID: try req.uuidParameter("id"), actorID: admin.id, app: req.application)
        return req.seeOther(.adminUsers)
    }

    func reactivate(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        _ = try await UserActions.reactivate(personID: try req.uuidParameter("id"), actorID: admin.id, app: req.application)
        return req.seeOther(.adminUsers)
    }

    func resetPassword(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let result = try await PasswordActions.reset(personID: try req.uuidParameter("id"), actorID: admin.id, app: req.application)
        let ctx = PageContext(req)
        return try await render(req, flash: ctx.t(.passwordReset, ["email": result.person.email, "password": result.password]),
                                errors: [:], status: .ok)
    }

    func audit(req: Request) async throws -> Response {
        _ = try req.requireAdmin()
        let (items, next) = try await AdminQueries.audit(page: (try? req.pageRequest()) ?? ListPage(limit: nil), on: req.db)
        return AdminViews.audit(PageContext(req), entries: items, nextCursor: next)
    }
}

