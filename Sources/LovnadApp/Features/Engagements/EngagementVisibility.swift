import Fluent
import FluentSQL
import SQLKit
import Vapor
import LovnadCore

/// `EngagementAccess`'s rule as SQL, so lists and single reads ask the database which engagements a
/// user may see instead of loading every engagement with its people: those whose sales owner, delivery
/// lead or a team member is the user, someone the user leads directly, or (for a leader) someone in
/// the user's department. Admins see all.
enum EngagementVisibility {
    /// The people through whom the user sees engagements.
    static func lens(_ user: CurrentUser) -> SQLQueryString {
        if user.has(.leader), let department = user.person.$department.id {
            return "SELECT id FROM people WHERE id = \(bind: user.id) OR leader_id = \(bind: user.id) OR department_id = \(bind: department)"
        }
        return "SELECT id FROM people WHERE id = \(bind: user.id) OR leader_id = \(bind: user.id)"
    }

    /// The ids of the engagements the user may see, as a subquery; nil for admins, who see every one.
    static func ids(_ user: CurrentUser) -> SQLQueryString? {
        guard !user.isAdmin else { return nil }
        let people = lens(user)
        return """
            SELECT id FROM engagements WHERE sales_owner_id IN (\(people)) OR delivery_lead_id IN (\(people)) \
            UNION SELECT engagement_id FROM engagement_members WHERE person_id IN (\(people))
            """
    }

    /// `column IN (visible engagement ids)`, or nothing for admins.
    static func predicate(_ column: SQLQueryString, _ user: CurrentUser) -> SQLQueryString? {
        ids(user).map { "\(column) IN (\($0))" }
    }

    /// Narrows an engagement query to what the user may see.
    @discardableResult
    static func restrict(_ query: QueryBuilder<Engagement>, to user: CurrentUser) -> QueryBuilder<Engagement> {
        guard let predicate = predicate("\(ident: Engagement.schema).\(ident: "id")", user) else { return query }
        return query.filter(sql: predicate)
    }

    /// Whether the user may see the engagement, asked as one count (no engagement with its people and
    /// customer loaded only to be dropped).
    static func canSee(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> Bool {
        try await restrict(Engagement.query(on: db).filter(\.$id == id), to: user).count() > 0
    }

    /// Narrows an engagement query to those the user is on themself.
    @discardableResult
    static func onlyOnes(_ query: QueryBuilder<Engagement>, on user: CurrentUser) -> QueryBuilder<Engagement> {
        query.filter(sql: """
            \(ident: Engagement.schema).\(ident: "id") IN (SELECT id FROM engagements WHERE sales_owner_id = \(bind: user.id) \
            OR delivery_lead_id = \(bind: user.id) UNION SELECT engagement_id FROM engagement_members WHERE person_id = \(bind: user.id))
            """)
    }

    /// The engagements among `ids` the user is on (sales owner, delivery lead, team).
    static func onThem(_ ids: [UUID], user: CurrentUser, on db: any Database) async throws -> Set<UUID> {
        guard !ids.isEmpty else { return [] }
        let owned = try await Engagement.query(on: db).filter(\.$id ~~ ids)
            .group(.or) { $0.filter(\.$salesOwner.$id == user.id).filter(\.$deliveryLead.$id == user.id) }.all(\.$id)
        let staffed = try await EngagementMember.query(on: db).filter(\.$engagement.$id ~~ ids).filter(\.$person.$id == user.id)
            .all().map { $0.$engagement.id }
        return Set(owned + staffed)
    }
}
