import Foundation
import Plot
import Vapor
import LovnadCore

/// The conversation pages. Message HTML comes from `SafeMarkdown` (escaped, links filtered), so it is
/// the one place raw HTML is placed on a page.
enum ConversationViews {
    /// The channel list and the forms to start one; a refused new channel comes back as typed, its problems at its fields.
    static func channels(_ ctx: PageContext, channels: [ChannelDTO], people: PersonChoices, problem: String?, typed: [String: String] = [:],
                         errors: [String: String] = [:], status: HTTPResponseStatus) -> Response {
        let mine = channels.filter(\.isMember)
        let others = channels.filter { !$0.isMember }
        return Layout.page(ctx, title: ctx.t(.channelsHeading), status: status,
            .h1(.text(ctx.t(.channelsHeading))),
            Parts.flash(problem, kind: "error"),
            .h2(.text(ctx.t(.channelsMine))),
            .if(mine.isEmpty, .p(.class("muted"), .text(ctx.t(.channelsNoneYet)))),
            .ul(.class("channel-list"), .forEach(mine) { c in memberItem(ctx, c, current: false, showKind: true) }),
            .if(!others.isEmpty, .group(
                .h2(.text(ctx.t(.channelsOthers))),
                .ul(.class("channel-list"), .forEach(others) { c in
                    .li(.a(.href(.channel(c.id)), .text(c.name)),
                        .span(.class("muted"), .text(" · " + kindLabel(c.kind, ctx))),
                        .form(.method(.post), .action(.channelAction(c.id, .join)), .class("inline"), Parts.csrf(ctx),
                              .button(.type(.submit), .class("small"), .text(ctx.t(.channelJoin)))))
                }))),
            .section(.class("card"),
                .h2(.text(ctx.t(.channelNewTopic))),
                .form(.method(.post), .action(.channels), Parts.csrf(ctx),
                    Parts.textField("name", label: ctx.t(.channelName), value: typed["name"], required: true, error: errors["name"], limit: ChannelActions.maximumName),
                    Parts.textField("description", label: ctx.t(.channelDescription), value: typed["description"], error: errors["description"],
                                    limit: ChannelActions.maximumDescription),
                    Parts.textField("norm_hours", label: ctx.t(.channelNormHours), value: typed["norm_hours"] ?? "4", error: errors["norm_minutes"]),
                    .div(.class("field checkbox"), .input(.id("private"), .type(.checkbox), .name("private"), .value("1"), .checked(typed["private"] == "1")),
                         .label(.for("private"), .text(" " + ctx.t(.channelPrivate)))),
                    .button(.type(.submit), .text(ctx.t(.channelCreate))))),
            .section(.class("card"),
                .h2(.text(ctx.t(.channelNewDirect))),
                .form(.method(.post), .action(.directChannel), Parts.csrf(ctx),
                    Parts.personPicker("members", name: "members[]", label: ctx.t(.channelDirectWith),
                                       choices: people, multiple: true, error: errors["members"], ctx: ctx),
                    .button(.type(.submit), .text(ctx.t(.channelCreate)))))
        )
    }

    /// A channel one belongs to, with its unread and mention counts (both always there, hidden at nought,
    /// so the live script can show them as they change).
    static func memberItem(_ ctx: PageContext, _ c: ChannelDTO, current: Bool, showKind: Bool) -> Node<HTML.ListContext> {
        .li(.attribute(named: "data-channel-id", value: c.id.uuidString), .if(c.muted, .class("muted-channel")),
            .a(.href(.channel(c.id)), .if(current, .attribute(named: "aria-current", value: "page")), .text(c.name)),
            .if(showKind, .span(.class("muted"), .text(" · " + kindLabel(c.kind, ctx)))),
            .if(c.muted, .span(.class("muted"), .text(" · " + ctx.t(.channelMuted)))),
            .span(.class("count unread"), .attribute(named: "aria-label", value: ctx.t.count(c.unread, one: .unreadOne, other: .channelUnread)),
                  .attribute(named: "data-one", value: ctx.t(.unreadOne)), .attribute(named: "data-other", value: ctx.t(.channelUnread)),
                  .attribute(named: "data-value", value: String(c.unread)),
                  .if(c.unread == 0, .attribute(named: "hidden")), .text(" \(c.unread)")),
            .span(.class("count mentions"), .attribute(named: "aria-label", value: ctx.t.count(c.mentions, one: .mentionsOne, other: .mentionsOther)),
                  .attribute(named: "data-one", value: ctx.t(.mentionsOne)), .attribute(named: "data-other", value: ctx.t(.mentionsOther)),
                  .attribute(named: "data-value", value: String(c.mentions)),
                  .if(c.mentions == 0, .attribute(named: "hidden")), .text(" @\(c.mentions)")))
    }

    /// The channels one belongs to, beside the conversation on a wide screen (out of the way on a phone,
    /// where the link back to the channel list does the same).
    static func sidebar(_ ctx: PageContext, _ channels: [ChannelDTO], current: UUID) -> Node<HTML.BodyContext> {
        .nav(.class("channel-sidebar"), .attribute(named: "aria-label", value: ctx.t(.channelsMine)),
            .h2(.text(ctx.t(.channelsMine))),
            .ul(.class("channel-list"), .forEach(channels) { c in memberItem(ctx, c, current: c.id == current, showKind: false) }),
            .p(.a(.href(.channels), .text(ctx.t(.channelsAll)))))
    }

    static func kindLabel(_ kind: String, _ ctx: PageContext) -> String {
        switch kind {
        case "department": return ctx.t(.channelKindDepartment)
        case "engagement": return ctx.t(.channelKindEngagement)
        case "direct": return ctx.t(.channelKindDirect)
        default: return ctx.t(.channelKindTopic)
        }
    }

    static func normText(_ minutes: Int, _ ctx: PageContext) -> String {
        let hours = Double(minutes) / 60
        let formatted = hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)
        return ctx.t(.channelNorm, ["hours": formatted])
    }

    static func channel(_ ctx: PageContext, channel: ChannelDTO, standing: ChannelAccess.Standing, manages: Bool,
                        messages: [MessageDTO], older: UUID?, lastRead: Int?,
                        pinned: [MessageDTO], norm: (asked: Int, met: Int), problem: String?, draft: String,
                        sidebar: [ChannelDTO], status: HTTPResponseStatus) -> Response {
        let canWrite = standing.isMember && !channel.archived
        return Layout.page(ctx, title: channel.name, status: status,
          .div(.class("channel-page"),
            Self.sidebar(ctx, sidebar, current: channel.id),
            .div(.class("channel"), .attribute(named: "data-live-channel", value: channel.id.uuidString),
                 .attribute(named: "data-me", value: ctx.user?.id.uuidString ?? ""),
                 .attribute(named: "data-can-write", value: canWrite ? "true" : "false"),
                 .attribute(named: "data-time-zone", value: ctx.timeZone.identifier),
                 .attribute(named: "data-locale", value: ctx.locale == .nb ? "nb-NO" : "en-GB"),
                 .attribute(named: "data-admin", value: ctx.user?.isAdmin == true ? "true" : "false"),
                 liveTemplate(ctx, canWrite: canWrite, showReplies: true),
            .p(.a(.href(.channels), .text("← " + ctx.t(.channelsHeading)))),
            .h1(.text(channel.name)),
            .p(.class("muted"), .text(kindLabel(channel.kind, ctx) + " · " + normText(channel.normMinutes, ctx)
                                      + (channel.archived ? " · " + ctx.t(.channelArchived) : ""))),
            .if(!channel.description.isEmpty, .p(.text(channel.description))),
            .p(.class("norm-record"), .text(norm.asked == 0 ? ctx.t(.channelNormNoQuestions)
                : ctx.t(.channelNormRecord, ["met": String(norm.met), "asked": String(norm.asked),
                                             "percent": String(Int((Double(norm.met) / Double(norm.asked) * 100).rounded()))]))),
            membership(ctx, channel: channel, standing: standing),
            Parts.flash(problem, kind: "error"),
            .if(!pinned.isEmpty, .section(.class("card pinned"),
                .h2(.text(ctx.t(.channelPinned))),
                .ul(.forEach(pinned) { m in .li(.a(.href("#m-\(m.id)"), .text(m.author.name + ": " + String(m.body.prefix(80))))) }))),
            // The conversation scrolls in its own box that opens at the newest message (column-reverse keeps
            // the bottom in view without script), with the composer right below it.
            .div(.class("conversation-scroll"), .attribute(named: "tabindex", value: "0"),
                 .attribute(named: "aria-label", value: ctx.t(.channelConversation)),
                .div(.class("conversation"),
                    .unwrap(older) { id in .p(.class("older"), .a(.href(SiteURL.channel(channel.id).with(["before": id.uuidString])), .text(ctx.t(.channelOlder)))) },
                    .if(messages.isEmpty, .p(.class("muted empty"), .text(ctx.t(.channelNoMessages)))),
                    .ol(.class("messages"), .attribute(named: "aria-live", value: "polite"),
                        .forEach(conversation(messages, lastRead: lastRead, me: ctx.user?.id)) { row in
                            row.firstUnread
                                ? .group(.li(.class("unread-divider"), .attribute(named: "role", value: "separator"), .text(ctx.t(.channelNewSinceRead))),
                                         message(ctx, row.message, canAct: canWrite, showReplies: true, continued: row.continued))
                                : message(ctx, row.message, canAct: canWrite, showReplies: true, continued: row.continued)
                        }))),
            .if(canWrite, composer(ctx, action: SiteURL.channelAction(channel.id, .messages).path, threadID: nil, draft: draft,
                                   draftKey: "channel-\(channel.id)")),
            .if(manages, settings(ctx, channel))
            )
          )
        )
    }

    static func settings(_ ctx: PageContext, _ channel: ChannelDTO) -> Node<HTML.BodyContext> {
        let hours = Double(channel.normMinutes) / 60
        return .details(.class("card"), .summary(.text(ctx.t(.channelSettings))),
            .form(.method(.post), .action(.channelAction(channel.id, .settings)), Parts.csrf(ctx),
                Parts.textField("description", label: ctx.t(.channelDescription), value: channel.description),
                Parts.textField("norm_hours", label: ctx.t(.channelNormHours),
                                value: hours == hours.rounded() ? String(Int(hours)) : String(format: "%.1f", hours)),
                .div(.class("field checkbox"), .input(.id("archived"), .type(.checkbox), .name("archived"), .value("1"), .checked(channel.archived)),
                     .label(.for("archived"), .text(" " + ctx.t(.channelArchive)))),
                .button(.type(.submit), .text(ctx.t(.save)))))
    }

    static func membership(_ ctx: PageContext, channel: ChannelDTO, standing: ChannelAccess.Standing) -> Node<HTML.BodyContext> {
        if !standing.isMember {
            return .if(standing.canJoin && !channel.archived, .form(.method(.post), .action(.channelAction(channel.id, .join)), Parts.csrf(ctx),
                .button(.type(.submit), .text(ctx.t(.channelJoin)))))
        }
        return .div(.class("actions"),
            .form(.method(.post), .action(.channelAction(channel.id, channel.muted ? .unmute : .mute)), .class("inline"), Parts.csrf(ctx),
                  .button(.type(.submit), .class("small"), .text(ctx.t(channel.muted ? .channelUnmute : .channelMute)))),
            .if(channel.kind == "topic" || channel.kind == "direct",
                .form(.method(.post), .action(.channelAction(channel.id, .leave)), .class("inline"), Parts.csrf(ctx),
                      .button(.type(.submit), .class("small danger"), .text(ctx.t(.channelLeave))))))
    }

    static func composer(_ ctx: PageContext, action: String, threadID: UUID?, draft: String, draftKey: String) -> Node<HTML.BodyContext> {
        .form(.method(.post), .action(action), .class("composer"), Parts.csrf(ctx),
            .unwrap(threadID) { id in .input(.type(.hidden), .name("thread_id"), .value(id.uuidString)) },
            .div(.class("field"),
                .label(.for("body"), .text(ctx.t(threadID == nil ? .messageWrite : .messageReply))),
                .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "3"), .attribute(named: "maxlength", value: String(MessageRules.maxLength)),
                          .attribute(named: "data-draft", value: draftKey), .required(true), Parts.limit(MessageRules.maxLength), .text(draft))),
            .p(.class("muted small"), .text(ctx.t(.messageFormatHelp))),
            .button(.type(.submit), .text(ctx.t(.messageSend))))
    }

    /// A message as this page renders it, for the live script to fill in: a live message is the server's
    /// markup with its id, author, time and text put in, so it looks and acts as a rendered one. The time
    /// is formatted by the browser in the page's zone and style (`data-time-zone`, `data-locale`).
    static let templateID = UUID(uuidString: "00000000-0000-0000-0000-000000000000")!

    static func liveTemplate(_ ctx: PageContext, canWrite: Bool, showReplies: Bool) -> Node<HTML.BodyContext> {
        let me = PersonRef(id: ctx.user?.id ?? templateID, name: "")
        let sample = MessageReader.dto(id: templateID, channelID: templateID, threadID: showReplies ? nil : templateID, seq: 0, author: me,
                                       body: "", html: "", isQuestion: false, replyCount: 0, lastReplyAt: nil, createdAt: Date(timeIntervalSince1970: 0),
                                       editedAt: nil, deletedAt: nil, pinnedAt: nil, reactions: [], viewer: nil)
        return .element(named: "template", nodes: [.id("message-template"), .ol(message(ctx, sample, canAct: canWrite, showReplies: showReplies))])
    }

    /// Consecutive messages from one author within this many seconds are shown as one group.
    static let groupingSeconds: TimeInterval = 5 * 60

    struct ConversationRow {
        let message: MessageDTO
        /// Follows the previous message of the same author closely: shown without its author line.
        let continued: Bool
        /// The first message someone else wrote after the reader's read mark.
        let firstUnread: Bool
    }

    /// The messages in order, grouped, with the read mark placed.
    static func conversation(_ messages: [MessageDTO], lastRead: Int?, me: UUID?) -> [ConversationRow] {
        var rows: [ConversationRow] = []
        var marked = lastRead == nil
        for (i, m) in messages.enumerated() {
            let firstUnread = !marked && m.seq > (lastRead ?? 0) && m.author.id != me
            if firstUnread { marked = true }
            let previous = i > 0 ? messages[i - 1] : nil
            let continued = !firstUnread && previous.map {
                $0.author.id == m.author.id && $0.deletedAt == nil && m.deletedAt == nil
                    && m.createdAt.timeIntervalSince($0.createdAt) < groupingSeconds
            } ?? false
            rows.append(ConversationRow(message: m, continued: continued, firstUnread: firstUnread))
        }
        return rows
    }

    /// One message, as the page and the live script both show it.
    static func message(_ ctx: PageContext, _ m: MessageDTO, canAct: Bool, showReplies: Bool, continued: Bool = false) -> Node<HTML.ListContext> {
        let mine = m.author.id == ctx.user?.id
        let deleted = m.deletedAt != nil
        let replyLink = showReplies && m.threadId == nil && !deleted && m.replyCount == 0
        return .li(.id("m-\(m.id)"), .class("message" + (deleted ? " deleted" : "") + (continued ? " continued" : "")),
                   .attribute(named: "data-message-id", value: m.id.uuidString), .attribute(named: "data-author", value: m.author.id.uuidString),
                   .attribute(named: "data-at", value: String(Int(m.createdAt.timeIntervalSince1970))),
            .p(.class("meta"), .strong(.class(continued ? "author visually-hidden" : "author"), .text(m.author.name)),
               .span(.class(continued ? "visually-hidden" : "dot"), .text(" · ")),
               .element(named: "time", nodes: [.attribute(named: "datetime", value: m.createdAt.formatted(.iso8601)), .text(ctx.date(m.createdAt))]),
               .if(m.editedAt != nil && !deleted, .span(.class("muted edited"), .text(" · " + ctx.t(.messageEdited)))),
               .if(m.pinnedAt != nil, .span(.class("muted"), .text(" · 📌 " + ctx.t(.messagePinned))))),
            deleted ? .p(.class("muted"), .text(ctx.t(.messageDeleted))) : .div(.class("body"), .raw(m.html)),
            .if(!deleted, reactions(ctx, m, canAct: canAct)),
            .if(showReplies && m.replyCount > 0,
                .p(.class("replies"), .a(.href(.thread(m.id)), .attribute(named: "data-count", value: String(m.replyCount)),
                                          .text(ctx.t.count(m.replyCount, one: .messageRepliesOne, other: .messageReplies))))),
            .if(canAct && !deleted || replyLink, .div(.class("message-actions"),
                .if(replyLink, .a(.class("small reply"), .href(.thread(m.id)), .attribute(named: "data-count", value: "0"), .text(ctx.t(.messageReplyLink)))),
                .if(canAct && !deleted, quickReactions(ctx, m)),
                .if(canAct && !deleted, .form(.method(.post), .action(.messageAction(m.id, m.pinnedAt == nil ? .pin : .unpin)), .class("inline"), Parts.csrf(ctx),
                      .button(.type(.submit), .class("link-button small"), .text(ctx.t(m.pinnedAt == nil ? .messagePin : .messageUnpin))))),
                .if(canAct && !deleted && mine, .a(.class("small own"), .href(.messageAction(m.id, .edit)), .text(ctx.t(.messageEdit)))),
                .if(canAct && !deleted && (mine || ctx.user?.isAdmin == true), .form(.method(.post), .action(.messageAction(m.id, .delete)),
                      .class(mine && ctx.user?.isAdmin != true ? "inline own" : "inline"), Parts.csrf(ctx),
                      .button(.type(.submit), .class("link-button small danger"), .text(ctx.t(.messageDelete)))))))
        )
    }

    /// The reactions a message has, each a toggle.
    static func reactions(_ ctx: PageContext, _ m: MessageDTO, canAct: Bool) -> Node<HTML.BodyContext> {
        .div(.class("reactions"), .if(m.reactions.isEmpty, .attribute(named: "hidden")),
            .forEach(m.reactions) { r in
                .form(.method(.post), .action(.messageAction(m.id, .react)), .class("inline"), Parts.csrf(ctx),
                      .input(.type(.hidden), .name("emoji"), .value(r.emoji)),
                      .button(.type(.submit), .class("reaction" + (r.mine ? " mine" : "")), .attribute(named: "data-emoji", value: r.emoji),
                              .attribute(named: "aria-pressed", value: r.mine ? "true" : "false"), .if(!canAct, .attribute(named: "disabled")),
                              .text("\(r.emoji) \(r.count)")))
            })
    }

    /// One-tap reactions, and more behind a disclosure: one form whose buttons each send their emoji, so
    /// it works without script and a page of fifty messages does not carry six hundred forms.
    static func quickReactions(_ ctx: PageContext, _ m: MessageDTO) -> Node<HTML.BodyContext> {
        // Spelled as a plain element: the same button sits in the form and in the picker inside it.
        func add<Context>(_ e: String) -> Node<Context> {
            .element(named: "button", nodes: [
                .attribute(named: "type", value: "submit"), .attribute(named: "name", value: "emoji"), .attribute(named: "value", value: e),
                .attribute(named: "class", value: "reaction add"), .attribute(named: "data-emoji", value: e),
                .attribute(named: "aria-label", value: ctx.t(.messageReactWith, ["emoji": e])), .text(e)])
        }
        // The same buttons on every message of the page: rendered (and escaped) once.
        let buttons = ctx.once("quick-reactions") {
            Node<HTML.BodyContext>.group([
                .forEach(MessageRules.quickReactions, add),
                .element(named: "details", nodes: [.class("reaction-picker"),
                    .element(named: "summary", nodes: [.attribute(named: "aria-label", value: ctx.t(.messageMoreReactions)),
                                                       .attribute(named: "title", value: ctx.t(.messageMoreReactions)), .text("＋")]),
                    .div(.class("picker"), .forEach(MessageRules.pickerReactions, add))]),
            ]).render()
        }
        return .form(.method(.post), .action(.messageAction(m.id, .react)), .class("inline quick"), Parts.csrf(ctx), .raw(buttons))
    }

    static func thread(_ ctx: PageContext, thread: ThreadDTO, channel: ChannelDTO, standing: ChannelAccess.Standing, problem: String?,
                       draft: String, status: HTTPResponseStatus) -> Response {
        let canWrite = standing.isMember && !channel.archived
        return Layout.page(ctx, title: ctx.t(.threadHeading), status: status,
            .div(.class("thread"), .attribute(named: "data-live-channel", value: channel.id.uuidString),
                 .attribute(named: "data-live-thread", value: thread.root.id.uuidString),
                 .attribute(named: "data-me", value: ctx.user?.id.uuidString ?? ""),
                 .attribute(named: "data-can-write", value: canWrite ? "true" : "false"),
                 .attribute(named: "data-time-zone", value: ctx.timeZone.identifier),
                 .attribute(named: "data-locale", value: ctx.locale == .nb ? "nb-NO" : "en-GB"),
                 .attribute(named: "data-admin", value: ctx.user?.isAdmin == true ? "true" : "false"),
                 liveTemplate(ctx, canWrite: canWrite, showReplies: false),
            .p(.a(.href(SiteURL.channel(channel.id).with(anchor: "m-\(thread.root.id)")), .text("← " + channel.name))),
            .h1(.text(ctx.t(.threadHeading))),
            .form(.method(.post), .action(.threadFollowing(thread.root.id, follow: !thread.following)), Parts.csrf(ctx),
                  .button(.type(.submit), .class("small"), .text(ctx.t(thread.following ? .threadUnfollow : .threadFollow)))),
            Parts.flash(problem, kind: "error"),
            .ol(.class("messages root"), message(ctx, thread.root, canAct: canWrite, showReplies: false)),
            .ol(.class("messages replies"), .attribute(named: "aria-live", value: "polite"),
                .forEach(thread.replies) { m in message(ctx, m, canAct: canWrite, showReplies: false) }),
            .if(canWrite && thread.root.deletedAt == nil,
                composer(ctx, action: SiteURL.channelAction(channel.id, .messages).path, threadID: thread.root.id, draft: draft, draftKey: "thread-\(thread.root.id)"))
            )
        )
    }

    static func edit(_ ctx: PageContext, message: Message, body: String, problem: String?, status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.messageEdit), status: status,
            .h1(.text(ctx.t(.messageEdit))),
            Parts.flash(problem, kind: "error"),
            .form(.method(.post), .action(.messageAction(message.id!, .edit)), Parts.csrf(ctx),
                .div(.class("field"), .label(.for("body"), .text(ctx.t(.messageWrite))),
                     .textarea(.id("body"), .name("body"), .attribute(named: "rows", value: "5"), .required(true), .text(body))),
                .button(.type(.submit), .text(ctx.t(.save))),
                .text(" "), .a(.href(ConversationPages.place(of: message)), .text(ctx.t(.cancel)))))
    }
}
