import Fluent
import Vapor
import LovnadCore

/// Editing the handover package (a new revision each time) and recording its review.
enum HandoverActions {
    /// The refusal's code when someone saved another revision since the one the editor started from.
    static let savedMeanwhile = "handover_saved_meanwhile"

    /// Saves a new revision. With `basedOn`, the revision the editor started from: when someone saved
    /// another since, nothing is saved and the answer is 409, so neither change is lost unseen.
    static func save(engagementID: UUID, package: HandoverPackage, basedOn: Int? = nil, actor: CurrentUser,
                     app: Application) async throws -> Int {
        try await app.store.write { ctx in
            try await save(engagementID: engagementID, package: package, basedOn: basedOn, actor: actor, ctx)
        }
    }

    private static func save(engagementID: UUID, package: HandoverPackage, basedOn: Int?, actor: CurrentUser,
                             _ ctx: WriteContext) async throws -> Int {
        // Saves of one engagement queue here (PostgreSQL), so each reads the revision the last one wrote.
        try await EngagementLog.lock(engagementID, ctx)
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: ctx.db)
        guard engagement.$salesOwner.id == actor.id || actor.isAdmin else {
            throw AppError.forbidden(.refuseHandoverEditor)
        }
        let status = EngagementStatus(rawValue: engagement.status) ?? .lead
        guard status == .won || status == .handover else {
            throw AppError.conflict(.refuseHandoverStatus)
        }
        let issues = package.validationIssues(latestToday: .latestToday(ctx.now))
        if !issues.isEmpty { throw AppError.invalid(issues) }
        let state = try await HandoverQueries.state(of: engagementID, on: ctx.db)
        if let basedOn, basedOn != state.revision {
            throw AppError(status: .conflict, code: savedMeanwhile,
                           message: "The handover package was saved as version \(state.revision) after version \(basedOn) you edited; fetch it again and resend")
        }
        // Staffing is done through staffing, which also keeps the team, and promises through the ledger:
        // an edit keeps who is staffed and which expectation became which promise.
        var incoming = package
        for i in incoming.profiles.indices {
            incoming.profiles[i].staffedPersonId = state.package.profiles.first { $0.id == incoming.profiles[i].id }?.staffedPersonId
        }
        for i in incoming.expectations.indices {
            incoming.expectations[i].promiseId = state.package.expectations.first { $0.id == incoming.expectations[i].id }?.promiseId
        }
        let changed = incoming.changedSections(since: state.package)
        guard !changed.isEmpty else { return state.revision }
        let number = try await addRevision(incoming, to: engagementID, after: state.revision, authorID: actor.id, ctx)
        try await removeUnstaffedProfiles(engagementID: engagementID, package: incoming, on: ctx.db)
        try await ctx.appendLog(to: engagementID, kind: .handover,
                                lines: [LogLine(.handoverSaved, ["revision": String(number),
                                                                 "sections": changed.map(\.rawValue).joined(separator: ",")])],
                                tags: ["handover"], authorID: actor.id)
        try await EngagementEvents.emit(engagement, type: .handoverSaved, data: ["revision": String(number)], ctx)
        return number
    }

    /// Stores the package as the next revision; also used when an expectation becomes a promise.
    @discardableResult
    static func addRevision(_ package: HandoverPackage, to engagementID: UUID, after revision: Int, authorID: UUID?,
                            _ ctx: WriteContext) async throws -> Int {
        let content = String(decoding: try HandoverQueries.encoder.encode(package), as: UTF8.self)
        try await HandoverRevision(engagementID: engagementID, number: revision + 1, content: content, authorID: authorID, now: ctx.now)
            .create(on: ctx.db)
        try await keepSkills(of: package, engagementID: engagementID, on: ctx.db)
        return revision + 1
    }

    /// The engagement's skills follow its latest revision's profiles (routing counts experience by them).
    private static func keepSkills(of package: HandoverPackage, engagementID: UUID, on db: any Database) async throws {
        let wanted = EngagementSkill.skillIDs(of: package, in: try await SkillLookup.index(of: package.profiles.flatMap(\.requirements).map(\.skill), on: db))
        let stored = try await EngagementSkill.query(on: db).filter(\.$engagement.$id == engagementID).all()
        for row in stored where !wanted.contains(row.$skill.id) { try await row.delete(on: db) }
        for id in wanted where !stored.contains(where: { $0.$skill.id == id }) {
            try await EngagementSkill(engagementID: engagementID, skillID: id).create(on: db)
        }
    }

    /// Team members whose profile was removed from the package leave the team.
    private static func removeUnstaffedProfiles(engagementID: UUID, package: HandoverPackage, on db: any Database) async throws {
        let kept = Set(package.profiles.map(\.id))
        let members = try await EngagementMember.query(on: db).filter(\.$engagement.$id == engagementID).all()
        for m in members where !kept.contains(m.profileID) { try await m.delete(on: db) }
    }

    struct Review {
        var heldOn: String?
        var participants: String
        var notes: String
        var signOff: Bool
    }

    static func review(engagementID: UUID, _ review: Review, actor: CurrentUser, app: Application) async throws -> HandoverReview {
        try await app.store.write { ctx in try await self.review(engagementID: engagementID, review, actor: actor, ctx) }
    }

    private static func review(engagementID: UUID, _ review: Review, actor: CurrentUser, _ ctx: WriteContext) async throws -> HandoverReview {
        try await EngagementLog.lock(engagementID, ctx)
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: ctx.db)
        guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden() }
        var errors = FieldErrors()
        let heldOn = review.heldOn.flatMap(Day.init)
        if heldOn == nil { errors.add("held_on", review.heldOn == nil ? .required : .notADate) }
        else if heldOn! > .latestToday(ctx.now) { errors.add("held_on", .dateInFuture) }
        if review.participants.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("participants", .required) }
        try errors.throwIfAny()
        if review.signOff, engagement.$deliveryLead.id != actor.id {
            throw AppError.forbidden(.refuseSignOff)
        }
        let status = EngagementStatus(rawValue: engagement.status) ?? .lead
        guard status == .won || status == .handover else {
            throw AppError.conflict(.refuseReviewStatus)
        }
        let state = try await HandoverQueries.state(of: engagementID, on: ctx.db)
        let now = ctx.now
        do {
            let db = ctx.db
            let record = HandoverReview(engagementID: engagementID, revisionNumber: state.revision, heldOn: heldOn!.description,
                                        participants: review.participants, notes: review.notes,
                                        signedOffByID: review.signOff ? actor.id : nil, recordedByID: actor.id, now: now)
            try await record.create(on: db)
            var lines = [LogLine(.handoverReviewed, ["held_on": heldOn!.description, "revision": String(state.revision),
                                                     "participants": review.participants])]
            if !review.notes.isEmpty { lines.append(LogLine(.note, ["text": review.notes])) }
            if review.signOff { lines.append(LogLine(.handoverSignedOff)) }
            try await ctx.appendLog(to: engagementID, kind: .handover, lines: lines,
                                    tags: review.signOff ? ["handover", "signed-off"] : ["handover"], authorID: actor.id)
            try await EngagementEvents.emit(engagement, type: .handoverReviewed,
                                            data: ["revision": String(state.revision), "signed_off": String(review.signOff)], ctx)
            return record
        }
    }
}
