import Vapor

/// `/api/v1/knowledge`: knowledge health per skill, and the accepted answers waiting for the caller's check.
struct KnowledgeAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("knowledge", use: health)
        routes.get("knowledge", "checks", use: checks)
    }

    func health(req: Request) async throws -> ListResponse<SkillHealthDTO> {
        let user = try req.requireUser()
        return ListResponse(items: try await KnowledgeQueries.health(for: user, period: CheckPeriod(req), on: req.db), nextCursor: nil)
    }

    func checks(req: Request) async throws -> ListResponse<AnswerCheckDTO> {
        let user = try req.requireUser()
        return ListResponse(items: try await KnowledgeQueries.checks(for: user, period: CheckPeriod(req), on: req.db), nextCursor: nil)
    }
}
