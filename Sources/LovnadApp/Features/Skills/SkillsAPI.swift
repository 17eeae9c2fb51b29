import Fluent
import Vapor

struct SkillsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("skills", use: list)
        routes.post("skills", use: create)
        routes.patch("skills", ":id", use: update)
        routes.post("skills", ":id", "merge", use: merge)
    }

    func list(req: Request) async throws -> ListResponse<SkillDTO> {
        _ = try req.requireUser()
        let skills = try await Skill.query(on: req.db).with(\.$synonyms).sort(\.$nameKey).all()
        return ListResponse(items: skills.map(SkillDTO.init), nextCursor: nil)
    }

    struct Body: Decodable {
        var name: String?
        var category: String?
        var synonyms: [String]?
    }

    func create(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let body = try req.decodeJSON(Body.self)
        let skill = try await SkillActions.create(.init(name: body.name ?? "", category: body.category, synonyms: body.synonyms ?? []),
                                                  actorID: admin.id, app: req.application)
        try await skill.$synonyms.load(on: req.db)
        return try await SkillDTO(skill).encodeResponse(status: .created, for: req)
    }

    func update(req: Request) async throws -> SkillDTO {
        let admin = try req.requireAdmin()
        let id = try req.uuidParameter("id")
        guard let existing = try await Skill.query(on: req.db).filter(\.$id == id).with(\.$synonyms).first() else { throw AppError.notFound() }
        let body = try req.decodeJSON(Body.self)
        let skill = try await SkillActions.update(skillID: id, .init(
            name: body.name ?? existing.name, category: body.category ?? existing.category,
            synonyms: body.synonyms ?? existing.synonyms.map(\.name)), actorID: admin.id, app: req.application)
        try await skill.$synonyms.load(on: req.db)
        return SkillDTO(skill)
    }

    struct MergeBody: Decodable {
        var intoId: UUID?
    }

    /// Merges the skill into `into_id`; answers the kept skill, the merged one's names among its synonyms.
    func merge(req: Request) async throws -> SkillDTO {
        let admin = try req.requireAdmin()
        let id = try req.uuidParameter("id")
        guard try await Skill.find(id, on: req.db) != nil else { throw AppError.notFound() }
        let body = try req.decodeJSON(MergeBody.self)
        let skill = try await SkillActions.merge(id, into: body.intoId, actorID: admin.id, app: req.application)
        try await skill.$synonyms.load(on: req.db)
        return SkillDTO(skill)
    }
}
