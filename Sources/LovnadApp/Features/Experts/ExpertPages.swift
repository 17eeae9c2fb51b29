import Plot
import Vapor
import LovnadCore

struct ExpertPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("experts", use: page)
    }

    func page(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let ctx = PageContext(req)
        let skill = (req.query[String.self, at: "skill"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !skill.isEmpty else { return ExpertViews.render(ctx, skill: "", result: nil, searched: false) }
        let result = try await ExpertQueries.experts(for: skill, now: req.now, timeZone: req.settings.timeZone, on: req.db)
        return ExpertViews.render(ctx, skill: skill, result: result, searched: true)
    }
}

