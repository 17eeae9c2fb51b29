import Fluent
import Plot
import Vapor
import LovnadCore

/// The engagement pages: the list (mine first) and one engagement with its overview, readiness,
/// handover, team and onboarding, and log. Every action is a plain form post.
struct EngagementPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let e = routes.grouped("engagements")
        e.get(use: list)
        e.get(":id", use: show)
        e.post(":id", "transition", use: transition)
        e.post(":id", "review", use: review)
        e.post(":id", "staff", use: staff)
        e.post(":id", "delivery-lead", use: deliveryLead)
        e.post(":id", "onboarding", ":itemID", use: tick)
        e.post(":id", "log", use: post)
        e.get(":id", "handover", "edit", use: editHandover)
        e.post(":id", "handover", "edit", use: reworkHandover)
        e.post(":id", "handover", use: saveHandover)
    }

    func editHandover(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagement = try await EngagementAccess.visible(try req.uuidParameter("id"), user: user, on: req.db)
        guard engagement.$salesOwner.id == user.id || user.isAdmin else { throw AppError.forbidden(.refuseHandoverEditor) }
        let state = try await HandoverQueries.state(of: engagement.id!, on: req.db)
        return HandoverEditorView.render(PageContext(req), engagement: engagement, package: state.package, revision: state.revision, errors: [:])
    }

    /// "Add row" and "remove" in the editor: the form comes back as typed with the row added or gone; nothing is saved.
    func reworkHandover(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagement = try await EngagementAccess.visible(try req.uuidParameter("id"), user: user, on: req.db)
        guard engagement.$salesOwner.id == user.id || user.isAdmin else { throw AppError.forbidden(.refuseHandoverEditor) }
        let form = try HandoverForm(req)
        let state = try await HandoverQueries.state(of: engagement.id!, on: req.db)
        return HandoverEditorView.render(PageContext(req), engagement: engagement, package: state.package,
                                         revision: form.baseRevision ?? state.revision, errors: [:], typed: HandoverForm.reworked(form.values))
    }

    func saveHandover(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagement = try await EngagementAccess.visible(try req.uuidParameter("id"), user: user, on: req.db)
        let state = try await HandoverQueries.state(of: engagement.id!, on: req.db)
        var form = try HandoverForm(req)
        let package = form.package(keeping: state.package)
        let ctx = PageContext(req)
        // Every problem at once: what the form could not read and what the package breaks, each at its input.
        var issues = package.validationIssues(latestToday: .latestToday(req.application.clock.now()))
        issues.merge(form.issues) { _, read in read }
        let fieldErrors = Dictionary(issues.map { (form.inputName(for: $0.key) ?? $0.key, ctx.t.issue($0.value)) }, uniquingKeysWith: { a, _ in a })
        return try await req.postRedirectGet(refusing: [.unprocessableEntity, .conflict]) {
            if !issues.isEmpty { throw AppError.invalid(issues) }
            _ = try await HandoverActions.save(engagementID: engagement.id!, package: package, basedOn: form.baseRevision,
                                               actor: user, app: req.application)
            return SiteURL.engagement(engagement.id!).with(["done": "handover"], anchor: "handover")
        } refused: { error in
            switch error {
            case _ where error.code == HandoverActions.savedMeanwhile:
                // What they typed stays; the form now carries the newest revision, so saving again is a choice.
                let newest = try await HandoverQueries.state(of: engagement.id!, on: req.db).revision
                return HandoverEditorView.render(ctx, engagement: engagement, package: package, revision: newest,
                                                 errors: ["revision": ctx.t(.handoverSavedMeanwhile, ["revision": String(newest)])],
                                                 typed: form.values, status: .conflict)
            case _ where error.status == .conflict:
                return HandoverEditorView.render(ctx, engagement: engagement, package: package, revision: state.revision,
                                                 errors: ["status": error.text(in: ctx.t)], typed: form.values, status: .conflict)
            default:
                let errors = issues.isEmpty
                    ? Dictionary(error.issues.map { (form.inputName(for: $0.key) ?? $0.key, ctx.t.issue($0.value)) }, uniquingKeysWith: { a, _ in a })
                    : fieldErrors
                return HandoverEditorView.render(ctx, engagement: engagement, package: package, revision: form.baseRevision ?? state.revision,
                                                 errors: errors, typed: form.values, status: .unprocessableEntity)
            }
        }
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let status = req.query[String.self, at: "status"].flatMap(EngagementStatus.init(rawValue:))
        let customer = req.query[String.self, at: "customer"].flatMap(UUID.init(uuidString:))
        let rows = try await EngagementQueries.list(user: user, status: status, customerID: customer, mineOnly: false, on: req.db)
        let customers = CustomerPages.canCreate(user) ? try await Customer.query(on: req.db).sort(\.$nameKey).all() : []
        return EngagementViews.list(PageContext(req), rows: rows, status: status, customers: customers)
    }

    func show(req: Request) async throws -> Response {
        let t = PageContext(req).t
        let notice = req.query[String.self, at: "done"].flatMap { EngagementSection.done[$0] }
            .map { EngagementSection.Notice(section: $0.section, text: t($0.text), isProblem: false) }
        return try await render(req, notice: notice)
    }

    /// The engagement page, optionally with the outcome of the last form post in the part it was done in.
    func render(_ req: Request, notice: EngagementSection.Notice?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let engagement = try await EngagementAccess.visible(try req.uuidParameter("id"), user: user, on: req.db)
        let id = engagement.id!
        let state = try await HandoverQueries.state(of: id, on: req.db)
        let ctx = PageContext(req)
        let db = req.db
        let today = PromiseActions.today(req.application)
        let steersOpen = EngagementAccess.canSteer(engagement, user: user) && !(EngagementStatus(rawValue: engagement.status)?.isFinal ?? true)
        // The page's parts need nothing from each other, so they are read side by side, each on a connection
        // of its own: staffing suggestions (the fit of every holder of a profile's skills) are the slowest.
        async let suggested = steersOpen ? EngagementQueries.staffing(engagementID: id, package: state.package, shown: EngagementViews.candidatesShown,
                                                                      locale: ctx.t, on: db) : []
        async let promises = Self.promises(of: id, user: user, today: today, on: db)
        async let promiseStats = PromiseQueries.stats(scope: .engagement, id: id, from: today.adding(days: -364), to: today, today: today, on: db)
        async let team = EngagementQueries.team(of: [id], on: db)
        async let onboarding = EngagementQueries.onboarding(engagementID: id, on: db)
        async let people = steersOpen ? PersonChoices.active(on: db) : .list([])
        var filter = EngagementQueries.LogFilter()
        filter.kind = req.query[String.self, at: "kind"].flatMap { LogKind(rawValue: $0)?.rawValue }
        filter.tag = req.query[String.self, at: "tag"]
        filter.text = req.query[String.self, at: "q"]
        let (entries, next) = try await EngagementQueries.log(engagementID: id, filter: filter,
                                                              page: (try? req.pageRequest()) ?? ListPage(limit: nil), on: db)
        let corrected = try await LogEntry.query(on: db).filter(\.$id ~~ entries.compactMap(\.correctsID)).all()
        let authors = try await EngagementQueries.authors(of: entries + corrected, on: db)
        let model = EngagementViews.Model(
            engagement: engagement, team: try await team[id] ?? [],
            state: state, checklist: Readiness.checklist(state.package), staffing: try await suggested,
            onboarding: try await onboarding,
            log: entries.map { LogEntryDTO($0, authors: authors, locale: req.locale) },
            corrected: Dictionary(uniqueKeysWithValues: corrected.map { ($0.id!, LogEntryDTO($0, authors: authors, locale: req.locale)) }),
            nextCursor: next, filter: filter, canSteer: EngagementAccess.canSteer(engagement, user: user),
            isDeliveryLead: engagement.$deliveryLead.id == user.id, isLeader: user.has(.leader) || user.isAdmin,
            promises: try await promises, promiseStats: try await promiseStats, people: try await people,
            canEditHandover: (engagement.$salesOwner.id == user.id || user.isAdmin)
                && [EngagementStatus.won, .handover].contains(EngagementStatus(rawValue: engagement.status) ?? .lead))
        return EngagementViews.page(ctx, model, notice: notice, status: status)
    }

    /// The engagement's promises the user may see, as the page lists them.
    private static func promises(of id: UUID, user: CurrentUser, today: Day, on db: any Database) async throws -> [PromiseDTO] {
        var filter = PromiseQueries.Filter()
        filter.engagementID = id
        let (promises, _) = try await PromiseQueries.list(scope: try await PromiseAccess.scope(for: user, on: db), filter: filter,
                                                          page: ListPage(limit: ListPage.maxLimit), today: today, on: db)
        return try await PromiseQueries.dtos(promises, today: today, on: db)
    }

    /// Runs a form's action; a refusal re-renders the page with the reason instead of an error page.
    private func act(_ req: Request, success: String, _ body: () async throws -> Void) async throws -> Response {
        let id = try req.uuidParameter("id")
        let section = EngagementSection.done[success]?.section ?? .overview
        return try await req.postRedirectGet {
            try await body()
            return SiteURL.engagement(id).with(["done": success], anchor: section.rawValue)
        } refused: { error in
            let ctx = PageContext(req)
            var problem = error.problem(in: ctx.t)
            if !error.missing.isEmpty && error.issues.isEmpty {
                problem = ctx.t(.transitionMissing, ["items": error.missing.map { EngagementViews.missingLabel($0, ctx) }.joined(separator: ", ")])
            }
            return try await render(req, notice: .init(section: section, text: problem, isProblem: true), status: error.status)
        }
    }

    struct TransitionForm: Content {
        var to: String?
        var reason: String?
        var overrideReason: String?
        enum CodingKeys: String, CodingKey { case to, reason, overrideReason = "override_reason" }
    }

    func transition(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(TransitionForm.self)
        return try await act(req, success: "transition") {
            guard let to = form.to.flatMap(EngagementStatus.init(rawValue:)) else { throw AppError.invalid(["to": .unknownKind]) }
            let override = form.overrideReason?.trimmingCharacters(in: .whitespaces)
            _ = try await EngagementActions.transition(engagementID: try req.uuidParameter("id"), to: to, reason: form.reason,
                                                       overrideReason: (override?.isEmpty ?? true) ? nil : override, actor: user, app: req.application)
        }
    }

    struct ReviewForm: Content {
        var heldOn: String?
        var participants: String?
        var notes: String?
        var signOff: String?
        enum CodingKeys: String, CodingKey { case heldOn = "held_on", participants, notes, signOff = "sign_off" }
    }

    func review(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(ReviewForm.self)
        return try await act(req, success: "review") {
            _ = try await HandoverActions.review(engagementID: try req.uuidParameter("id"), .init(
                heldOn: form.heldOn, participants: form.participants ?? "", notes: form.notes ?? "", signOff: form.signOff == "on"),
                actor: user, app: req.application)
        }
    }

    struct StaffForm: Content {
        var profileId: String?
        var personId: String?
        enum CodingKeys: String, CodingKey { case profileId = "profile_id", personId = "person_id" }
    }

    func staff(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(StaffForm.self)
        return try await act(req, success: "staffed") {
            let person = try await PersonLookup.resolve(form.personId, field: "person_id", on: req.db)
            try await StaffingActions.staff(engagementID: try req.uuidParameter("id"), profileID: form.profileId ?? "", personID: person,
                                            actor: user, app: req.application)
        }
    }

    struct DeliveryLeadForm: Content {
        var deliveryLeadId: String?
        enum CodingKeys: String, CodingKey { case deliveryLeadId = "delivery_lead_id" }
    }

    func deliveryLead(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(DeliveryLeadForm.self)
        return try await act(req, success: "delivery_lead") {
            let person = try await PersonLookup.resolve(form.deliveryLeadId, field: "delivery_lead_id", on: req.db)
            try await EngagementActions.setDeliveryLead(engagementID: try req.uuidParameter("id"), personID: person, actor: user, app: req.application)
        }
    }

    struct TickForm: Content { var done: String? }

    func tick(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(TickForm.self)
        return try await act(req, success: "onboarding") {
            _ = try await OnboardingActions.setDone(engagementID: try req.uuidParameter("id"), itemID: try req.uuidParameter("itemID"),
                                                    done: form.done == "1", actor: user, app: req.application)
        }
    }

    struct LogForm: Content {
        var kind: String?
        var body: String?
        var tags: String?
        var corrects: String?
    }

    func post(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(LogForm.self)
        return try await act(req, success: "logged") {
            _ = try await LogActions.post(engagementID: try req.uuidParameter("id"), kind: form.kind ?? "", body: form.body ?? "",
                                          tags: (form.tags ?? "").split(separator: ",").map(String.init),
                                          corrects: form.corrects.flatMap(UUID.init(uuidString:)), actor: user, app: req.application)
        }
    }
}
