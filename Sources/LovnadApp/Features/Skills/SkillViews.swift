import Fluent
import Plot
import Vapor
import LovnadCore

enum SkillViews {
    static func catalogue(_ ctx: PageContext, skills: [Skill], counts: [UUID: Int], errors: [String: String],
                          draft: SkillPages.SkillForm?, status: HTTPResponseStatus = .ok) -> Response {
        let isAdmin = ctx.user?.isAdmin == true
        let grouped = Dictionary(grouping: skills, by: { $0.category ?? "" })
        let categories = grouped.keys.sorted { a, b in a.isEmpty ? false : (b.isEmpty ? true : a < b) }
        return Layout.page(ctx, title: ctx.t(.navSkills), status: status,
            .h1(.text(ctx.t(.skillsCatalogueHeading))),
            .if(isAdmin, .section(.class("card"),
                .h2(.text(ctx.t(.addSkill))),
                Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors), kind: "error"),
                form(ctx, action: SiteURL.skills.path, form: draft, errors: errors)
            )),
            .forEach(categories) { category in
                .section(.class("card"),
                    .h2(.text(category.isEmpty ? ctx.t(.uncategorised) : category)),
                    .ul(.class("catalogue"), .forEach(grouped[category]!.sorted { $0.nameKey < $1.nameKey }) { skill in
                        .li(.a(.href(SiteURL.experts.with(["skill": skill.name])), .text(skill.name)),
                            .if(!skill.synonyms.isEmpty, .span(.class("muted user-text"), .text(" (" + skill.synonyms.map(\.name).sorted().joined(separator: ", ") + ")"))),
                            .span(.class("muted"), .text(" · " + ctx.t.count(counts[skill.id!] ?? 0, one: .countPeopleOne, other: .headcount))),
                            .if(isAdmin, .a(.class("small"), .href(.skillEdit(skill.id!)), .text(" " + ctx.t(.edit)))))
                    })
                )
            }
        )
    }

    static func edit(_ ctx: PageContext, skillID: UUID, form: SkillPages.SkillForm, others: [Skill], errors: [String: String],
                     status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.editSkill), status: status,
            .h1(.text(ctx.t(.editSkill))),
            Parts.flash(errors.isEmpty ? nil : ctx.t(.fixErrors), kind: "error"),
            .section(.class("card"), self.form(ctx, action: SiteURL.skill(skillID).path, form: form, errors: errors)),
            .section(.class("card"), mergeForm(ctx, skillID: skillID, others: others, error: errors["into_id"]))
        )
    }

    /// Merging this skill into another: the other keeps its name, this one's becomes a synonym.
    private static func mergeForm(_ ctx: PageContext, skillID: UUID, others: [Skill], error: String?) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(.skillMerge(skillID)),
            Parts.csrf(ctx),
            .h2(.text(ctx.t(.skillMergeHeading))),
            .p(.class("muted"), .text(ctx.t(.skillMergeExplained))),
            .div(.class("field"),
                .label(.for("into_id"), .text(ctx.t(.skillMergeInto))),
                .select(.id("into_id"), .attribute(named: "name", value: "into_id"), .attribute(named: "required", value: "required"),
                        .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                        Parts.option("", ctx.t(.skillMergeChoose), selected: true),
                        .forEach(others.filter { $0.id != skillID }) { s in Parts.option(s.id!.uuidString, s.name, selected: false) }),
                .if(error != nil, .p(.class("field-error"), .text(error ?? "")))),
            .button(.type(.submit), .text(ctx.t(.skillMergeButton))))
    }

    private static func form<C: HTML.BodyContext>(_ ctx: PageContext, action: String, form: SkillPages.SkillForm?,
                                                 errors: [String: String]) -> Node<C> {
        .form(.method(.post), .action(action),
            Parts.csrf(ctx),
            Parts.textField("name", label: ctx.t(.fieldName), value: form?.name, required: true, error: errors["name"]),
            Parts.textField("category", label: ctx.t(.fieldCategory), value: form?.category, error: errors["category"]),
            Parts.textField("synonyms", label: ctx.t(.fieldSynonyms), value: form?.synonyms, error: errors["synonyms"]),
            .button(.type(.submit), .class("primary"), .text(ctx.t(.save)))
        )
    }
}
