import Fluent
import Vapor
import LovnadCore

/// Who may see an engagement: its sales owner, delivery lead and team, their leaders (direct, or a
/// leader of their department) and admins. Everyone else gets 404. The one place this is decided:
/// `canSee` in memory (for those a change concerns) and `EngagementVisibility` as SQL (for reads);
/// a test holds the two to the same answers.
enum EngagementAccess {
    struct Participants {
        var ids: Set<UUID>
        var leaderIDs: Set<UUID>
        var departmentIDs: Set<UUID>
        /// Those of `ids` who are active (the rest may not sign in).
        var activeIDs: Set<UUID>
    }

    static func participants(of engagements: [Engagement], on db: any Database) async throws -> [UUID: Participants] {
        let ids = engagements.compactMap(\.id)
        let members = ids.isEmpty ? [] : try await EngagementMember.query(on: db).filter(\.$engagement.$id ~~ ids).all()
        var byEngagement: [UUID: Set<UUID>] = [:]
        for e in engagements {
            byEngagement[e.id!] = Set([e.$salesOwner.id] + (e.$deliveryLead.id.map { [$0] } ?? []))
        }
        for m in members { byEngagement[m.$engagement.id, default: []].insert(m.$person.id) }
        let everyone = Set(byEngagement.values.flatMap { $0 })
        let people = everyone.isEmpty ? [] : try await Person.query(on: db).filter(\.$id ~~ Array(everyone)).all()
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
        return byEngagement.mapValues { ids in
            Participants(ids: ids,
                         leaderIDs: Set(ids.compactMap { byID[$0]?.$leader.id }),
                         departmentIDs: Set(ids.compactMap { byID[$0]?.$department.id }),
                         activeIDs: Set(ids.filter { byID[$0]?.active == true }))
        }
    }

    static func canSee(_ p: Participants, user: CurrentUser) -> Bool {
        if user.isAdmin || p.ids.contains(user.id) || p.leaderIDs.contains(user.id) { return true }
        if user.has(.leader), let department = user.person.$department.id, p.departmentIDs.contains(department) { return true }
        return false
    }

    /// The engagement if the user may see it; otherwise 404, whether or not it exists.
    static func visible(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> Engagement {
        let query = Engagement.query(on: db).filter(\.$id == id).with(\.$customer).with(\.$salesOwner).with(\.$deliveryLead)
        guard let engagement = try await EngagementVisibility.restrict(query, to: user).first() else {
            throw AppError.notFound("No such engagement")
        }
        return engagement
    }

    /// Those who steer the engagement: sales owner, delivery lead, leaders who can see it, admins.
    static func canSteer(_ e: Engagement, user: CurrentUser) -> Bool {
        user.isAdmin || user.has(.leader) || e.$salesOwner.id == user.id || e.$deliveryLead.id == user.id
    }
}
