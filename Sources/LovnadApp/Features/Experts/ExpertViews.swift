import Plot
import Vapor
import LovnadCore

enum ExpertViews {
    static func searchForm<C: HTML.BodyContext>(_ ctx: PageContext, skill: String) -> Node<C> {
        .form(.method(.get), .action(.experts), .class("filters"), .attribute(named: "role", value: "search"),
            Parts.textField("skill", label: ctx.t(.fieldSkillOrSynonym), value: skill, type: .search, required: true),
            .button(.type(.submit), .class("primary"), .text(ctx.t(.findExperts)))
        )
    }

    static func render(_ ctx: PageContext, skill: String, result: ExpertQueries.Result?, searched: Bool) -> Response {
        Layout.page(ctx, title: ctx.t(.expertsHeading),
            .h1(.text(ctx.t(.expertsHeading))),
            .p(.class("hint"), .text(ctx.t(.expertsHint))),
            searchForm(ctx, skill: skill),
            .if(searched && result == nil, .p(.class("flash notice"), .text(ctx.t(.unknownSkill, ["skill": skill])))),
            .unwrap(result) { result in
                .section(.class("card"),
                    .h2(.text(ctx.t(.expertsFor, ["skill": result.skill.name]))),
                    .if(result.ranked.isEmpty, .p(.text(ctx.t(.noExperts)))),
                    .ol(.class("experts"), .forEach(result.ranked) { r in
                        .li(.class("expert"),
                            .a(.href(.person(r.candidate.id)), .text(r.candidate.name)),
                            .span(.class("score"), .text(" · " + ctx.t(.score, ["score": String(Int(r.score))]))),
                            .ul(.class("reasons"), .forEach(r.reasons) { reason in .li(.text(ctx.t.reason(reason))) })
                        )
                    })
                )
            }
        )
    }
}
