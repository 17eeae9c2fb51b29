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

    struct Model {
        let typed: String
        let result: ExpertRouting.Found?
        let searched: Bool
        /// Nothing is called what was typed: `result` is for the closest skill.
        var corrected = false
        var otherSuggestions: [String] = []
        var allocations: [UUID: Int] = [:]
        var me: UUID?
    }

    /// Why routing would not ask them now, if it would not.
    private static func availability(_ exclusion: RoutingExclusion?, _ ctx: PageContext) -> String? {
        switch exclusion {
        case .onLeave: ctx.t(.expertOnLeave)
        case .busy: ctx.t(.expertBusy)
        default: nil
        }
    }

    static func render(_ ctx: PageContext, _ m: Model) -> Response {
        Layout.page(ctx, title: ctx.t(.expertsHeading),
            .h1(.text(ctx.t(.expertsHeading))),
            .p(.class("hint"), .text(ctx.t(.expertsHint))),
            searchForm(ctx, skill: m.typed),
            .if(m.searched && m.result == nil, .p(.class("flash notice"), .text(ctx.t(.unknownSkill, ["skill": m.typed])))),
            .unwrap(m.result) { result in
                .section(.class("card"),
                    .h2(.text(ctx.t(.expertsFor, ["skill": result.skill.name]))),
                    .if(m.corrected, .p(.class("flash notice"), .attribute(named: "role", value: "status"),
                        .text(ctx.t(.expertsShowingInstead, ["typed": m.typed, "skill": result.skill.name])),
                        .if(!m.otherSuggestions.isEmpty, .group(.text(" " + ctx.t(.expertsDidYouMean) + " "),
                            .forEach(Array(m.otherSuggestions.enumerated())) { i, name in
                                .group(.if(i > 0, .text(", ")), .a(.href(SiteURL.experts.with(["skill": name])), .text(name)))
                            }, .text("?"))))),
                    .if(result.ranked.isEmpty, .p(.text(ctx.t(.noExperts)))),
                    .ol(.class("experts"), .forEach(result.ranked) { r in
                        .li(.class("expert"),
                            .a(.href(.person(r.candidate.id)), .text(r.candidate.name)),
                            .span(.class("score"), .text(" · " + ctx.t(.score, ["score": String(Int(r.score))]))),
                            .span(.class("allocation"), .text(" · " + (m.allocations[r.candidate.id].map { ctx.t(.allocatedNow, ["percent": String($0)]) } ?? ctx.t(.freeNow)))),
                            .unwrap(availability(r.exclusion, ctx)) { away in .span(.class("badge warn"), .text(" · " + away)) },
                            .ul(.class("reasons"), .forEach(ExpertRouting.reasons(r, currentYear: Day(ctx.now, in: ctx.timeZone).year, ctx.t)) { reason in
                                .li(.text(reason))
                            }),
                            .if(r.candidate.id != m.me, .form(.method(.post), .action(.directChannel), .class("inline"),
                                Parts.csrf(ctx),
                                .input(.type(.hidden), .name("members[]"), .value(r.candidate.id.uuidString)),
                                .button(.type(.submit), .class("small"), .ariaLabel(ctx.t(.sendMessage) + ": " + r.candidate.name), .text(ctx.t(.sendMessage)))))
                        )
                    }),
                    .unwrap(result.next) { cursor in
                        .p(.a(.class("button"), .href(SiteURL.experts.with(["skill": result.skill.name, "cursor": cursor])), .text(ctx.t(.nextPage))))
                    }
                )
            }
        )
    }
}
