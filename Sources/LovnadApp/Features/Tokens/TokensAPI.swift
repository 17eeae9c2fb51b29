import Fluent
import LovnadCore
import Vapor

struct TokensAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("me", "tokens", use: list)
        routes.post("me", "tokens", use: create)
        routes.delete("me", "tokens", ":id", use: revoke)
    }

    func list(req: Request) async throws -> ListResponse<TokenDTO> {
        let user = try req.requireUser()
        return ListResponse(items: try await TokenActions.list(ownerID: user.id, on: req.db).map { TokenDTO($0) }, nextCursor: nil)
    }

    struct Body: Decodable { var name: String? }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(Body.self)
        let created = try await TokenActions.create(personID: user.id, name: body.name ?? "", app: req.application)
        return try await TokenDTO(created.token, secret: created.secret).encodeResponse(status: .created, for: req)
    }

    func revoke(req: Request) async throws -> Response {
        let user = try req.requireUser()
        try await TokenActions.revoke(tokenID: try req.uuidParameter("id"), ownerID: user.id, app: req.application)
        return Response(status: .noContent)
    }
}
