import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// What the server signs for one purpose is never accepted for another, and a CSRF token holds only
/// for the session it was made for.
@Suite struct SigningTests {
    @Test func aCSRFTokenForAChosenCookieIsNotSomeonesCalendarFeed() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let id = kari.id!.uuidString.lowercased()
            // The attacker picks the CSRF cookie and reads the token the sign-in form signs for it.
            let form = try await app.testing().sendRequest(.GET, "/login", headers: ["Cookie": "lovnad_csrf=calendar:\(id):1"])
            let browser = Browser(app)
            browser.lastPage = form.body.string
            let signature = try #require(browser.csrfToken)
            for candidate in [signature, try hex(fromBase64URL: signature)] {
                let feed = try await app.testing().sendRequest(.GET, "/calendar/\(id).1.\(candidate).ics")
                #expect(feed.status == .notFound, "a CSRF signature opened Kari's feed")
            }
            // Kari's real address still works.
            let url = try await CalendarFeeds.url(for: kari.id!, app: app)
            #expect(try await app.testing().sendRequest(.GET, String(url.dropFirst(app.settings.baseURL.count))).status == .ok)
        }
    }

    @Test func anAnonymousCookieAndTokenPairDoesNotPassWithSomeonesSession() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let victim = Browser(app)
            try await victim.signIn(kari.email)
            // The attacker takes a pair from the sign-in form, plants the cookie in Kari's browser and
            // makes it post the matching token.
            let attacker = Browser(app)
            try await attacker.get("/login")
            let plantedCookie = try #require(attacker.cookies["lovnad_csrf"])
            let plantedToken = try #require(attacker.csrfToken)
            victim.cookies["lovnad_csrf"] = plantedCookie
            let forged = try await victim.post("/me/profile", form: ["name": "Hacked", "csrf_token": plantedToken], withCSRF: false)
            #expect(forged.status == .forbidden)
            #expect(try await Person.find(kari.id, on: app.db)?.name == "Kari Nordmann")

            // A token from another of Kari's own sessions does not pass either; her own page's does.
            let other = Browser(app)
            try await other.signIn(kari.email)
            try await victim.get("/me/profile")
            other.cookies["lovnad_csrf"] = victim.cookies["lovnad_csrf"]
            let crossed = try await other.post("/me/profile", form: ["name": "Crossed", "csrf_token": victim.csrfToken!], withCSRF: false)
            #expect(crossed.status == .forbidden)
            #expect(try await victim.post("/me/profile", form: ["name": "Kari N."]).status == .seeOther)
        }
    }

    @Test func eachPurposeHasItsOwnKey() {
        let keys = SigningKeys(secret: "test-secret-that-is-long-enough-for-hmac-0123456789")
        let signature = keys.sign("calendar:x:1", for: .csrf)
        #expect(keys.verify(signature, of: "calendar:x:1", for: .csrf))
        #expect(!keys.verify(signature, of: "calendar:x:1", for: .calendarFeed))
        #expect(keys.sign("x", for: .csrf) != SigningKeys(secret: String(repeating: "y", count: 40)).sign("x", for: .csrf))
    }

    private func hex(fromBase64URL text: String) throws -> String {
        var b64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        let data = try #require(Data(base64Encoded: b64))
        return data.map { String(format: "%02x", $0) }.joined()
    }
}
