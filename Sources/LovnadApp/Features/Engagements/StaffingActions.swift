import Fluent
import Vapor
import LovnadCore

/// Staffing a person on a competence profile: the package records who, the team gets them,
/// and they get their onboarding checklist.
enum StaffingActions {
    static func staff(engagementID: UUID, profileID: String, personID: UUID, actor: CurrentUser, app: Application) async throws {
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: app.db)
        guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden() }
        let status = EngagementStatus(rawValue: engagement.status) ?? .lead
        guard !status.isFinal else { throw AppError.conflict("A \(status.rawValue) engagement is not staffed") }
        let state = try await HandoverQueries.state(of: engagementID, on: app.db)
        guard let index = state.package.profiles.firstIndex(where: { $0.id == profileID }) else {
            throw AppError.invalid(["profile_id": .notAnID])
        }
        guard let person = try await Person.query(on: app.db).filter(\.$id == personID).filter(\.$active == true).first() else {
            throw AppError.invalid(["person_id": .unknownPerson])
        }
        var package = state.package
        let profile = package.profiles[index]
        package.profiles[index].staffedPersonId = personID.uuidString
        let now = app.clock.now()
        let content = String(decoding: try HandoverQueries.encoder.encode(package), as: UTF8.self)
        let template = try await OnboardingTemplateItem.query(on: app.db).sort(\.$position).all()
        let members = try await app.db.writeTransaction { db in
            try await HandoverRevision(engagementID: engagementID, number: state.revision + 1, content: content, authorID: actor.id, now: now).create(on: db)
            try await EngagementMember.query(on: db).filter(\.$engagement.$id == engagementID).filter(\.$profileID == profileID).delete()
            try await EngagementMember(engagementID: engagementID, personID: personID, profileID: profileID, role: profile.role,
                                       allocationPercent: profile.allocationPercent, startsOn: profile.start?.description,
                                       endsOn: profile.end?.description, now: now).create(on: db)
            let hasChecklist = try await OnboardingItem.query(on: db).filter(\.$engagement.$id == engagementID)
                .filter(\.$person.$id == personID).count() > 0
            if !hasChecklist {
                for item in template {
                    try await OnboardingItem(engagementID: engagementID, personID: personID, position: item.position, text: item.text).create(on: db)
                }
            }
            try await EngagementLog.append(to: engagementID, kind: .change,
                                           body: "\(person.name) er bemannet som \(profile.role) (\(profile.allocationPercent) %).",
                                           tags: ["staffing"], authorID: actor.id, now: now, on: db)
            return try await ChannelSync.engagement(engagementID, on: db, now: now)
        }
        await app.live.publish(members.map(\.event), app: app)
        await app.events.publish(DomainEvent(type: "engagement.staffed", data: [
            "engagement_id": engagementID.uuidString, "person_id": personID.uuidString], at: now))
    }
}

/// Ticking onboarding items: the person themself, the delivery lead, or their leader.
enum OnboardingActions {
    static func setDone(engagementID: UUID, itemID: UUID, done: Bool, actor: CurrentUser, app: Application) async throws -> OnboardingItem {
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: app.db)
        guard let item = try await OnboardingItem.query(on: app.db).filter(\.$id == itemID)
            .filter(\.$engagement.$id == engagementID).with(\.$person).first() else { throw AppError.notFound() }
        guard item.$person.id == actor.id || engagement.$deliveryLead.id == actor.id || item.person.$leader.id == actor.id || actor.isAdmin else {
            throw AppError.forbidden("Onboarding items are ticked by the person, their leader or the delivery lead")
        }
        guard (item.doneAt != nil) != done else { return item }
        item.doneAt = done ? app.clock.now() : nil
        item.$doneBy.id = done ? actor.id : nil
        try await app.db.writeTransaction { db in try await item.update(on: db) }
        return item
    }
}

/// Writing to the log by hand: any kind but those Lovnad writes itself.
enum LogActions {
    static func post(engagementID: UUID, kind: String, body: String, tags: [String], corrects: UUID?, actor: CurrentUser,
                     app: Application) async throws -> LogEntry {
        _ = try await EngagementAccess.visible(engagementID, user: actor, on: app.db)
        var errors = FieldErrors()
        let parsed = LogKind(rawValue: kind)
        if parsed == nil { errors.add("kind", .unknownKind) } else if parsed == .system || parsed == .handover { errors.add("kind", .reservedKind) }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 20_000 { errors.add("body", .length(min: 1, max: 20_000)) }
        if tags.count > 20 { errors.add("tags", .tooMany(max: 20)) }
        if let corrects, try await LogEntry.query(on: app.db).filter(\.$id == corrects).filter(\.$engagement.$id == engagementID).first() == nil {
            errors.add("corrects", .notInThisLog)
        }
        try errors.throwIfAny()
        let now = app.clock.now()
        let entry = try await app.db.writeTransaction { db in
            try await EngagementLog.append(to: engagementID, kind: parsed!, body: text, tags: tags, corrects: corrects,
                                           authorID: actor.id, now: now, on: db)
        }
        await app.events.publish(DomainEvent(type: "log.appended", data: [
            "engagement_id": engagementID.uuidString, "entry_id": entry.id!.uuidString], at: now))
        return entry
    }
}
