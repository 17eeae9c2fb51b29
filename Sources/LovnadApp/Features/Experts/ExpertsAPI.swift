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
        guard let found = try await ExpertQueries.page(for: skill, page, now: req.now, timeZone: req.settings.timeZone, on: req.db) else {
            throw AppError.invalid(["skill": .notInCatalogue(skill)])
        }
        // Only the page shown is read as people.
        let people = try await ExpertQueries.people(found.ranked.map(\.candidate.id), on: req.db)
        let t = Localizer(req.locale)
        let items = found.ranked.compactMap { r in
            people[r.candidate.id].map { person in
                ExpertDTO(person: person, score: r.score, level: r.candidate.level,
                          endorsements: r.candidate.endorsements, reasons: r.reasons.map(t.reason))
            }
        }
        return ListResponse(items: items, nextCursor: found.next)
    }
}
