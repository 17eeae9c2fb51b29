import Fluent
import Vapor
import LovnadCore

/// Onboarding checklists: made from the template when someone is staffed; items ticked by the person
/// themself, the delivery lead, or their leader.
enum OnboardingActions {
    /// The template's items for a person new on the engagement (someone staffed again keeps theirs).
    static func startChecklist(engagementID: UUID, personID: UUID, _ ctx: WriteContext) async throws {
        let hasChecklist = try await OnboardingItem.query(on: ctx.db).filter(\.$engagement.$id == engagementID)
            .filter(\.$person.$id == personID).count() > 0
        guard !hasChecklist else { return }
        for item in try await OnboardingTemplateItem.query(on: ctx.db).sort(\.$position).all() {
            try await OnboardingItem(engagementID: engagementID, personID: personID, position: item.position, text: item.text).create(on: ctx.db)
        }
    }

    static func setDone(engagementID: UUID, itemID: UUID, done: Bool, actor: CurrentUser, app: Application) async throws -> OnboardingItem {
        try await app.store.write { ctx in
            let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: ctx.db)
            guard let item = try await OnboardingItem.query(on: ctx.db).filter(\.$id == itemID)
                .filter(\.$engagement.$id == engagementID).with(\.$person).first() else { throw AppError.notFound() }
            guard item.$person.id == actor.id || engagement.$deliveryLead.id == actor.id || item.person.$leader.id == actor.id || actor.isAdmin else {
                throw AppError.forbidden(.refuseOnboardingTick)
            }
            guard (item.doneAt != nil) != done else { return item }
            item.doneAt = done ? ctx.now : nil
            item.$doneBy.id = done ? actor.id : nil
            try await item.update(on: ctx.db)
            try await EngagementEvents.emit(engagement, type: .onboardingTicked, data: [
                "item_id": itemID.uuidString, "person_id": item.$person.id.uuidString, "done": String(done)], ctx)
            return item
        }
    }
}
