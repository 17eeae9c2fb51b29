import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Control characters never get into stored text: the API refuses them naming the field, forms drop
/// them, and the log hashes exactly what it stores.
@Suite struct ControlCharacterTests {
    @Test func theAPIRefusesThemNamingEachFieldAndChangesNothing() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let engagement = try await w.newEngagement()
            let base = "/api/v1/engagements/\(engagement)"
            let before = try await LogEntry.query(on: app.db).count()
            let entry = try await w.send(.POST, "\(base)/log", w.salesToken, ["kind": "note", "body": "Møte\u{0} i dag"])
            #expect(entry.status == .unprocessableEntity)
            #expect(entry.errorFields["body"] != nil)
            #expect(try await LogEntry.query(on: app.db).count() == before)
            #expect(try await w.send(.GET, "\(base)/log/verify", w.salesToken).json()["ok"] as? Bool == true)

            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"]).status == .ok)
            var package = w.package()
            var profiles = try #require(package["profiles"] as? [[String: Any]])
            profiles[0]["role"] = "Utvikler\u{1B}[31m"
            package["profiles"] = profiles
            package["risks"] = [["id": "r1", "text": "Bjelle\u{7}", "mitigation": "OK"]]
            let handover = try await w.send(.PUT, "\(base)/handover", w.salesToken, package)
            #expect(handover.status == .unprocessableEntity)
            #expect(handover.errorFields["profiles[0].role"] != nil)
            #expect(handover.errorFields["risks[0].text"] != nil)
            #expect(handover.errorFields.count == 2)
            #expect(try await HandoverRevision.query(on: app.db).count() == 0)

            let channel = try await w.newChannel(w.devToken, ["name": "Fag", "kind": "topic"])
            let message = try await w.send(.POST, "/api/v1/channels/\(channel)/messages", w.devToken, ["body": "[lenke](https://a.example/\u{0})"])
            #expect(message.status == .unprocessableEntity)
            #expect(try await Message.query(on: app.db).count() == 0)
            let promise = try await w.send(.POST, "/api/v1/promises", w.devToken,
                                           ["text": "Levere\u{85}", "due": "2027-01-08", "to": ["type": "customer", "id": w.customerID]])
            #expect(promise.errorFields["text"] != nil)
            // Tab and line breaks are text.
            #expect(try await w.send(.POST, "\(base)/log", w.salesToken, ["kind": "note", "body": "Linje 1\r\nLinje\t2"]).status == .created)
        }
    }

    @Test func formsDropThem() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            try await browser.get("/me/profile")
            let saved = try await browser.post("/me/profile", form: ["name": "Kari\u{0} Nord\u{7F}mann\u{9B}", "bio": "Hei\u{1B}"])
            #expect(saved.status == .seeOther)
            let person = try #require(try await Person.find(kari.id, on: app.db))
            #expect(person.name == "Kari Nordmann")
            #expect(person.bio == "Hei")
        }
    }

    @Test func theLogHashesWhatItStores() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let engagement = try #require(UUID(uuidString: try await w.newEngagement()))
            // An internal caller (a system line quoting a name from before this rule) cannot break the chain.
            try await app.store.write { ctx in
                _ = try await ctx.appendLog(to: engagement, kind: .system, body: "Navn med \u{0}null", authorID: nil)
            }
            let stored = try #require(try await LogEntry.query(on: app.db).filter(\.$engagement.$id == engagement).sort(\.$sequence, .descending).first())
            #expect(stored.body == "Navn med null")
            #expect(try await w.send(.GET, "/api/v1/engagements/\(engagement)/log/verify", w.salesToken).json()["ok"] as? Bool == true)
        }
    }

    @Test func onlyBodiesThatCouldHoldOneAreParsed() {
        func may(_ text: String) -> Bool { ControlCharacterGuard.mayHoldControls(json: ByteBuffer(string: text)) }
        #expect(!may(#"{"body": "Hei på deg, «sitat» 1 520 000 kr"}"#))
        #expect(!may("{\n  \"body\": \"to\tlinjer\"\n}"))
        #expect(may(#"{"body": "null\u0000"}"#))
        #expect(may("{\"body\": \"del\u{7F}\"}"))
        #expect(may("{\"body\": \"nel\u{85}\"}"))
    }
}
