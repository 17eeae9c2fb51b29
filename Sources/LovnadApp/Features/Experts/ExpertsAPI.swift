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
        let t = Localizer(req.locale)
        let all = result.ranked.compactMap { r -> ExpertDTO? in
            guard let person = result.people[r.candidate.id] else { return nil }
            return ExpertDTO(person: person, score: r.score, level: r.candidate.level,
                             endorsements: r.candidate.endorsements, reasons: r.reasons.map(t.reason))
        }
        // Ranked by score, highest first.
        let (shown, next) = page.page(of: all, position: { ListPage.Position(key: String($0.score), id: $0.person.id.uuidString) },
                                      comesAfter: { $0.score < (Double($1.key) ?? .infinity) })
        return ListResponse(items: shown, nextCursor: next)
    }
}
