import Fluent
import Vapor
import LovnadCore

/// The onboarding template every newly staffed person's checklist is copied from. Admins edit it;
/// checklists already handed out keep what they got.
enum OnboardingTemplateActions {
    static func replace(with lines: [String], actor: CurrentUser, app: Application) async throws -> [String] {
        guard actor.isAdmin else { throw AppError.forbidden(.refuseTemplateAdmins) }
        let items = lines.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        var errors = FieldErrors()
        if items.isEmpty { errors.add("items", .required) }
        if items.count > 50 { errors.add("items", .tooMany(max: 50)) }
        if items.contains(where: { $0.count > 300 }) { errors.add("items", .tooLong(max: 300)) }
        try errors.throwIfAny()
        try await app.store.write { ctx in
            let db = ctx.db
            try await OnboardingTemplateItem.query(on: db).delete()
            for (i, text) in items.enumerated() { try await OnboardingTemplateItem(position: i + 1, text: text).create(on: db) }
            try await ctx.audit(actorID: actor.id, action: "onboarding.template_changed", target: "\(items.count) items",
                                detail: items.joined(separator: " | "))
        }
        return items
    }

    static func current(on db: any Database) async throws -> [String] {
        try await OnboardingTemplateItem.query(on: db).sort(\.$position).all().map(\.text)
    }
}
