import Fluent
import Plot
import Vapor
import LovnadCore

/// Customers (list, add) and starting a new engagement, for sales, leaders and admins.
struct CustomerPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("customers", use: list)
        routes.post("customers", use: create)
        routes.post("engagements", use: createEngagement)
    }

    static func canCreate(_ user: CurrentUser) -> Bool { user.isAdmin || user.has(.sales) || user.has(.leader) }

    func list(req: Request) async throws -> Response {
        _ = try req.requireUser()
        return try await render(req, errors: [:], draft: [:])
    }

    private func render(_ req: Request, errors: [String: String], draft: [String: String], status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let customers = try await Customer.query(on: req.db).with(\.$contacts).sort(\.$nameKey).all()
        return CustomerViews.list(PageContext(req), customers: customers, canCreate: Self.canCreate(user), errors: errors, draft: draft, status: status)
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            let contactName = (form["contact_name"] ?? "").trimmingCharacters(in: .whitespaces)
            _ = try await CustomerActions.create(.init(
                name: form["name"] ?? "", orgNumber: form["org_number"], notes: form["notes"] ?? "",
                contacts: contactName.isEmpty ? [] : [.init(name: contactName, role: form["contact_role"] ?? "",
                                                            email: form["contact_email"] ?? "", phone: form["contact_phone"] ?? "")]),
                actor: user, app: req.application)
            return SiteURL.customers.path
        } refused: { error in
            return try await render(req, errors: error.fields(in: PageContext(req).t), draft: form, status: .unprocessableEntity)
        }
    }

    func createEngagement(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            let engagement = try await EngagementActions.create(.init(
                title: form["title"] ?? "", customerID: form["customer_id"].flatMap(UUID.init(uuidString:)),
                salesOwnerID: nil, deliveryLeadID: nil), actor: user, app: req.application)
            return SiteURL.engagement(engagement.id!).path
        } refused: { error in
            let rows = try await EngagementQueries.list(user: user, status: nil, customerID: nil, mineOnly: false, on: req.db)
            let customers = try await Customer.query(on: req.db).sort(\.$nameKey).all()
            return EngagementViews.list(PageContext(req), rows: rows, status: nil, customers: Self.canCreate(user) ? customers : [],
                                        errors: error.fields(in: PageContext(req).t), httpStatus: .unprocessableEntity)
        }
    }
}

enum CustomerViews {
    static func list(_ ctx: PageContext, customers: [Customer], canCreate: Bool, errors: [String: String], draft: [String: String],
                     status: HTTPResponseStatus) -> Response {
        Layout.page(ctx, title: ctx.t(.customersHeading), status: status,
            .h1(.text(ctx.t(.customersHeading))),
            .if(canCreate, .section(.class("card"),
                .h2(.text(ctx.t(.addCustomer))),
                Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors), kind: "error"),
                .form(.method(.post), .action(.customers),
                    Parts.csrf(ctx),
                    Parts.textField("name", label: ctx.t(.fieldName), value: draft["name"], required: true, error: errors["name"]),
                    Parts.textField("org_number", label: ctx.t(.orgNumber), value: draft["org_number"], error: errors["org_number"]),
                    .div(.class("field"), .label(.for("notes"), .text(ctx.t(.notesHeading))),
                         .textarea(.id("notes"), .name("notes"), .rows(2), .text(draft["notes"] ?? ""))),
                    Parts.textField("contact_name", label: ctx.t(.contactName), value: draft["contact_name"], error: errors["contacts[0].name"]),
                    Parts.textField("contact_role", label: ctx.t(.role), value: draft["contact_role"]),
                    Parts.textField("contact_email", label: ctx.t(.fieldEmail), value: draft["contact_email"], type: .email, error: errors["contacts[0].email"]),
                    Parts.textField("contact_phone", label: ctx.t(.phone), value: draft["contact_phone"]),
                    .button(.type(.submit), .class("primary"), .text(ctx.t(.addCustomer)))))),
            .if(customers.isEmpty, .p(.text(ctx.t(.noCustomers)))),
            .forEach(customers) { c in
                .section(.class("card"),
                    .h2(.text(c.name)),
                    .p(.class("muted"), .text(c.orgNumber.flatMap(OrganisationNumber.init).map { ctx.t(.orgNumber) + " " + $0.description } ?? "")),
                    .if(!c.notes.isEmpty, .p(.text(c.notes))),
                    .ul(.forEach(c.contacts) { k in .li(.text([k.name, k.role, k.email, k.phone].filter { !$0.isEmpty }.joined(separator: " · "))) }),
                    .p(.a(.href(SiteURL.engagements.with(["customer": c.id!.uuidString])), .text(ctx.t(.engagementsHeading)))))
            }
        )
    }
}
