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
        return SkillViews.edit(PageContext(req), skillID: skill.id!, form: form, errors: [:])
    }

    func update(req: Request) async throws -> Response {
        let admin = try req.requireAdmin()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(SkillForm.self)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            _ = try await SkillActions.update(skillID: id, form.definition, actorID: admin.id, app: req.application)
            return SiteURL.skills.path
        } refused: { error in
            return SkillViews.edit(PageContext(req), skillID: id, form: form, errors: error.fields(in: PageContext(req).t), status: .unprocessableEntity)
        }
    }
}

