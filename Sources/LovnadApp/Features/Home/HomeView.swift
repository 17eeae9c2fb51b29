import Plot
import Vapor
import LovnadCore

enum HomeView {
    static func render(_ ctx: PageContext, feed: [FeedItemDTO], mySkills: [PersonSkillDTO], departments: [DepartmentDTO]) -> Response {
        Layout.page(ctx, title: ctx.t(.navHome),
            .h1(.text(ctx.t(.homeGreeting, ["name": ctx.user?.person.name ?? ""]))),
            FeedViews.section(ctx, feed),
            .section(.class("card"),
                .h2(.text(ctx.t(.expertsHeading))),
                ExpertViews.searchForm(ctx, skill: "")
            ),
            .section(.class("card"),
                .h2(.text(ctx.t(.homeMySkills))),
                .if(mySkills.isEmpty,
                    .p(.text(ctx.t(.homeNoSkills))),
                    else: .ul(.class("chips"), .forEach(mySkills) { s in
                        .li(.text("\(s.skill) · \(s.level)"))
                    })),
                .p(.a(.href(.mySkills), .text(ctx.t(.editMySkills))))
            ),
            .section(.class("card"),
                .h2(.text(ctx.t(.departmentsHeading))),
                .ul(.forEach(departments) { d in
                    .li(.a(.href(SiteURL.people.with(["department": "\(d.id)"])), .text(d.name)),
                        .text(" · " + ctx.t.count(d.headcount, one: .countPeopleOne, other: .headcount)))
                })
            )
        )
    }
}
