import Fluent
import Vapor
import LovnadCore

/// `/api/v1/channels`, `/messages`, `/threads` and `/feed`.
struct ConversationsAPI: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let channels = routes.grouped("channels")
        channels.get(use: listChannels)
        channels.post(use: createChannel)
        channels.get(":id", use: showChannel)
        channels.patch(":id", use: updateChannel)
        channels.post(":id", "members", use: addMember)
        channels.get(":id", "members", use: mentionCandidates)
        channels.delete(":id", "members", "me", use: leave)
        channels.put(":id", "mute", use: mute)
        channels.delete(":id", "mute", use: unmute)
        channels.get(":id", "messages", use: listMessages)
        channels.post(":id", "messages", use: post)
        channels.post(":id", "read", use: markRead)
        let messages = routes.grouped("messages")
        messages.patch(":id", use: edit)
        messages.delete(":id", use: delete)
        messages.post(":id", "reactions", use: react)
        messages.delete(":id", "reactions", ":emoji", use: unreact)
        messages.put(":id", "pin", use: pin)
        messages.delete(":id", "pin", use: unpin)
        let threads = routes.grouped("threads")
        threads.get(":id", use: thread)
        threads.put(":id", "follow", use: follow)
        threads.delete(":id", "follow", use: unfollow)
        threads.post(":id", "read", use: threadRead)
        routes.get("feed", use: feed)
    }

    func listChannels(req: Request) async throws -> ListResponse<ChannelDTO> {
        let user = try req.requireUser()
        let page = try req.pageRequest()
        let (shown, next) = try await ChannelAccess.visibleChannels(for: user, page: page, on: req.db)
        return ListResponse(items: try await ConversationQueries.channelDTOs(shown, for: user, on: req.db), nextCursor: next)
    }

    struct NewChannelBody: Decodable {
        var name: String?
        var kind: String?
        var description: String?
        var `private`: Bool?
        var members: [UUID]?
        var normMinutes: Int?
    }

    func createChannel(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let body = try req.decodeJSON(NewChannelBody.self)
        let channel = try await ChannelActions.create(.init(name: body.name ?? "", kind: body.kind ?? "", about: body.description ?? "",
                                                            isPrivate: body.private ?? false, memberIDs: body.members ?? [],
                                                            normMinutes: body.normMinutes), actor: user, app: req.application)
        return try await channelDTO(channel, req: req).encodeResponse(status: .created, for: req)
    }

    private func channelDTO(_ channel: Channel, req: Request) async throws -> ChannelDTO {
        try await ConversationQueries.channelDTOs([channel], for: try req.requireUser(), on: req.db)[0]
    }

    func showChannel(req: Request) async throws -> ChannelDTO {
        let standing = try await ChannelAccess.visible(try req.uuidParameter("id"), user: try req.requireUser(), on: req.db)
        return try await channelDTO(standing.channel, req: req)
    }

    struct ChannelChangesBody: Decodable {
        var name: String?
        var description: String?
        var normMinutes: Int?
        var archived: Bool?
    }

    func updateChannel(req: Request) async throws -> ChannelDTO {
        let body = try req.decodeJSON(ChannelChangesBody.self)
        let channel = try await ChannelActions.update(channelID: try req.uuidParameter("id"),
                                                      .init(name: body.name, about: body.description, normMinutes: body.normMinutes,
                                                            archived: body.archived), actor: try req.requireUser(), app: req.application)
        return try await channelDTO(channel, req: req)
    }

    struct MemberBody: Decodable { var personId: UUID? }

    func addMember(req: Request) async throws -> ChannelDTO {
        let body = try req.decodeJSONIfAny(MemberBody.self)
        let channel = try await ChannelActions.addMember(channelID: try req.uuidParameter("id"), personID: body?.personId,
                                                         actor: try req.requireUser(), app: req.application)
        return try await channelDTO(channel, req: req)
    }

    /// `?q=`: members whose name contains it or whose handle starts with it, by name (the first `limit`).
    func mentionCandidates(req: Request) async throws -> ListResponse<MentionCandidateDTO> {
        let user = try req.requireUser()
        let channelID = try req.uuidParameter("id")
        try await ChannelAccess.requireReadable(channelID, user: user, on: req.db)
        let text = String((req.query[String.self, at: "q"] ?? "").prefix(64))
        let items = try await ConversationQueries.mentionCandidates(in: channelID, matching: text, limit: try req.pageRequest().limit, on: req.db)
        return ListResponse(items: items, nextCursor: nil)
    }

    func leave(req: Request) async throws -> HTTPStatus {
        try await ChannelActions.leave(channelID: try req.uuidParameter("id"), actor: try req.requireUser(), app: req.application)
        return .noContent
    }

    func mute(req: Request) async throws -> HTTPStatus { try await setMuted(req, true) }
    func unmute(req: Request) async throws -> HTTPStatus { try await setMuted(req, false) }

    private func setMuted(_ req: Request, _ muted: Bool) async throws -> HTTPStatus {
        try await ChannelActions.setMuted(channelID: try req.uuidParameter("id"), muted: muted, actor: try req.requireUser(), app: req.application)
        return .noContent
    }

    /// `?before=` / `?after=` a message id; newest first, except after a point (oldest first, to catch up).
    /// The hot read: written by `MessageDTO.writeJSON` rather than the generic encoder.
    func listMessages(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let channelID = try req.uuidParameter("id")
        try await ChannelAccess.requireReadable(channelID, user: user, on: req.db)
        let limit = try req.pageRequest().limit
        func seq(of name: String) async throws -> Int? {
            guard let id = try req.optionalUUIDQuery(name) else { return nil }
            guard let m = try await Message.find(id, on: req.db), m.$channel.id == channelID else {
                throw AppError.invalid([name: .notInThisChannel])
            }
            return m.seq
        }
        let window: ConversationQueries.Window
        if let before = try await seq(of: "before") { window = .before(before) }
        else if let after = try await seq(of: "after") { window = .after(after) }
        else { window = .latest }
        let rows = try await MessageReader.roots(channelID: channelID, window: window, limit: limit + 1, viewer: user.id, on: req.db)
        let shown = Array(rows.prefix(limit))
        let next: String? = rows.count > limit ? shown.last?.id.uuidString : nil
        return .json(ListResponse(items: shown, nextCursor: next))
    }

    struct PostBody: Decodable {
        var body: String?
        var threadId: UUID?
    }

    func post(req: Request) async throws -> Response {
        let body = try req.decodeJSON(PostBody.self)
        let dto = try await MessageActions.post(channelID: try req.uuidParameter("id"), body: body.body ?? "", threadID: body.threadId,
                                                actor: try req.requireUser(), app: req.application)
        return .json(dto, status: .created)
    }

    struct ReadBody: Decodable { var messageId: UUID? }

    func markRead(req: Request) async throws -> UnreadDTO {
        let body = try req.decodeJSONIfAny(ReadBody.self)
        return try await MessageActions.markRead(channelID: try req.uuidParameter("id"), upTo: body?.messageId,
                                                 actor: try req.requireUser(), app: req.application)
    }

    struct EditBody: Decodable { var body: String? }

    func edit(req: Request) async throws -> MessageDTO {
        let body = try req.decodeJSON(EditBody.self)
        return try await MessageActions.edit(messageID: try req.uuidParameter("id"), body: body.body ?? "",
                                             actor: try req.requireUser(), app: req.application)
    }

    func delete(req: Request) async throws -> HTTPStatus {
        try await MessageActions.delete(messageID: try req.uuidParameter("id"), actor: try req.requireUser(), app: req.application)
        return .noContent
    }

    struct ReactionBody: Decodable { var emoji: String? }

    func react(req: Request) async throws -> MessageDTO {
        let body = try req.decodeJSON(ReactionBody.self)
        return try await MessageActions.react(messageID: try req.uuidParameter("id"), emoji: body.emoji ?? "", add: true,
                                              actor: try req.requireUser(), app: req.application)
    }

    func unreact(req: Request) async throws -> MessageDTO {
        let emoji = req.parameters.get("emoji")?.removingPercentEncoding ?? ""
        return try await MessageActions.react(messageID: try req.uuidParameter("id"), emoji: emoji, add: false,
                                              actor: try req.requireUser(), app: req.application)
    }

    func pin(req: Request) async throws -> MessageDTO {
        try await MessageActions.setPinned(messageID: try req.uuidParameter("id"), pinned: true, actor: try req.requireUser(), app: req.application)
    }

    func unpin(req: Request) async throws -> MessageDTO {
        try await MessageActions.setPinned(messageID: try req.uuidParameter("id"), pinned: false, actor: try req.requireUser(), app: req.application)
    }

    func thread(req: Request) async throws -> ThreadDTO {
        let user = try req.requireUser()
        return try await ConversationQueries.thread(try req.uuidParameter("id"), for: user, on: req.db)
    }

    func follow(req: Request) async throws -> HTTPStatus {
        try await MessageActions.setFollowing(threadID: try req.uuidParameter("id"), following: true, actor: try req.requireUser(), app: req.application)
        return .noContent
    }

    func unfollow(req: Request) async throws -> HTTPStatus {
        try await MessageActions.setFollowing(threadID: try req.uuidParameter("id"), following: false, actor: try req.requireUser(), app: req.application)
        return .noContent
    }

    func threadRead(req: Request) async throws -> HTTPStatus {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        _ = try await ConversationQueries.thread(id, for: user, on: req.db)
        try await MessageActions.markThreadRead(threadID: id, actor: user, app: req.application)
        return .noContent
    }

    func feed(req: Request) async throws -> ListResponse<FeedItemDTO> {
        let user = try req.requireUser()
        let page = try req.pageRequest()
        let (items, next) = try await HomeFeed.page(for: user, page, app: req.application)
        return ListResponse(items: items, nextCursor: next)
    }
}
