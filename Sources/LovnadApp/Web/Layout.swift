import Plot
import Vapor
import LovnadCore

/// The shell around every page: skip link, header with navigation, main landmark, footer.
enum Layout {
    static func page(_ ctx: PageContext, title: String, status: HTTPResponseStatus = .ok,
                     _ content: Node<HTML.BodyContext>...) -> Response {
        let html = HTML(
            .lang(ctx.locale == .nb ? .norwegianBokmål : .english),
            .head(
                .encoding(.utf8),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("\(title) · Lovnad"),
                .stylesheet(SiteURL.asset("app.css").path),
                .script(.src(SiteURL.asset("app.js").path), .defer())
            ),
            .body(
                // The words the script shows, in the page's language, and who is reading.
                .attribute(named: "data-chars-left", value: ctx.t(.charsLeft)),
                .attribute(named: "data-confirm", value: ctx.t(.confirmAction)),
                .attribute(named: "data-replies-one", value: ctx.t(.messageRepliesOne)),
                .attribute(named: "data-replies-other", value: ctx.t(.messageReplies)),
                .attribute(named: "data-message-deleted", value: ctx.t(.messageDeleted)),
                .attribute(named: "data-suggestions-one", value: ctx.t(.mentionSuggestionsOne)),
                .attribute(named: "data-suggestions-other", value: ctx.t(.mentionSuggestionsOther)),
                .attribute(named: "data-mention-everyone", value: ctx.t(.mentionEveryone)),
                .attribute(named: "data-mention-label", value: ctx.t(.mentionSuggestionsLabel)),
                .attribute(named: "data-picker-filter", value: ctx.t(.pickerFilter)),
                .attribute(named: "data-picker-suggestions", value: ctx.t(.pickerSuggestionsLabel)),
                .attribute(named: "data-matches-one", value: ctx.t(.pickerMatchesOne)),
                .attribute(named: "data-matches-other", value: ctx.t(.pickerMatchesOther)),
                .unwrap(ctx.user) { .attribute(named: "data-me", value: $0.id.uuidString) },
                .a(.class("skip-link"), .href("#main"), .text(ctx.t(.skipToContent))),
                header(ctx),
                .main(.id("main"), .attribute(named: "tabindex", value: "-1"), .group(content)),
                .footer(.class("site-footer"), .p(.text(ctx.t(.footerTagline))))
            )
        )
        let response = Response(status: status)
        response.headers.contentType = .html
        response.body = .init(string: html.render())
        return response
    }

    private static func header(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .header(.class("site-header"),
            .a(.class("brand"), .href(.home), .text("Lovnad")),
            // On a phone, with script, the menu folds behind this button; without script it is simply shown.
            .if(ctx.user != nil, .button(.type(.button), .class("menu-toggle"), .attribute(named: "hidden"),
                                         .attribute(named: "aria-expanded", value: "false"), .attribute(named: "aria-controls", value: "main-nav"),
                                         .text(ctx.t(.menuToggle)))),
            .if(ctx.user != nil, .nav(.id("main-nav"), .attribute(named: "aria-label", value: ctx.t(.navMain)),
                .ul(.forEach(navItems(ctx)) { item in
                    .li(.a(.href(item.href), .text(item.label),
                           .if(isCurrent(item.href, ctx.path), .attribute(named: "aria-current", value: "page"))))
                })
            )),
            .if(ctx.user != nil, searchBox(ctx)),
            .if(ctx.user != nil, .div(.class("account"),
                // The count follows live (app.js), in the words these attributes carry.
                .a(.href(.notifications), .class("notifications-link"), .text(ctx.t(.navNotifications)),
                   .attribute(named: "data-unread-one", value: ctx.t(.unreadOne)), .attribute(named: "data-unread-other", value: ctx.t(.notificationsUnread)),
                   .span(.class("count"), .if(ctx.unread == 0, .attribute(named: "hidden")),
                         .attribute(named: "aria-label", value: ctx.t.count(ctx.unread, one: .unreadOne, other: .notificationsUnread)),
                         .text(" \(ctx.unread)"))),
                .a(.class("me"), .href(ctx.user.map { SiteURL.person($0.id).path } ?? SiteURL.home.path), .text(ctx.user?.person.name ?? "")),
                .form(.method(.post), .action(.logout), .class("inline"),
                    .input(.type(.hidden), .name(CSRFMiddleware.field), .value(ctx.csrfToken)),
                    .button(.type(.submit), .class("link-button"), .text(ctx.t(.signOut)))
                )
            ), else: .if(ctx.path != SiteURL.login.path, .a(.href(.login), .text(ctx.t(.signIn)))))
        )
    }

    /// The one search box, on every page, leading to the results page.
    private static func searchBox(_ ctx: PageContext) -> Node<HTML.BodyContext> {
        .form(.method(.get), .action(.search), .attribute(named: "role", value: "search"), .attribute(named: "aria-label", value: ctx.t(.searchField)),
              .class("site-search"),
            // Named by aria-label: axe reads a visually hidden <label> as a hidden one.
            .input(.id("site-search-q"), .name("q"), .type(.search), .attribute(named: "aria-label", value: ctx.t(.searchField)),
                   .attribute(named: "placeholder", value: ctx.t(.searchField)),
                   .attribute(named: "maxlength", value: String(SearchQuery.maxLength))),
            .button(.type(.submit), .class("small"), .text(ctx.t(.search))))
    }

    struct NavItem { let href: String; let label: String }

    static func navItems(_ ctx: PageContext) -> [NavItem] {
        var items = [
            NavItem(href: SiteURL.home.path, label: ctx.t(.navHome)),
            NavItem(href: SiteURL.channels.path, label: ctx.t(.navChannels)),
            NavItem(href: SiteURL.engagements.path, label: ctx.t(.navEngagements)),
            NavItem(href: SiteURL.promises.path, label: ctx.t(.navPromises)),
            NavItem(href: SiteURL.questions.path, label: ctx.t(.navQuestions)),
            NavItem(href: SiteURL.customers.path, label: ctx.t(.navCustomers)),
            NavItem(href: SiteURL.people.path, label: ctx.t(.navPeople)),
            NavItem(href: SiteURL.experts.path, label: ctx.t(.navExperts)),
            NavItem(href: SiteURL.skills.path, label: ctx.t(.navSkills)),
            NavItem(href: SiteURL.mySkills.path, label: ctx.t(.navMySkills)),
            NavItem(href: SiteURL.myProfile.path, label: ctx.t(.navProfile)),
        ]
        if ctx.user?.isAdmin == true {
            items.append(NavItem(href: SiteURL.adminUsers.path, label: ctx.t(.navAdmin)))
        }
        return items
    }

    private static func isCurrent(_ href: String, _ path: String) -> Bool {
        href == SiteURL.home.path ? path == href : (path == href || path.hasPrefix(href + "/"))
    }
}

