import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

@Suite struct PromisePagesTests {
    @Test func aRecurringPromiseIsOneRowWithItsOccurrencesFolded() async throws {
        try await withLovnad { app in
            app.clock.set(ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z")!)
            let w = try await EngagementWorld.make(app)
            #expect(try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                     ["text": "1:1 annenhver uke", "due": "2026-12-03", "source": "one_to_one",
                                      "to": ["type": "person", "id": w.dev.id!.uuidString],
                                      "recurrence": ["every": 2, "unit": "week", "until": "2027-01-31"]]).status == .created)
            #expect(try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                     ["text": "Kurs", "due": "2026-12-10", "to": ["type": "person", "id": w.dev.id!.uuidString]]).status == .created)
            let leader = Browser(app)
            try await leader.signIn(w.devLeader.email)
            let page = try await leader.get("/promises")
            // Five occurrences: one row (the first), the other four behind "4 ganger til", each with its day.
            #expect(page.text.components(separatedBy: ">1:1 annenhver uke</a>").count == 2)
            #expect(page.text.contains("<summary>4 ganger til</summary>"))
            for day in ["17. desember 2026", "31. desember 2026", "14. januar 2027", "28. januar 2027"] { #expect(page.text.contains(">\(day)</a>")) }
            // The row stands where its first occurrence does: before the promise due on the 10th.
            let first = try #require(page.text.range(of: ">1:1 annenhver uke</a>"))
            let other = try #require(page.text.range(of: ">Kurs</a>"))
            #expect(first.lowerBound < other.lowerBound)
        }
    }

    @Test func aLeaderMakesAPromiseAndTheReceiverConfirmsItThroughThePages() async throws {
        try await withLovnad { app in
            app.clock.set(ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z")!)
            let w = try await EngagementWorld.make(app)
            let leader = Browser(app)
            try await leader.signIn(w.devLeader.email)
            let empty = try await leader.get("/promises")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Gi et løfte"))
            #expect(empty.text.contains("Til mine folk"))

            // A bad form comes back with the problem named and the typed text kept.
            let bad = try await leader.post("/promises", form: ["text": "Kurs i Kubernetes", "due": "2026-11-01", "to": "person:\(w.dev.id!)"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Datoen kan ikke være passert"))
            #expect(bad.text.contains("Kurs i Kubernetes"))
            try await leader.get("/promises")
            let made = try await leader.post("/promises", form: ["text": "Kurs i Kubernetes", "due": "2026-12-18", "to": "person:\(w.dev.id!)",
                                                                 "source": "one_to_one", "draft": "0"])
            #expect(made.status == .seeOther)
            let promise = try #require(try await Promise.query(on: app.db).first())
            let mine = try await leader.get("/promises?view=my-people")
            #expect(mine.text.contains("Kurs i Kubernetes"))

            // Kept with evidence through the page.
            let page = try await leader.get("/promises/\(promise.id!)")
            #expect(page.text.contains("Hva viser at det ble holdt?"))
            let noEvidence = try await leader.post("/promises/\(promise.id!)/transitions", form: ["to": "kept", "note": " "])
            #expect(noEvidence.status == .unprocessableEntity)
            try await leader.get("/promises/\(promise.id!)")
            #expect(try await leader.post("/promises/\(promise.id!)/transitions", form: ["to": "kept", "note": "Påmeldt 10. desember"]).status == .seeOther)
            // Kept, it moves from "still to keep" to "settled".
            let settled = try await leader.get("/promises?view=my-people").text
            let settledAt = try #require(settled.range(of: "<h2>Avgjort</h2>")), keptAt = try #require(settled.range(of: "Kurs i Kubernetes"))
            #expect(settledAt.lowerBound < keptAt.lowerBound)

            // The receiver sees it among promises to her and confirms it.
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let toMe = try await dev.get("/promises?view=to-me")
            #expect(toMe.text.contains("Kurs i Kubernetes"))
            let mineToConfirm = try await dev.get("/promises/\(promise.id!)")
            #expect(mineToConfirm.text.contains("Bekreft at det ble holdt"))
            #expect(try await dev.post("/promises/\(promise.id!)/confirmation", form: ["kept": "1"]).status == .seeOther)
            let confirmed = try await dev.get("/promises/\(promise.id!)?done=confirmation")
            #expect(confirmed.text.contains("Bekreftet av mottaker"))

            // Someone else gets 404 for the page and its forms.
            let outsider = Browser(app)
            try await outsider.signIn(w.outsider.email)
            #expect(try await outsider.get("/promises/\(promise.id!)").status == .notFound)
            try await outsider.get("/promises")
            #expect(try await outsider.post("/promises/\(promise.id!)/transitions", form: ["to": "released"]).status == .notFound)

            // The ratio page shows the company and, for the leader, her people.
            let ratio = try await leader.get("/promises/ratio")
            #expect(ratio.status == .ok)
            #expect(ratio.text.contains("Selskapet"))
            #expect(ratio.text.contains("1 av 1 holdt i tide"))
            #expect(ratio.text.contains("<svg class=\"saydo-chart\""))
            #expect(ratio.text.contains("Åse Utvikler"))
            #expect(ratio.text.contains("id=\"customer-ratios\""))  // Dina leads, so she sees customers' ratios
            #expect(!(try await dev.get("/promises/ratio").text.contains("id=\"customer-ratios\"")))
            #expect(try await leader.get("/promises/ratio?from=2026-12-10&to=2026-01-01").status == .unprocessableEntity)
        }
    }

    @Test func anExpectationBecomesAPromiseFromTheEngagementPage() async throws {
        try await withLovnad { app in
            app.clock.set(ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z")!)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"])
            var package = w.package()
            package["expectations"] = [["id": "e1", "text": "Pilot før sommeren", "not_a_promise_reason": NSNull(), "promise_id": NSNull()]]
            _ = try await w.send(.PUT, "\(base)/handover", w.salesToken, package)
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let page = try await sales.get("/engagements/\(id)")
            #expect(page.text.contains("Gjør til løfte"))
            let made = try await sales.post("/engagements/\(id)/expectations/e1/promise", form: [:])
            #expect(made.status == .seeOther)
            let after = try await sales.get("/engagements/\(id)")
            #expect(after.text.contains("Er et løfte"))
            #expect(after.text.contains("Pilot før sommeren"))
            #expect(!after.text.contains("/expectations/e1/promise"))
        }
    }

    @Test func aLogEntryBecomesAPromiseFromTheLog() async throws {
        try await withLovnad { app in
            app.clock.set(ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z")!)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let entry = try await w.send(.POST, "/api/v1/engagements/\(id)/log", w.salesToken,
                                         ["kind": "customer_contact", "body": "Vi lovet kunden en oppdatert fremdriftsplan"])
            let entryID = try #require(try entry.json()["id"] as? String)
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            #expect(try await sales.get("/engagements/\(id)").text.contains("/log/\(entryID)/promise"))
            let noDue = try await sales.post("/engagements/\(id)/log/\(entryID)/promise", form: ["due": ""])
            #expect(noDue.status == .unprocessableEntity)
            #expect(noDue.text.contains("due"))
            try await sales.get("/engagements/\(id)")
            #expect(try await sales.post("/engagements/\(id)/log/\(entryID)/promise", form: ["due": "2026-12-15"]).status == .seeOther)
            let after = try await sales.get("/engagements/\(id)")
            #expect(after.text.contains("Vi lovet kunden en oppdatert fremdriftsplan"))
            #expect(!after.text.contains("/log/\(entryID)/promise"))
            let outsider = Browser(app)
            try await outsider.signIn(w.outsider.email)
            try await outsider.get("/promises")
            #expect(try await outsider.post("/engagements/\(id)/log/\(entryID)/promise", form: ["due": "2026-12-15"]).status == .notFound)
        }
    }
}
