import Plot
import Vapor
import LovnadCore

enum HomeView {
    static func render(_ ctx: PageContext, week: HomeQueries.MyWeek, feed: [FeedItemDTO], nextFeedPage: String?,
                       mySkills: [PersonSkillDTO], departments: [PeopleQueries.DepartmentHeadcount]) -> Response {
        Layout.page(ctx, title: ctx.t(.navHome),
            .h1(.text(ctx.t(.homeGreeting, ["name": ctx.user?.person.name ?? ""]))),
            myWeek(ctx, week),
            FeedViews.section(ctx, feed, next: nextFeedPage),
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

    /// What I owe, what I am on, and what waits for me, above the feed.
    private static func myWeek(_ ctx: PageContext, _ w: HomeQueries.MyWeek) -> Node<HTML.BodyContext> {
        .div(.class("my-week"),
            .section(.class("card"), .id("owed"),
                .h2(.text(ctx.t(.homeOwedHeading))),
                .if(w.owed.isEmpty, .p(.class("muted"), .text(ctx.t(.homeOwedNone))), else: .ul(.class("plain"), .forEach(w.owed) { o in
                    .li(.a(.href(.promise(o.id)), .text(o.text)), .text(" · " + ctx.t.day(o.due, withYear: false)),
                        .if(o.overdue, .span(.class("badge warn"), .text(" " + ctx.t(.overdueBadge)))))
                }))),
            .section(.class("card"), .id("my-engagements"),
                .h2(.text(ctx.t(.homeEngagementsHeading))),
                .if(w.engagements.isEmpty, .p(.class("muted"), .text(ctx.t(.homeEngagementsNone))), else: .ul(.class("plain"), .forEach(w.engagements) { e in
                    .li(.a(.href(.engagement(e.id)), .text(e.title)), .text(" · "),
                        .span(.class("status status-\(e.status.rawValue)"), .text(ctx.t(e.status.label))))
                }))),
            .section(.class("card"), .id("waiting"),
                .h2(.text(ctx.t(.homeWaitingHeading))),
                .if(w.waiting == 0, .p(.class("muted"), .text(ctx.t(.homeWaitingNone))), else: .ul(.class("plain"),
                    .forEach(w.signOffs) { e in
                        .li(.a(.href(SiteURL.engagement(e.id).with(anchor: "readiness")), .text(ctx.t(.homeSignOff, ["title": e.title]))))
                    },
                    .forEach(w.mentions) { n in
                        .li(.unwrap(NotificationQueries.link(n), { .a(.href($0), .text(NotificationQueries.text(n, ctx.t))) },
                                    else: .text(NotificationQueries.text(n, ctx.t))))
                    },
                    .forEach(w.questions) { q in
                        .li(.a(.href(SiteURL.message(q.id, channel: q.channelID, thread: nil)),
                               .text(ctx.t(.homeQuestion, ["channel": q.channelName, "text": String(q.body.prefix(80))]))))
                    }))))
    }
}
