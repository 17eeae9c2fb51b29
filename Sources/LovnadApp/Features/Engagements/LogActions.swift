import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Writing to the log by hand: any kind but those Lovnad writes itself.
enum LogActions {
    static let maximumBody = 20_000

    static func post(engagementID: UUID, kind: String, body: String, tags: [String], corrects: UUID?, actor: CurrentUser,
                     app: Application) async throws -> LogEntry {
        var errors = FieldErrors()
        let parsed = LogKind(rawValue: kind)
        if parsed == nil { errors.add("kind", .unknownKind) } else if parsed == .system || parsed == .handover { errors.add("kind", .reservedKind) }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty || text.count > maximumBody { errors.add("body", .length(min: 1, max: maximumBody)) }
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
            try await EngagementEvents.emit(engagement, type: .logAppended, data: ["entry_id": entry.id!.uuidString], ctx)
            return entry
        }
    }

    /// Appends inside the caller's write, so an entry is written exactly when the change it records is.
    @discardableResult
    static func append(to engagementID: UUID, kind: LogKind, body: String, lines: [LogLine]? = nil, tags: [String] = [],
                       corrects: UUID? = nil, authorID: UUID?, now: Date, on db: any Database) async throws -> LogEntry {
        try await EngagementLog.lock(engagementID, on: db)
        guard let engagement = try await Engagement.find(engagementID, on: db) else { throw AppError.notFound() }
        // Hashed exactly as stored: nothing a database drops or cuts off at a control character.
        let body = ControlCharacters.removed(from: body)
        let tags = EngagementLog.normalTags(tags.map(ControlCharacters.removed(from:)))
        let stored = lines.map { lines in
            LogLine.stored(lines.map { LogLine($0.key, $0.values.mapValues(ControlCharacters.removed(from:))) })
        }
        let content = LogEntryContent(id: UUID(), engagementID: engagementID, sequence: engagement.logCount + 1, kind: kind,
                                      authorID: authorID, createdAtMilliseconds: EngagementLog.milliseconds(now), body: body, tags: tags,
                                      corrects: corrects, lines: stored)
        let entry = LogEntry()
        entry.id = content.id
        entry.$engagement.id = engagementID
        entry.sequence = content.sequence
        entry.kind = kind.rawValue
        entry.$author.id = authorID
        entry.createdAtMilliseconds = content.createdAtMilliseconds
        entry.body = body
        entry.tags = tags.joined(separator: ",")
        entry.correctsID = corrects
        entry.lines = stored
        entry.hash = LogChain.hash(previous: engagement.logHead, content: content)
        try await entry.create(on: db)
        engagement.logHead = entry.hash
        engagement.logCount = content.sequence
        engagement.updatedAt = now
        try await engagement.update(on: db)
        return entry
    }
}
