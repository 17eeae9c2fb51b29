import Plot
import LovnadCore
import Vapor

/// A person's own API tokens: list, create (shown once), revoke.
struct TokenPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("settings", "tokens", use: list)
        routes.post("settings", "tokens", use: create)
        routes.post("settings", "tokens", ":id", "revoke", use: revoke)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return TokenViews.render(PageContext(req), tokens: try await TokenActions.list(ownerID: user.id, on: req.db), newSecret: nil, error: nil)
    }

    struct Form: Content { var name: String? }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(Form.self)
        do {
            let created = try await TokenActions.create(personID: user.id, name: form.name ?? "", app: req.application)
            return TokenViews.render(PageContext(req), tokens: try await TokenActions.list(ownerID: user.id, on: req.db),
                                     newSecret: created.secret, error: nil, status: .created)
        } catch let error as AppError where error.status == .unprocessableEntity {
            return TokenViews.render(PageContext(req), tokens: try await TokenActions.list(ownerID: user.id, on: req.db),
                                     newSecret: nil, error: error.fields(in: PageContext(req).t)["name"], status: .unprocessableEntity)
        }
    }

    func revoke(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await TokenActions.revoke(tokenID: try req.uuidParameter("id"), ownerID: user.id, app: req.application)
        return req.seeOther(.tokens)
    }
}

