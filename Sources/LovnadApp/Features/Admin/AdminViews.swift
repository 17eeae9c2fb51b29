import Fluent
import Plot
import Vapor
import LovnadCore

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
                // One name for the group, so that assistive technology reads the four as one choice.
                .label(.input(.type(.checkbox), .name("roles[]"), .value(role.rawValue), .id("\(prefix)-\(role.rawValue)"), .checked(selected.contains(role))),
                       .text(" " + ctx.t.role(role)))
            })
    }

    /// The user list and the form to add one; a refused new user comes back as typed.
    static func users(_ ctx: PageContext, people: [Person], filter: AdminQueries.UserFilter, nextCursor: String?, flash: String?,
                      errors: [String: String], typed: AdminPages.NewUserForm? = nil, status: HTTPResponseStatus) -> Response {
        let standings: [(AdminQueries.UserFilter.Standing, L)] = [(.active, .usersActive), (.deactivated, .usersDeactivated), (.all, .usersAll)]
        return Layout.page(ctx, title: ctx.t(.usersHeading), status: status,
            .h1(.text(ctx.t(.usersHeading))),
            tabs(ctx),
            Parts.flash(flash),
            Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors), kind: "error"),
            .section(.class("card"),
                .h2(.text(ctx.t(.addUser))),
                .form(.method(.post), .action(.adminUsers),
                    Parts.csrf(ctx),
                    Parts.textField("email", label: ctx.t(.fieldEmail), value: typed?.email, type: .email, required: true, error: errors["email"]),
                    Parts.textField("name", label: ctx.t(.fieldName), value: typed?.name, required: true, error: errors["name"]),
                    Parts.textField("department", label: ctx.t(.fieldDepartment), value: typed?.department, error: errors["department"]),
                    roleBoxes(ctx, prefix: "new", selected: typed?.roles ?? [.consultant]),
                    .unwrap(errors["roles"]) { .p(.class("field-error"), .text($0)) },
                    .button(.type(.submit), .class("primary"), .text(ctx.t(.addUser))))
            ),
            .section(.class("card"), .id("users"),
                .form(.method(.get), .action(SiteURL.adminUsers.with(anchor: "users")), .class("filters"), .attribute(named: "role", value: "search"),
                    Parts.textField("q", label: ctx.t(.fieldSearchUser), value: filter.text, type: .search),
                    .div(.class("field"),
                        .label(.for("show"), .text(ctx.t(.usersShowing))),
                        .select(.id("show"), .attribute(named: "name", value: "show"),
                            .forEach(standings) { s, key in Parts.option(s.rawValue, ctx.t(key), selected: s == filter.standing) })),
                    .button(.type(.submit), .text(ctx.t(.search)))),
                .if(people.isEmpty, .p(.class("muted"), .text(ctx.t(.usersNoneFound)))),
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
                    }),
                .unwrap(nextCursor) { cursor in
                    .p(.a(.class("button"), .href(SiteURL.adminUsers.with(["q": filter.text, "show": filter.standing.rawValue, "cursor": cursor],
                                                                            anchor: "users")),
                          .text(ctx.t(.nextPage))))
                }
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
                        .tr(.td(.text(ctx.date(e.at))), .td(.text(e.actorName ?? ctx.t(.commandLine))), .td(.text(AuditText.action(e.action, ctx.t))),
                            .td(.text(AuditText.target(e.target, ctx.t))), .td(.text(AuditText.detail(e.action, e.detail, ctx.t))))
                    })),
            .unwrap(nextCursor) { c in .p(.a(.class("button"), .href(SiteURL.adminAudit.with(["cursor": c])), .text(ctx.t(.nextPage)))) }
        )
    }
}
