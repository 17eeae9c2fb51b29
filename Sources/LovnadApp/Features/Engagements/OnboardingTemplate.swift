import Fluent
import Plot
import Vapor
import LovnadCore

struct OnboardingTemplateAPI: RouteCollection {
    struct Template: Content { let items: [String] }
    struct Body: Decodable { var items: [String]? }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "onboarding-template", use: show)
        routes.put("admin", "onboarding-template", use: replace)
    }

    func show(req: Request) async throws -> Template {
        _ = try req.requireAdmin()
        return Template(items: try await OnboardingTemplateActions.current(on: req.db))
    }

    func replace(req: Request) async throws -> Template {
        let admin = try req.requireAdmin()
        let body = try req.decodeJSON(Body.self)
        return Template(items: try await OnboardingTemplateActions.replace(with: body.items ?? [], actor: admin, app: req.application))
    }
}

struct OnboardingTemplatePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("admin", "onboarding", use: form)
        routes.post("admin", "onboarding", use: save)
    }

    func form(req: Request) async throws -> Response {
        _ = try req.requireAdmin()
        return render(PageContext(req), items: try await OnboardingTemplateActions.current(on: req.db), error: nil,
                      saved: req.query[String.self, at: "saved"] != nil)
    }

    struct Form: Content { var items: String? }

    func save(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let text = try req.content.decode(Form.self).items ?? ""
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            _ = try await OnboardingTemplateActions.replace(with: text.split(whereSeparator: \.isNewline).map(String.init), actor: admin, app: req.application)
            return SiteURL.adminOnboarding.with(["saved": "1"])
        } refused: { error in
            return render(PageContext(req), items: text.split(whereSeparator: \.isNewline).map(String.init),
                          error: error.fields(in: PageContext(req).t)["items"], saved: false, status: .unprocessableEntity)
        }
    }

    func render(_ ctx: PageContext, items: [String], error: String?, saved: Bool, status: HTTPResponseStatus = .ok) -> Response {
        Layout.page(ctx, title: ctx.t(.onboardingTemplateHeading), status: status,
            .h1(.text(ctx.t(.onboardingTemplateHeading))),
            Parts.flash(saved ? ctx.t(.saved) : nil),
            .p(.class("hint"), .text(ctx.t(.onboardingTemplateHint))),
            .form(.method(.post), .action(.adminOnboarding), .class("card"),
                Parts.csrf(ctx),
                .div(.class("field"),
                    .label(.for("items"), .text(ctx.t(.onboardingTemplateItems))),
                    .textarea(.id("items"), .name("items"), .rows(8), .text(items.joined(separator: "\n")),
                              .attribute(named: "aria-invalid", value: error == nil ? nil : "true")),
                    .if(error != nil, .p(.class("field-error"), .text(error ?? "")))),
                .button(.type(.submit), .class("primary"), .text(ctx.t(.save))))
        )
    }
}
