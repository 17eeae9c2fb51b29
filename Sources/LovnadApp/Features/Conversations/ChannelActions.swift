import Fluent
import Vapor
import SQLKit
import LovnadCore

/// Creating channels, joining and leaving them, muting, and changing their settings.
enum ChannelActions {
    struct NewChannel {
        var name: String
        var kind: String
        var about: String = ""
        var isPrivate: Bool = false
        var memberIDs: [UUID] = []
        var normMinutes: Int?
        /// A direct conversation these very people already have is opened instead of a second one.
        var reuseDirect = false
    }

    static let directMembers = 2...8

    static let maximumName = 80, maximumDescription = 500

    /// Two topic channels of one name would be two places for one conversation: the second is refused (409).
    /// On PostgreSQL, creations of one name queue on a lock, so two at once cannot both pass the check.
    private static func refuseTakenName(_ name: String, except id: UUID?, _ ctx: WriteContext) async throws {
        if ctx.isPostgres { try await ctx.sql.raw("SELECT pg_advisory_xact_lock(hashtext(lower(\(bind: name))))").run() }
        let except: SQLQueryString = id.map { "AND id <> \(bind: $0)" } ?? ""
        let taken = try await ctx.sql.raw("""
            SELECT id FROM channels WHERE kind = 'topic' AND lower(name) = lower(\(bind: name)) \(except) LIMIT 1
            """).first()
        if taken != nil { throw AppError.conflict(.refuseChannelNameTaken) }
    }

    static func create(_ new: NewChannel, actor: CurrentUser, app: Application) async throws -> Channel {
        var errors = FieldErrors()
        guard let kind = Channel.Kind(rawValue: new.kind) else { throw AppError.invalid(["kind": .unknownKind]) }
        guard kind == .topic || kind == .direct else { throw AppError.invalid(["kind": .reservedKind]) }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if kind == .topic, name.isEmpty || name.count > maximumName { errors.add("name", .length(min: 1, max: maximumName)) }
        if name.count > maximumName { errors.add("name", .length(min: 0, max: maximumName)) }
        if new.about.count > maximumDescription { errors.add("description", .tooLong(max: maximumDescription)) }
        let norm = new.normMinutes ?? ResponseNorm.defaultMinutes
        if !ResponseNorm.allowedMinutes.contains(norm) {
            errors.add("norm_minutes", .normRange(min: ResponseNorm.allowedMinutes.lowerBound, max: ResponseNorm.allowedMinutes.upperBound))
        }
        let wanted = Array(Set(new.memberIDs + [actor.id]))
        if kind == .direct, !directMembers.contains(wanted.count) {
            errors.add("members", .memberCount(min: directMembers.lowerBound, max: directMembers.upperBound))
        }
        let checked = errors, given = name
        return try await app.store.write { ctx -> Channel in
            var errors = checked, name = given
            let people = try await Person.query(on: ctx.db).filter(\.$id ~~ wanted).filter(\.$active == true).all()
            if people.count != wanted.count { errors.add("members", .unknownPerson) }
            try errors.throwIfAny()
            if kind == .topic { try await refuseTakenName(name, except: nil, ctx) }
            if kind == .direct, new.reuseDirect {
                // Checked inside the write (on PostgreSQL behind a lock on the member set), so two clicks at once open one.
                if ctx.isPostgres {
                    let key = wanted.map(\.uuidString).sorted().joined(separator: ",")
                    try await ctx.sql.raw("SELECT pg_advisory_xact_lock(hashtext(\(bind: key)))").run()
                }
                if let id = try await ConversationQueries.existingDirect(Set(wanted), on: ctx.db),
                   let existing = try await Channel.find(id, on: ctx.db) { return existing }
            }
            if kind == .direct, name.isEmpty { name = people.map(\.name).sorted().joined(separator: ", ") }
            let channel = Channel(kind: kind, name: String(name.prefix(200)), about: new.about, isPrivate: kind == .direct || new.isPrivate,
                                  normMinutes: norm, creatorID: actor.id, now: ctx.now)
            try await channel.create(on: ctx.db)
            try await ChannelSyncActions.addMembers(wanted, to: channel, ctx)
            return channel
        }
    }

    /// Joins by oneself (`personID` nil or one's own) or adds someone else (members only).
    static func addMember(channelID: UUID, personID: UUID?, actor: CurrentUser, app: Application) async throws -> Channel {
        try await app.store.write { ctx in try await addMember(channelID: channelID, personID: personID, actor: actor, ctx) }
    }

    private static func addMember(channelID: UUID, personID: UUID?, actor: CurrentUser, _ ctx: WriteContext) async throws -> Channel {
        let db = ctx.db
        let standing = try await ChannelAccess.visible(channelID, user: actor, on: db)
        let channel = standing.channel
        guard channel.archivedAt == nil else { throw AppError.conflict(.refuseChannelArchived) }
        let target = personID ?? actor.id
        if target == actor.id {
            if standing.isMember { return channel }
            guard standing.canJoin else { throw AppError.forbidden(.refuseJoinByInvitation) }
        } else {
            guard standing.isMember else { throw AppError.forbidden(.refuseMembersAdd) }
            guard let person = try await Person.query(on: db).filter(\.$id == target).filter(\.$active == true).first() else {
                throw AppError.invalid(["person_id": .unknownPerson])
            }
            if channel.kind == .engagement {
                // The engagement's channel is for those who may see the engagement.
                let them = CurrentUser(person: person, credential: .commandLine)
                guard try await ChannelAccess.standing(of: channel, for: them, on: db).canSee else {
                    throw AppError.invalid(["person_id": .unknownPerson])
                }
            }
            if channel.kind == .direct {
                let count = try await ChannelMember.query(on: db).filter(\.$channel.$id == channelID).count()
                guard count < directMembers.upperBound else {
                    throw AppError.invalid(["person_id": .memberCount(min: directMembers.lowerBound, max: directMembers.upperBound)])
                }
            }
        }
        try await ChannelSyncActions.addMembers([target], to: channel, ctx)
        return channel
    }

    /// Leaving. Department and engagement channels follow the organisation: mute them instead.
    static func leave(channelID: UUID, actor: CurrentUser, app: Application) async throws {
        try await app.store.write { ctx in
            let standing = try await ChannelAccess.visible(channelID, user: actor, on: ctx.db)
            guard let membership = standing.membership else { throw AppError.conflict(.refuseNotAMember) }
            guard standing.channel.kind == .topic || standing.channel.kind == .direct else {
                throw AppError.conflict(.refuseLeaveOrgChannel)
            }
            try await membership.delete(on: ctx.db)
            ctx.emit(ChannelMembershipChange(channelID: channelID, personID: actor.id, joined: false).event)
        }
    }

    static func setMuted(channelID: UUID, muted: Bool, actor: CurrentUser, app: Application) async throws {
        try await app.store.write { ctx in
            let standing = try await ChannelAccess.visible(channelID, user: actor, on: ctx.db)
            guard let membership = standing.membership else { throw AppError.conflict(.refuseNotAMember) }
            guard membership.muted != muted else { return }
            membership.muted = muted
            try await membership.update(on: ctx.db)
            ctx.emit(LiveEventDraft(type: muted ? .channelMuted : .channelUnmuted, channelID: nil, personID: actor.id,
                                    payload: .object(["channel_id": channelID.uuidString])))
        }
    }

    /// Who may change a channel: its creator and admins; for a department's channel its leaders; for
    /// an engagement's channel those who steer the engagement.
    static func canManage(_ channel: Channel, user: CurrentUser, on db: any Database) async throws -> Bool {
        if user.isAdmin || (channel.$creator.id == user.id) { return true }
        switch channel.kind {
        case .department: return user.has(.leader) && user.person.$department.id == channel.$department.id
        case .engagement:
            guard let id = channel.$engagement.id, let e = try? await EngagementAccess.visible(id, user: user, on: db) else { return false }
            return EngagementAccess.canSteer(e, user: user)
        case .topic, .direct: return false
        }
    }

    struct Changes {
        var name: String?
        var about: String?
        var normMinutes: Int?
        var archived: Bool?
    }

    static func update(channelID: UUID, _ changes: Changes, actor: CurrentUser, app: Application) async throws -> Channel {
        try await app.store.write { ctx in try await update(channelID: channelID, changes, actor: actor, ctx) }
    }

    private static func update(channelID: UUID, _ changes: Changes, actor: CurrentUser, _ ctx: WriteContext) async throws -> Channel {
        let channel = try await ChannelAccess.visible(channelID, user: actor, on: ctx.db).channel
        guard try await canManage(channel, user: actor, on: ctx.db) else { throw AppError.forbidden(.refuseChannelManagers) }
        var errors = FieldErrors()
        if let name = changes.name?.trimmingCharacters(in: .whitespacesAndNewlines), name.isEmpty || name.count > 80 {
            errors.add("name", .length(min: 1, max: 80))
        }
        if let about = changes.about, about.count > 500 { errors.add("description", .tooLong(max: 500)) }
        if let norm = changes.normMinutes, !ResponseNorm.allowedMinutes.contains(norm) {
            errors.add("norm_minutes", .normRange(min: ResponseNorm.allowedMinutes.lowerBound, max: ResponseNorm.allowedMinutes.upperBound))
        }
        try errors.throwIfAny()
        if let name = changes.name?.trimmingCharacters(in: .whitespacesAndNewlines) {
            if channel.kind == .topic, name.lowercased() != channel.name.lowercased() { try await refuseTakenName(name, except: channel.id, ctx) }
            channel.name = name
        }
        if let about = changes.about { channel.about = about }
        if let norm = changes.normMinutes { channel.normMinutes = norm }
        if let archived = changes.archived { channel.archivedAt = archived ? (channel.archivedAt ?? ctx.now) : nil }
        try await channel.update(on: ctx.db)
        ctx.emit(LiveEventDraft(type: .channelUpdated, channelID: channelID, personID: nil,
                                payload: .object(["channel_id": channelID.uuidString])))
        return channel
    }
}
