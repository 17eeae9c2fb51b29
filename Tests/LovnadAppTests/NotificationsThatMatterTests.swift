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
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"])
            _ = try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package())
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
}
