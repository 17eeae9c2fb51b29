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
        // Ranked by score, highest first; only the page shown is read as people and given reasons.
        let (shown, next) = page.page(of: result.ranked, position: { ListPage.Position(key: String($0.score), id: $0.candidate.id.uuidString) },
                                      comesAfter: { $0.score < (Double($1.key) ?? .infinity) })
        let people = try await ExpertQueries.people(shown.map(\.candidate.id), on: req.db)
        let t = Localizer(req.locale)
        let items = shown.compactMap { r in
            people[r.candidate.id].map { person in
                ExpertDTO(person: person, score: r.score, level: r.candidate.level,
                          endorsements: r.candidate.endorsements, reasons: r.reasons.map(t.reason))
            }
        }
        return ListResponse(items: items, nextCursor: next)
    }
}
