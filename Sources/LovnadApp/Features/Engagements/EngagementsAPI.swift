import Fluent
import Vapor
import LovnadCore

struct EngagementsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let e = routes.grouped("engagements")
        e.get(use: list)
        e.post(use: create)
        e.get(":id", use: show)
        e.patch(":id", use: update)
        e.post(":id", "transitions", use: transition)
        e.get(":id", "handover", use: handover)
        e.put(":id", "handover", use: saveHandover)
        e.post(":id", "handover", "review", use: review)
        e.get(":id", "staffing", use: staffing)
        e.post(":id", "staffing", use: staff)
        e.get(":id", "onboarding", use: onboarding)
        e.post(":id", "onboarding", ":itemID", use: tick)
        e.get(":id", "log", use: log)
        e.post(":id", "log", use: post)
        e.get(":id", "log", "verify", use: verify)
        e.get(":id", "log", "export", use: export)
    }

    /// The caller and the `:id` engagement, 404 unless they may see it: checked before any body is read,
    /// so a bad body for someone else's engagement still says only "not found".
    private func visibleEngagement(_ req: Request) async throws -> (CurrentUser, UUID) {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        _ = try await EngagementAccess.visible(id, user: user, on: req.db)
        return (user, id)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let page = try req.pageRequest()
        var status: EngagementStatus?
        if let s = req.query[String.self, at: "status"], !s.isEmpty {
            guard let parsed = EngagementStatus(rawValue: s) else { throw AppError.invalid(["status": .unknownKind]) }
            status = parsed
        }
        var customer: UUID?
        if let c = req.query[String.self, at: "customer"], !c.isEmpty {
            guard let id = UUID(uuidString: c) else { throw AppError.invalid(["customer": .notAnID]) }
            customer = id
        }
        let mine = ["1", "true", "yes"].contains(req.query[String.self, at: "mine"]?.lowercased() ?? "")
        let (shown, next) = try await EngagementQueries.page(user: user, status: status, customerID: customer, mineOnly: mine,
                                                             page: page, on: req.db)
        let teams = try await EngagementQueries.team(of: shown.map { $0.id! }, on: req.db)
        let channels = try await EngagementQueries.channels(of: shown.map { $0.id! }, on: req.db)
        let names = try await EngagementQueries.names(of: shown, on: req.db)
        return .json(ListResponse(items: shown.map { EngagementDTO($0, names: names, team: teams[$0.id!] ?? [], channelID: channels[$0.id!]) },
                                  nextCursor: next))
    }

    struct NewBody: Decodable {
        var title: String?
        var customerId: String?
        var salesOwnerId: String?
        var deliveryLeadId: String?
    }

    /// An id in a JSON body: absent or null is none; anything else, the empty string included, must be one.
    private func uuid(_ text: String?, field: String) throws -> UUID? {
        guard let text else { return nil }
        guard let id = UUID(uuidString: text) else { throw AppError.invalid([field: .notAnID]) }
        return id
    }

    func create(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(NewBody.self)
        let engagement = try await EngagementActions.create(.init(
            title: body.title ?? "", customerID: try uuid(body.customerId, field: "customer_id"),
            salesOwnerID: try uuid(body.salesOwnerId, field: "sales_owner_id"),
            deliveryLeadID: try uuid(body.deliveryLeadId, field: "delivery_lead_id")), actor: user, app: req.application)
        let shown = try await EngagementAccess.visible(engagement.id!, user: user, on: req.db)
        return try await EngagementQueries.dto(shown, on: req.db).encodeResponse(status: .created, for: req)
    }

    func show(req: Request) async throws -> EngagementDTO {
        let user = try req.requireUser()
        let engagement = try await EngagementAccess.visible(try req.uuidParameter("id"), user: user, on: req.db)
        return try await EngagementQueries.dto(engagement, on: req.db)
    }

    struct UpdateBody: Decodable { var deliveryLeadId: String? }

    func update(req: Request) async throws -> EngagementDTO {
        let (user, id) = try await visibleEngagement(req)
        let body = try req.decodeJSON(UpdateBody.self)
        if let lead = try uuid(body.deliveryLeadId, field: "delivery_lead_id") {
            try await EngagementActions.setDeliveryLead(engagementID: id, personID: lead, actor: user, app: req.application)
        }
        return try await EngagementQueries.dto(try await EngagementAccess.visible(id, user: user, on: req.db), on: req.db)
    }

    struct TransitionBody: Decodable {
        var to: String?
        var reason: String?
        var overrideReason: String?
    }

    func transition(req: Request) async throws -> EngagementDTO {
        let (user, id) = try await visibleEngagement(req)
        let body = try req.decodeJSON(TransitionBody.self)
        guard let to = body.to.flatMap(EngagementStatus.init(rawValue:)) else { throw AppError.invalid(["to": .unknownKind]) }
        _ = try await EngagementActions.transition(engagementID: id, to: to, reason: body.reason, overrideReason: body.overrideReason,
                                                   actor: user, app: req.application)
        return try await EngagementQueries.dto(try await EngagementAccess.visible(id, user: user, on: req.db), on: req.db)
    }

    func handoverDTO(_ id: UUID, req: Request) async throws -> HandoverDTO {
        let state = try await HandoverQueries.state(of: id, on: req.db)
        let checks = Readiness.checklist(state.package)
        return HandoverDTO(
            revision: state.revision, package: state.package,
            readiness: checks.map { ChecklistItemDTO(item: $0.item.rawValue, passed: $0.passed, lacking: $0.lacking) },
            ready: checks.allSatisfy(\.passed), signedOff: state.signedOffCurrent,
            changedSinceReview: state.reviewedPackage.map { state.package.changedSections(since: $0).map(\.rawValue) } ?? [],
            lastReview: state.lastReview.map { ReviewDTO(id: $0.id!, revision: $0.revisionNumber, heldOn: $0.heldOn,
                                                        participants: $0.participants, notes: $0.notes, signedOff: $0.$signedOffBy.id != nil) })
    }

    func handover(req: Request) async throws -> HandoverDTO {
        let (_, id) = try await visibleEngagement(req)
        return try await handoverDTO(id, req: req)
    }

    /// `base_revision`, beside the package's keys: the revision the client edited.
    struct HandoverBase: Decodable { var baseRevision: Int? }

    func saveHandover(req: Request) async throws -> HandoverDTO {
        let (user, id) = try await visibleEngagement(req)
        let package = try req.decodeJSON(HandoverPackage.self)
        let base = try req.decodeJSON(HandoverBase.self).baseRevision
        _ = try await HandoverActions.save(engagementID: id, package: package, basedOn: base, actor: user, app: req.application)
        return try await handoverDTO(id, req: req)
    }

    struct ReviewBody: Decodable {
        var heldOn: String?
        var participants: String?
        var notes: String?
        var signOff: Bool?
    }

    func review(req: Request) async throws -> Response {
        let (user, id) = try await visibleEngagement(req)
        let body = try req.decodeJSON(ReviewBody.self)
        _ = try await HandoverActions.review(engagementID: id, .init(heldOn: body.heldOn, participants: body.participants ?? "",
                                                                    notes: body.notes ?? "", signOff: body.signOff ?? false),
                                            actor: user, app: req.application)
        return try await handoverDTO(id, req: req).encodeResponse(status: .created, for: req)
    }

    func staffing(req: Request) async throws -> ListResponse<StaffingProfileDTO> {
        let (_, id) = try await visibleEngagement(req)
        let state = try await HandoverQueries.state(of: id, on: req.db)
        return ListResponse(items: try await EngagementQueries.staffing(engagementID: id, package: state.package,
                                                                        locale: Localizer(req.locale), on: req.db), nextCursor: nil)
    }

    struct StaffBody: Decodable {
        var profileId: String?
        var personId: String?
    }

    func staff(req: Request) async throws -> Response {
        let (user, id) = try await visibleEngagement(req)
        let body = try req.decodeJSON(StaffBody.self)
        var errors = FieldErrors()
        if (body.profileId ?? "").isEmpty { errors.add("profile_id", .required) }
        let person = try uuid(body.personId, field: "person_id")
        if person == nil { errors.add("person_id", .required) }
        try errors.throwIfAny()
        try await StaffingActions.staff(engagementID: id, profileID: body.profileId!, personID: person!, actor: user, app: req.application)
        return try await EngagementQueries.dto(try await EngagementAccess.visible(id, user: user, on: req.db), on: req.db)
            .encodeResponse(status: .created, for: req)
    }

    func onboarding(req: Request) async throws -> ListResponse<OnboardingDTO> {
        let (_, id) = try await visibleEngagement(req)
        return ListResponse(items: try await EngagementQueries.onboarding(engagementID: id, on: req.db), nextCursor: nil)
    }

    struct TickBody: Decodable { var done: Bool? }

    func tick(req: Request) async throws -> OnboardingItemDTO {
        let (user, id) = try await visibleEngagement(req)
        let body = try req.decodeJSON(TickBody.self)
        let item = try await OnboardingActions.setDone(engagementID: id, itemID: try req.uuidParameter("itemID"), done: body.done ?? true,
                                                       actor: user, app: req.application)
        return OnboardingItemDTO(id: item.id!, text: item.text, done: item.doneAt != nil, doneAt: item.doneAt)
    }

    func logFilter(_ req: Request) throws -> EngagementQueries.LogFilter {
        var filter = EngagementQueries.LogFilter()
        if let kind = req.query[String.self, at: "kind"], !kind.isEmpty {
            guard LogKind(rawValue: kind) != nil else { throw AppError.invalid(["kind": .unknownKind]) }
            filter.kind = kind
        }
        filter.authorID = try uuid(req.query[String.self, at: "author"], field: "author")
        filter.tag = req.query[String.self, at: "tag"]
        filter.text = req.query[String.self, at: "q"]
        return filter
    }

    func log(req: Request) async throws -> ListResponse<LogEntryDTO> {
        let (_, id) = try await visibleEngagement(req)
        let (entries, next) = try await EngagementQueries.log(engagementID: id, filter: try logFilter(req), page: try req.pageRequest(), on: req.db)
        let authors = try await EngagementQueries.authors(of: entries, on: req.db)
        return ListResponse(items: entries.map { LogEntryDTO($0, authors: authors, locale: req.locale) }, nextCursor: next)
    }

    struct LogBody: Decodable {
        var kind: String?
        var body: String?
        var tags: [String]?
        var corrects: String?
    }

    func post(req: Request) async throws -> Response {
        let (user, id) = try await visibleEngagement(req)
        let body = try req.decodeJSON(LogBody.self)
        let entry = try await LogActions.post(engagementID: id, kind: body.kind ?? "", body: body.body ?? "", tags: body.tags ?? [],
                                              corrects: try uuid(body.corrects, field: "corrects"), actor: user, app: req.application)
        return try await LogEntryDTO(entry, authors: [user.id: user.person], locale: req.locale).encodeResponse(status: .created, for: req)
    }

    struct VerifyDTO: Content {
        let ok: Bool
        let entries: Int?
        let brokenAt: UUID?
    }

    func verify(req: Request) async throws -> VerifyDTO {
        let (_, id) = try await visibleEngagement(req)
        switch try await EngagementLog.verify(engagementID: id, on: req.db) {
        case .intact(let n): return VerifyDTO(ok: true, entries: n, brokenAt: nil)
        case .broken(let at): return VerifyDTO(ok: false, entries: nil, brokenAt: at)
        }
    }

    /// The whole log, oldest first, as Markdown (`?format=markdown`, the default) or JSON.
    func export(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let engagement = try await EngagementAccess.visible(try req.uuidParameter("id"), user: user, on: req.db)
        let entries = try await LogEntry.query(on: req.db).filter(\.$engagement.$id == engagement.id!).sort(\.$sequence).all()
        let authors = try await EngagementQueries.authors(of: entries, on: req.db)
        let dtos = entries.map { LogEntryDTO($0, authors: authors, locale: req.locale) }
        if req.query[String.self, at: "format"] == "json" {
            return try await ListResponse(items: dtos, nextCursor: nil).encodeResponse(for: req)
        }
        let response = Response(status: .ok, body: .init(string: LogExport.markdown(engagement: engagement, entries: dtos)))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "markdown", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "logg-\(engagement.id!.uuidString.lowercased()).md")
        return response
    }
}

enum LogExport {
    static func markdown(engagement: Engagement, entries: [LogEntryDTO]) -> String {
        let iso = ISO8601DateFormatter()
        var lines = ["# \(engagement.title) – logg", ""]
        for e in entries {
            var heading = "## \(e.sequence). \(e.kind) · \(iso.string(from: e.createdAt)) · \(e.author?.name ?? "Lovnad")"
            if let corrects = e.corrects { heading += " · retter \(corrects.uuidString.lowercased())" }
            lines.append(heading)
            if !e.tags.isEmpty { lines.append("Stikkord: \(e.tags.joined(separator: ", "))") }
            lines.append("")
            lines.append(e.body)
            lines.append("")
            lines.append("`sha256 \(e.hash)`")
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }
}
