import Fluent
import Vapor
import LovnadCore

/// Turning a handover expectation or a log entry into a promise in one step, with owner, engagement,
/// receiver (the engagement's customer) and due date filled in.
enum PromiseSourcing {
    /// The due date offered for an expectation: the end of the handover timeline, else its last milestone.
    static func suggestedDue(_ package: HandoverPackage) -> Day? {
        package.timeline.end ?? package.timeline.milestones.map(\.date).max()
    }

    /// Who an engagement's promise is offered to: the delivery lead, else the sales owner.
    static func suggestedOwner(_ engagement: Engagement) -> UUID {
        engagement.$deliveryLead.id ?? engagement.$salesOwner.id
    }

    /// One write: the check that the expectation is not yet a promise and the promise it becomes
    /// commit together, so a double click makes one.
    static func fromExpectation(engagementID: UUID, expectationID: String, due: String?, ownerID: UUID?,
                                actor: CurrentUser, app: Application) async throws -> Promise {
        try await app.store.write { ctx in
            try await fromExpectation(engagementID: engagementID, expectationID: expectationID, due: due, ownerID: ownerID, actor: actor, ctx)
        }
    }

    private static func fromExpectation(engagementID: UUID, expectationID: String, due: String?, ownerID: UUID?,
                                        actor: CurrentUser, _ ctx: WriteContext) async throws -> Promise {
        let app = ctx.app
        try await EngagementLog.lock(engagementID, ctx)
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: ctx.db)
        guard EngagementAccess.canSteer(engagement, user: actor) else {
            throw AppError.forbidden(.refuseExpectationToPromise)
        }
        let state = try await HandoverQueries.state(of: engagementID, on: ctx.db)
        guard let expectation = state.package.expectations.first(where: { $0.id == expectationID }) else {
            throw AppError.notFound("No such expectation in the handover package")
        }
        if expectation.promiseId != nil { throw AppError.conflict(.refuseExpectationPromised) }
        let revision = state.revision
        let package = state.package
        let promises = try await PromiseActions.make(.init(
            text: expectation.text, due: due ?? suggestedDue(package)?.description, receiverKind: PromiseReceiverKind.customer.rawValue,
            receiverID: engagement.$customer.id, engagementID: engagementID, source: PromiseSource.handover.rawValue,
            sourceRef: expectationID, ownerID: ownerID ?? suggestedOwner(engagement)), actor: actor, app: app) { ctx, made in
            var linked = package
            if let i = linked.expectations.firstIndex(where: { $0.id == expectationID }) {
                linked.expectations[i].promiseId = made[0].id!.uuidString
            }
            try await HandoverActions.addRevision(linked, to: engagementID, after: revision, authorID: actor.id, ctx)
        }
        return promises[0]
    }

    static func fromLogEntry(engagementID: UUID, entryID: UUID, text: String?, due: String?, ownerID: UUID?,
                             actor: CurrentUser, app: Application) async throws -> Promise {
        try await app.store.write { ctx in
            try await fromLogEntry(engagementID: engagementID, entryID: entryID, text: text, due: due, ownerID: ownerID, actor: actor, ctx)
        }
    }

    private static func fromLogEntry(engagementID: UUID, entryID: UUID, text: String?, due: String?, ownerID: UUID?,
                                     actor: CurrentUser, _ ctx: WriteContext) async throws -> Promise {
        let app = ctx.app
        try await EngagementLog.lock(engagementID, ctx)
        let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: ctx.db)
        guard let entry = try await LogEntry.query(on: ctx.db).filter(\.$id == entryID)
            .filter(\.$engagement.$id == engagementID).first() else {
            throw AppError.notFound("No such entry in this engagement's log")
        }
        if try await Promise.query(on: ctx.db).filter(\.$source == PromiseSource.logEntry.rawValue)
            .filter(\.$sourceRef == entryID.uuidString).first() != nil {
            throw AppError.conflict(.refuseLogEntryPromised)
        }
        let locale = actor.person.chosenLocale ?? app.settings.defaultLocale
        let body = String(EngagementLog.text(of: entry, in: locale).prefix(PromiseActions.maximumText))
        let promises = try await PromiseActions.make(.init(
            text: text ?? body, due: due, receiverKind: PromiseReceiverKind.customer.rawValue, receiverID: engagement.$customer.id,
            engagementID: engagementID, source: PromiseSource.logEntry.rawValue, sourceRef: entryID.uuidString,
            ownerID: ownerID), actor: actor, app: app)
        return promises[0]
    }
}
