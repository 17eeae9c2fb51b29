import Fluent
import Foundation

/// Admin actions write here inside their own transaction.
enum Audit {
    static func record(actorID: UUID?, action: String, target: String, detail: String = "", on db: any Database, at: Date) async throws {
        try await AuditEntry(actorID: actorID, action: action, target: target, detail: detail, at: at).create(on: db)
    }
}
