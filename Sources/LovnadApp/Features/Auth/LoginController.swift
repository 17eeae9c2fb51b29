import Fluent
import Plot
import Vapor
import LovnadCore

struct LoginController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("login", use: form)
        routes.post("login", use: submit)
        routes.post("logout", use: logout)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    func form(req: Request) async throws -> Response {
        if req.currentUser != nil { return req.seeOther(.home) }
        return LoginPage.render(PageContext(req), email: "", next: req.query[String.self, at: "next"], error: nil)
    }

    func submit(req: Request) async throws -> Response {
        let form = (try? req.content.decode(LoginForm.self)) ?? LoginForm()
        let email = form.email ?? ""
        let result = try await AuthActions.signIn(
            email: email, password: form.password ?? "", address: req.clientAddress,
            replacingSessionToken: req.cookies[Cookies.session]?.string, app: req.application)
        let ctx = PageContext(req)
        switch result {
        case .throttled(let seconds):
            let response = LoginPage.render(ctx, email: email, next: form.next, error: ctx.t(.loginThrottled), status: .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
            return response
        case .wrongCredentials:
            return LoginPage.render(ctx, email: email, next: form.next, error: ctx.t(.loginFailed), status: .unauthorized)
        case .signedIn(_, let token):
            req.rotateCSRF()
            let response = req.seeOther(Self.safeNext(form.next))
            response.cookies[Cookies.session] = Cookies.make(token, secure: req.settings.secureCookies,
                                                             maxAge: Int(req.settings.sessionPolicy.absoluteLifetime))
            return response
        }
    }

    func logout(req: Request) async throws -> Response {
        if let id = req.currentUser?.sessionID {
            try await AuthActions.signOut(sessionID: id, app: req.application)
        }
        req.auth.logout(CurrentUser.self)
        let response = req.seeOther(.login)
        response.cookies[Cookies.session] = Cookies.expired(secure: req.settings.secureCookies)
        return response
    }

    /// Only paths on this site (`LocalPath`), never `//elsewhere`, a full URL or a header of its own.
    static func safeNext(_ next: String?) -> String { LocalPath.safe(next) }
}

enum LoginPage {
    static func render(_ ctx: PageContext, email: String, next: String?, error: String?,
                       status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.signIn), status: status,
            .section(.class("card narrow"),
                .h1(.text(ctx.t(.signInHeading))),
                Parts.flash(error, kind: "error"),
                .form(.method(.post), .action(.login),
                    Parts.csrf(ctx),
                    .input(.type(.hidden), .name("next"), .value(LoginController.safeNext(next))),
                    Parts.textField("email", label: ctx.t(.fieldEmail), value: email, type: .email, required: true, autocomplete: "username"),
                    Parts.textField("password", label: ctx.t(.fieldPassword), value: nil, type: .password, required: true, autocomplete: "current-password"),
                    .button(.type(.submit), .class("primary"), .text(ctx.t(.signIn)))
                )
            )
        )
    }
}
