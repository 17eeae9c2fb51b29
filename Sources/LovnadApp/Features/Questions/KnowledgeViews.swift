import Plot
import Vapor
import LovnadCore

/// Knowledge health per skill, and the accepted answers waiting for the reader's check.
enum KnowledgeViews {
    static func health(_ ctx: PageContext, skills: [SkillHealthDTO], checks: Int) -> Response {
        let uncovered = skills.filter(\.uncovered)
        return Layout.page(ctx, title: ctx.t(.knowledgeTitle),
            .p(.a(.href(.questions), .text(ctx.t(.questionsBack)))),
            .h1(.text(ctx.t(.knowledgeTitle))),
            .p(.class("muted"), .text(ctx.t(.knowledgeIntro))),
            .p(.a(.href(.knowledgeChecks), .text(ctx.t(.knowledgeChecksLink) + " (\(checks))"))),
            .section(.class("card"), .id("uncovered"),
                .h2(.text(ctx.t(.knowledgeUncoveredHeading))),
                .if(uncovered.isEmpty, .p(.class("empty"), .text(ctx.t(.knowledgeUncoveredNone)))),
                .ul(.class("uncovered"), .forEach(uncovered) { s in .li(.a(.href(SiteURL.experts.with(["skill": s.skill.name])), .text(s.skill.name))) })),
            .section(.class("card"),
                .table(.class("knowledge"),
                    .tr(.th(.text(ctx.t(.knowledgeSkill))), .th(.text(ctx.t(.knowledgeAsked))), .th(.text(ctx.t(.knowledgeInTime))),
                        .th(.text(ctx.t(.knowledgeFirst))), .th(.text(ctx.t(.knowledgeAccepted))), .th(.text(ctx.t(.knowledgeExperts))),
                        .th(.text(ctx.t(.knowledgeWaiting)))),
                    .forEach(skills) { s in row(ctx, s) })))
    }

    private static func row(_ ctx: PageContext, _ s: SkillHealthDTO) -> Node<HTML.TableContext> {
        let none = ctx.t(.knowledgeNoValue)
        return .tr(.class(s.uncovered ? "uncovered" : ""),
            .td(.a(.href(SiteURL.questions.with(["view": "all", "skill": s.skill.name])), .text(s.skill.name)),
                .if(s.uncovered, .small(.class("muted"), .text(" · " + ctx.t(.knowledgeUncovered))))),
            .td(.text(String(s.asked))),
            .td(.text(SayDoChart.percent(s.answeredInTime))),
            .td(.text(s.medianMinutesToFirstAnswer.map(ctx.t.minutes) ?? none)),
            .td(.text(s.medianMinutesToAccepted.map(ctx.t.minutes) ?? none)),
            .td(.text(String(s.experts))),
            .td(.text(String(s.waitingChecks))))
    }

    static func checks(_ ctx: PageContext, _ checks: [AnswerCheckDTO]) -> Response {
        Layout.page(ctx, title: ctx.t(.knowledgeChecksTitle),
            .p(.a(.href(.knowledge), .text(ctx.t(.knowledgeTitle)))),
            .h1(.text(ctx.t(.knowledgeChecksTitle))),
            .if(checks.isEmpty, .p(.class("empty"), .text(ctx.t(.knowledgeChecksNone)))),
            .ul(.class("checks"), .forEach(checks) { c in
                .li(.a(.href(c.url), .text(c.questionTitle)),
                    .p(.class("meta"), .text(ctx.t(.knowledgeCheckAnswerBy, ["name": c.author.name, "date": ctx.date(c.confirmedAt)]))),
                    .unwrap(CheckReason(rawValue: c.reason)) { r in .p(.class("check-due"), .text(ctx.t(.knowledgeCheckDue, ["reason": ctx.t.checkReason(r)]))) })
            }))
    }
}
