import Fluent
import Vapor
import LovnadCore

/// The conversation pages: channels, a channel, a thread, editing a message. Every action is a plain
/// form post (the live script only adds in-place updates).
struct ConversationPages: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get("channels", use: list)
        routes.post("channels", use: createTopic)
        routes.post("channels", "direct", use: createDirect)
        routes.get("channels", ":id", use: channel)
        routes.post("channels", ":id", "join", use: join)
        routes.post("channels", ":id", "leave", use: leave)
        routes.post("channels", ":id", "mute", use: mute)
        routes.post("channels", ":id", "unmute", use: unmute)
        routes.post("channels", ":id", "messages", use: post)
        routes.post("channels", ":id", "settings", use: settings)
        routes.get("threads", ":id", use: thread)
        routes.post("threads", ":id", "follow", use: follow)
        routes.post("threads", ":id", "unfollow", use: unfollow)
        routes.post("messages", ":id", "react", use: react)
        routes.post("messages", ":id", "delete", use: delete)
        routes.post("messages", ":id", "pin", use: pin)
        routes.post("messages", ":id", "unpin", use: unpin)
        routes.get("messages", ":id", "edit", use: editForm)
        routes.post("messages", ":id", "edit", use: edit)
    }

    // MARK: Channels

    func list(req: Request) async throws -> Response {
        try await renderList(req, problem: nil)
    }

    private func renderList(_ req: Request, problem: String?, typed: [String: String] = [:], errors: [String: String] = [:],
                            status: HTTPResponseStatus = .ok) async throws -> Response {
        let user = try req.requireUser()
        let channels = try await ChannelAccess.visibleChannels(for: user, on: req.db)
        let dtos = try await ConversationQueries.channelDTOs(channels, for: user, on: req.db)
        let people = try await PersonChoices.active(except: user.id, on: req.db)
        return ConversationViews.channels(PageContext(req), channels: dtos, people: people, problem: problem, typed: typed, errors: errors, status: status)
    }

    struct TopicForm: Content {
        var name: String?
        var description: String?
        var `private`: String?
        var normHours: String?
        enum CodingKeys: String, CodingKey { case name, description, `private`, normHours = "norm_hours" }
    }

    func createTopic(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(TopicForm.self)
        let hours = form.normHours.flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
        return try await req.postRedirectGet {
            let channel = try await ChannelActions.create(.init(name: form.name ?? "", kind: "topic", about: form.description ?? "",
                                                                isPrivate: form.private == "1", normMinutes: hours.map { Int($0 * 60) }),
                                                          actor: user, app: req.application)
            return SiteURL.channel(channel.id!).path
        } refused: { error in
            let t = PageContext(req).t
            let typed = ["name": form.name, "description": form.description, "norm_hours": form.normHours, "private": form.private].compactMapValues { $0 }
            return try await renderList(req, problem: error.problem(in: t), typed: typed, errors: error.fields(in: t), status: error.status)
        }
    }

    struct DirectForm: Content { var members: [String]? }

    func createDirect(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let form = try req.content.decode(DirectForm.self)
        return try await req.postRedirectGet {
            // "Send a message" to someone one already talks with opens that conversation, as in any chat.
            let members = try await PersonLookup.resolveAll(form.members ?? [], field: "members", on: req.db)
            let channel = try await ChannelActions.create(.init(name: "", kind: "direct", memberIDs: members, reuseDirect: true),
                                                          actor: user, app: req.application)
            return SiteURL.channel(channel.id!).path
        } refused: { error in
            let t = PageContext(req).t
            return try await renderList(req, problem: error.problem(in: t), errors: error.fields(in: t), status: error.status)
        }
    }

    func channel(req: Request) async throws -> Response {
        try await renderChannel(req, problem: nil)
    }

    private func renderChannel(_ req: Request, problem: String?, status: HTTPResponseStatus = .ok, draft: String = "") async throws -> Response {
        let user = try req.requireUser()
        let standing = try await ChannelAccess.visible(try req.uuidParameter("id"), user: user, on: req.db)
        let channel = standing.channel
        var window = ConversationQueries.Window.latest
        if let before = try req.optionalUUIDQuery("before"), let m = try await Message.find(before, on: req.db), m.$channel.id == channel.id {
            window = .before(m.seq)
        }
        let roots = try await MessageReader.roots(channelID: channel.id!, window: window, limit: 51, viewer: user.id, on: req.db)
        let shown = Array(roots.prefix(50))
        let messages = Array(shown.reversed())
        let pinned = try await MessageReader.pinned(in: channel.id!, limit: 10, viewer: user.id, on: req.db)
        let counts = try await req.application.normRecord.counts(channelID: channel.id!, now: req.application.clock.now(), on: req.db)
        let record = (asked: counts.asked, met: counts.met)
        // Where the reader had read to, before seeing the latest messages reads them.
        var lastRead: Int? = nil
        if standing.isMember, case .latest = window { lastRead = standing.membership?.lastReadSeq }
        if standing.isMember, case .latest = window, (standing.membership?.lastReadSeq ?? 0) < channel.lastSeq {
            _ = try await MessageActions.markRead(channelID: channel.id!, upTo: nil, actor: user, app: req.application)
        }
        let dto = try await ConversationQueries.channelDTOs([channel], for: user, on: req.db)[0]
        let manages = try await ChannelActions.canManage(channel, user: user, on: req.db)
        return ConversationViews.channel(PageContext(req), channel: dto, standing: standing, manages: manages,
                                         messages: messages, older: roots.count > 50 ? shown.last?.id : nil, lastRead: lastRead,
                                         pinned: pinned,
                                         norm: record, problem: problem, draft: draft,
                                         sidebar: try await ConversationQueries.sidebar(for: user, on: req.db), status: status)
    }

    struct SettingsForm: Content {
        var description: String?
        var normHours: String?
        var archived: String?
        enum CodingKeys: String, CodingKey { case description, normHours = "norm_hours", archived }
    }

    /// Description, response norm and archiving, for those who run the channel.
    func settings(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(SettingsForm.self)
        let hours = form.normHours.flatMap { Double($0.replacingOccurrences(of: ",", with: ".")) }
        return try await req.postRedirectGet {
            _ = try await ChannelActions.update(channelID: id, .init(about: form.description, normMinutes: hours.map { Int($0 * 60) },
                                                                     archived: form.archived == "1"), actor: user, app: req.application)
            return SiteURL.channel(id).path
        } refused: { error in
            try await renderChannel(req, problem: error.problem(in: PageContext(req).t), status: error.status)
        }
    }

    func join(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        return try await req.postRedirectGet {
            _ = try await ChannelActions.addMember(channelID: id, personID: nil, actor: user, app: req.application)
            return SiteURL.channel(id).path
        }
    }

    func leave(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        return try await req.postRedirectGet {
            try await ChannelActions.leave(channelID: id, actor: user, app: req.application)
            return SiteURL.channels.path
        }
    }

    func mute(req: Request) async throws -> Response { try await setMuted(req, true) }
    func unmute(req: Request) async throws -> Response { try await setMuted(req, false) }

    private func setMuted(_ req: Request, _ muted: Bool) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        return try await req.postRedirectGet {
            try await ChannelActions.setMuted(channelID: id, muted: muted, actor: user, app: req.application)
            return SiteURL.channel(id).path
        }
    }

    struct PostForm: Content {
        var body: String?
        var threadId: UUID?
        enum CodingKeys: String, CodingKey { case body, threadId = "thread_id" }
    }

    func post(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        let form = try req.content.decode(PostForm.self)
        return try await req.postRedirectGet {
            let message = try await MessageActions.post(channelID: id, body: form.body ?? "", threadID: form.threadId, actor: user, app: req.application)
            return SiteURL.message(message.id, channel: message.channelId, thread: message.threadId)
        } refused: { error in
            // The text comes back in the form, so nothing written is lost.
            let problem = error.problem(in: PageContext(req).t)
            if let thread = form.threadId { return try await renderThread(req, id: thread, problem: problem, status: error.status, draft: form.body ?? "") }
            return try await renderChannel(req, problem: problem, status: error.status, draft: form.body ?? "")
        }
    }

    // MARK: Threads

    func thread(req: Request) async throws -> Response {
        try await renderThread(req, id: try req.uuidParameter("id"), problem: nil)
    }

    private func renderThread(_ req: Request, id: UUID, problem: String?, status: HTTPResponseStatus = .ok, draft: String = "") async throws -> Response {
        let user = try req.requireUser()
        let thread = try await ConversationQueries.thread(id, for: user, on: req.db)
        let standing = try await ChannelAccess.visible(thread.root.channelId, user: user, on: req.db)
        if thread.unread > 0 { try await MessageActions.markThreadRead(threadID: id, actor: user, app: req.application) }
        let channel = try await ConversationQueries.channelDTOs([standing.channel], for: user, on: req.db)[0]
        return ConversationViews.thread(PageContext(req), thread: thread, channel: channel, standing: standing,
                                        problem: problem, draft: draft, status: status)
    }

    func follow(req: Request) async throws -> Response { try await setFollowing(req, true) }
    func unfollow(req: Request) async throws -> Response { try await setFollowing(req, false) }

    private func setFollowing(_ req: Request, _ following: Bool) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        return try await req.postRedirectGet {
            try await MessageActions.setFollowing(threadID: id, following: following, actor: user, app: req.application)
            return SiteURL.thread(id).path
        }
    }

    // MARK: Messages

    struct ReactForm: Content { var emoji: String? }

    /// Toggles one's reaction, then back to where the message is shown.
    func react(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        let emoji = try req.content.decode(ReactForm.self).emoji ?? ""
        return try await req.postRedirectGet {
            let (message, _) = try await MessageActions.visible(id, user: user, on: req.db)
            let mine = try await Reaction.query(on: req.db).filter(\.$message.$id == id).filter(\.$person.$id == user.id)
                .filter(\.$emoji == emoji).first() != nil
            _ = try await MessageActions.react(messageID: id, emoji: emoji, add: !mine, actor: user, app: req.application)
            return Self.place(of: message)
        }
    }

    static func place(of message: Message) -> String {
        SiteURL.message(message.id!, channel: message.$channel.id, thread: message.threadID)
    }

    func delete(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        return try await req.postRedirectGet {
            let (message, _) = try await MessageActions.visible(id, user: user, on: req.db)
            try await MessageActions.delete(messageID: id, actor: user, app: req.application)
            return Self.place(of: message)
        }
    }

    func pin(req: Request) async throws -> Response { try await setPinned(req, true) }
    func unpin(req: Request) async throws -> Response { try await setPinned(req, false) }

    private func setPinned(_ req: Request, _ pinned: Bool) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        return try await req.postRedirectGet {
            let (message, _) = try await MessageActions.visible(id, user: user, on: req.db)
            _ = try await MessageActions.setPinned(messageID: id, pinned: pinned, actor: user, app: req.application)
            return Self.place(of: message)
        }
    }

    func editForm(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let (message, _) = try await MessageActions.visible(try req.uuidParameter("id"), user: user, on: req.db)
        guard message.$author.id == user.id, message.deletedAt == nil else { throw AppError.forbidden(.refuseOnlyAuthorEdits) }
        return ConversationViews.edit(PageContext(req), message: message, body: message.body, problem: nil)
    }

    struct EditForm: Content { var body: String? }

    func edit(req: Request) async throws -> Response {
        let user = try req.requireUser()
        let id = try req.uuidParameter("id")
        let body = try req.content.decode(EditForm.self).body ?? ""
        return try await req.postRedirectGet {
            let dto = try await MessageActions.edit(messageID: id, body: body, actor: user, app: req.application)
            return SiteURL.message(dto.id, channel: dto.channelId, thread: dto.threadId)
        } refused: { error in
            let (message, _) = try await MessageActions.visible(id, user: user, on: req.db)
            return ConversationViews.edit(PageContext(req), message: message, body: body, problem: error.problem(in: PageContext(req).t),
                                          status: error.status)
        }
    }
}
