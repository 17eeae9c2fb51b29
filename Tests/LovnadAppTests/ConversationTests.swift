import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

/// Tuesday 2026-12-01 10:00 in Oslo.
private let tuesdayMorning = ISO8601DateFormatter().date(from: "2026-12-01T09:00:00Z")!

extension EngagementWorld {
    func newChannel(_ token: String, _ body: [String: Any]) async throws -> String {
        let created = try await send(.POST, "/api/v1/channels", token, body)
        guard created.status == .created, let id = try created.json()["id"] as? String else { throw TestFailure("channel: \(created.text)") }
        return id
    }

    func postMessage(_ token: String, channel: String, _ body: String, thread: String? = nil) async throws -> [String: Any] {
        var json: [String: Any] = ["body": body]
        if let thread { json["thread_id"] = thread }
        let posted = try await send(.POST, "/api/v1/channels/\(channel)/messages", token, json)
        guard posted.status == .created else { throw TestFailure("post: \(posted.status) \(posted.text)") }
        return try posted.json()
    }
}

@Suite struct ChannelNameTests {
    @Test func aSecondTopicChannelOfOneNameIsRefusedEvenWhenBothArriveAtOnce() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            _ = try await w.newChannel(w.devToken, ["name": "Kotlin-fag", "kind": "topic"])
            let again = try await w.send(.POST, "/api/v1/channels", w.leadToken, ["name": " kotlin-FAG ", "kind": "topic"])
            #expect(again.status == .conflict)
            let other = try await w.newChannel(w.leadToken, ["name": "Arkitektur", "kind": "topic"])
            #expect(try await w.send(.PATCH, "/api/v1/channels/\(other)", w.leadToken, ["name": "KOTLIN-fag"]).status == .conflict)
            #expect(try await w.send(.PATCH, "/api/v1/channels/\(other)", w.leadToken, ["name": "Arkitektur og design"]).status == .ok)
            // Two at once: one is made, the other refused, never two.
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for token in [w.devToken, w.leadToken] {
                    group.addTask { try await w.send(.POST, "/api/v1/channels", token, ["name": "Samtidig", "kind": "topic"]).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.sorted { $0.code < $1.code } == [.created, .conflict])
            #expect(try await LovnadApp.Channel.query(on: app.db).filter(\.$name == "Samtidig").count() == 1)

            // Through the page: refused with the reason, and the form keeps what was typed.
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            try await dev.get("/channels")
            let page = try await dev.post("/channels", form: ["name": "Kotlin-fag", "description": "Alt om JVM", "norm_hours": "2"])
            #expect(page.status == .conflict)
            #expect(page.text.contains("Det finnes allerede en kanal med dette navnet."))
            #expect(page.text.contains("value=\"Alt om JVM\"") && page.text.contains("value=\"2\""))
        }
    }
}

@Suite struct ChannelAPITests {
    @Test func topicChannelsAreJoinedThenWrittenIn() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Kotlin-faggruppe", "kind": "topic", "description": "Alt om Kotlin"])
            // Listed for everyone; the creator is a member.
            let listed = try await w.send(.GET, "/api/v1/channels", w.outsiderToken).items()
            let row = try #require(listed.first { $0["id"] as? String == id })
            #expect(row["is_member"] as? Bool == false)
            #expect(row["kind"] as? String == "topic")
            #expect(row["private"] as? Bool == false)

            // A non-member may read an open channel but must join to write (403, nothing written).
            _ = try await w.postMessage(w.devToken, channel: id, "Velkommen!")
            #expect(try await w.send(.GET, "/api/v1/channels/\(id)/messages", w.outsiderToken).items().count == 1)
            let refused = try await w.send(.POST, "/api/v1/channels/\(id)/messages", w.outsiderToken, ["body": "Hei"])
            #expect(refused.status == .forbidden)
            #expect(try await Message.query(on: app.db).count() == 1)
            #expect(try await w.send(.POST, "/api/v1/channels/\(id)/members", w.outsiderToken, [String: Any]()).status == .ok)
            #expect(try await w.send(.POST, "/api/v1/channels/\(id)/messages", w.outsiderToken, ["body": "Hei"]).status == .created)
            // Leaving works for topics; the department channel is muted instead.
            #expect(try await w.send(.DELETE, "/api/v1/channels/\(id)/members/me", w.outsiderToken).status == .noContent)
            #expect(try await w.send(.DELETE, "/api/v1/channels/\(id)/members/me", w.outsiderToken).status == .conflict)
        }
    }

    @Test func privateAndDirectChannelsAreHiddenFromOthers() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let secret = try await w.newChannel(w.devToken, ["name": "Lønnsgruppa", "kind": "topic", "private": true])
            let direct = try await w.newChannel(w.devToken, ["kind": "direct", "members": [w.lead.id!.uuidString]])
            let message = try #require(try await w.postMessage(w.devToken, channel: direct, "Kaffe?")["id"] as? String)
            for channel in [secret, direct] {
                #expect(try await w.send(.GET, "/api/v1/channels/\(channel)", w.outsiderToken).status == .notFound)
                #expect(try await w.send(.GET, "/api/v1/channels/\(channel)/messages", w.outsiderToken).status == .notFound)
                #expect(try await w.send(.POST, "/api/v1/channels/\(channel)/messages", w.outsiderToken, ["body": "x"]).status == .notFound)
                #expect(try await w.send(.POST, "/api/v1/channels/\(channel)/members", w.outsiderToken, [String: Any]()).status == .notFound)
                #expect(try await w.send(.PATCH, "/api/v1/channels/\(channel)", w.outsiderToken, ["archived": true]).status == .notFound)
                #expect(try await w.send(.PUT, "/api/v1/channels/\(channel)/mute", w.outsiderToken).status == .notFound)
                #expect(try await w.send(.DELETE, "/api/v1/channels/\(channel)/mute", w.outsiderToken).status == .notFound)
                #expect(try await w.send(.DELETE, "/api/v1/channels/\(channel)/members/me", w.outsiderToken).status == .notFound)
            }
            #expect(!(try await w.send(.GET, "/api/v1/channels", w.outsiderToken).items().contains { [secret, direct].contains($0["id"] as? String) }))
            // Someone else's message id is not found for every verb.
            #expect(try await w.send(.PATCH, "/api/v1/messages/\(message)", w.outsiderToken, ["body": "x"]).status == .notFound)
            #expect(try await w.send(.DELETE, "/api/v1/messages/\(message)", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.POST, "/api/v1/messages/\(message)/reactions", w.outsiderToken, ["emoji": "👍"]).status == .notFound)
            #expect(try await w.send(.PUT, "/api/v1/messages/\(message)/pin", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.GET, "/api/v1/threads/\(message)", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.PUT, "/api/v1/threads/\(message)/follow", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.DELETE, "/api/v1/threads/\(message)/follow", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.POST, "/api/v1/threads/\(message)/read", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.DELETE, "/api/v1/messages/\(message)/reactions/%F0%9F%91%8D", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.DELETE, "/api/v1/messages/\(message)/pin", w.outsiderToken).status == .notFound)
            // Unread counts of one channel are its own, whatever else the person belongs to.
            _ = try await w.postMessage(w.leadToken, channel: direct, "Ja!")
            #expect(try await w.send(.GET, "/api/v1/channels/\(direct)", w.devToken).json()["unread"] as? Int == 1)
            #expect(try await w.send(.GET, "/api/v1/channels/\(secret)", w.devToken).json()["unread"] as? Int == 0)
            #expect(try await w.send(.POST, "/api/v1/channels/\(direct)/read", w.outsiderToken, [String: Any]()).status == .notFound)
            // The other member can read and answer; a private channel is joined by invitation.
            #expect(try await w.send(.GET, "/api/v1/threads/\(message)", w.leadToken).status == .ok)
            #expect(try await w.send(.POST, "/api/v1/channels/\(secret)/members", w.leadToken, [String: Any]()).status == .notFound)
            #expect(try await w.send(.POST, "/api/v1/channels/\(secret)/members", w.devToken, ["person_id": w.lead.id!.uuidString]).status == .ok)
            #expect(try await w.send(.GET, "/api/v1/channels/\(secret)", w.leadToken).status == .ok)
        }
    }

    @Test func badInputIsRefusedAndChangesNothing() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Fag", "kind": "topic"])
            #expect(try await w.send(.POST, "/api/v1/channels", w.devToken, ["name": "", "kind": "topic"]).status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/channels", w.devToken, ["name": "x", "kind": "department"]).status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/channels", w.devToken, ["kind": "direct", "members": [String]()]).status == .unprocessableEntity)
            let nine = (0..<8).map { _ in UUID().uuidString }
            #expect(try await w.send(.POST, "/api/v1/channels", w.devToken, ["kind": "direct", "members": nine]).status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/channels", w.devToken, ["name": "x", "kind": "topic", "norm_minutes": 5]).status == .unprocessableEntity)
            let empty = try await w.send(.POST, "/api/v1/channels/\(id)/messages", w.devToken, ["body": "  "])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.errorFields["body"] != nil)
            let long = try await w.send(.POST, "/api/v1/channels/\(id)/messages", w.devToken, ["body": String(repeating: "ø", count: 4001)])
            #expect(long.status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/channels/\(id)/messages", w.devToken, ["body": 42]).status == .badRequest)
            #expect(try await w.send(.POST, "/api/v1/channels/\(id)/messages", w.devToken, ["body": "svar", "thread_id": UUID().uuidString]).status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/channels/\(UUID())/messages", w.devToken, ["body": "x"]).status == .notFound)
            #expect(try await w.send(.GET, "/api/v1/channels/not-an-id/messages", w.devToken).status == .notFound)
            #expect(try await w.send(.GET, "/api/v1/channels/\(id)/messages?before=\(UUID())", w.devToken).status == .unprocessableEntity)
            #expect(try await Message.query(on: app.db).count() == 0)
            // Reactions must be one emoji.
            let m = try #require(try await w.postMessage(w.devToken, channel: id, "Hei")["id"] as? String)
            for bad in ["a", "👍👍", "", "<script>"] {
                #expect(try await w.send(.POST, "/api/v1/messages/\(m)/reactions", w.devToken, ["emoji": bad]).status == .unprocessableEntity)
            }
            #expect(try await Reaction.query(on: app.db).count() == 0)
            // Archived: no more posting (409), and only those who run it archive it.
            #expect(try await w.send(.PATCH, "/api/v1/channels/\(id)", w.outsiderToken, ["archived": true]).status == .forbidden)
            #expect(try await w.send(.PATCH, "/api/v1/channels/\(id)", w.devToken, ["archived": true]).status == .ok)
            #expect(try await w.send(.POST, "/api/v1/channels/\(id)/messages", w.devToken, ["body": "x"]).status == .conflict)
            #expect(try await Message.query(on: app.db).count() == 1)
        }
    }

    @Test func departmentAndEngagementChannelsFollowTheOrganisation() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            // The department's people are members of its channel.
            let channels = try await w.send(.GET, "/api/v1/channels", w.devToken).items()
            let utvikling = try #require(channels.first { $0["kind"] as? String == "department" && $0["name"] as? String == "Utvikling" })
            #expect(utvikling["is_member"] as? Bool == true)
            #expect(try await w.send(.DELETE, "/api/v1/channels/\(utvikling["id"] as! String)/members/me", w.devToken).status == .conflict)

            // An engagement gets a private channel; its JSON names it; the sales owner is a member.
            let engagement = try await w.newEngagement()
            let shown = try await w.send(.GET, "/api/v1/engagements/\(engagement)", w.salesToken).json()
            let channel = try #require(shown["channel_id"] as? String)
            let seen = try await w.send(.GET, "/api/v1/channels/\(channel)", w.salesToken).json()
            #expect(seen["is_member"] as? Bool == true)
            #expect(seen["private"] as? Bool == true)
            #expect(try await w.send(.GET, "/api/v1/channels/\(channel)", w.outsiderToken).status == .notFound)
            // An empty id is not an id (null or leaving it out changes nothing).
            let empty = try await w.send(.PATCH, "/api/v1/engagements/\(engagement)", w.salesToken, ["delivery_lead_id": ""])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.errorFields["delivery_lead_id"] != nil)
            // Naming a delivery lead makes them a member.
            #expect(try await w.send(.PATCH, "/api/v1/engagements/\(engagement)", w.salesToken,
                                     ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            #expect(try await w.send(.GET, "/api/v1/channels/\(channel)", w.leadToken).json()["is_member"] as? Bool == true)
            // Someone who may not see the engagement cannot be added to its channel.
            #expect(try await w.send(.POST, "/api/v1/channels/\(channel)/members", w.salesToken,
                                     ["person_id": w.outsider.id!.uuidString]).status == .unprocessableEntity)
        }
    }
}

@Suite struct MessageAPITests {
    @Test func threadsMentionsReactionsAndUnread() async throws {
        try await withLovnad { app in
            app.clock.set(tuesdayMorning)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Skyplattform", "kind": "topic"])
            _ = try await w.send(.POST, "/api/v1/channels/\(id)/members", w.leadToken, [String: Any]())

            // A question with a mention: rendered safely, counted as a mention, and noticed.
            let question = try await w.postMessage(w.devToken, channel: id, "Hei @lars.leveranse, hvem kan **k8s**? <script>x</script>")
            let qid = try #require(question["id"] as? String)
            #expect(question["is_question"] as? Bool == false)
            let html = try #require(question["html"] as? String)
            #expect(html.contains("<span class=\"mention\">@lars.leveranse</span>"))
            #expect(html.contains("<strong>k8s</strong>") && html.contains("&lt;script&gt;"))
            let ask = try await w.postMessage(w.devToken, channel: id, "Kan noen se på PR-en min?")
            #expect(ask["is_question"] as? Bool == true)
            var lead = try #require(try await w.send(.GET, "/api/v1/channels/\(id)", w.leadToken).json() as [String: Any]?)
            #expect(lead["unread"] as? Int == 2)
            #expect(lead["mentions"] as? Int == 1)
            let notices = try await w.send(.GET, "/api/v1/notifications", w.leadToken).items()
            #expect(notices.contains { $0["kind"] as? String == "mention" && ($0["href"] as? String)?.hasPrefix("/channels/\(id)") == true })
            // In the feed, the mention comes first with its reason.
            let feed = try await w.send(.GET, "/api/v1/feed", w.leadToken).items()
            #expect(feed.first?["reason"] as? String == "mentioned")
            #expect((feed.first?["message"] as? [String: Any])?["id"] as? String == qid)

            // A reply goes to the thread, follows it, and stops the norm clock.
            let askID = try #require(ask["id"] as? String)
            let reply = try await w.postMessage(w.leadToken, channel: id, "Jeg tar den", thread: askID)
            #expect(reply["thread_id"] as? String == askID)
            let thread = try await w.send(.GET, "/api/v1/threads/\(askID)", w.leadToken).json()
            #expect((thread["replies"] as? [Any])?.count == 1)
            #expect(thread["following"] as? Bool == true)
            #expect(try await w.send(.GET, "/api/v1/threads/\(askID)", w.devToken).json()["unread"] as? Int == 1)
            let stored = try #require(try await Message.find(UUID(uuidString: askID), on: app.db))
            #expect(stored.firstReplyAt != nil && stored.replyCount == 1)
            // The channel lists roots only.
            #expect(try await w.send(.GET, "/api/v1/channels/\(id)/messages", w.leadToken).items().map { $0["id"] as? String } == [askID, qid])

            // Reactions: one tap, per person, with `mine`.
            let reacted = try await w.send(.POST, "/api/v1/messages/\(askID)/reactions", w.leadToken, ["emoji": "👍"]).json()
            let reactions = try #require(reacted["reactions"] as? [[String: Any]])
            #expect(reactions.count == 1 && reactions[0]["count"] as? Int == 1 && reactions[0]["mine"] as? Bool == true)
            _ = try await w.send(.POST, "/api/v1/messages/\(askID)/reactions", w.devToken, ["emoji": "👍"])
            let both = try await w.send(.GET, "/api/v1/channels/\(id)/messages", w.devToken).items()[0]["reactions"] as? [[String: Any]]
            #expect(both?.first?["count"] as? Int == 2)
            let removed = try await w.send(.DELETE, "/api/v1/messages/\(askID)/reactions/%F0%9F%91%8D", w.devToken).json()
            #expect((removed["reactions"] as? [[String: Any]])?.first?["count"] as? Int == 1)

            // Mark read: counts go to zero, and back when read up to an earlier message.
            lead = try await w.send(.POST, "/api/v1/channels/\(id)/read", w.leadToken, [String: Any]()).json()
            #expect(lead["unread"] as? Int == 0 && lead["mentions"] as? Int == 0)
            lead = try await w.send(.POST, "/api/v1/channels/\(id)/read", w.leadToken, ["message_id": qid]).json()
            #expect(lead["unread"] as? Int == 1)

            // Edit (author only, marked edited), delete (tombstone stays in the thread).
            #expect(try await w.send(.PATCH, "/api/v1/messages/\(qid)", w.leadToken, ["body": "x"]).status == .forbidden)
            let edited = try await w.send(.PATCH, "/api/v1/messages/\(qid)", w.devToken, ["body": "Hvem kan Kubernetes?"]).json()
            #expect(edited["edited_at"] is String)
            let replyID = try #require(reply["id"] as? String)
            #expect(try await w.send(.DELETE, "/api/v1/messages/\(replyID)", w.devToken).status == .forbidden)
            #expect(try await w.send(.DELETE, "/api/v1/messages/\(replyID)", w.leadToken).status == .noContent)
            let after = try await w.send(.GET, "/api/v1/threads/\(askID)", w.devToken).json()
            let tombstone = try #require((after["replies"] as? [[String: Any]])?.first)
            #expect(tombstone["deleted_at"] is String && tombstone["body"] as? String == "")

            // Pins; the edit took the mention away, so the feed no longer lists it as one.
            #expect(try await w.send(.PUT, "/api/v1/messages/\(askID)/pin", w.leadToken).json()["pinned_at"] is String)
            let later = try await w.send(.GET, "/api/v1/feed", w.leadToken).items()
            #expect(!later.contains { $0["reason"] as? String == "mentioned" })
            #expect(later.contains { $0["reason"] as? String == "topic" })

            // A mention in a reply links to the reply in its thread, where it is shown, not to the channel.
            let thanks = try await w.postMessage(w.devToken, channel: id, "Takk, @lars.leveranse", thread: askID)
            let thanksID = try #require(thanks["id"] as? String)
            let newest = try await w.send(.GET, "/api/v1/notifications", w.leadToken).items()
            #expect(newest.contains { $0["kind"] as? String == "mention" && $0["href"] as? String == "/threads/\(askID)#m-\(thanksID)" })
        }
    }

    @Test func repliesInFollowedThreadsReachTheFeed() async throws {
        try await withLovnad { app in
            app.clock.set(tuesdayMorning)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Arkitektur", "kind": "topic"])
            _ = try await w.send(.POST, "/api/v1/channels/\(id)/members", w.leadToken, [String: Any]())
            // Older threads she wrote, with replies, are followed too but quiet.
            for i in 0..<3 {
                let old = try await w.postMessage(w.devToken, channel: id, "Gammel tråd \(i)")
                _ = try await w.postMessage(w.leadToken, channel: id, "Gammelt svar \(i)", thread: try #require(old["id"] as? String))
            }
            app.clock.advance(by: 30 * 86_400)
            let root = try await w.postMessage(w.devToken, channel: id, "Skal vi dele opp tjenesten?")
            let rootID = try #require(root["id"] as? String)
            let reply = try await w.postMessage(w.leadToken, channel: id, "Ja, i to", thread: rootID)
            // The author follows her own thread; the reply comes first in her feed, and the quiet ones not at all.
            let feed = try await w.send(.GET, "/api/v1/feed", w.devToken).items()
            #expect(feed.first?["reason"] as? String == "thread_reply")
            #expect((feed.first?["message"] as? [String: Any])?["id"] as? String == reply["id"] as? String)
            #expect(feed.filter { $0["reason"] as? String == "thread_reply" }.count == 1)
            // A later reply takes the thread's place; her own replies do not.
            app.clock.advance(by: 60)
            let second = try await w.postMessage(w.leadToken, channel: id, "Eller i tre", thread: rootID)
            app.clock.advance(by: 60)
            let hers = try await w.postMessage(w.devToken, channel: id, "Tre høres bra ut", thread: rootID)
            let afterSecond = try await w.send(.GET, "/api/v1/feed", w.devToken).items().filter { $0["reason"] as? String == "thread_reply" }
            #expect(afterSecond.compactMap { ($0["message"] as? [String: Any])?["id"] as? String } == [try #require(second["id"] as? String)])
            // Someone who follows the thread afterwards sees the replies it already has: the latest, hers.
            #expect(try await w.send(.PUT, "/api/v1/threads/\(rootID)/follow", w.devLeaderToken).status == .noContent)
            let theirs = try await w.send(.GET, "/api/v1/feed", w.devLeaderToken).items()
            #expect(theirs.filter { $0["reason"] as? String == "thread_reply" }.compactMap { ($0["message"] as? [String: Any])?["id"] as? String }
                    == [try #require(hers["id"] as? String)])
            // A cursor another list issued does not page the feed (it restarted from the top).
            let other = PageCursor.encode(ListPage.Position(key: "åse utvikler", id: UUID().uuidString))
            let foreign = try await w.send(.GET, "/api/v1/feed?cursor=\(other)", w.devToken)
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.errorFields["cursor"] != nil)
        }
    }

    @Test func aQuestionLeftUnansweredNudgesActiveMembers() async throws {
        try await withLovnad { app in
            app.clock.set(tuesdayMorning)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Spørsmål", "kind": "topic", "norm_minutes": 60])
            _ = try await w.send(.POST, "/api/v1/channels/\(id)/members", w.leadToken, [String: Any]())
            _ = try await w.postMessage(w.leadToken, channel: id, "Jeg er her i dag.")
            let ask = try await w.postMessage(w.devToken, channel: id, "Noen som kan hjelpe med Gradle?")
            // 45 working minutes into a 60-minute norm, Lars (active in the channel) is nudged; Åse asked, so not her.
            app.clock.advance(by: 40 * 60)
            try await app.jobs.runDue(app: app)
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == "norm_nudge").count() == 0)
            app.clock.advance(by: 10 * 60)
            try await app.jobs.runDue(app: app)
            let nudges = try await AppNotification.query(on: app.db).filter(\.$kind == "norm_nudge").all()
            #expect(nudges.map { $0.$person.id } == [w.lead.id!])
            // Answered in time: the channel's record shows 1 of 1.
            _ = try await w.postMessage(w.leadToken, channel: id, "Ja, ring meg", thread: ask["id"] as? String)
            app.clock.advance(by: 3600)
            let record = try await app.normRecord.counts(channelID: UUID(uuidString: id)!, now: app.clock.now(), on: app.db)
            #expect(record == .init(asked: 1, met: 1))
        }
    }

    /// One reader for every message read: the same message reads the same in the channel, its thread,
    /// the pin and reaction answers and the feed.
    @Test func aMessageReadsTheSameWhereverItIsRead() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Felles", "kind": "topic"])
            _ = try await w.send(.POST, "/api/v1/channels/\(id)/members", w.leadToken, [String: Any]())
            let posted = try await w.postMessage(w.devToken, channel: id, "Hvem kan **Kotlin**?")
            let message = posted["id"] as! String
            _ = try await w.postMessage(w.leadToken, channel: id, "Jeg", thread: message)
            #expect(try await w.send(.POST, "/api/v1/messages/\(message)/reactions", w.leadToken, ["emoji": "👍"]).status == .ok)
            let pinned = try await w.send(.PUT, "/api/v1/messages/\(message)/pin", w.leadToken).json()
            func text(_ o: Any?) throws -> String {
                String(decoding: try JSONSerialization.data(withJSONObject: try #require(o as? [String: Any]), options: [.sortedKeys]), as: UTF8.self)
            }
            let inChannel = try await w.send(.GET, "/api/v1/channels/\(id)/messages", w.leadToken).items().first { $0["id"] as? String == message }
            let inThread = try await w.send(.GET, "/api/v1/threads/\(message)", w.leadToken).json()["root"]
            let inFeed = try await w.send(.GET, "/api/v1/feed", w.leadToken).items().first { ($0["message"] as? [String: Any])?["id"] as? String == message }
            #expect(try text(inChannel) == text(pinned))
            #expect(try text(inThread) == text(pinned))
            #expect(try text(inFeed?["message"]) == text(pinned))
            #expect((pinned["reply_count"] as? Int) == 1 && (pinned["reactions"] as? [[String: Any]])?.first?["mine"] as? Bool == true)
        }
    }

    /// A channel's record is counted at most once a minute; a deletion shows at once.
    @Test func theNormRecordIsAtMostAMinuteOld() async throws {
        try await withLovnad { app in
            app.clock.set(tuesdayMorning)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Spørsmål", "kind": "topic", "norm_minutes": 60])
            let channel = UUID(uuidString: id)!
            _ = try await w.send(.POST, "/api/v1/channels/\(id)/members", w.leadToken, [String: Any]())
            func record() async throws -> NormRecord.Counts {
                try await app.normRecord.counts(channelID: channel, now: app.clock.now(), on: app.db)
            }
            let kotlin = try await w.postMessage(w.devToken, channel: id, "Hvem kan Kotlin?")
            _ = try await w.postMessage(w.leadToken, channel: id, "Jeg", thread: kotlin["id"] as? String)
            #expect(try await record() == .init(asked: 1, met: 1))
            let gradle = try await w.postMessage(w.devToken, channel: id, "Hvem kan Gradle?")
            _ = try await w.postMessage(w.leadToken, channel: id, "Jeg også", thread: gradle["id"] as? String)
            app.clock.advance(by: 30)
            #expect(try await record() == .init(asked: 1, met: 1))
            app.clock.advance(by: 31)
            #expect(try await record() == .init(asked: 2, met: 2))
            #expect(try await w.send(.DELETE, "/api/v1/messages/\(kotlin["id"] as! String)", w.devToken).status == .noContent)
            #expect(try await record() == .init(asked: 1, met: 1))
        }
    }
}
