import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp

@Suite struct ConversationPagesTests {
    @Test func aTopicIsCreatedWrittenInReactedToAndAnsweredOnPages() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let list = try await dev.get("/channels")
            #expect(list.status == .ok)
            #expect(list.text.contains("Utvikling"))
            let created = try await dev.post("/channels", form: ["name": "Kotlin-fag", "description": "Alt om Kotlin", "norm_hours": "2"])
            #expect(created.status == .seeOther)
            let channelPath = try #require(created.headers.first(name: .location))
            let page = try await dev.get(channelPath)
            #expect(page.text.contains("Kotlin-fag") && page.text.contains("2 arbeidstimer"))
            #expect(page.text.contains("data-live-channel"))

            // Post: shown rendered, mention marked, raw HTML as text; the draft key is on the composer.
            let posted = try await dev.post("\(channelPath)/messages", form: ["body": "Hei **alle** <b>x</b>"])
            #expect(posted.status == .seeOther)
            let shown = try await dev.get(channelPath)
            #expect(shown.text.contains("<strong>alle</strong>") && shown.text.contains("&lt;b&gt;x&lt;/b&gt;"))
            #expect(shown.text.contains("data-draft=\"channel-"))
            // An empty message is refused with 422 and the page explains it.
            let empty = try await dev.post("\(channelPath)/messages", form: ["body": " "])
            #expect(empty.status == .unprocessableEntity)

            // Another person joins from the page, reacts with one tap and answers in the thread.
            let message = try #require(try await Message.query(on: app.db).first())
            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            try await lead.get(channelPath)
            #expect(try await lead.post("\(channelPath)/join", form: [:]).status == .seeOther)
            try await lead.get(channelPath)
            #expect(try await lead.post("/messages/\(message.id!)/react", form: ["emoji": "👍"]).status == .seeOther)
            #expect(try await Reaction.query(on: app.db).count() == 1)
            let thread = try await lead.get("/threads/\(message.id!)")
            #expect(thread.status == .ok)
            #expect(try await lead.post("\(channelPath)/messages", form: ["body": "Takk!", "thread_id": message.id!.uuidString]).status == .seeOther)
            let after = try await dev.get("/threads/\(message.id!)")
            #expect(after.text.contains("Takk!"))
            #expect(after.text.contains("👍 1"))
            // The home feed shows the reply to Åse's thread with its reason.
            let home = try await dev.get("/")
            #expect(home.text.contains("svar i en tråd du følger"))

            // The creator runs the channel: a new norm and archiving; others may not.
            try await lead.get(channelPath)
            #expect(try await lead.post("\(channelPath)/settings", form: ["norm_hours": "8"]).status == .forbidden)
            try await dev.get(channelPath)
            #expect(try await dev.post("\(channelPath)/settings", form: ["norm_hours": "0,1"]).status == .unprocessableEntity)
            #expect(try await dev.post("\(channelPath)/settings", form: ["description": "Kotlin", "norm_hours": "8", "archived": "1"]).status == .seeOther)
            let archived = try await dev.get(channelPath)
            #expect(archived.text.contains("8 arbeidstimer") && archived.text.contains("arkivert") && !archived.text.contains("class=\"composer\""))

            // Someone else's private channel and its messages are not found.
            let secret = try await w.newChannel(w.leadToken, ["name": "Hemmelig", "kind": "topic", "private": true])
            let hidden = try await w.postMessage(w.leadToken, channel: secret, "Psst")
            #expect(try await dev.get("/channels/\(secret)").status == .notFound)
            #expect(try await dev.get("/threads/\(hidden["id"] as! String)").status == .notFound)
            try await dev.get("/channels")
            #expect(try await dev.post("/messages/\(hidden["id"] as! String)/react", form: ["emoji": "👍"]).status == .notFound)
            #expect(try await dev.get("/messages/\(hidden["id"] as! String)/edit").status == .notFound)
        }
    }
}
