import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

@Suite struct ReminderAndNotificationTests {
    /// 08:30 in Oslo on a given day.
    func morning(_ day: String) -> Date { Day(day)!.start(in: TimeZone(identifier: "Europe/Oslo")!).addingTimeInterval(8.5 * 3600) }

    @Test func remindersReachTheOwnerThenTheLeaderAndStopWhenKept() async throws {
        try await withLovnad { app in
            app.clock.set(morning("2026-12-01"))
            let w = try await EngagementWorld.make(app)
            // Åse promises the customer something due Tuesday 8 December; Dina leads her.
            let made = try await w.send(.POST, "/api/v1/promises", w.devToken,
                                        ["text": "Sende testrapport", "due": "2026-12-08", "to": ["type": "customer", "id": w.customerID]])
            #expect(made.status == .created)
            let other = try await w.send(.POST, "/api/v1/promises", w.devToken,
                                         ["text": "Svare på spørsmål om drift", "due": "2026-12-08", "to": ["type": "customer", "id": w.customerID]])
            let otherID = try #require(try other.json()["id"] as? String)
            #expect(try await JobRecord.query(on: app.db).filter(\.$kind == PromiseReminderJobs.kind).count() == 8)

            func texts(_ token: String) async throws -> [String] {
                try await w.send(.GET, "/api/v1/notifications", token).items().compactMap { $0["text"] as? String }
            }
            app.clock.set(morning("2026-12-03"))
            try await app.jobs.runDue(app: app)
            #expect(try await texts(w.devToken).isEmpty)
            app.clock.set(morning("2026-12-04"))   // two working days before
            try await app.jobs.runDue(app: app)
            let soon = try await texts(w.devToken)
            #expect(soon.count == 2)
            #expect(soon.contains("Reminder: \"Sende testrapport\" is due on 2026-12-08."))

            // One is kept on the day; only the other keeps reminding, and reaches the leader.
            app.clock.set(morning("2026-12-08"))
            _ = try await w.send(.POST, "/api/v1/promises/\(otherID)/transitions", w.devToken, ["to": "kept", "note": "Svar sendt"])
            try await app.jobs.runDue(app: app)
            app.clock.set(morning("2026-12-09"))
            try await app.jobs.runDue(app: app)
            let owner = try await texts(w.devToken)
            #expect(owner.count == 4)
            #expect(owner.contains { $0.contains("past its due date") && $0.contains("Sende testrapport") })
            #expect(!owner.contains { $0.contains("past its due date") && $0.contains("Svare på") })
            #expect(try await texts(w.devLeaderToken).isEmpty)
            app.clock.set(morning("2026-12-11"))
            try await app.jobs.runDue(app: app)
            #expect(try await texts(w.devLeaderToken) == ["Åse Utvikler has a promise past its due date: \"Sende testrapport\" (2026-12-08)."])

            // Marking read: one, someone else's (404), then all.
            let first = try #require(try await w.send(.GET, "/api/v1/notifications", w.devToken).items().first?["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/notifications/\(first)/read", w.devLeaderToken).status == .notFound)
            #expect(try await w.send(.POST, "/api/v1/notifications/\(first)/read", w.devToken).status == .noContent)
            #expect(try await w.send(.GET, "/api/v1/notifications?unread=true", w.devToken).items().count == 3)
            #expect(try await w.send(.POST, "/api/v1/notifications/read", w.devToken).status == .noContent)
            #expect(try await w.send(.GET, "/api/v1/notifications?unread=true", w.devToken).items().isEmpty)
        }
    }

    @Test func theHeaderCountsUnreadNotificationsAndTheCentreMarksThemRead() async throws {
        try await withLovnad { app in
            app.clock.set(morning("2026-12-01"))
            let w = try await EngagementWorld.make(app)
            _ = try await w.send(.POST, "/api/v1/promises", w.devToken,
                                 ["text": "Sende testrapport", "due": "2026-12-02", "to": ["type": "customer", "id": w.customerID]])
            app.clock.set(morning("2026-12-02"))
            try await app.jobs.runDue(app: app)
            let browser = Browser(app)
            try await browser.signIn(w.dev.email)
            let home = try await browser.get("/")
            #expect(home.text.contains("aria-label=\"1 ulest\""))
            let centre = try await browser.get("/notifications")
            #expect(centre.text.contains("I dag er fristen for «Sende testrapport»."))
            #expect(try await browser.post("/notifications/read", form: [:]).status == .seeOther)
            // Nothing unread: the count is there for live updates, but hidden.
            #expect(try await browser.get("/").text.contains("<span class=\"count\" hidden aria-label=\"0 uleste\">"))
        }
    }

    @Test func theCalendarFeedHoldsOpenPromisesAndCanBeRevoked() async throws {
        try await withLovnad { app in
            app.clock.set(morning("2026-12-01"))
            let w = try await EngagementWorld.make(app)
            _ = try await w.send(.POST, "/api/v1/promises", w.devToken,
                                 ["text": "Sende testrapport, med vedlegg", "due": "2026-12-08", "to": ["type": "customer", "id": w.customerID]])
            let kept = try await w.send(.POST, "/api/v1/promises", w.devToken,
                                        ["text": "Allerede holdt", "due": "2026-12-09", "to": ["type": "customer", "id": w.customerID]])
            _ = try await w.send(.POST, "/api/v1/promises/\(try #require(try kept.json()["id"] as? String))/transitions", w.devToken,
                                 ["to": "kept", "note": "Ferdig"])
            let url = try #require(try await w.send(.GET, "/api/v1/me/calendar", w.devToken).json()["url"] as? String)
            #expect(url.hasPrefix(app.settings.baseURL + "/calendar/"))
            #expect(try await w.send(.GET, "/api/v1/me/calendar", w.devToken).json()["url"] as? String == url)  // stable
            let path = String(url.dropFirst(app.settings.baseURL.count))
            let feed = try await app.testing().sendRequest(.GET, path)
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.subType == "calendar")
            #expect(feed.body.string.contains("SUMMARY:Løfte: Sende testrapport\\, med vedlegg"))
            #expect(feed.body.string.contains("DTSTART;VALUE=DATE:20261208"))
            #expect(!feed.body.string.contains("Allerede holdt"))

            // A tampered or foreign token is 404; revoking gives a new address and the old one stops working.
            #expect(try await app.testing().sendRequest(.GET, path.replacingOccurrences(of: ".1.", with: ".2.")).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/calendar/nonsense.ics").status == .notFound)
            let fresh = try #require(try await w.send(.POST, "/api/v1/me/calendar/revoke", w.devToken).json()["url"] as? String)
            #expect(fresh != url)
            #expect(try await app.testing().sendRequest(.GET, path).status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, String(fresh.dropFirst(app.settings.baseURL.count))).status == .ok)
        }
    }
}
