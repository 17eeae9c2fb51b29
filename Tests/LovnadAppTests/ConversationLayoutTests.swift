import Foundation
import Testing
import VaporTesting
@testable import LovnadApp

/// A channel reads like chat: grouped messages, a line where the unread start, the newest at the bottom
/// above the composer, and a live template that is the server's own markup.
@Suite struct ConversationLayoutTests {
    let ada = PersonRef(id: UUID(), name: "Ada")
    let bo = PersonRef(id: UUID(), name: "Bo")

    func message(_ seq: Int, _ author: PersonRef, at seconds: TimeInterval, deleted: Bool = false) -> MessageDTO {
        MessageReader.dto(id: UUID(), channelID: UUID(), threadID: nil, seq: seq, author: author, body: "m\(seq)", html: "<p>m\(seq)</p>",
                          isQuestion: false, replyCount: 0, lastReplyAt: nil, createdAt: Date(timeIntervalSince1970: seconds),
                          editedAt: nil, deletedAt: deleted ? Date(timeIntervalSince1970: seconds) : nil, pinnedAt: nil, reactions: [], viewer: nil)
    }

    @Test func messagesOfOneAuthorCloseTogetherAreOneGroup() {
        let rows = ConversationViews.conversation([
            message(1, ada, at: 0), message(2, ada, at: 60), message(3, ada, at: 60 + 301),
            message(4, bo, at: 400), message(5, ada, at: 410), message(6, ada, at: 420, deleted: true), message(7, ada, at: 430),
        ], lastRead: nil, me: nil)
        #expect(rows.map(\.continued) == [false, true, false, false, false, false, false])
        #expect(rows.allSatisfy { !$0.firstUnread })
    }

    @Test func theReadMarkFallsBeforeTheFirstMessageSomeoneElseWroteAfterIt() {
        let messages = [message(1, ada, at: 0), message(2, bo, at: 10), message(3, ada, at: 20), message(4, ada, at: 30)]
        let rows = ConversationViews.conversation(messages, lastRead: 1, me: bo.id)
        // Bo's own message is not news to Bo; Ada's next one is, and it starts a group again.
        #expect(rows.map(\.firstUnread) == [false, false, true, false])
        #expect(rows.map(\.continued) == [false, false, false, true])
        #expect(ConversationViews.conversation(messages, lastRead: 4, me: bo.id).allSatisfy { !$0.firstUnread })
    }

    @Test func aChannelPageShowsWhereTheUnreadStartAndKeepsTheComposerBelowTheNewest() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newChannel(w.devToken, ["name": "Lunsj", "kind": "topic"])
            #expect(try await w.send(.POST, "/api/v1/channels/\(id)/members", w.leadToken, [String: Any]()).status == .ok)
            _ = try await w.postMessage(w.devToken, channel: id, "Først")
            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            // Joined before it was written, Lars has not read it yet.
            let read = try await lead.get("/channels/\(id)").text
            #expect(try #require(read.range(of: "unread-divider")).lowerBound < #require(read.range(of: "Først")).lowerBound)
            _ = try await w.postMessage(w.devToken, channel: id, "Ny melding")
            _ = try await w.postMessage(w.devToken, channel: id, "Og en til")
            let page = try await lead.get("/channels/\(id)").text
            let divider = try #require(page.range(of: "class=\"unread-divider\""))
            let first = try #require(page.range(of: "Først")), new = try #require(page.range(of: "Ny melding"))
            #expect(first.lowerBound < divider.lowerBound && divider.lowerBound < new.lowerBound)
            #expect(page.contains("Nytt siden du sist leste"))
            // The second of the two follows the first as a group.
            #expect(page.components(separatedBy: "class=\"message continued\"").count == 2)
            // The conversation box comes before the composer, and the template carries the live markup.
            let scroll = try #require(page.range(of: "class=\"conversation-scroll\"")), composer = try #require(page.range(of: "class=\"composer\""))
            #expect(scroll.lowerBound < composer.lowerBound)
            #expect(page.contains("id=\"message-template\"") && page.contains("m-00000000-0000-0000-0000-000000000000"))
            // Seen once, the line is gone.
            #expect(!(try await lead.get("/channels/\(id)").text.contains("unread-divider")))
        }
    }
}
