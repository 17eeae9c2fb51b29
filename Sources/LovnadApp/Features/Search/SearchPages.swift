import Vapor
import LovnadCore

/// `/search`: the results page the search box in every page's header leads to.
struct SearchPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: search)
    }

    func search(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let text = req.query[String.self, at: "q"] ?? ""
        let type = req.query[String.self, at: "type"].flatMap { $0.isEmpty ? nil : $0 }
        let kind = type.flatMap(SearchKind.init(rawValue:))
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            return SearchViews.page(ctx, .init(text: "", kind: kind, items: [], nextCursor: nil))
        }
        do {
            let request = try SearchRequest(text: text, types: kind?.rawValue)
            let (items, next) = try await SearchResults.page(request, for: user, page: try req.pageRequest(), app: req.application, on: req.db)
            return SearchViews.page(ctx, .init(text: request.text, kind: kind, items: items, nextCursor: next))
        } catch let error as AppError where error.status == .unprocessableEntity {
            let shown = String(text.prefix(SearchQuery.maxLength))
            return SearchViews.page(ctx, .init(text: shown, kind: kind, items: [], nextCursor: nil,
                                               error: error.fields(in: ctx.t).values.sorted().first), status: .unprocessableEntity)
        }
    }
}
