import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Tuesday 2026-12-01 09:00 in Oslo.
private let tuesday = ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z")!

@Suite struct HomePagesTests {
    @Test func theHomeIsAboutMeAndTheFeedPages() async throws {
        try await withLovnad { app in
            app.clock.set(tuesday)
            let w = try await EngagementWorld.make(app)
            // Åse owes her leader a note by Friday, and something overdue; a promise for next month is not this week's.
            for (text, due) in [("Notat om arkitekturen", "2026-12-04"), ("Oppsummering fra workshop", "2026-12-01"), ("Neste kvartal", "2027-01-15")] {
                let made = try await w.send(.POST, "/api/v1/promises", w.devToken, ["text": text, "due": due, "source": "none",
                                                                                 "to": ["type": "person", "id": w.devLeader.id!.uuidString]])
                #expect(made.status == .created, "\(made.text)")
            }
            // Lars leads an engagement in handover that nobody has signed off.
            let id = try await w.inHandover()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString])
            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "handover"]).status == .ok)
            // Lars asks the channel a question and mentions Åse; nobody answers.
            let channel = try await w.newChannel(w.devToken, ["name": "Skyplattform", "kind": "topic"])
            _ = try await w.send(.POST, "/api/v1/channels/\(channel)/members", w.leadToken, [String: Any]())
            let handle = w.dev.email.split(separator: "@")[0]
            _ = try await w.postMessage(w.leadToken, channel: channel, "Hei @\(handle), hvem kan k8s?")
            for n in 1...12 { _ = try await w.postMessage(w.leadToken, channel: channel, "Statusmelding nummer \(n)") }

            // A day later the workshop summary is overdue.
            app.clock.set(tuesday.addingTimeInterval(24 * 3600))
            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let home = try await dev.get("/")
            let owed = pageSection("owed", of: home.text)
            #expect(owed.contains("Notat om arkitekturen") && owed.contains("Oppsummering fra workshop") && owed.contains("forfalt"))
            #expect(!owed.contains("Neste kvartal"))
            let waiting = pageSection("waiting", of: home.text)
            #expect(waiting.contains("Ubesvart i Skyplattform: Hei @"))
            #expect(waiting.contains("Lars Leveranse"), "\(waiting)")
            #expect(!waiting.contains("Signer overleveringen"))

            // The feed shows a page and links to the next, which holds what the first did not.
            #expect(home.text.components(separatedBy: "class=\"feed-reason").count - 1 == FeedViews.shownOnPage)
            let older = try #require(home.text.range(of: ##"href="/\?cursor=[^"#]+"##, options: .regularExpression).map { String(home.text[$0].dropFirst(6)) })
            let next = try await dev.get(older)
            #expect(next.status == .ok)
            #expect(next.text.contains("Statusmelding nummer 1<") || next.text.contains("Statusmelding nummer 2<"))
            #expect(!home.text.contains("Statusmelding nummer 1<"))

            let lead = Browser(app)
            try await lead.signIn(w.lead.email)
            let leadHome = try await lead.get("/")
            #expect(pageSection("waiting", of: leadHome.text).contains("Signer overleveringen av Ny søknadsløsning"))
            #expect(pageSection("my-engagements", of: leadHome.text).contains("Ny søknadsløsning"))
            #expect(!pageSection("waiting", of: leadHome.text).contains("Ubesvart"))  // his own question
        }
    }
}
