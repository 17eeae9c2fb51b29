import Fluent
import Vapor
import LovnadCore

/// `/api/v1/promises`: the ledger, its steps and the say-do ratio.
struct PromisesAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let p = routes.grouped("promises")
        p.get(use: list)
        p.post(use: create)
        p.get("stats", use: stats)
        p.get(":id", use: show)
        p.post(":id", "transitions", use: transition)
        p.post(":id", "confirmation", use: confirm)
        let e = routes.grouped("engagements", ":id")
        e.post("expectations", ":expectationID", "promise", use: fromExpectation)
        e.post("log", ":entryID", "promise", use: fromLogEntry)
    }

    struct Body: Decodable {
        struct To: Decodable { var type: String?; var id: UUID?; var contactId: UUID? }
        struct Repeat: Decodable { var every: Int?; var unit: String?; var until: String? }
        var text: String?
        var due: String?
        var to: To?
        var engagementId: UUID?
        var source: String?
        var ownerId: UUID?
        var draft: Bool?
        var recurrence: Repeat?
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(Body.self)
        let promises = try await PromiseActions.make(.init(
            text: body.text ?? "", due: body.due, receiverKind: body.to?.type, receiverID: body.to?.id, contactID: body.to?.contactId,
            engagementID: body.engagementId, source: body.source, ownerID: body.ownerId, draft: body.draft ?? false,
            recurrence: body.recurrence.map { .init(every: $0.every, unit: $0.unit, until: $0.until) }), actor: user, app: req.application)
        return try await created(promises, req: req)
    }

    private func created(_ promises: [Promise], req: Request) async throws -> Response {
        let dtos = try await PromiseQueries.dtos(promises, today: PromiseActions.today(req.application), on: req.db)
        return try await PromiseCreatedDTO(id: dtos[0].id, state: dtos[0].state, promise: dtos[0], occurrences: dtos)
            .encodeResponse(status: .created, for: req)
    }

    func list(req: Request) async throws -> ListResponse<PromiseDTO> {
        let user = try req.requireUser()
        let page = try req.pageRequest()
        var filter = PromiseQueries.Filter()
        filter.ownerID = try req.optionalUUIDQuery("owner")
        filter.toIDs = try req.optionalUUIDQuery("to").map { [$0] } ?? []
        filter.engagementID = try req.optionalUUIDQuery("engagement")
        if let state = req.query[String.self, at: "state"], !state.isEmpty {
            guard state == "overdue" || PromiseState(rawValue: state) != nil else { throw AppError.invalid(["state": .unknownKind]) }
            filter.state = state
        }
        filter.dueBefore = try Day.field(req.query[String.self, at: "due_before"], named: "due_before")
        let scope = try await PromiseAccess.scope(for: user, on: req.db)
        let today = PromiseActions.today(req.application)
        let (rows, next) = try await PromiseQueries.list(scope: scope, filter: filter, page: page, today: today, on: req.db)
        return ListResponse(items: try await PromiseQueries.dtos(rows, today: today, on: req.db), nextCursor: next)
    }

    func show(req: Request) async throws -> PromiseDetailDTO {
        let (_, promise) = try await req.visiblePromise()
        let dto = try await PromiseQueries.dto(promise, app: req.application)
        return PromiseDetailDTO(promise: dto, history: try await PromiseQueries.history(of: promise.id!, on: req.db))
    }

    struct TransitionBody: Decodable {
        var to: String?
        var note: String?
        var newDue: String?
        var newText: String?
    }

    func transition(req: Request) async throws -> PromiseStepResultDTO {
        let (user, visible) = try await req.visiblePromise()
        let id = visible.id!
        let body = try req.decodeJSON(TransitionBody.self)
        let step = try PromiseActions.step(to: body.to, note: body.note, newDue: body.newDue, newText: body.newText)
        let (promise, replacement) = try await PromiseActions.transition(promiseID: id, step: step, actor: user, app: req.application)
        let dtos = try await PromiseQueries.dtos([promise] + (replacement.map { [$0] } ?? []),
                                                 today: PromiseActions.today(req.application), on: req.db)
        return PromiseStepResultDTO(promise: dtos[0], replacement: dtos.count > 1 ? dtos[1] : nil)
    }

    struct ConfirmBody: Decodable {
        var kept: Bool?
        var note: String?
    }

    func confirm(req: Request) async throws -> PromiseDTO {
        let (user, visible) = try await req.visiblePromise()
        let id = visible.id!
        let body = try req.decodeJSON(ConfirmBody.self)
        guard let kept = body.kept else { throw AppError.invalid(["kept": .required]) }
        let promise = try await PromiseActions.confirm(promiseID: id, kept: kept, note: body.note ?? "", actor: user, app: req.application)
        return try await PromiseQueries.dto(promise, app: req.application)
    }

    struct FromBody: Decodable {
        var text: String?
        var due: String?
        var ownerId: UUID?
    }

    func fromExpectation(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagementID = try req.uuidParameter("id")
        _ = try await EngagementAccess.visible(engagementID, user: user, on: req.db)
        let expectation = try req.parameters.require("expectationID")
        let body = try req.decodeJSONIfAny(FromBody.self) ?? FromBody()
        let promise = try await PromiseSourcing.fromExpectation(engagementID: engagementID, expectationID: expectation, due: body.due,
                                                                ownerID: body.ownerId, actor: user, app: req.application)
        return try await created([promise], req: req)
    }

    func fromLogEntry(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagementID = try req.uuidParameter("id")
        _ = try await EngagementAccess.visible(engagementID, user: user, on: req.db)
        let entryID = try req.uuidParameter("entryID")
        let body = try req.decodeJSONIfAny(FromBody.self) ?? FromBody()
        let promise = try await PromiseSourcing.fromLogEntry(engagementID: engagementID, entryID: entryID, text: body.text, due: body.due,
                                                             ownerID: body.ownerId, actor: user, app: req.application)
        return try await created([promise], req: req)
    }

    func stats(req: Request) async throws -> SayDoStatsDTO {
        let user = try req.requireUser()
        let scopeText = req.query[String.self, at: "scope"] ?? "company"
        guard let scope = PromiseQueries.StatsScope(rawValue: scopeText) else { throw AppError.invalid(["scope": .unknownKind]) }
        let id = try req.optionalUUIDQuery("id")
        if scope != .company && id == nil { throw AppError.invalid(["id": .required]) }
        let today = PromiseActions.today(req.application)
        let period = try StatsPeriod(from: req.query[String.self, at: "from"], to: req.query[String.self, at: "to"], today: today)
        try await PromiseAccess.authorizeStats(scope: scope, id: id, user: user, on: req.db)
        let stats = try await PromiseQueries.stats(scope: scope, id: id, from: period.from, to: period.to, today: today, on: req.db)
        return PromiseQueries.statsDTO(stats, scope: scope, id: scope == .company ? nil : id, from: period.from, to: period.to)
    }
}

/// A stats period from `?from=&to=`: by default the twelve months up to today; at most three years.
struct StatsPeriod {
    let from: Day
    let to: Day

    init(from fromText: String?, to toText: String?, today: Day) throws {
        var errors = FieldErrors()
        func parse(_ text: String?, _ field: String) -> Day? {
            guard let text, !text.isEmpty else { return nil }
            guard let day = Day(text) else { errors.add(field, .notADate); return nil }
            return day
        }
        let to = parse(toText, "to") ?? today
        let from = parse(fromText, "from") ?? to.adding(days: -364)
        if from > to { errors.add("to", .endBeforeStart) }
        else if from.days(until: to) > 3 * 366 { errors.add("from", .withinThreeYears) }
        try errors.throwIfAny()
        self.from = from
        self.to = to
    }
}
