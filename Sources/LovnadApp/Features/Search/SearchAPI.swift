import Vapor
import LovnadCore

struct SearchAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
    }

    func search(req: Request) async throws -> ListResponse<SearchResultDTO> {
        let user = try req.requireUser()
        let page = try req.pageRequest()
        let request = try SearchRequest(text: req.query[String.self, at: "q"], types: req.query[String.self, at: "type"])
        let (items, next) = try await SearchResults.page(request, for: user, page: page, app: req.application, on: req.db)
        return ListResponse(items: items, nextCursor: next)
    }
}
