import Vapor
import LovnadCore

struct ExpertsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("experts", use: list)
    }

    func list(req: Request) async throws -> ListResponse<ExpertDTO> {
        _ = try req.requireUser()
        let page = try req.pageRequest()
        guard let skill = req.query[String.self, at: "skill"], !skill.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError.invalid(["skill": .required])
        }
        guard let result = try await ExpertQueries.experts(for: skill, now: req.now, timeZone: req.settings.timeZone, on: req.db) else {
            throw AppError.invalid(["skill": .notInCatalogue(skill)])
        }
        // Ranked by score, highest first; only the page shown is turned into people with reasons.
        let ranked = result.ranked.filter { result.people[$0.candidate.id] != nil }
        let (shown, next) = page.page(of: ranked, position: { ListPage.Position(key: String($0.score), id: $0.candidate.id.uuidString) },
                                      comesAfter: { $0.score < (Double($1.key) ?? .infinity) })
        let t = Localizer(req.locale)
        let items = shown.map { r in
            ExpertDTO(person: result.people[r.candidate.id]!, score: r.score, level: r.candidate.level,
                      endorsements: r.candidate.endorsements, reasons: r.reasons.map(t.reason))
        }
        return ListResponse(items: items, nextCursor: next)
    }
}
