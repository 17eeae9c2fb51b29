import Fluent
import Foundation
import LovnadCore

/// An engagement's changes go to the people who may see the engagement (as `EngagementAccess` decides:
/// its participants, their leaders, the leaders of their departments, admins) and to nobody else.
enum EngagementEvents {
    /// `alsoTo`: those who saw the engagement before the change (and so hear that they no longer do).
    static func emit(_ engagement: Engagement, type: LiveEventType, data: [String: String] = [:], alsoTo earlier: Set<UUID> = [],
                     _ ctx: WriteContext) async throws {
        let id = try engagement.requireID()
        var payload = data
        payload["engagement_id"] = id.uuidString
        payload["status"] = engagement.status
        let draft = LivePayload.object(payload)
        for personID in try await audience(of: engagement, on: ctx.db).union(earlier).sorted(by: { $0.uuidString < $1.uuidString }) {
            ctx.emit(LiveEventDraft(type: type, channelID: nil, personID: personID, payload: draft))
        }
    }

    static func audience(of engagement: Engagement, on db: any Database) async throws -> Set<UUID> {
        guard let p = try await EngagementAccess.participants(of: [engagement], on: db)[engagement.requireID()] else { return [] }
        let departments = Array(p.departmentIDs)
        let others = try await Person.query(on: db).filter(\.$active == true).group(.or) { or in
            or.filter(\.$rolesText ~~ Role.admin.rawValue)
            if !departments.isEmpty {
                or.group(.and) { $0.filter(\.$department.$id ~~ departments).filter(\.$rolesText ~~ Role.leader.rawValue) }
            }
        }.all(\.$id)
        return p.ids.union(p.leaderIDs).union(others)
    }
}
