import Plot
import Vapor
import LovnadCore

enum ErrorPage {
    static func render(_ request: Request, error: AppError) -> Response {
        let ctx = PageContext(request)
        let (title, text): (L, L) = switch error.status {
        case .notFound: (.errorNotFoundTitle, .errorNotFoundText)
        case .forbidden: (.errorForbiddenTitle, .errorForbiddenText)
        case .unauthorized: (.errorUnauthorizedTitle, .errorUnauthorizedText)
        case .tooManyRequests: (.errorThrottledTitle, .errorThrottledText)
        case let s where s.code >= 500: (.errorServerTitle, .errorServerText)
        default: (.errorBadRequestTitle, .errorBadRequestText)
        }
        return Layout.page(ctx, title: ctx.t(title), status: error.status,
            .section(.class("card narrow error-page"),
                .h1(.text(ctx.t(title))),
                .p(.text(ctx.t(text))),
                // Why, when the refusal says so in the reader's language.
                .if(error.refusal != nil, .p(.class("refusal"), .text(error.text(in: ctx.t)))),
                .if(error.code == "csrf", .p(.text(ctx.t(.errorCSRFText)))),
                .p(.a(.href(.home), .text(ctx.t(.backHome))))
            )
        )
    }
}
