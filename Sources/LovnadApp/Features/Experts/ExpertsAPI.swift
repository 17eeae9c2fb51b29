import Vapor
import LovnadCore

struct ExpertsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("experts", use: list)
    }

    /// Who knows the skill, as routing ranks them for a question on it, with the reasons.
    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let page = try req.pageRequest()
        guard let skill = req.query[String.self, at: "skill"], !skill.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw AppError.invalid(["skill": .required])
        }
        guard let found = try await SkillLookup.find(skill, on: req.db) else { throw AppError.invalid(["skill": .notInCatalogue(skill)]) }
        let (ranked, next) = try await ExpertRouting.page(for: found, asker: user, page, now: req.now, zone: req.settings.timeZone, on: req.db)
        // Only the page shown is read as people.
        let people = try await ExpertQueries.people(ranked.map(\.candidate.id), on: req.db)
        let year = Day(req.now, in: req.settings.timeZone).year
        let t = Localizer(req.locale)
        let items = ranked.compactMap { r -> ExpertDTO? in
            guard let person = people[r.candidate.id] else { return nil }
            let holding = r.candidate.holdings.first
            return ExpertDTO(person: person, score: r.score, level: holding?.level ?? 0, endorsements: holding?.endorsements ?? 0,
                             reasons: ExpertRouting.reasons(r, currentYear: year, t), acceptedAnswers: r.candidate.acceptedAnswers,
                             engagements: r.candidate.engagements, medianMinutesToFirstAnswer: r.candidate.medianMinutesToAnswer,
                             openRouted: r.candidate.openRouted, availability: ExpertRouting.availability(r.exclusion))
        }
        return .json(ListResponse(items: items, nextCursor: next))
    }
}
