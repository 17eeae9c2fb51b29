import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Keeps the channels that follow the organisation in step with it: one per department with its
/// people as members, and one per engagement with its sales owner, delivery lead and team.
/// Idempotent. Department channels only gain members (people leave them themselves); an engagement's
/// channel also loses everyone who may no longer see the engagement (unstaffed, replaced as delivery
/// lead or sales owner, no longer leading someone on it, deactivated, no longer admin). Each change of
/// membership emits its event, which starts or stops live delivery of the channel.
enum ChannelSyncActions {
    static func departments(_ ctx: WriteContext) async throws {
        for department in try await Department.query(on: ctx.db).all() {
            let channel = try await departmentChannel(department, ctx)
            let people = try await Person.query(on: ctx.db).filter(\.$department.$id == department.id!).filter(\.$active == true).all()
            try await addMembers(people.map { $0.id! }, to: channel, ctx)
        }
    }

    static func departmentChannel(_ department: Department, _ ctx: WriteContext) async throws -> Channel {
        if let existing = try await Channel.query(on: ctx.db).filter(\.$department.$id == department.id!).first() { return existing }
        let channel = Channel(kind: .department, name: department.name, about: "", isPrivate: false, departmentID: department.id,
                              normMinutes: ResponseNorm.defaultMinutes, creatorID: nil, now: ctx.now)
        try await channel.create(on: ctx.db)
        return channel
    }

    /// The engagement's channel with everyone on the engagement as a member.
    static func engagement(_ engagementID: UUID, _ ctx: WriteContext) async throws {
        guard let engagement = try await Engagement.find(engagementID, on: ctx.db) else { return }
        let channel: Channel
        if let existing = try await Channel.query(on: ctx.db).filter(\.$engagement.$id == engagementID).first() {
            channel = existing
        } else {
            channel = Channel(kind: .engagement, name: engagement.title, about: "", isPrivate: true, engagementID: engagementID,
                              normMinutes: ResponseNorm.defaultMinutes, creatorID: nil, now: ctx.now)
            try await channel.create(on: ctx.db)
        }
        guard let participants = try await EngagementAccess.participants(of: [engagement], on: ctx.db)[engagementID] else { return }
        try await removeMembers(of: channel, where: { person in
            !person.active || !EngagementAccess.canSee(participants, user: CurrentUser(person: person, credential: .commandLine))
        }, ctx)
        try await addMembers(Array(participants.activeIDs), to: channel, ctx)
    }

    /// The engagement channels `personID` belongs to, brought in step (after they were deactivated or
    /// their roles changed).
    static func engagementsOf(_ personID: UUID, _ ctx: WriteContext) async throws {
        let channelIDs = try await ChannelMember.query(on: ctx.db).filter(\.$person.$id == personID).all().map { $0.$channel.id }
        guard !channelIDs.isEmpty else { return }
        for channel in try await Channel.query(on: ctx.db).filter(\.$id ~~ channelIDs).filter(\.$kindText == Channel.Kind.engagement.rawValue).all() {
            if let engagementID = channel.$engagement.id { try await engagement(engagementID, ctx) }
        }
    }

    private static func removeMembers(of channel: Channel, where leaves: (Person) -> Bool, _ ctx: WriteContext) async throws {
        let memberships = try await ChannelMember.query(on: ctx.db).filter(\.$channel.$id == channel.id!).with(\.$person).all()
        for membership in memberships where leaves(membership.person) {
            try await leave(channelID: channel.id!, personID: membership.$person.id, ctx)
        }
    }

    /// Takes a person out of a channel, with the threads they followed in it (which would otherwise
    /// keep bringing its replies to their home feed).
    static func leave(channelID: UUID, personID: UUID, _ ctx: WriteContext) async throws {
        try await ChannelMember.query(on: ctx.db).filter(\.$channel.$id == channelID).filter(\.$person.$id == personID).delete()
        try await ctx.sql.raw("""
            DELETE FROM thread_follows WHERE person_id = \(bind: personID)
            AND thread_id IN (SELECT id FROM messages WHERE channel_id = \(bind: channelID))
            """).run()
        ctx.emit(ChannelMembershipChange(channelID: channelID, personID: personID, joined: false).event)
    }

    static func engagements(_ ctx: WriteContext) async throws {
        for id in try await Engagement.query(on: ctx.db).all(\.$id) { try await engagement(id, ctx) }
    }

    /// Adds those who are not yet members; they start with everything so far read.
    static func addMembers(_ personIDs: [UUID], to channel: Channel, _ ctx: WriteContext) async throws {
        let wanted = Array(Set(personIDs))
        guard !wanted.isEmpty else { return }
        let present = Set(try await ChannelMember.query(on: ctx.db).filter(\.$channel.$id == channel.id!)
            .filter(\.$person.$id ~~ wanted).all().map { $0.$person.id })
        for id in wanted.sorted(by: { $0.uuidString < $1.uuidString }) where !present.contains(id) {
            try await ChannelMember(channelID: channel.id!, personID: id, lastReadSeq: channel.lastSeq, now: ctx.now).create(on: ctx.db)
            ctx.emit(ChannelMembershipChange(channelID: channel.id!, personID: id, joined: true).event)
        }
    }

    /// After people join departments: their department channels.
    static func syncDepartments(app: Application) async throws {
        try await app.store.write { ctx in try await departments(ctx) }
    }

    /// After migrations were applied, and after an import changed departments and leaders (a leader who no longer leads
    /// anyone on an engagement loses its channel): every department and engagement channel.
    static func all(app: Application) async throws {
        try await app.store.write { ctx in
            try await departments(ctx)
            try await engagements(ctx)
        }
    }
}

/// Someone joined or left a channel; the live stream uses it to start or stop delivering it.
struct ChannelMembershipChange: Sendable {
    let channelID: UUID
    let personID: UUID
    let joined: Bool

    var event: LiveEventDraft {
        LiveEventDraft(type: joined ? .channelMemberAdded : .channelMemberRemoved, channelID: channelID, personID: personID,
                       payload: .object(["channel_id": channelID.uuidString, "person_id": personID.uuidString]))
    }
}
