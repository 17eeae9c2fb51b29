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
        guard actor.isAdmin || actor.has(.sales) || actor.has(.leader) else {
            throw AppError.forbidden("Engagements are created by sales, leaders and admins")
        }
        var errors = FieldErrors()
        let title = new.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 { errors.add("title", .length(min: 1, max: 200)) }
        if let id = new.customerID {
            if try await Customer.find(id, on: app.db) == nil { errors.add("customer_id", .notAnID) }
        } else {
            errors.add("customer_id", .required)
        }
        let salesOwnerID = new.salesOwnerID ?? actor.id
        if try await Person.query(on: app.db).filter(\.$id == salesOwnerID).filter(\.$active == true).first() == nil {
            errors.add("sales_owner_id", .unknownPerson)
        }
        if let lead = new.deliveryLeadID, try await Person.query(on: app.db).filter(\.$id == lead).filter(\.$active == true).first() == nil {
            errors.add("delivery_lead_id", .unknownPerson)
        }
        try errors.throwIfAny()
        let now = app.clock.now()
        let (engagement, members) = try await app.db.writeTransaction { db -> (Engagement, [ChannelMembershipChange]) in
            let e = Engagement(title: title, customerID: new.customerID!, salesOwnerID: salesOwnerID, deliveryLeadID: new.deliveryLeadID,
                               status: EngagementStatus.lead.rawValue, logHead: LogChain.genesis, now: now)
            try await e.create(on: db)
            try await EngagementLog.append(to: e.id!, kind: .system, body: "Oppdraget «\(title)» er opprettet som lead.",
                                           authorID: actor.id, now: now, on: db)
            return (e, try await ChannelSync.engagement(e.id!, on: db, now: now))
        }
        await app.live.publish(members.map(\.event), app: app)
        await app.events.publish(DomainEvent(type: "engagement.created", data: ["engagement_id": engagement.id!.uuidString], at: now))
        return engagement
    }

    /// Sets or changes the delivery lead (sales owner, leaders, admins).
    static func setDeliveryLead(engagementID: UUID, personID: UUID, actor: CurrentUser, app: Application) async throws {
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: app.db)
        guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden() }
        guard let person = try await Person.query(on: app.db).filter(\.$id == personID).filter(\.$active == true).first() else {
            throw AppError.invalid(["delivery_lead_id": .unknownPerson])
        }
        let now = app.clock.now()
        let members = try await app.db.writeTransaction { db in
            engagement.$deliveryLead.id = personID
            engagement.updatedAt = now
            try await engagement.update(on: db)
            try await EngagementLog.append(to: engagementID, kind: .change, body: "Leveranseansvarlig er nå \(person.name).",
                                           authorID: actor.id, now: now, on: db)
            return try await ChannelSync.engagement(engagementID, on: db, now: now)
        }
        await app.live.publish(members.map(\.event), app: app)
    }

    /// Moves the engagement one step. The rule is `EngagementTransitions` in core; a refusal names what is missing.
    static func transition(engagementID: UUID, to target: EngagementStatus, reason: String?, overrideReason: String?,
                           actor: CurrentUser, app: Application) async throws -> Engagement {
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: app.db)
        guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden("Only the sales owner, delivery lead, leaders and admins move an engagement") }
        if overrideReason != nil, !(actor.has(.leader) || actor.isAdmin) {
            throw AppError.forbidden("Only a leader may override the handover checklist")
        }
        let from = EngagementStatus(rawValue: engagement.status) ?? .lead
        var facts = TransitionFacts(hasDeliveryLead: engagement.$deliveryLead.id != nil, overrideReason: overrideReason, reason: reason)
        if target == .delivery {
            let state = try await HandoverQueries.state(of: engagementID, on: app.db)
            facts.unmetReadiness = Readiness.unmet(state.package)
            facts.reviewSignedOff = state.signedOffCurrent
        }
        if let refusal = EngagementTransitions.refusal(from: from, to: target, facts: facts) {
            switch refusal {
            case .notAllowed(let from, let to):
                throw AppError(status: .conflict, code: "transition_not_allowed", message: "An engagement cannot go from \(from.rawValue) to \(to.rawValue)")
            case .missing(let items):
                var error = AppError(status: .conflict, code: "transition_blocked", message: "Missing before \(target.rawValue): \(items.joined(separator: ", "))")
                error.missing = items
                throw error
            }
        }
        let now = app.clock.now()
        let checked = facts
        try await app.db.writeTransaction { db in
            engagement.status = target.rawValue
            engagement.updatedAt = now
            try await engagement.update(on: db)
            var body = "Status endret fra \(from.rawValue) til \(target.rawValue)."
            if let reason, !reason.isEmpty { body += "\n\nBegrunnelse: \(reason)" }
            if let overrideReason, !overrideReason.isEmpty {
                body += "\n\n**Overstyrt av leder** (sjekklisten var ikke oppfylt: \(checked.unmetReadiness.joined(separator: ", "))\(checked.reviewSignedOff ? "" : ", ikke signert")). Begrunnelse: \(overrideReason)"
            }
            try await EngagementLog.append(to: engagementID, kind: target == .delivery || target == .handover ? .handover : .system,
                                           body: body, tags: overrideReason == nil ? [] : ["override"], authorID: actor.id, now: now, on: db)
        }
        await app.events.publish(DomainEvent(type: "engagement.transitioned", data: [
            "engagement_id": engagementID.uuidString, "from": from.rawValue, "to": target.rawValue], at: now))
        return engagement
    }
}
