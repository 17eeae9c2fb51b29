import Fluent
import Vapor
import LovnadCore

/// The ledger in the browser: my promises, promises to me, to my people, one promise, and the ratio.
struct PromisePages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = routes.grouped("promises")
        p.get(use: list)
        p.post(use: create)
        p.get("ratio", use: ratio)
        p.post("calendar", "revoke", use: revokeCalendar)
        p.get(":id", use: show)
        p.post(":id", "transitions", use: transition)
        p.post(":id", "confirmation", use: confirm)
        routes.post("engagements", ":id", "expectations", ":expectationID", "promise", use: fromExpectation)
        routes.post("engagements", ":id", "log", ":entryID", "promise", use: fromLogEntry)
    }

    func list(req: Request) async throws -> Response {
        let t = PageContext(req).t
        let done: [String: L] = ["made": .doneMade, "calendar": .doneCalendar]
        return try await renderList(req, flash: req.query[String.self, at: "done"].flatMap { done[$0] }.map { t($0) })
    }

    func revokeCalendar(req: Request) async throws -> Response {
        let user = try req.requireUser()
        _ = try await CalendarFeedActions.revoke(personID: user.id, app: req.application)
        return req.seeOther(SiteURL.promises.with(["done": "calendar"], anchor: "calendar"))
    }

    private func renderList(_ req: Request, flash: String?, errors: [String: String] = [:], values: [String: String] = [:],
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let scope = try await PromiseAccess.scope(for: user, on: req.db)
        let tab = req.query[String.self, at: "view"].flatMap(PromiseViews.Tab.init(rawValue:)) ?? .mine
        var filter = PromiseQueries.Filter()
        switch tab {
        case .mine: filter.ownerID = user.id
        case .toMe: filter.toIDs = [user.id] + (scope.departmentID.map { [$0] } ?? [])
        case .myPeople:
            filter.ownerID = user.id
            filter.toIDs = scope.led.isEmpty ? [UUID()] : scope.led
        }
        let page = try req.pageRequest()
        let today = PromiseActions.today(req.application)
        // What is still to keep, soonest first; below it what is settled, latest first and paged.
        var openFilter = filter
        openFilter.open = true
        let (open, _) = try await PromiseQueries.list(scope: scope, filter: openFilter, page: ListPage(limit: ListPage.maxLimit),
                                                      today: today, on: req.db)
        filter.open = false
        filter.latestFirst = true
        let (rows, next) = try await PromiseQueries.list(scope: scope, filter: filter, page: page, today: today, on: req.db)
        let mine = try await PromiseQueries.stats(scope: .person, id: user.id, from: today.adding(days: -364), to: today, today: today, on: req.db)
        let model = PromiseViews.ListModel(
            tab: tab, open: try await PromiseQueries.dtos(open, today: today, on: req.db),
            settled: try await PromiseQueries.dtos(rows, today: today, on: req.db), nextCursor: next,
            leadsPeople: !scope.led.isEmpty, myTally: mine.total, choices: try await choices(user: user, scope: scope, on: req.db),
            calendarURL: try await CalendarFeeds.url(for: user.id, app: req.application),
            errors: errors, values: values)
        return PromiseViews.list(ctx, model, flash: flash, status: status)
    }

    private func choices(user: CurrentUser, scope: PromiseAccess.Scope, on db: any Database) async throws -> PromiseViews.Choices {
        let departments = try await Department.query(on: db).sort(\.$name).all()
        let customers = try await Customer.query(on: db).sort(\.$nameKey).all()
        let engagements = try await EngagementVisibility.restrict(Engagement.query(on: db), to: user)
            .filter(\.$status !~ [EngagementStatus.closed.rawValue, EngagementStatus.lost.rawValue]).sort(\.$title).all()
        return PromiseViews.Choices(
            people: try await PersonChoices.active(except: user.id, on: db),
            departments: departments.map { PersonRef(id: $0.id!, name: $0.name) },
            customers: customers.map { PersonRef(id: $0.id!, name: $0.name) },
            engagements: engagements.map { EngagementRef(id: $0.id!, title: $0.title) })
    }

    struct NewForm: Content {
        var text: String?
        var due: String?
        var to: String?
        var engagementId: String?
        var source: String?
        var every: String?
        var unit: String?
        var until: String?
        var draft: String?
        /// A colleague typed where there are too many to list; wins over `to`.
        var toPerson: String?
        enum CodingKeys: String, CodingKey { case text, due, to, engagementId = "engagement_id", source, every, unit, until, draft, toPerson = "to_person" }
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(NewForm.self)
        let every = (form.every ?? "").trimmingCharacters(in: .whitespaces)
        return try await req.postRedirectGet(refusing: [.unprocessableEntity]) {
            var target = (form.to ?? "").split(separator: ":", maxSplits: 1).map(String.init)
            if let typed = form.toPerson, !typed.trimmingCharacters(in: .whitespaces).isEmpty {
                target = ["person", try await PersonLookup.resolve(typed, field: "to_person", on: req.db).uuidString]
            }
            _ = try await PromiseActions.make(.init(
                text: form.text ?? "", due: form.due, receiverKind: target.first,
                receiverID: target.count == 2 ? UUID(uuidString: target[1]) : nil,
                engagementID: (form.engagementId ?? "").isEmpty ? nil : UUID(uuidString: form.engagementId!),
                source: form.source, draft: form.draft == "1",
                recurrence: every.isEmpty ? nil : .init(every: Int(every) ?? 0, unit: form.unit, until: form.until)),
                actor: user, app: req.application)
            return SiteURL.promises.with(["done": "made"])
        } refused: { error in
            var errors = error.fields(in: PageContext(req).t)
            for key in ["to.type", "to.id"] { if let e = errors.removeValue(forKey: key) { errors["to"] = e } }
            let values = ["text": form.text, "due": form.due, "to": form.to, "engagement_id": form.engagementId, "source": form.source,
                          "every": form.every, "unit": form.unit, "until": form.until, "to_person": form.toPerson].compactMapValues { $0 }
            return try await renderList(req, flash: nil, errors: errors, values: values, status: .unprocessableEntity)
        }
    }

    func show(req: Request) async throws -> Response {
        let t = PageContext(req).t
        let done: [String: L] = ["step": .doneStep, "confirmation": .doneConfirmation, "made": .doneMade]
        return try await render(req, flash: req.query[String.self, at: "done"].flatMap { done[$0] }.map { t($0) }, problem: nil)
    }

    private func render(_ req: Request, flash: String?, problem: String?, status: HTTPResponseStatus = .ok) async throws -> Response {
        let (user, promise) = try await req.visiblePromise()
        let dto = try await PromiseQueries.dto(promise, app: req.application)
        var actsAsOwner = promise.$owner.id == user.id
        if !actsAsOwner {
            actsAsOwner = try await PromiseActions.mayActFor(ownerID: promise.$owner.id, engagement: promise.engagement, actor: user, on: req.db)
        }
        let model = PromiseViews.DetailModel(promise: dto, history: try await PromiseQueries.history(of: promise.id!, on: req.db),
                                             actsAsOwner: actsAsOwner,
                                             isReceiver: promise.receiver == .person && promise.receiverID == user.id)
        return PromiseViews.detail(PageContext(req), model, flash: flash, problem: problem, status: status)
    }

    /// Runs a step; a refusal shows the promise again with the reason.
    private func act(_ req: Request, done: String, _ body: () async throws -> UUID) async throws -> Response {
        try await req.postRedirectGet {
            SiteURL.promise(try await body()).with(["done": done])
        } refused: { error in
            try await render(req, flash: nil, problem: error.problem(in: PageContext(req).t), status: error.status)
        }
    }

    struct StepForm: Content {
        var to: String?
        var note: String?
        var newDue: String?
        var newText: String?
        var renegotiationNote: String?
        enum CodingKeys: String, CodingKey { case to, note, newDue = "new_due", newText = "new_text", renegotiationNote = "note-renegotiated" }
    }

    func transition(req: Request) async throws -> Response {
        let (user, visible) = try await req.visiblePromise()
        let id = visible.id!
        let form = try req.content.decode(StepForm.self)
        return try await act(req, done: "step") {
            let step = try PromiseActions.step(to: form.to, note: form.note ?? form.renegotiationNote, newDue: form.newDue, newText: form.newText)
            let result = try await PromiseActions.transition(promiseID: id, step: step, actor: user, app: req.application)
            return result.replacement?.id ?? id
        }
    }

    struct ConfirmForm: Content {
        var kept: String?
        var note: String?
    }

    func confirm(req: Request) async throws -> Response {
        let (user, visible) = try await req.visiblePromise()
        let id = visible.id!
        let form = try req.content.decode(ConfirmForm.self)
        return try await act(req, done: "confirmation") {
            _ = try await PromiseActions.confirm(promiseID: id, kept: form.kept == "1", note: form.note ?? "", actor: user, app: req.application)
            return id
        }
    }

    func fromExpectation(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagementID = try req.uuidParameter("id")
        _ = try await EngagementAccess.visible(engagementID, user: user, on: req.db)
        let expectation = try req.parameters.require("expectationID")
        let promise = try await PromiseSourcing.fromExpectation(engagementID: engagementID, expectationID: expectation, due: nil,
                                                                ownerID: nil, actor: user, app: req.application)
        return req.seeOther(SiteURL.promise(promise.id!).with(["done": "made"]))
    }

    struct DueForm: Content { var due: String? }

    func fromLogEntry(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagementID = try req.uuidParameter("id")
        _ = try await EngagementAccess.visible(engagementID, user: user, on: req.db)
        let entryID = try req.uuidParameter("entryID")
        let form = try req.content.decode(DueForm.self)
        return try await req.postRedirectGet {
            let promise = try await PromiseSourcing.fromLogEntry(engagementID: engagementID, entryID: entryID, text: nil,
                                                                 due: (form.due ?? "").isEmpty ? nil : form.due, ownerID: nil,
                                                                 actor: user, app: req.application)
            return SiteURL.promise(promise.id!).with(["done": "made"])
        } refused: { error in
            try await EngagementPages().render(req, notice: .init(section: .log, text: error.problem(in: PageContext(req).t), isProblem: true),
                                               status: error.status)
        }
    }

    func ratio(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let ctx = PageContext(req)
        let today = PromiseActions.today(req.application)
        var errors: [String: String] = [:]
        let period: StatsPeriod
        do {
            period = try StatsPeriod(from: req.query[String.self, at: "from"], to: req.query[String.self, at: "to"], today: today)
        } catch let error as AppError {
            errors = error.fields(in: ctx.t)
            period = try StatsPeriod(from: nil, to: nil, today: today)
        }
        let db = req.db
        func stats(_ scope: PromiseQueries.StatsScope, _ id: UUID?) async throws -> PromiseQueries.Stats {
            try await PromiseQueries.stats(scope: scope, id: id, from: period.from, to: period.to, today: today, on: db)
        }
        let scope = try await PromiseAccess.scope(for: user, on: db)
        let departments = try await Department.query(on: db).sort(\.$name).all()
            .filter { PromiseAccess.canSeeDepartment($0.id!, scope: scope) }
        var departmentRows: [SayDoViews.Row] = []
        for d in departments { departmentRows.append(.init(label: d.name, href: nil, stats: try await stats(.department, d.id!))) }
        let led = scope.led.isEmpty ? [] : try await Person.query(on: db).filter(\.$id ~~ scope.led).filter(\.$active == true).sort(\.$nameKey).all()
        var peopleRows: [SayDoViews.Row] = []
        for p in led { peopleRows.append(.init(label: p.name, href: SiteURL.person(p.id!).path, stats: try await stats(.person, p.id!))) }
        // Customers' ratios for those who work with every customer: sales, leaders and admins.
        var customerRows: [SayDoViews.Row] = []
        if user.isAdmin || user.has(.leader) || user.has(.sales) {
            for c in try await Customer.query(on: db).sort(\.$nameKey).all() {
                customerRows.append(.init(label: c.name, href: nil, stats: try await stats(.customer, c.id!)))
            }
        }
        let model = SayDoViews.Model(from: period.from, to: period.to, company: try await stats(.company, nil),
                                     mine: try await stats(.person, user.id), departments: departmentRows, people: peopleRows,
                                     customers: customerRows)
        return SayDoViews.page(ctx, model, errors: errors, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
