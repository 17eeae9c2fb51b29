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
                .unwrap(item.message) { m in
                    .group(
                        .li(.class("feed-reason muted"),
                            .text(reason(item.reason, ctx) + " · "),
                            .unwrap(item.channel) { c in .a(.href(.channel(c.id)), .text(c.name)) }),
                        ConversationViews.message(ctx, m, canAct: true, showReplies: true))
                }
            }),
            .unwrap(next) { c in .p(.a(.class("button"), .href(SiteURL.home.with(["cursor": c], anchor: "feed-heading")), .text(ctx.t(.feedOlder)))) })
    }

    static func reason(_ reason: String, _ ctx: PageContext) -> String {
        switch reason {
        case "mentioned": return ctx.t(.feedReasonMentioned)
        case "thread_reply": return ctx.t(.feedReasonThreadReply)
        case "engagement": return ctx.t(.feedReasonEngagement)
        case "direct": return ctx.t(.feedReasonDirect)
        case "department": return ctx.t(.feedReasonDepartment)
        default: return ctx.t(.feedReasonTopic)
        }
    }
}
