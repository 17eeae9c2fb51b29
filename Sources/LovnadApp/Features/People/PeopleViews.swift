import Plot
import Vapor
import LovnadCore

enum PeopleViews {
    static func directory(_ ctx: PageContext, filter: PeopleQueries.DirectoryFilter, result: PeopleQueries.DirectoryPage,
                          departments: [Department]) -> Response {
        Layout.page(ctx, title: ctx.t(.navPeople),
            .h1(.text(ctx.t(.peopleHeading))),
            .form(.method(.get), .action(.people), .class("filters"), .attribute(named: "role", value: "search"),
                Parts.textField("q", label: ctx.t(.fieldSearchName), value: filter.text, type: .search),
                Parts.textField("skill", label: ctx.t(.fieldSkill), value: filter.skill, type: .search),
                .div(.class("field"),
                    .label(.for("department"), .text(ctx.t(.fieldDepartment))),
                    .select(.id("department"), .attribute(named: "name", value: "department"),
                        Parts.option("", ctx.t(.allDepartments)),
                        .forEach(departments) { d in
                            Parts.option(d.id!.uuidString, d.name, selected: d.id == filter.departmentID)
                        })
                ),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.search)))
            ),
            .if(result.unknownSkill, .p(.class("flash notice"), .text(ctx.t(.unknownSkill, ["skill": filter.skill ?? ""])))),
            .unwrap(result.skill) { skill in
                .if(skillLookupKey(skill.name) != skillLookupKey(filter.skill ?? ""),
                    .p(.class("hint"), .text(ctx.t(.showingSkill, ["skill": skill.name]))))
            },
            .if(result.people.isEmpty && !result.unknownSkill, .p(.text(ctx.t(.noPeopleFound)))),
            .ul(.class("people-list"), .forEach(result.people) { p in
                .li(.class("person-row"),
                    .a(.href(.person(p.id!)), .text(p.name)),
                    .span(.class("muted"), .text([p.title, p.department?.name].compactMap { $0 }.joined(separator: " · ")))
                )
            }),
            .unwrap(result.nextCursor) { cursor in
                .p(.a(.class("button"), .href(nextLink(filter, cursor: cursor)), .text(ctx.t(.nextPage))))
            }
        )
    }

    private static func nextLink(_ f: PeopleQueries.DirectoryFilter, cursor: String) -> String {
        var c = URLComponents()
        c.path = SiteURL.people.path
        c.queryItems = [URLQueryItem(name: "q", value: f.text ?? ""), URLQueryItem(name: "skill", value: f.skill ?? ""),
                        URLQueryItem(name: "department", value: f.departmentID?.uuidString ?? ""),
                        URLQueryItem(name: "cursor", value: cursor)]
        return c.string ?? SiteURL.people.path
    }

    static func person(_ ctx: PageContext, detail: PersonDetailDTO, flash: String?) -> Response {
        let p = detail.person
        let isMe = ctx.user?.id == p.id
        return Layout.page(ctx, title: p.name,
            Parts.flash(flash),
            .section(.class("card person"),
                .h1(.text(p.name)),
                .if(!p.active, .p(.class("badge warn"), .text(ctx.t(.deactivated)))),
                .dl(
                    .dt(.text(ctx.t(.fieldTitle))), .dd(.text(p.title ?? "–")),
                    .dt(.text(ctx.t(.fieldDepartment))), .dd(.unwrap(p.department, { d in .a(.href(SiteURL.people.with(["department": "\(d.id)"])), .text(d.name)) }, else: .text("–"))),
                    .dt(.text(ctx.t(.fieldLeader))), .dd(.unwrap(detail.leader, { l in .a(.href(.person(l.id)), .text(l.name)) }, else: .text("–"))),
                    .dt(.text(ctx.t(.fieldEmail))), .dd(.a(.href("mailto:\(p.email)"), .text(p.email))),
                    .dt(.text(ctx.t(.fieldRoles))), .dd(.text(p.roles.compactMap(Role.init(rawValue:)).map(ctx.t.role).joined(separator: ", ")))
                ),
                .if(!detail.bio.isEmpty, .div(.class("bio"), .forEach(detail.bio.split(separator: "\n", omittingEmptySubsequences: true)) { line in
                    .p(.text(String(line)))
                })),
                .if(isMe, .p(.a(.href(.myProfile), .text(ctx.t(.editProfile))), .text(" · "), .a(.href(.mySkills), .text(ctx.t(.editMySkills)))))
            ),
            .section(.class("card"),
                .h2(.text(ctx.t(.skillsHeading))),
                .if(detail.skills.isEmpty, .p(.text(ctx.t(.noSkills)))),
                .if(!detail.skills.isEmpty, .table(.class("skills"),
                    .tr(.th(.text(ctx.t(.fieldSkill))), .th(.text(ctx.t(.fieldLevel))), .th(.text(ctx.t(.endorsementsHeading))), .th(.text(ctx.t(.notesHeading)))),
                    .forEach(detail.skills) { s in
                        .tr(.class("skill-row"), .data(named: "skill", value: s.skill),
                            .td(.a(.href(SiteURL.experts.with(["skill": s.skill])), .text(s.skill))),
                            .td(.span(.class("level level-\(s.level)"), .attribute(named: "aria-label", value: ctx.t(.levelOfFive, ["level": String(s.level)])), .text("\(s.level)/5"))),
                            .td(.text(String(s.endorsements)),
                                .if(!isMe, .form(.method(.post), .class("inline"),
                                    .action(.endorsement(person: p.id, skill: s.skillId, endorse: !s.endorsedByMe)),
                                    Parts.csrf(ctx),
                                    .button(.type(.submit), .class("small"), .text(ctx.t(s.endorsedByMe ? .withdrawEndorsement : .endorse)))))),
                            .td(.text([s.wantsToGrow ? ctx.t(.wantsToGrow) : nil,
                                       s.lastUsedYear.map { ctx.t(.lastUsed, ["year": String($0)]) }].compactMap { $0 }.joined(separator: " · ")))
                        )
                    }))
            ),
            .if(!detail.reports.isEmpty, .section(.class("card"),
                .h2(.text(ctx.t(.theirPeople))),
                .ul(.forEach(detail.reports) { r in .li(.a(.href(.person(r.id)), .text(r.name))) })
            ))
        )
    }

    /// Leave: routing passes them by until the day after. `typed` is what a refused form held.
    private static func awayField(_ ctx: PageContext, _ person: Person, typed: String?, error: String?) -> Node<HTML.FormContext> {
        let today = Day(ctx.now, in: ctx.timeZone)
        let shown = typed ?? person.awayUntil.map { Day(ordinal: $0) }.flatMap { $0 < today ? nil : $0.description }
        return .div(.class("field"),
            .label(.for("away_until"), .text(ctx.t(.fieldAwayUntil))),
            .input(.id("away_until"), .name("away_until"), .type(.date), .value(shown ?? ""),
                   .attribute(named: "aria-describedby", value: error == nil ? "away_until-hint" : "away_until-hint away_until-error"),
                   .attribute(named: "aria-invalid", value: error == nil ? nil : "true")),
            .p(.id("away_until-hint"), .class("muted"), .text(ctx.t(.awayUntilHint))),
            .if(error != nil, .p(.id("away_until-error"), .class("field-error"), .text(error ?? ""))))
    }

    static func profile(_ ctx: PageContext, person: Person, errors: [String: String], flash: String?,
                        status: HTTPResponseStatus = .ok, typedAway: String? = nil) -> Response {
        Layout.page(ctx, title: ctx.t(.editProfile), status: status,
            .h1(.text(ctx.t(.editProfile))),
            Parts.flash(flash),
            Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors), kind: "error"),
            .form(.method(.post), .action(.myProfile), .class("card"),
                Parts.csrf(ctx),
                Parts.textField("name", label: ctx.t(.fieldName), value: person.name, required: true, error: errors["name"]),
                Parts.textField("title", label: ctx.t(.fieldTitle), value: person.title, error: errors["title"]),
                .div(.class("field"),
                    .label(.for("bio"), .text(ctx.t(.fieldBio))),
                    .textarea(.id("bio"), .name("bio"), .rows(5), Parts.limit(PeopleActions.maximumBio), .text(person.bio))),
                .div(.class("field"),
                    .label(.for("locale"), .text(ctx.t(.fieldLanguage))),
                    .select(.id("locale"), .attribute(named: "name", value: "locale"),
                        Parts.option("", ctx.t(.languageAutomatic), selected: person.locale == nil),
                        Parts.option("nb", "Norsk bokmål", selected: person.locale == "nb"),
                        Parts.option("en", "English", selected: person.locale == "en"))),
                .div(.class("field"),
                    .label(.for("time_zone"), .text(ctx.t(.fieldTimeZone))),
                    .select(.id("time_zone"), .class("places"), .attribute(named: "name", value: "time_zone"),
                        Parts.option("", ctx.t(.timeZoneDefault), selected: person.timeZone == nil),
                        .forEach(TimeZoneChoices.groups(TimeZone.knownTimeZoneIdentifiers)) { group in
                            .element(named: "optgroup", nodes: [.attribute(named: "label", value: ctx.t(group.label)),
                                .forEach(group.zones) { zone in
                                    // A common zone is listed twice; only its first place is the selected one.
                                    Parts.option(zone, TimeZoneChoices.place(zone),
                                                 selected: person.timeZone == zone && (group.label == .regionCommon || !TimeZoneChoices.common.contains(zone)))
                                }])
                        })),
                awayField(ctx, person, typed: typedAway, error: errors["away_until"]),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.save)))
            ),
            .form(.method(.post), .action(.myPassword), .class("card"),
                .h2(.text(ctx.t(.changePassword))),
                Parts.csrf(ctx),
                Parts.textField("current_password", label: ctx.t(.fieldCurrentPassword), value: nil, type: .password,
                                required: true, error: errors["current_password"], autocomplete: "current-password"),
                Parts.textField("new_password", label: ctx.t(.fieldNewPassword), value: nil, type: .password,
                                required: true, error: errors["new_password"], autocomplete: "new-password"),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.changePassword)))
            ),
            .p(.a(.href(.tokens), .text(ctx.t(.tokensHeading))))
        )
    }

    static func mySkills(_ ctx: PageContext, rows: [MySkillRow], catalogue: [String], errors: [String: String], saved: Bool,
                         status: HTTPResponseStatus = .ok) -> Response {
        func rowLabel(_ column: L, _ skill: String) -> String { skill.isEmpty ? ctx.t(column) : ctx.t(column) + ": " + skill }
        let blanks = 3
        let all = rows + Array(repeating: MySkillRow(skill: "", level: "", wantsToGrow: false, lastUsedYear: ""), count: blanks)
        return Layout.page(ctx, title: ctx.t(.navMySkills), status: status,
            .h1(.text(ctx.t(.navMySkills))),
            Parts.flash(saved ? ctx.t(.saved) : nil),
            Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors) + " " + errors.sorted(by: { $0.key < $1.key }).map { "\($0.value)." }.joined(separator: " "), kind: "error"),
            .p(.class("hint"), .text(ctx.t(.mySkillsHint))),
            .form(.method(.post), .action(.mySkills), .id("my-skills"),
                Parts.csrf(ctx),
                .input(.type(.hidden), .name("rows"), .value(String(all.count))),
                .table(.class("skills-edit"),
                    .tr(.th(.text(ctx.t(.fieldSkill))), .th(.text(ctx.t(.fieldLevel))), .th(.text(ctx.t(.wantsToGrow))), .th(.text(ctx.t(.fieldLastUsedYear)))),
                    .forEach(Array(all.enumerated())) { i, row in
                        .tr(
                            // Each field is named with its row's skill ("Nivå: Kotlin"), as its column header says it to the eye.
                            .td(.input(.id("skill_\(i)"), .name("skill_\(i)"), .type(.text), .value(row.skill), .ariaLabel(ctx.t(.fieldSkill)),
                                       .attribute(named: "list", value: "skill-catalogue"), .readonly(i < rows.count && errors.isEmpty))),
                            .td(.select(.id("level_\(i)"), .attribute(named: "name", value: "level_\(i)"), .ariaLabel(rowLabel(.fieldLevel, row.skill)),
                                    Parts.option("", "–", selected: row.level.isEmpty),
                                    .forEach(Array(SkillLevel.range)) { l in Parts.option(String(l), ctx.t(.levelOfFive, ["level": String(l)]), selected: row.level == String(l)) },
                                    .if(i < rows.count, Parts.option("remove", ctx.t(.removeSkill))))),
                            .td(.input(.id("grow_\(i)"), .name("grow_\(i)"), .type(.checkbox), .checked(row.wantsToGrow), .ariaLabel(rowLabel(.wantsToGrow, row.skill)))),
                            .td(.input(.id("year_\(i)"), .name("year_\(i)"), .type(.number), .value(row.lastUsedYear), .ariaLabel(rowLabel(.fieldLastUsedYear, row.skill)),
                                       .attribute(named: "min", value: "1970"), .attribute(named: "max", value: "2100")))
                        )
                    }
                ),
                .datalist(.id("skill-catalogue"), .forEach(catalogue) { name in .option(.value(name)) }),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.save)))
            )
        )
    }
}
