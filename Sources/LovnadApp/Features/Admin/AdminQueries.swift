import Fluent
import FluentSQL
import Vapor
import LovnadCore

/// What the admin pages and the admin API read: the audit trail, newest first, in keyset pages.
enum AdminQueries {
    struct UserFilter {
        enum Standing: String, CaseIterable { case active, deactivated, all }
        var text: String?
        var standing: Standing = .active
    }

    /// The admin's user list: by name, a page at a time, matching part of a name or an e-mail address.
    static func users(_ filter: UserFilter, page: ListPage, on db: any Database) async throws -> (rows: [Person], next: String?) {
        let query = Person.query(on: db).with(\.$department)
        switch filter.standing {
        case .active: query.filter(\.$active == true)
        case .deactivated: query.filter(\.$active == false)
        case .all: break
        }
        if let text = filter.text?.trimmingCharacters(in: .whitespaces).lowercased(), !text.isEmpty {
            let part = String(text.prefix(100))
            query.filter(sql: "\(SQLLike.contains(column: "name_key", part)) OR \(SQLLike.contains(column: "email", part))")
        }
        return page.cut(try await query.keyset(page, by: .text("name_key"), .ascending).all()) {
            ListPage.Position(key: $0.nameKey, id: $0.id!.uuidString)
        }
    }

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
