import Fluent
import Plot
import Vapor
import LovnadCore

/// The catalogue: everyone reads it; admins add and edit skills, categories and synonyms.
struct SkillPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("skills", use: catalogue)
        routes.post("skills", use: create)
        routes.get("skills", ":id", "edit", use: editForm)
        routes.post("skills", ":id", use: update)
        routes.post("skills", ":id", "merge", use: merge)
    }

    func catalogue(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let skills = try await Skill.query(on: req.db).with(\.$synonyms).sort(\.$nameKey).all()
        return SkillViews.catalogue(PageContext(req), skills: skills, counts: try await SkillQueries.holderCounts(on: req.db),
                                    errors: [:], draft: nil)
    }

    struct SkillForm: Content {
        var name: String?
        var category: String?
        var synonyms: String?

        var definition: SkillActions.Definition {
            .init(name: name ?? "", category: category,
                  synonyms: (synonyms ?? "").split(separator: ",").map { String($0) })
        }
    }

    func create(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let form = try req.content.decode(SkillForm.self)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            _ = try await SkillActions.create(form.definition, actorID: admin.id, app: req.application)
            return SiteURL.skills.path
        } refused: { error in
            let skills = try await Skill.query(on: req.db).with(\.$synonyms).sort(\.$nameKey).all()
            return SkillViews.catalogue(PageContext(req), skills: skills, counts: try await SkillQueries.holderCounts(on: req.db), errors: error.fields(in: PageContext(req).t), draft: form, status: .unprocessableEntity)
        }
    }

    func editForm(req: Request) async throws -> Response {
        _ = try req.requireAdmin()
        guard let skill = try await Skill.query(on: req.db).filter(\.$id == req.uuidParameter("id")).with(\.$synonyms).first() else {
            throw AppError.notFound()
        }
        let form = SkillForm(name: skill.name, category: skill.category, synonyms: skill.synonyms.map(\.name).sorted().joined(separator: ", "))
        return SkillViews.edit(PageContext(req), skillID: skill.id!, form: form, others: try await others(req), errors: [:])
    }

    private func others(_ req: Request) async throws -> [Skill] {
        try await Skill.query(on: req.db).sort(\.$nameKey).all()
    }

    struct MergeForm: Content {
        var into_id: String?
    }

    func merge(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let id = try req.uuidParameter("id")
        guard let skill = try await Skill.query(on: req.db).filter(\.$id == id).with(\.$synonyms).first() else { throw AppError.notFound() }
        let into = try req.content.decode(MergeForm.self).into_id.flatMap { UUID(uuidString: $0) }
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            let kept = try await SkillActions.merge(id, into: into, actorID: admin.id, app: req.application)
            return SiteURL.skillEdit(kept.id!).path
        } refused: { error in
            let form = SkillForm(name: skill.name, category: skill.category, synonyms: skill.synonyms.map(\.name).sorted().joined(separator: ", "))
            return SkillViews.edit(PageContext(req), skillID: id, form: form, others: try await others(req),
                                   errors: error.fields(in: PageContext(req).t), status: .unprocessableEntity)
        }
    }

    func update(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(SkillForm.self)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            _ = try await SkillActions.update(skillID: id, form.definition, actorID: admin.id, app: req.application)
            return SiteURL.skills.path
        } refused: { error in
            return SkillViews.edit(PageContext(req), skillID: id, form: form, others: try await others(req),
                                   errors: error.fields(in: PageContext(req).t), status: .unprocessableEntity)
        }
    }
}

