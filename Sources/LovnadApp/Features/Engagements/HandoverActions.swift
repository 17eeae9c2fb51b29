import Fluent
import Vapor
import LovnadCore

enum HandoverQueries {
    struct State {
        let package: HandoverPackage
        let revision: Int
        let lastReview: HandoverReview?
        /// The package as it was at the last review, to show what changed since.
        let reviewedPackage: HandoverPackage?

        /// Signed off by the delivery lead, on the revision that is current.
        var signedOffCurrent: Bool {
            guard let review = lastReview else { return false }
            return review.$signedOffBy.id != nil && review.revisionNumber == revision
        }
    }

    static let decoder: JSONDecoder = {
        let d = JSONDecoder()
        d.keyDecodingStrategy = .convertFromSnakeCase
        return d
    }()

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = .sortedKeys
        return e
    }()

    static func package(_ revision: HandoverRevision?) throws -> HandoverPackage {
        guard let revision else { return HandoverPackage() }
        return try decoder.decode(HandoverPackage.self, from: Data(revision.content.utf8))
    }

    static func state(of engagementID: UUID, on db: any Database) async throws -> State {
        let current = try await HandoverRevision.query(on: db).filter(\.$engagement.$id == engagementID).sort(\.$number, .descending).first()
        let review = try await HandoverReview.query(on: db).filter(\.$engagement.$id == engagementID).sort(\.$createdAt, .descending).first()
        var reviewed: HandoverPackage?
        if let review {
            let at = try await HandoverRevision.query(on: db).filter(\.$engagement.$id == engagementID)
                .filter(\.$number == review.revisionNumber).first()
            reviewed = try package(at)
        }
        return State(package: try package(current), revision: current?.number ?? 0, lastReview: review, reviewedPackage: reviewed)
    }
}

/// Editing the handover package (a new revision each time) and recording its review.
enum HandoverActions {
    static func save(engagementID: UUID, package: HandoverPackage, actor: CurrentUser, app: Application) async throws -> Int {
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: app.db)
        guard engagement.$salesOwner.id == actor.id || actor.isAdmin else {
            throw AppError.forbidden("The handover package is edited by the engagement's sales owner")
        }
        let status = EngagementStatus(rawValue: engagement.status) ?? .lead
        guard status == .won || status == .handover else {
            throw AppError.conflict("The handover package can be edited while the engagement is won or in handover, not \(status.rawValue)")
        }
        let issues = package.validationIssues()
        if !issues.isEmpty { throw AppError.invalid(issues) }
        let state = try await HandoverQueries.state(of: engagementID, on: app.db)
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
        let now = app.clock.now()
        let content = String(decoding: try HandoverQueries.encoder.encode(incoming), as: UTF8.self)
        let number = state.revision + 1
        let saved = incoming
        try await app.db.writeTransaction { db in
            try await HandoverRevision(engagementID: engagementID, number: number, content: content, authorID: actor.id, now: now).create(on: db)
            try await removeUnstaffedProfiles(engagementID: engagementID, package: saved, on: db)
            try await EngagementLog.append(to: engagementID, kind: .handover,
                                           body: "Overleveringspakken er endret (versjon \(number)): \(changed.map(\.rawValue).joined(separator: ", ")).",
                                           tags: ["handover"], authorID: actor.id, now: now, on: db)
        }
        return number
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
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: app.db)
        guard EngagementAccess.canSteer(engagement, user: actor) else { throw AppError.forbidden() }
        var errors = FieldErrors()
        let heldOn = review.heldOn.flatMap(Day.init)
        if heldOn == nil { errors.add("held_on", review.heldOn == nil ? .required : .notADate) }
        if review.participants.trimmingCharacters(in: .whitespaces).isEmpty { errors.add("participants", .required) }
        try errors.throwIfAny()
        if review.signOff, engagement.$deliveryLead.id != actor.id {
            throw AppError.forbidden("Only the delivery lead signs off the handover")
        }
        let status = EngagementStatus(rawValue: engagement.status) ?? .lead
        guard status == .won || status == .handover else {
            throw AppError.conflict("A handover review belongs to an engagement that is won or in handover")
        }
        let state = try await HandoverQueries.state(of: engagementID, on: app.db)
        let now = app.clock.now()
        return try await app.db.writeTransaction { db -> HandoverReview in
            let record = HandoverReview(engagementID: engagementID, revisionNumber: state.revision, heldOn: heldOn!.description,
                                        participants: review.participants, notes: review.notes,
                                        signedOffByID: review.signOff ? actor.id : nil, recordedByID: actor.id, now: now)
            try await record.create(on: db)
            var body = "Overleveringsmøte \(heldOn!) om versjon \(state.revision). Deltakere: \(review.participants)."
            if !review.notes.isEmpty { body += "\n\n\(review.notes)" }
            if review.signOff { body += "\n\n**Signert av leveranseansvarlig.**" }
            try await EngagementLog.append(to: engagementID, kind: .handover, body: body, tags: review.signOff ? ["handover", "signed-off"] : ["handover"],
                                           authorID: actor.id, now: now, on: db)
            return record
        }
    }
}
