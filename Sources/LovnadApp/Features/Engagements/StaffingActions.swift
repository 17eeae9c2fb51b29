import Fluent
import Vapor
import LovnadCore

/// Staffing a person on a competence profile: the package records who, the team gets them,
/// and they get their onboarding checklist.
enum StaffingActions {
    static func staff(engagementID: UUID, profileID: String, personID: UUID, actor: CurrentUser, app: Application) async throws {
        try await app.store.write { ctx in
            try await staff(engagementID: engagementID, profileID: profileID, personID: personID, actor: actor, ctx)
        }
    }

    private static func staff(engagementID: UUID, profileID: String, personID: UUID, actor: CurrentUser, _ ctx: WriteContext) async throws {
        let db = ctx.db
        try await EngagementLog.lock(engagementID, ctx)
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: db)
        guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden() }
        let status = EngagementStatus(rawValue: engagement.status) ?? .lead
        guard !status.isFinal else { throw AppError.conflict(.refuseStaffingClosed) }
        let state = try await HandoverQueries.state(of: engagementID, on: db)
        guard let index = state.package.profiles.firstIndex(where: { $0.id == profileID }) else {
            throw AppError.invalid(["profile_id": .notAnID])
        }
        guard let person = try await Person.query(on: db).filter(\.$id == personID).filter(\.$active == true).first() else {
            throw AppError.invalid(["person_id": .unknownPerson])
        }
        // Those who lose sight of the engagement when someone is replaced hear of it too.
        let before = try await EngagementEvents.audience(of: engagement, on: db)
        var package = state.package
        let profile = package.profiles[index]
        package.profiles[index].staffedPersonId = personID.uuidString
        try await HandoverActions.addRevision(package, to: engagementID, after: state.revision, authorID: actor.id, ctx)
        try await EngagementMember.query(on: db).filter(\.$engagement.$id == engagementID).filter(\.$profileID == profileID).delete()
        try await EngagementMember(engagementID: engagementID, personID: personID, profileID: profileID, role: profile.role,
                                   allocationPercent: profile.allocationPercent, startsOn: profile.start?.description,
                                   endsOn: profile.end?.description, now: ctx.now).create(on: db)
        try await OnboardingActions.startChecklist(engagementID: engagementID, personID: personID, ctx)
        try await ctx.appendLog(to: engagementID, kind: .change,
                                lines: [LogLine(.staffed, ["person": person.name, "role": profile.role,
                                                           "percent": String(profile.allocationPercent)])],
                                tags: ["staffing"], authorID: actor.id)
        try await ChannelSyncActions.engagement(engagementID, ctx)
        if personID != actor.id {
            try await NotificationActions.notify(Notice(personID: personID, kind: "staffed", promiseID: nil, params: [
                "engagement": engagement.title, "role": profile.role, "href": SiteURL.engagement(engagementID).with(anchor: "onboarding")]), ctx)
        }
        try await EngagementEvents.emit(engagement, type: .engagementStaffed,
                                        data: ["person_id": personID.uuidString, "profile_id": profileID], alsoTo: before, ctx)
    }
}
