import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct EngagementPagesTests {
    @Test func theTeamWorksTheEngagementThroughItsPage() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"])
            _ = try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package())
            _ = try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString])

            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let list = try await sales.get("/engagements")
            #expect(list.text.contains("Ny søknadsløsning"))
            #expect(list.text.contains("(mitt)"))
            let page = try await sales.get("/engagements/\(id)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Klar for leveranse?"))
            #expect(page.text.contains("Selvbetjening for byggesøknader"))
            #expect(page.text.contains("Alle profiler er bemannet"))

            // Moving to handover works; delivery is refused with the missing items named in Norwegian.
            #expect(try await sales.post("/engagements/\(id)/transition", form: ["to": "handover"]).status == .seeOther)
            try await sales.get("/engagements/\(id)")
            let refused = try await sales.post("/engagements/\(id)/transition", form: ["to": "delivery"])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Alle profiler er bemannet"))
            #expect(refused.text.contains("ikke signert av leveranseansvarlig"))

            // The delivery lead staffs the profile, signs off and starts delivery, all through forms.
            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            let leadPage = try await lead.get("/engagements/\(id)")
            #expect(leadPage.text.contains("Åse Utvikler"))
            #expect(try await lead.post("/engagements/\(id)/staff", form: ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status == .seeOther)
            try await lead.get("/engagements/\(id)")
            #expect(try await lead.post("/engagements/\(id)/review", form: ["held_on": "2026-12-01", "participants": "Siri, Lars", "sign_off": "on"]).status == .seeOther)
            try await lead.get("/engagements/\(id)")
            #expect(try await lead.post("/engagements/\(id)/transition", form: ["to": "delivery"]).status == .seeOther)
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.status == "delivery")

            // The developer ticks her onboarding and writes in the log; the page shows both.
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let devPage = try await dev.get("/engagements/\(id)")
            #expect(devPage.text.contains("Oppstart hos kunden"))
            let item = try #require(try await OnboardingItem.query(on: app.db).filter(\.$person.$id == w.dev.id!).sort(\.$position).first())
            #expect(try await dev.post("/engagements/\(id)/onboarding/\(item.id!)", form: ["done": "1"]).status == .seeOther)
            try await dev.get("/engagements/\(id)")
            #expect(try await dev.post("/engagements/\(id)/log", form: ["kind": "decision", "body": "Vi bruker Kotlin.", "tags": "arkitektur"]).status == .seeOther)
            try await dev.get("/engagements/\(id)")
            let bad = try await dev.post("/engagements/\(id)/log", form: ["kind": "system", "body": "Jeg er systemet"])
            #expect(bad.status == .unprocessableEntity)
            let final = try await dev.get("/engagements/\(id)?tag=arkitektur")
            #expect(final.text.contains("Vi bruker Kotlin."))
            #expect(final.text.contains("1/5"))
            #expect(try await OnboardingItem.find(item.id, on: app.db)?.doneAt != nil)

            // An outsider sees neither the page nor the engagement in the list.
            let outsider = Browser(app)
            try await outsider.signIn(w.outsider.email)
            #expect(try await outsider.get("/engagements/\(id)").status == .notFound)
            #expect(!(try await outsider.get("/engagements").text.contains("Ny søknadsløsning")))
            try await outsider.get("/")
            #expect(try await outsider.post("/engagements/\(id)/log", form: ["kind": "note", "body": "Hei"]).status == .notFound)
        }
    }
}
