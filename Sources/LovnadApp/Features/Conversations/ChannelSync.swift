import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Keeps the channels that follow the organisation in step with it: one per department with its
/// people as members, and one per engagement with its sales owner, delivery lead and team.
/// Idempotent. Department channels only gain members (people leave them themselves); an engagement's
/// channel also loses everyone who may no longer see the engagement (unstaffed, replaced as delivery
/// lead or sales owner, no longer leading someone on it, deactivated, no longer admin).
enum ChannelSync {
    static func departments(on db: any Database, now: Date) async throws -> [ChannelMembershipChange] {
        var changes: [ChannelMembershipChange] = []
        for department in try await Department.query(on: db).all() {
            let channel = try await departmentChannel(department, on: db, now: now)
            let people = try await Person.query(on: db).filter(\.$department.$id == department.id!).filter(\.$active == true).all()
            changes += try await addMembers(people.map { $0.id! }, to: channel, on: db, now: now)
        }
        return changes
    }

    static func departmentChannel(_ department: Department, on db: any Database, now: Date) async throws -> Channel {
        if let existing = try await Channel.query(on: db).filter(\.$department.$id == department.id!).first() { return existing }
        let channel = Channel(kind: .department, name: department.name, about: "", isPrivate: false, departmentID: department.id,
                              normMinutes: ResponseNorm.defaultMinutes, creatorID: nil, now: now)
        try await channel.create(on: db)
        return channel
    }

    /// The engagement's channel with everyone on the engagement as a member.
    @discardableResult
    static func engagement(_ engagementID: UUID, on db: any Database, now: Date) async throws -> [ChannelMembershipChange] {
        guard let engagement = try await Engagement.find(engagementID, on: db) else { return [] }
        let channel: Channel
        if let existing = try await Channel.query(on: db).filter(\.$engagement.$id == engagementID).first() {
            channel = existing
        } else {
            channel = Channel(kind: .engagement, name: engagement.title, about: "", isPrivate: true, engagementID: engagementID,
                              normMinutes: ResponseNorm.defaultMinutes, creatorID: nil, now: now)
            try await channel.create(on: db)
        }
        guard let participants = try await EngagementAccess.participants(of: [engagement], on: db)[engagementID] else { return [] }
        let removed = try await removeMembers(of: channel, where: { person in
            !person.active || !EngagementAccess.canSee(participants, user: CurrentUser(person: person, credential: .commandLine))
        }, on: db)
        return try await addMembers(Array(participants.activeIDs), to: channel, on: db, now: now) + removed
    }

    /// The engagement channels `personID` belongs to, brought in step (after they were deactivated or
    /// their roles changed).
    static func engagementsOf(_ personID: UUID, on db: any Database, now: Date) async throws -> [ChannelMembershipChange] {
        let channelIDs = try await ChannelMember.query(on: db).filter(\.$person.$id == personID).all().map { $0.$channel.id }
        guard !channelIDs.isEmpty else { return [] }
        var changes: [ChannelMembershipChange] = []
        for channel in try await Channel.query(on: db).filter(\.$id ~~ channelIDs).filter(\.$kindText == Channel.Kind.engagement.rawValue).all() {
            if let engagementID = channel.$engagement.id { changes += try await engagement(engagementID, on: db, now: now) }
        }
        return changes
    }

    private static func removeMembers(of channel: Channel, where leaves: (Person) -> Bool, on db: any Database) async throws -> [ChannelMembershipChange] {
        let memberships = try await ChannelMember.query(on: db).filter(\.$channel.$id == channel.id!).with(\.$person).all()
        var changes: [ChannelMembershipChange] = []
        for membership in memberships where leaves(membership.person) {
            try await membership.delete(on: db)
            // Followed threads would otherwise keep bringing the channel's replies to their home feed.
            if let sql = db as? any SQLDatabase {
                try await sql.raw("""
                    DELETE FROM thread_follows WHERE person_id = \(bind: membership.$person.id)
                    AND thread_id IN (SELECT id FROM messages WHERE channel_id = \(bind: channel.id!))
                    """).run()
            }
            changes.append(.init(channelID: channel.id!, personID: membership.$person.id, joined: false))
        }
        return changes
    }

    static func engagements(on db: any Database, now: Date) async throws -> [ChannelMembershipChange] {
        var changes: [ChannelMembershipChange] = []
        for id in try await Engagement.query(on: db).all().compactMap(\.id) { changes += try await engagement(id, on: db, now: now) }
        return changes
    }

    /// Adds those who are not yet members; they start with everything so far read.
    static func addMembers(_ personIDs: [UUID], to channel: Channel, on db: any Database, now: Date) async throws -> [ChannelMembershipChange] {
        let wanted = Array(Set(personIDs))
        guard !wanted.isEmpty else { return [] }
        let present = Set(try await ChannelMember.query(on: db).filter(\.$channel.$id == channel.id!)
            .filter(\.$person.$id ~~ wanted).all().map { $0.$person.id })
        var changes: [ChannelMembershipChange] = []
        for id in wanted where !present.contains(id) {
            try await ChannelMember(channelID: channel.id!, personID: id, lastReadSeq: channel.lastSeq, now: now).create(on: db)
            changes.append(.init(channelID: channel.id!, personID: id, joined: true))
        }
        return changes
    }

    /// After people join departments: their department channels.
    static func syncDepartments(app: Application) async throws {
        let now = app.clock.now()
        let changes = try await app.db.writeTransaction { db in try await departments(on: db, now: now) }
        await app.live.publish(changes.map(\.event), app: app)
    }

    /// At start, and after an import changed departments and leaders (a leader who no longer leads
    /// anyone on an engagement loses its channel): every department and engagement channel.
    static func all(app: Application) async throws {
        let now = app.clock.now()
        let changes = try await app.db.writeTransaction { db in
            try await departments(on: db, now: now) + engagements(on: db, now: now)
        }
        await app.live.publish(changes.map(\.event), app: app)
    }
}

/// Someone joined or left a channel; the live stream uses it to start or stop delivering it.
struct ChannelMembershipChange: Sendable {
    let channelID: UUID
    let personID: UUID
    let joined: Bool

    var event: LiveEventDraft {
        LiveEventDraft(type: joined ? "channel.member_added" : "channel.member_removed", channelID: channelID, personID: personID,
                       payload: .object(["channel_id": channelID.uuidString, "person_id": personID.uuidString]))
    }
}
