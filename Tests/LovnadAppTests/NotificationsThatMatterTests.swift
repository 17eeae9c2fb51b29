import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct NotificationsThatMatterTests {
    private func texts(_ w: EngagementWorld, _ token: String) async throws -> [String] {
        try await w.send(.GET, "/api/v1/notifications", token).items().compactMap { $0["text"] as? String }
    }

    @Test func aPromiseToMeBeingStaffedAndASignOffEachTellThePersonOnce() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            // Dina promises Åse a 1:1: Åse hears of it, Dina (who made it) does not.
            let made = try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                        ["text": "Medarbeidersamtale", "due": "2030-01-10", "source": "one_to_one",
                                         "to": ["type": "person", "id": w.dev.id!.uuidString]])
            #expect(made.status == .created)
            #expect(try await texts(w, w.devToken).contains("Dina Leder promised you: «Medarbeidersamtale» by 10 January 2030."))
            #expect(try await texts(w, w.devLeaderToken).isEmpty)

            // The engagement moves to handover with Lars as delivery lead: he is asked to sign off.
            let id = try await w.inHandover()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString])
            #expect(try await texts(w, w.leadToken).isEmpty)
            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "handover"]).status == .ok)
            #expect(try await texts(w, w.leadToken) == ["The handover of Ny søknadsløsning waits for your sign-off."])

            // Lars staffs Åse: she hears which engagement and as what; staffing oneself says nothing.
            #expect(try await w.send(.POST, "\(base)/staffing", w.leadToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status.code < 300)
            let notices = try await w.send(.GET, "/api/v1/notifications", w.devToken).items()
            let staffed = try #require(notices.first { ($0["text"] as? String)?.hasPrefix("You are staffed") == true })
            #expect(staffed["text"] as? String == "You are staffed on Ny søknadsløsning as Utvikler.")
            #expect(staffed["href"] as? String == "/engagements/\(id)#onboarding")
            #expect(try await AppNotification.query(on: app.db).count() == 3)
            // The page says it in bokmål.
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let page = try await dev.get("/notifications")
            #expect(page.text.contains("Du er bemannet på Ny søknadsløsning som Utvikler."))
            #expect(page.text.contains("Dina Leder lovet deg: «Medarbeidersamtale» innen 10. januar 2030."))
        }
    }

    @Test func aReplyTellsTheThreadsFollowersOnceUntilTheyHaveReadIt() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let fag = try await w.newChannel(w.leadToken, ["name": "Fagprat", "kind": "topic"])
            for token in [w.devToken, w.devLeaderToken, w.salesToken] {
                #expect(try await w.send(.POST, "/api/v1/channels/\(fag)/members", token).status == .ok)
            }
            // Lars starts a thread; Dina follows it; Siri is in the channel but not in the thread.
            let root = try await w.postMessage(w.leadToken, channel: fag, "Hvem kan Kotlin?")["id"] as! String
            #expect(try await w.send(.PUT, "/api/v1/threads/\(root)/follow", w.devLeaderToken).status == .noContent)
            let threadNotices = { (token: String) async throws -> [String] in
                try await w.send(.GET, "/api/v1/notifications?unread=true", token).items()
                    .filter { $0["kind"] as? String == "thread_reply" }.compactMap { $0["text"] as? String }
            }

            // Åse answers: Lars (who started it) and Dina (who follows) are told; Åse and Siri are not.
            _ = try await w.postMessage(w.devToken, channel: fag, "Det kan jeg", thread: root)
            #expect(try await threadNotices(w.leadToken) == ["Åse Utvikler replied in a thread you follow in Fagprat: «Det kan jeg»"])
            #expect(try await threadNotices(w.devLeaderToken).count == 1)
            #expect(try await threadNotices(w.devToken).isEmpty)
            #expect(try await threadNotices(w.salesToken).isEmpty)
            // Åse now follows it too (she wrote in it). More replies add no notice while one is unread;
            // someone mentioned in a reply hears it as a mention, not twice.
            _ = try await w.postMessage(w.devToken, channel: fag, "Og Kubernetes", thread: root)
            _ = try await w.postMessage(w.leadToken, channel: fag, "Flott, @dina.leder ser du?", thread: root)
            #expect(try await threadNotices(w.leadToken).count == 1)
            #expect(try await threadNotices(w.devLeaderToken).count == 1)
            #expect(try await threadNotices(w.devToken) == ["Lars Leveranse replied in a thread you follow in Fagprat: «Flott, @dina.leder ser du?»"])
            let dina = try await w.send(.GET, "/api/v1/notifications?unread=true", w.devLeaderToken).items().compactMap { $0["kind"] as? String }
            #expect(dina.sorted() == ["mention", "thread_reply"])

            // Reading the thread settles Lars's notice; the next reply tells him again, on the page in bokmål.
            #expect(try await w.send(.POST, "/api/v1/threads/\(root)/read", w.leadToken).status.code < 300)
            #expect(try await threadNotices(w.leadToken).isEmpty)
            _ = try await w.postMessage(w.devToken, channel: fag, "Jeg tar den", thread: root)
            #expect(try await threadNotices(w.leadToken).count == 1)
            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            #expect(try await lead.get("/notifications").text.contains("Åse Utvikler svarte i en tråd du følger i Fagprat: «Jeg tar den»"))

            // Someone who left the channel is not told about its threads.
            #expect(try await w.send(.DELETE, "/api/v1/channels/\(fag)/members/me", w.devLeaderToken).status == .noContent)
            _ = try await w.send(.POST, "/api/v1/notifications/read", w.devLeaderToken)
            _ = try await w.postMessage(w.devToken, channel: fag, "En til", thread: root)
            #expect(try await threadNotices(w.devLeaderToken).isEmpty)
        }
    }
}
