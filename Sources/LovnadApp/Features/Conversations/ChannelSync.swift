import Fluent
import Vapor
import LovnadCore

/// Keeps the channels that follow the organisation in step with it: one per department with its
/// people as members, and one per engagement with its sales owner, delivery lead and team.
/// Idempotent: it adds what is missing and never removes anyone (people leave channels themselves).
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
        let team = try await EngagementMember.query(on: db).filter(\.$engagement.$id == engagementID).all().map { $0.$person.id }
        let people = [engagement.$salesOwner.id] + (engagement.$deliveryLead.id.map { [$0] } ?? []) + team
        return try await addMembers(people, to: channel, on: db, now: now)
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

    /// At start: channels for departments and engagements that came before conversations did.
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
