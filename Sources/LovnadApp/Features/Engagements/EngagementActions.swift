import Fluent
import Vapor
import LovnadCore

/// Creating engagements and moving them through their life. Every step writes to the log.
enum EngagementActions {
    struct NewEngagement {
        var title: String
        var customerID: UUID?
        var salesOwnerID: UUID?
        var deliveryLeadID: UUID?
    }

    static func create(_ new: NewEngagement, actor: CurrentUser, app: Application) async throws -> Engagement {
        try await app.store.write { ctx in try await create(new, actor: actor, ctx) }
    }

    private static func create(_ new: NewEngagement, actor: CurrentUser, _ ctx: WriteContext) async throws -> Engagement {
        let db = ctx.db
        guard actor.isAdmin || actor.has(.sales) || actor.has(.leader) else {
            throw AppError.forbidden(.refuseEngagementCreators)
        }
        var errors = FieldErrors()
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 { errors.add("title", .length(min: 1, max: 200)) }
        if let id = new.customerID {
            if try await Customer.find(id, on: db) == nil { errors.add("customer_id", .notAnID) }
        } else {
            errors.add("customer_id", .required)
        }
        let salesOwnerID = new.salesOwnerID ?? actor.id
        if try await Person.query(on: db).filter(\.$id == salesOwnerID).filter(\.$active == true).first() == nil {
            errors.add("sales_owner_id", .unknownPerson)
        }
        if let lead = new.deliveryLeadID, try await Person.query(on: db).filter(\.$id == lead).filter(\.$active == true).first() == nil {
            errors.add("delivery_lead_id", .unknownPerson)
        }
        try errors.throwIfAny()
        let e = Engagement(title: title, customerID: new.customerID!, salesOwnerID: salesOwnerID, deliveryLeadID: new.deliveryLeadID,
                           status: EngagementStatus.lead.rawValue, logHead: LogChain.genesis, now: ctx.now)
        try await e.create(on: db)
        try await ctx.appendLog(to: e.id!, kind: .system, lines: [LogLine(.engagementCreated, ["title": title])], authorID: actor.id)
        try await ChannelSyncActions.engagement(e.id!, ctx)
        try await EngagementEvents.emit(e, type: .engagementCreated, ctx)
        return e
    }

    /// Sets or changes the delivery lead (sales owner, leaders, admins).
    static func setDeliveryLead(engagementID: UUID, personID: UUID, actor: CurrentUser, app: Application) async throws {
        try await app.store.write { ctx in
            let db = ctx.db
            try await EngagementLog.lock(engagementID, ctx)
            let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: db)
            guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden() }
            guard let person = try await Person.query(on: db).filter(\.$id == personID).filter(\.$active == true).first() else {
                throw AppError.invalid(["delivery_lead_id": .unknownPerson])
            }
            // Those who lose sight of the engagement with the change hear of it too.
            let before = try await EngagementEvents.audience(of: engagement, on: db)
            engagement.$deliveryLead.id = personID
            engagement.updatedAt = ctx.now
            try await engagement.update(on: db)
            try await ctx.appendLog(to: engagementID, kind: .change, lines: [LogLine(.deliveryLeadSet, ["person": person.name])],
                                    authorID: actor.id)
            try await ChannelSyncActions.engagement(engagementID, ctx)
            if engagement.status == EngagementStatus.handover.rawValue { try await askForSignOff(engagement, actor: actor, ctx) }
            try await EngagementEvents.emit(engagement, type: .engagementUpdated, data: ["delivery_lead_id": personID.uuidString],
                                            alsoTo: before, ctx)
        }
    }

    /// Moves the engagement one step. The rule is `EngagementTransitions` in core; a refusal names what is missing.
    static func transition(engagementID: UUID, to target: EngagementStatus, reason: String?, overrideReason: String?,
                           actor: CurrentUser, app: Application) async throws -> Engagement {
        try await app.store.write { ctx in
            try await transition(engagementID: engagementID, to: target, reason: reason, overrideReason: overrideReason, actor: actor, ctx)
        }
    }

    private static func transition(engagementID: UUID, to target: EngagementStatus, reason: String?, overrideReason: String?,
                                   actor: CurrentUser, _ ctx: WriteContext) async throws -> Engagement {
        let db = ctx.db
        // Steps of one engagement queue here (PostgreSQL), so each checks the status the last one left.
        try await EngagementLog.lock(engagementID, ctx)
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: db)
        guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden(.refuseEngagementSteerers) }
        if overrideReason != nil, !(actor.has(.leader) || actor.isAdmin) {
            throw AppError.forbidden(.refuseOverride)
        }
        let from = EngagementStatus(rawValue: engagement.status) ?? .lead
        var facts = TransitionFacts(hasDeliveryLead: engagement.$deliveryLead.id != nil, overrideReason: overrideReason, reason: reason)
        if target == .delivery {
            let state = try await HandoverQueries.state(of: engagementID, on: db)
            facts.unmetReadiness = Readiness.unmet(state.package)
            facts.reviewSignedOff = state.signedOffCurrent
        }
        if let refusal = EngagementTransitions.refusal(from: from, to: target, facts: facts) {
            switch refusal {
            case .notAllowed(let from, let to):
                throw AppError(status: .conflict, code: "transition_not_allowed", message: "An engagement cannot go from \(from.rawValue) to \(to.rawValue)",
                               refusal: .refuseTransition)
            case .missing(let items):
                var error = AppError(status: .conflict, code: "transition_blocked", message: "Missing before \(target.rawValue): \(items.joined(separator: ", "))")
                error.missing = items
                throw error
            }
        }
        let checked = facts
        engagement.status = target.rawValue
        engagement.updatedAt = ctx.now
        try await engagement.update(on: db)
        var lines = [LogLine(.statusChanged, ["from": from.rawValue, "to": target.rawValue])]
        if let reason, !reason.isEmpty { lines.append(LogLine(.reason, ["text": reason])) }
        if let overrideReason, !overrideReason.isEmpty {
            lines.append(LogLine(.overridden, ["unmet": checked.unmetReadiness.joined(separator: ","),
                                               "signed": String(checked.reviewSignedOff), "text": overrideReason]))
        }
        try await ctx.appendLog(to: engagementID, kind: target == .delivery || target == .handover ? .handover : .system,
                                lines: lines, tags: overrideReason == nil ? [] : ["override"], authorID: actor.id)
        if target == .handover { try await askForSignOff(engagement, actor: actor, ctx) }
        if target.isFinal { try await KnowledgeActions.engagementEnded(engagementID, ctx) }
        try await EngagementEvents.emit(engagement, type: .engagementTransitioned, data: ["from": from.rawValue, "to": target.rawValue], ctx)
        return engagement
    }

    /// The delivery lead of an engagement in handover hears that the handover waits for their sign-off.
    private static func askForSignOff(_ engagement: Engagement, actor: CurrentUser, _ ctx: WriteContext) async throws {
        guard let lead = engagement.$deliveryLead.id, lead != actor.id else { return }
        try await NotificationActions.notify(Notice(personID: lead, kind: "sign_off", promiseID: nil, params: [
            "engagement": engagement.title, "href": SiteURL.engagement(engagement.id!).with(anchor: "readiness")]), ctx)
    }
}
