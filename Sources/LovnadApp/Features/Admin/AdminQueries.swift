import Fluent
import Vapor
import LovnadCore

/// What the admin pages and the admin API read: the audit trail, newest first, in keyset pages.
enum AdminQueries {
    static func audit(page: ListPage, on db: any Database) async throws -> ([AuditEntryDTO], String?) {
        let (rows, next) = page.cut(try await AuditEntry.query(on: db).with(\.$actor).keyset(page, by: .date("at"), .descending).all()) {
            ListPage.Position(key: KeysetKey.cursorKey(of: $0.at), id: $0.id!.uuidString)
        }
        let items = rows.map {
            AuditEntryDTO(id: $0.id!, actorId: $0.$actor.id, actorName: $0.actor?.name, action: $0.action,
                          target: $0.target, detail: $0.detail, at: $0.at)
        }
        return (items, next)
    }
}
