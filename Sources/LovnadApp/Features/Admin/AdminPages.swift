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

    private func render(_ req: Request, flash: String?, errors: [String: String], status: HTTPResponseStatus) async throws -> Response {
        let people = try await Person.query(on: req.db).with(\.$department).sort(\.$active, .descending).sort(\.$nameKey).all()
        return AdminViews.users(PageContext(req), people: people, flash: flash, errors: errors, status: status)
    }

    struct NewUserForm: Content {
        var email: String?
        var name: String?
        var department: String?
        var admin: String?
        var leader: String?
        var sales: String?
        var consultant: String?

        var roles: [Role] {
            [(admin, Role.admin), (leader, .leader), (sales, .sales), (consultant, .consultant)].compactMap { $0.0 == "on" ? $0.1 : nil }
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
            return try await render(req, flash: nil, errors: error.fields(in: PageContext(req).t), status: .unprocessableEntity)
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

enum AdminViews {
    private static func tabs<C: HTML.BodyContext>(_ ctx: PageContext) -> Node<C> {
        .nav(.class("tabs"), .attribute(named: "aria-label", value: ctx.t(.navAdmin)),
            .a(.href(.adminUsers), .text(ctx.t(.usersHeading))), .text(" · "),
            .a(.href(.skills), .text(ctx.t(.skillsCatalogueHeading))), .text(" · "),
            .a(.href(.adminOnboarding), .text(ctx.t(.onboardingTemplateHeading))), .text(" · "),
            .a(.href(.adminAudit), .text(ctx.t(.auditHeading))))
    }

    private static func roleBoxes<C: HTML.BodyContext>(_ ctx: PageContext, prefix: String, selected: [Role]) -> Node<C> {
        .fieldset(.class("roles"),
            .element(named: "legend", text: ctx.t(.fieldRoles)),
            .forEach(Role.allCases) { role in
                .label(.input(.type(.checkbox), .name(role.rawValue), .id("\(prefix)-\(role.rawValue)"), .checked(selected.contains(role))),
                       .text(" " + ctx.t.role(role)))
            })
    }

    static func users(_ ctx: PageContext, people: [Person], flash: String?, errors: [String: String], status: HTTPResponseStatus) -> Response {
        Layout.page(ctx, title: ctx.t(.usersHeading), status: status,
            .h1(.text(ctx.t(.usersHeading))),
            tabs(ctx),
            Parts.flash(flash),
            Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors) + " " + errors.values.sorted().joined(separator: " "), kind: "error"),
            .section(.class("card"),
                .h2(.text(ctx.t(.addUser))),
                .form(.method(.post), .action(.adminUsers),
                    Parts.csrf(ctx),
                    Parts.textField("email", label: ctx.t(.fieldEmail), value: nil, type: .email, required: true, error: errors["email"]),
                    Parts.textField("name", label: ctx.t(.fieldName), value: nil, required: true, error: errors["name"]),
                    Parts.textField("department", label: ctx.t(.fieldDepartment), value: nil),
                    roleBoxes(ctx, prefix: "new", selected: [.consultant]),
                    .button(.type(.submit), .class("primary"), .text(ctx.t(.addUser))))
            ),
            .section(.class("card"),
                .table(.class("users"),
                    .tr(.th(.text(ctx.t(.fieldName))), .th(.text(ctx.t(.fieldDepartment))), .th(.text(ctx.t(.fieldRoles))), .th(.text(ctx.t(.status)))),
                    .forEach(people) { p in
                        .tr(.td(.a(.href(.person(p.id!)), .text(p.name)), .br(), .small(.text(p.email))),
                            .td(.text(p.department?.name ?? "–")),
                            .td(.form(.method(.post), .action(.adminUser(p.id!, .roles)), .class("inline"),
                                    Parts.csrf(ctx), roleBoxes(ctx, prefix: p.id!.uuidString, selected: p.roles),
                                    .button(.type(.submit), .class("small"), .text(ctx.t(.save))))),
                            .td(.form(.method(.post), .action(.adminUser(p.id!, p.active ? .deactivate : .reactivate)), .class("inline"),
                                    Parts.csrf(ctx),
                                    .text((p.active ? ctx.t(.active) : ctx.t(.deactivated)) + " "),
                                    .button(.type(.submit), .class(p.active ? "small danger" : "small"),
                                            .text(p.active ? ctx.t(.deactivate) : ctx.t(.reactivate)))),
                                .if(p.active, .form(.method(.post), .action(.adminUser(p.id!, .password)), .class("inline"),
                                    Parts.csrf(ctx),
                                    .button(.type(.submit), .class("small danger"), .text(ctx.t(.resetPassword)))))))
                    })
            )
        )
    }

    static func audit(_ ctx: PageContext, entries: [AuditEntryDTO], nextCursor: String?) -> Response {
        Layout.page(ctx, title: ctx.t(.auditHeading),
            .h1(.text(ctx.t(.auditHeading))),
            tabs(ctx),
            .section(.class("card"),
                .if(entries.isEmpty, .p(.text(ctx.t(.auditEmpty)))),
                .table(.class("audit"),
                    .tr(.th(.text(ctx.t(.when))), .th(.text(ctx.t(.who))), .th(.text(ctx.t(.what))), .th(.text(ctx.t(.target))), .th(.text(ctx.t(.details)))),
                    .forEach(entries) { e in
                        .tr(.td(.text(ctx.date(e.at))), .td(.text(e.actorName ?? ctx.t(.commandLine))), .td(.code(.text(e.action))),
                            .td(.text(e.target)), .td(.text(e.detail)))
                    })),
            .unwrap(nextCursor) { c in .p(.a(.class("button"), .href(SiteURL.adminAudit.with(["cursor": c])), .text(ctx.t(.nextPage)))) }
        )
    }
}
