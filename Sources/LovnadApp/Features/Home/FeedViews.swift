import Plot
import Vapor
import LovnadCore

/// The home feed on the front page: each item with its reason, reactions in place.
enum FeedViews {
    /// A page of the feed: it pages on instead of growing down the home page.
    static let shownOnPage = 10

    static func section(_ ctx: PageContext, _ items: [FeedItemDTO], next: String?) -> Node<HTML.BodyContext> {
        .section(.class("card feed"), .attribute(named: "aria-labelledby", value: "feed-heading"),
            .h2(.id("feed-heading"), .text(ctx.t(.feedHeading))),
            .if(items.isEmpty, .p(.class("muted"), .text(ctx.t(.feedEmpty)))),
            .ol(.class("messages feed-items"), .forEach(items.prefix(shownOnPage)) { item in
                .group(.unwrap(item.message) { m in
                    .group(
                        .li(.class("feed-reason muted"),
                            .text(reason(item.reason, ctx) + " · "),
                            .unwrap(item.channel) { c in .a(.href(.channel(c.id)), .text(c.name)) }),
                        ConversationViews.message(ctx, m, canAct: true, showReplies: true))
                },
                .unwrap(item.question) { q in question(ctx, item, q) })
            }),
            .unwrap(next) { c in .p(.a(.class("button"), .href(SiteURL.home.with(["cursor": c], anchor: "feed-heading")), .text(ctx.t(.feedOlder)))) })
    }

    /// A question for the reader: its title, who asked and on what, and when they need it.
    private static func question(_ ctx: PageContext, _ item: FeedItemDTO, _ q: QuestionDTO) -> Node<HTML.ListContext> {
        .group(
            .li(.class("feed-reason muted"), .text(reason(item.reason, ctx))),
            .li(.class("feed-question"),
                .a(.href(.question(q.id)), .text(q.title)),
                .p(.class("meta"), .text(ctx.t(.questionAskedBy, ["name": q.author.name, "date": ctx.date(q.createdAt)])),
                   .text(" · " + ctx.t(.questionNeededBy, ["need": QuestionViews.needLabel(q.neededBy, ctx), "date": ctx.date(q.dueAt)])),
                   .text(" · " + q.skills.map(\.name).joined(separator: ", ")))))
    }

    static func reason(_ reason: String, _ ctx: PageContext) -> String {
        switch reason {
        case "question_for_you": return ctx.t(.feedReasonQuestionForYou)
        case "question_on_skill": return ctx.t(.feedReasonQuestionOnSkill)
        case "mentioned": return ctx.t(.feedReasonMentioned)
        case "thread_reply": return ctx.t(.feedReasonThreadReply)
        case "engagement": return ctx.t(.feedReasonEngagement)
        case "direct": return ctx.t(.feedReasonDirect)
        case "department": return ctx.t(.feedReasonDepartment)
        default: return ctx.t(.feedReasonTopic)
        }
    }
}
