import Fluent
import Plot
import Vapor
import LovnadCore

struct PeoplePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("people", use: directory)
        routes.get("people", ":id", use: person)
        routes.post("people", ":id", "skills", ":skillID", "endorse", use: endorse)
        routes.post("people", ":id", "skills", ":skillID", "unendorse", use: unendorse)
        routes.get("me", "profile", use: profileForm)
        routes.post("me", "profile", use: saveProfile)
        routes.post("me", "password", use: changePassword)
        routes.get("me", "skills", use: skillsForm)
        routes.post("me", "skills", use: saveSkills)
    }

    func directory(req: Request) async throws -> Response {
        _ = try req.requireUser()
        let ctx = PageContext(req)
        var filter = PeopleQueries.DirectoryFilter()
        filter.text = req.query[String.self, at: "q"]
        filter.skill = req.query[String.self, at: "skill"]
        filter.departmentID = req.query[String.self, at: "department"].flatMap(UUID.init(uuidString:))
        let page = (try? req.pageRequest()) ?? ListPage(limit: nil)
        let result = try await PeopleQueries.directory(filter, page: page, on: req.db)
        let departments = try await Department.query(on: req.db).sort(\.$name).all()
        return PeopleViews.directory(ctx, filter: filter, result: result, departments: departments)
    }

    func person(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let person = try await PeopleQueries.visiblePerson(try req.uuidParameter("id"), viewer: user, on: req.db)
        let detail = try await PeopleQueries.detail(person, viewer: user, on: req.db)
        return PeopleViews.person(PageContext(req), detail: detail, flash: req.query[String.self, at: "saved"] != nil ? PageContext(req).t(.saved) : nil)
    }

    func endorse(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let person = try await PeopleQueries.visiblePerson(try req.uuidParameter("id"), viewer: user, on: req.db)
        try await PeopleActions.endorse(personID: person.id!, skillID: try req.uuidParameter("skillID"), by: user.id, app: req.application)
        return req.seeOther(.person(person.id!))
    }

    func unendorse(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let person = try await PeopleQueries.visiblePerson(try req.uuidParameter("id"), viewer: user, on: req.db)
        try await PeopleActions.withdrawEndorsement(personID: person.id!, skillID: try req.uuidParameter("skillID"), by: user.id, app: req.application)
        return req.seeOther(.person(person.id!))
    }

    func profileForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let flash: String? = if req.query[String.self, at: "saved"] != nil { ctx.t(.saved) }
            else if req.query[String.self, at: "password"] != nil { ctx.t(.passwordChanged) } else { nil }
        return PeopleViews.profile(ctx, person: user.person, errors: [:], flash: flash)
    }

    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        enum CodingKeys: String, CodingKey { case currentPassword = "current_password", newPassword = "new_password" }
    }

    func changePassword(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(PasswordForm.self)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            try await PasswordActions.change(personID: user.id, current: form.currentPassword ?? "", new: form.newPassword ?? "",
                                             keepSessionID: user.sessionID, app: req.application)
            return SiteURL.myProfile.with(["password": "changed"])
        } refused: { error in
            return PeopleViews.profile(PageContext(req), person: user.person, errors: error.fields(in: PageContext(req).t), flash: nil, status: .unprocessableEntity)
        }
    }

    struct ProfileForm: Content {
        var name: String?
        var title: String?
        var bio: String?
        var locale: String?
        var timeZone: String?
        var awayUntil: String?
        enum CodingKeys: String, CodingKey { case name, title, bio, locale, timeZone = "time_zone", awayUntil = "away_until" }
    }

    func saveProfile(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ProfileForm.self)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            _ = try await PeopleActions.updateProfile(personID: user.id, .init(
                name: form.name, title: form.title ?? "", bio: form.bio ?? "", locale: form.locale ?? "", timeZone: form.timeZone ?? "",
                awayUntil: form.awayUntil ?? ""),
                app: req.application)
            return SiteURL.myProfile.with(["saved": "1"])
        } refused: { error in
            // Show what was typed; this copy is never saved.
            let draft = user.person
            if let name = form.name { draft.name = name }
            draft.title = form.title
            draft.bio = form.bio ?? ""
            return PeopleViews.profile(PageContext(req), person: draft, errors: error.fields(in: PageContext(req).t), flash: nil, status: .unprocessableEntity,
                                       typedAway: form.awayUntil)
        }
    }

    func skillsForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let skills = try await PeopleQueries.skills(of: user.id, viewerID: user.id, on: req.db)
        let catalogue = try await Skill.query(on: req.db).sort(\.$nameKey).all()
        let rows = skills.map { MySkillRow(skill: $0.skill, level: String($0.level), wantsToGrow: $0.wantsToGrow,
                                           lastUsedYear: $0.lastUsedYear.map(String.init) ?? "") }
        return PeopleViews.mySkills(PageContext(req), rows: rows, catalogue: catalogue.map(\.name), errors: [:],
                                    saved: req.query[String.self, at: "saved"] != nil)
    }

    /// The form posts rows as `skill_N`, `level_N` ("" or "remove" drops the row), `grow_N`, `year_N`.
    func saveSkills(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let count = min((try? req.content.get(Int.self, at: "rows")) ?? 0, 300)
        var rows: [MySkillRow] = []
        for i in 0..<count {
            let skill = ((try? req.content.get(String.self, at: "skill_\(i)")) ?? "").trimmingCharacters(in: .whitespaces)
            let level = (try? req.content.get(String.self, at: "level_\(i)")) ?? ""
            guard !skill.isEmpty, !level.isEmpty, level != "remove" else { continue }
            rows.append(MySkillRow(skill: skill, level: level,
                                   wantsToGrow: ((try? req.content.get(String.self, at: "grow_\(i)")) ?? "") == "on",
                                   lastUsedYear: ((try? req.content.get(String.self, at: "year_\(i)")) ?? "").trimmingCharacters(in: .whitespaces)))
        }
        var errors = FieldErrors()
        let entries = rows.enumerated().map { i, row -> PeopleActions.SkillEntry in
            if !row.lastUsedYear.isEmpty, Int(row.lastUsedYear) == nil { errors.add("skills[\(i)].last_used_year", .notAYear) }
            return .init(skill: row.skill, level: Int(row.level), wantsToGrow: row.wantsToGrow, lastUsedYear: Int(row.lastUsedYear))
        }
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            try errors.throwIfAny()
            try await PeopleActions.setSkills(personID: user.id, entries, app: req.application)
            return SiteURL.mySkills.with(["saved": "1"])
        } refused: { error in
            let catalogue = try await Skill.query(on: req.db).sort(\.$nameKey).all()
            return PeopleViews.mySkills(PageContext(req), rows: rows, catalogue: catalogue.map(\.name), errors: error.fields(in: PageContext(req).t),
                                        saved: false, status: .unprocessableEntity)
        }
    }
}

struct MySkillRow {
    var skill: String
    var level: String
    var wantsToGrow: Bool
    var lastUsedYear: String
}
