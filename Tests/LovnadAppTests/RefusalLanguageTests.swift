import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// A refusal shown on a page is in the reader's language; the API keeps saying it in English.
@Suite struct RefusalLanguageTests {
    @Test func aRefusedStepOnAPageIsSaidInBokmål() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            #expect(try await w.send(.POST, "/api/v1/engagements/\(id)/transitions", w.salesToken, ["to": "won"]).status == .ok)
            #expect(try await w.send(.PATCH, "/api/v1/engagements/\(id)", w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            // The delivery lead may move it, the consultant Åse (on it through the staffing below) may not.
            let base = "/api/v1/engagements/\(id)"
            #expect(try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package()).status == .ok)
            #expect(try await w.send(.POST, "\(base)/staffing", w.leadToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status == .created)
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            try await dev.get("/engagements/\(id)")
            let refused = try await dev.post("/engagements/\(id)/transition", form: ["to": "delivery"])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains(Localizer(.nb)(.refuseEngagementSteerers)))
            #expect(!refused.text.contains("Only the sales owner"))

            // Leaving a channel that follows the department: refused, in bokmål.
            let department = try #require(try await LovnadApp.Channel.query(on: app.db).filter(\.$department.$id == w.dev.$department.id).first())
            try await dev.get("/channels/\(department.id!)")
            let leave = try await dev.post("/channels/\(department.id!)/leave", form: [:])
            #expect(leave.text.contains("demp den i stedet"), "\(leave.status)")
            #expect(!leave.text.contains("mute it instead"))

            // The API says the same in English, as before.
            let api = try await w.send(.POST, "\(base)/transitions", w.devToken, ["to": "delivery"])
            #expect(api.status == .forbidden)
            #expect((try api.json()["error"] as? [String: Any])?["message"] as? String
                    == "Only the sales owner, delivery lead, leaders and admins move an engagement")
        }
    }

    /// Every refusal has its own words in each language (none left in English on a bokmål page).
    @Test func everyRefusalIsTranslated() {
        let refusals = L.allCases.filter { $0.rawValue.hasPrefix("refuse") }
        #expect(refusals.count > 40)
        for key in refusals {
            let nb = Localizer.table(.nb)[key], en = Localizer.table(.en)[key]
            #expect(nb != nil && en != nil && nb != en, "\(key)")
        }
    }
}
