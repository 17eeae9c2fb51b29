import Fluent
import FluentSQL
import SQLKit
import Vapor
import LovnadCore

/// Who may see, join and write in a channel. Members see it; public topic and department channels
/// are open to everyone; an engagement's channel to those who may see the engagement; private topic
/// and direct channels to their members only. Membership of an engagement's channel counts only while
/// the member may see the engagement (`ChannelSync` also removes them when that ends, which is what
/// stops their live stream). The one place this is decided.
enum ChannelAccess {
    struct Standing {
        let channel: Channel
        let membership: ChannelMember?
        let canSee: Bool
        var isMember: Bool { membership != nil }
        /// May become a member by themself.
        var canJoin: Bool { canSee && !isMember && channel.kind != .direct && (channel.kind == .engagement || !channel.isPrivate) }
    }

    static func standing(of channel: Channel, for user: CurrentUser, on db: any Database) async throws -> Standing {
        let membership = try await ChannelMember.query(on: db).filter(\.$channel.$id == channel.id!)
            .filter(\.$person.$id == user.id).first()
        if channel.kind == .engagement {
            guard let engagementID = channel.$engagement.id,
                  try await EngagementVisibility.canSee(engagementID, user: user, on: db) else {
                return Standing(channel: channel, membership: nil, canSee: false)
            }
            return Standing(channel: channel, membership: membership, canSee: true)
        }
        if membership != nil { return Standing(channel: channel, membership: membership, canSee: true) }
        // Engagement channels were decided above; a direct channel is its members' alone.
        let open = (channel.kind == .topic || channel.kind == .department) && !channel.isPrivate
        return Standing(channel: channel, membership: nil, canSee: open)
    }

    /// The channel and the user's standing in it; 404 when they may not see it, whether or not it exists.
    static func visible(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> Standing {
        guard let channel = try await Channel.find(id, on: db) else { throw AppError.notFound("No such channel") }
        let standing = try await standing(of: channel, for: user, on: db)
        guard standing.canSee else { throw AppError.notFound("No such channel") }
        return standing
    }

    /// Writing needs membership (403 when they could join, as they can see it) and a live channel (409).
    static func writable(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> Standing {
        let standing = try await visible(id, user: user, on: db)
        guard standing.isMember else { throw AppError.forbidden(.refuseJoinToWrite) }
        guard standing.channel.archivedAt == nil else { throw AppError.conflict(.refuseChannelArchived) }
        return standing
    }

    /// What posting needs of a channel the user belongs to.
    struct Postable {
        let name: String
        let normMinutes: Int
    }

    private struct PostableRow: Decodable {
        let name: String
        let normMinutes: Int
        let archivedAt: Date?
    }

    /// `writable` in one query for the common case (a member writing in a live channel that is not an
    /// engagement's); anyone else gets `writable`'s answer (404, 403) from the full rules.
    static func postable(_ id: UUID, user: CurrentUser, on db: any Database) async throws -> Postable {
        if let sql = db as? any SQLDatabase, let row = try await sql.raw("""
            SELECT c.name AS name, c.norm_minutes AS norm_minutes, c.archived_at AS archived_at FROM channels c
            JOIN channel_members m ON m.channel_id = c.id AND m.person_id = \(bind: user.id)
            WHERE c.id = \(bind: id) AND c.kind <> \(bind: Channel.Kind.engagement.rawValue)
            """).first(decoding: PostableRow.self, keyDecodingStrategy: .convertFromSnakeCase) {
            guard row.archivedAt == nil else { throw AppError.conflict(.refuseChannelArchived) }
            return Postable(name: row.name, normMinutes: row.normMinutes)
        }
        let channel = try await writable(id, user: user, on: db).channel
        return Postable(name: channel.name, normMinutes: channel.normMinutes)
    }

    /// `visible` in one query for a member of a channel that is not an engagement's (the common case);
    /// anyone else gets `visible`'s answer.
    static func requireReadable(_ id: UUID, user: CurrentUser, on db: any Database) async throws {
        if let sql = db as? any SQLDatabase, try await sql.raw("""
            SELECT 1 AS one FROM channel_members m JOIN channels c ON c.id = m.channel_id
            WHERE m.channel_id = \(bind: id) AND m.person_id = \(bind: user.id) AND c.kind <> \(bind: Channel.Kind.engagement.rawValue)
            """).first() != nil { return }
        _ = try await visible(id, user: user, on: db)
    }

    /// Every channel the user may see: theirs, the open ones, and those of engagements they may see
    /// (one query: the engagement rule is `EngagementVisibility`'s SQL).
    static func visibleChannels(for user: CurrentUser, on db: any Database) async throws -> [Channel] {
        try await Channel.query(on: db).filter(sql: visibility(for: user)).sort(\.$name).sort(\.$id).all()
    }

    /// The ids of every channel the user may see, as a subquery (search filters its hits by it).
    static func visibleIDs(for user: CurrentUser) -> SQLQueryString {
        "SELECT id FROM \(ident: Channel.schema) WHERE \(visibility(for: user))"
    }

    /// The rule as SQL: theirs, the open ones, and the channels of engagements they may see.
    private static func visibility(for user: CurrentUser) -> SQLQueryString {
        let engagement = Channel.Kind.engagement.rawValue
        let engagements = EngagementVisibility.predicate("\(ident: Channel.schema).\(ident: "engagement_id")", user) ?? "1 = 1"
        return """
            (\(ident: Channel.schema).\(ident: "kind") <> \(bind: engagement) AND (\(ident: Channel.schema).\(ident: "id") IN \
            (SELECT channel_id FROM channel_members WHERE person_id = \(bind: user.id)) OR (\(ident: Channel.schema).\(ident: "private") = \(bind: false) \
            AND \(ident: Channel.schema).\(ident: "kind") IN (\(bind: Channel.Kind.topic.rawValue), \(bind: Channel.Kind.department.rawValue))))) \
            OR (\(ident: Channel.schema).\(ident: "kind") = \(bind: engagement) AND \(engagements))
            """
    }

    /// One page of them, paged in SQL (an admin sees every engagement's channel).
    static func visibleChannels(for user: CurrentUser, page: ListPage, on db: any Database) async throws -> (rows: [Channel], next: String?) {
        page.cut(try await Channel.query(on: db).filter(sql: visibility(for: user)).keyset(page, by: .text("name"), .ascending).all()) {
            ListPage.Position(key: $0.name, id: $0.id!.uuidString)
        }
    }

    /// The channels the user belongs to and may still see, most recently active first: the list beside a
    /// conversation. Archived ones are left out; the full list is a link away.
    static func memberChannels(for user: CurrentUser, limit: Int, on db: any Database) async throws -> [Channel] {
        try await Channel.query(on: db).filter(sql: visibility(for: user))
            .filter(sql: "\(ident: Channel.schema).\(ident: "id") IN (SELECT channel_id FROM channel_members WHERE person_id = \(bind: user.id))")
            .filter(\.$archivedAt == nil)
            .sort(.sql(embed: "COALESCE(\(ident: Channel.schema).\(ident: "last_message_at"), \(ident: Channel.schema).\(ident: "created_at"))"), .descending)
            .sort(\.$id).limit(limit).all()
    }

    /// Ids of the channels the user belongs to (what the live stream delivers).
    static func memberChannelIDs(of personID: UUID, on db: any Database) async throws -> Set<UUID> {
        Set(try await ChannelMember.query(on: db).filter(\.$person.$id == personID).all().map { $0.$channel.id })
    }
}
