import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

/// Knowledge health, one's checks and the search results page, in bokmål, with what users typed escaped.
@Suite struct KnowledgePagesTests {
    @Test func theVerifierFindsTheirCheckAndConfirmsOrMarksItOutdatedInThePages() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let (q, a) = try await KnowledgeTests.accepted(w, title: "Hvordan setter vi opp <Gradle>?")
            app.clock.set(QuestionTests.morning("2027-06-02"))
            let ase = Browser(app)
            try await ase.signIn(w.dev.email)
            let health = try await ase.get("/knowledge")
            #expect(health.status == .ok)
            #expect(health.text.contains("Kunnskapshelse"))
            #expect(health.text.contains("Svar du skal kontrollere (1)"))
            #expect(health.text.contains("Ferdigheter ingen dekker"))
            let checks = try await ase.get("/knowledge/checks")
            #expect(checks.text.contains("Hvordan setter vi opp &lt;Gradle&gt;?"))
            #expect(checks.text.contains("Skal kontrolleres: det er lenge siden det sist ble bekreftet"))
            let page = try await ase.get("/questions/\(q)")
            #expect(page.text.contains("Stemmer fortsatt"))
            #expect(page.text.contains("Marker som utdatert"))

            // Without a reason the page comes back with the problem; with one, it is marked.
            let bare = try await ase.post("/answers/\(a)/outdated", form: ["reason": ""])
            #expect(bare.status == .unprocessableEntity)
            try await ase.get("/questions/\(q)")
            let marked = try await ase.post("/answers/\(a)/outdated", form: ["reason": "Gradle 9 gjør det <annerledes>"])
            #expect(marked.status == .seeOther)
            let after = try await ase.get("/questions/\(q)?done=outdated")
            #expect(after.text.contains("Svaret er markert som utdatert."))
            #expect(after.text.contains("Utdatert: Gradle 9 gjør det &lt;annerledes&gt;"))
            try await ase.post("/answers/\(a)/confirm", form: [:])
            #expect(try await Answer.find(UUID(uuidString: a), on: app.db)?.outdatedAt == nil)
            #expect(try await ase.get("/knowledge/checks").text.contains("Ingen svar venter på kontrollen din."))

            // Someone who does not verify it is refused, in bokmål.
            let lars = Browser(app)
            try await lars.signIn(w.lead.email)
            try await lars.get("/questions/\(q)")
            let refused = try await lars.post("/answers/\(a)/confirm", form: [:])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Bare den som holder svaret oppdatert"))
        }
    }

    @Test func theSearchBoxOnEveryPageLeadsToResultsFilteredByKind() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let channel = try await w.newChannel(w.devToken, ["name": "Leveranser", "kind": "topic"])
            _ = try await w.postMessage(w.devToken, channel: channel, "Leveransene <b>til Fjellvann</b> går fint")
            let ase = Browser(app)
            try await ase.signIn(w.dev.email)
            let home = try await ase.get("/")
            #expect(home.text.contains("role=\"search\""))
            #expect(home.text.contains("action=\"/search\""))
            #expect(try await ase.get("/search").status == .ok)

            let found = try await ase.get("/search?q=leveranse")
            #expect(found.status == .ok)
            #expect(found.text.contains("<mark>Leveransene</mark> &lt;b&gt;til Fjellvann&lt;/b&gt; går fint"))
            #expect(!found.text.contains("<b>til Fjellvann</b>"))
            #expect(found.text.contains("/search?q=leveranse&amp;type=message"))
            let people = try await ase.get("/search?q=leveranse&type=promise")
            #expect(people.text.contains("Ingen treff på «leveranse»."))
            #expect(people.text.contains("aria-current=\"page\">Løfter"))
            let long = try await ase.get("/search?q=" + String(repeating: "a", count: 600))
            #expect(long.status == .unprocessableEntity)
            #expect(long.text.contains("aria-invalid=\"true\""))
            // A stray quote or a lone operator is read as plain words.
            #expect(try await ase.get("/search?q=%22leveranse").status == .ok)
            #expect(try await ase.get("/search?q=*").status == .ok)
        }
    }
}

/// Questions for you reach the home feed: those put to the reader first, then those on what they know.
@Suite struct QuestionFeedTests {
    @Test func questionsForYouAreInTheHomeFeedForThoseWhoMaySeeThem() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let open = try #require(try await QuestionTests.ask(w, w.salesToken, ["title": "Hvordan tester vi <korutiner>?", "skills": ["Kotlin"]])["id"] as? String)
            let engagement = try await w.newEngagement(title: "Fortrolig")
            #expect(try await w.send(.PATCH, "/api/v1/engagements/\(engagement)", w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            let secret = try #require(try await QuestionTests.ask(w, w.salesToken, ["title": "Fortrolig om Kotlin", "skills": ["Kotlin"],
                                                                                   "engagement_id": engagement])["id"] as? String)
            func questions(_ token: String) async throws -> [(String?, String?)] {
                try await w.send(.GET, "/api/v1/feed", token).items().filter { $0["kind"] as? String == "question" }
                    .map { ($0["reason"] as? String, ($0["question"] as? [String: Any])?["id"] as? String) }
            }
            // Lars was asked both; Otto, who knows Kotlin, sees the open one on his skill, never the confidential one.
            let lars = try await questions(w.leadToken)
            #expect(lars.map(\.0) == ["question_for_you", "question_for_you"])
            #expect(Set(lars.compactMap(\.1)) == [open, secret])
            let otto = try await questions(w.outsiderToken)
            #expect(otto.map(\.1) == [open])
            #expect(otto.map(\.0) == ["question_for_you"], "Otto was among the three asked the open one")
            #expect(try await questions(w.salesToken).isEmpty, "not one's own")
            #expect(try await questions(w.devLeaderToken).isEmpty, "Dina is at level 2")

            // Answered and resolved, it leaves the feed.
            #expect(try await w.send(.POST, "/api/v1/questions/\(open)/resolve", w.salesToken).status == .ok)
            #expect(try await questions(w.outsiderToken).isEmpty)

            let browser = Browser(app)
            try await browser.signIn(w.lead.email)
            let home = try await browser.get("/")
            #expect(home.text.contains("Spørsmål til deg"))
            #expect(home.text.contains("Fortrolig om Kotlin"))
        }
    }
}
