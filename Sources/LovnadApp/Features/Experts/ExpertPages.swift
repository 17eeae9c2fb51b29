import Plot
import Vapor
import LovnadCore

struct ExpertPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("experts", use: page)
    }

    func page(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let typed = (req.query[String.self, at: "skill"] ?? "").trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return ExpertViews.render(ctx, .init(typed: "", result: nil, searched: false)) }
        // Ranked as routing ranks them, a page at a time, as the API reads it.
        let page = (try? req.pageRequest()) ?? ListPage(limit: nil)
        var result = try await ExpertRouting.found(typed, asker: user, page, now: req.now, zone: req.settings.timeZone, on: req.db)
        // A slip still finds the skill: the closest one is shown, the others offered.
        var suggestions: [String] = []
        if result == nil {
            suggestions = try await ExpertQueries.suggestions(for: typed, on: req.db)
            if let closest = suggestions.first {
                result = try await ExpertRouting.found(closest, asker: user, page, now: req.now, zone: req.settings.timeZone, on: req.db)
            }
        }
        let allocations = try await ExpertQueries.allocations(of: result?.ranked.map(\.candidate.id) ?? [],
                                                              today: Day(req.now, in: req.settings.timeZone), on: req.db)
        return ExpertViews.render(ctx, .init(typed: typed, result: result, searched: true, corrected: !suggestions.isEmpty,
                                             otherSuggestions: Array(suggestions.dropFirst()), allocations: allocations, me: user.id))
    }
}
