import Plot
import LovnadCore
import Vapor

enum TokenViews {
    static func render(_ ctx: PageContext, tokens: [APIToken], newSecret: String?, error: String?,
                       status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.tokensHeading), status: status,
            .h1(.text(ctx.t(.tokensHeading))),
            .p(.class("hint"), .text(ctx.t(.tokensHint))),
            .unwrap(newSecret) { secret in
                .div(.class("flash notice"), .attribute(named: "role", value: "status"),
                    .p(.text(ctx.t(.tokenCreated))),
                    .p(.code(.id("new-token"), .text(secret))))
            },
            .section(.class("card"),
                .form(.method(.post), .action(.tokens),
                    Parts.csrf(ctx),
                    Parts.textField("name", label: ctx.t(.fieldTokenName), value: nil, required: true, error: error),
                    .button(.type(.submit), .class("primary"), .text(ctx.t(.createToken))))
            ),
            .section(.class("card"),
                .if(tokens.isEmpty, .p(.text(ctx.t(.noTokens)))),
                .if(!tokens.isEmpty, .table(
                    .tr(.th(.text(ctx.t(.fieldName))), .th(.text(ctx.t(.tokenPrefix))), .th(.text(ctx.t(.created))),
                        .th(.text(ctx.t(.lastUsedAt))), .th(.text(ctx.t(.status)))),
                    .forEach(tokens) { t in
                        .tr(.td(.text(t.name)), .td(.code(.text(t.prefix + "…"))), .td(.text(ctx.date(t.createdAt))),
                            .td(.text(t.lastUsedAt.map(ctx.date) ?? "–")),
                            .td(.if(t.revokedAt != nil, .text(ctx.t(.revoked)),
                                    else: .form(.method(.post), .action(.tokenRevoke(t.id!)), .class("inline"),
                                        Parts.csrf(ctx),
                                        .button(.type(.submit), .class("small danger"), .text(ctx.t(.revoke)))))))
                    }))
            )
        )
    }
}
