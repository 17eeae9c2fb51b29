import Vapor

/// Knowledge health per skill, and one's checks, in the browser.
struct KnowledgePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("knowledge", use: health)
        routes.get("knowledge", "checks", use: checks)
    }

    func health(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let period = CheckPeriod(req)
        return KnowledgeViews.health(PageContext(req), skills: try await KnowledgeQueries.health(for: user, period: period, on: req.db),
                                     checks: try await KnowledgeQueries.checks(for: user, period: period, on: req.db).count)
    }

    func checks(req: Request) async throws -> Response {
        let user = try req.requireUser()
        return KnowledgeViews.checks(PageContext(req), try await KnowledgeQueries.checks(for: user, period: CheckPeriod(req), on: req.db))
    }
}
