import Fluent
import Vapor
import LovnadCore

/// Writing to the log by hand: any kind but those Lovnad writes itself.
enum LogActions {
    static func post(engagementID: UUID, kind: String, body: String, tags: [String], corrects: UUID?, actor: CurrentUser,
                     app: Application) async throws -> LogEntry {
        var errors = FieldErrors()
        let parsed = LogKind(rawValue: kind)
        if parsed == nil { errors.add("kind", .unknownKind) } else if parsed == .system || parsed == .handover { errors.add("kind", .reservedKind) }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > 20_000 { errors.add("body", .length(min: 1, max: 20_000)) }
        if tags.count > 20 { errors.add("tags", .tooMany(max: 20)) }
        let checked = errors
        return try await app.store.write { ctx in
            var errors = checked
            let engagement = try await EngagementAccess.visible(engagementID, user: actor, on: ctx.db)
            if let corrects, try await LogEntry.query(on: ctx.db).filter(\.$id == corrects).filter(\.$engagement.$id == engagementID).first() == nil {
                errors.add("corrects", .notInThisLog)
            }
            try errors.throwIfAny()
            let entry = try await ctx.appendLog(to: engagementID, kind: parsed!, body: text, tags: tags, corrects: corrects, authorID: actor.id)
            try await EngagementEvents.emit(engagement, type: "log.appended", data: ["entry_id": entry.id!.uuidString], ctx)
            return entry
        }
    }
}
