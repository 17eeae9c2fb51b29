import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct AuthTests {
    @Test func signInSetsAHardenedCookieAndRotatesTheSession() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            let form = try await browser.get("/login")
            #expect(form.status == .ok)
            #expect(form.text.contains(#"name="csrf_token""#))
            #expect(form.text.contains(#"<html lang="nb""#))
            let signedIn = try await browser.post("/login", form: ["email": "KARI.nordmann@example.no", "password": Fixture.password])
            #expect(signedIn.status == .seeOther)
            let cookie = try #require(signedIn.headers[.setCookie].first { $0.hasPrefix("lovnad_session=") })
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.lowercased().contains("samesite=lax"))
            #expect(!cookie.contains("Secure"))
            let firstSession = try #require(browser.cookies["lovnad_session"])

            let home = try await browser.get("/")
            #expect(home.status == .ok)
            #expect(home.text.contains("Kari Nordmann"))

            // Signing in again (from any page's token) replaces the session: the old token no longer works.
            try await browser.get("/me/profile")
            try await browser.post("/login", form: ["email": kari.email, "password": Fixture.password])
            let second = try #require(browser.cookies["lovnad_session"])
            #expect(second != firstSession)
            let old = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: ["Cookie": "lovnad_session=\(firstSession)"])
            #expect(old.status == .unauthorized)
            #expect(try await UserSession.query(on: app.db).count() == 1)
        }
    }

    @Test func aFormPostWithoutItsCSRFTokenIsForbidden() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.get("/login")
            let response = try await browser.post("/login", form: ["email": kari.email, "password": Fixture.password], withCSRF: false)
            #expect(response.status == .forbidden)
            #expect(browser.cookies["lovnad_session"] == nil)
            // A token made for another browser's cookie does not pass either.
            let other = Browser(app)
            try await other.get("/login")
            let forged = try await browser.post("/login", form: ["email": kari.email, "password": Fixture.password,
                                                                 "csrf_token": other.csrfToken!], withCSRF: false)
            #expect(forged.status == .forbidden)
            try await browser.signIn(kari.email)
            try await browser.get("/me/profile")
            let profile = try await browser.post("/me/profile", form: ["name": "Hacked"], withCSRF: false)
            #expect(profile.status == .forbidden)
            #expect(try await Person.find(kari.id, on: app.db)?.name == "Kari Nordmann")
        }
    }

    @Test func wrongPasswordsAreLimitedTheSameWayForUnknownAccounts() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            for email in [kari.email, "nobody@example.no"] {
                let browser = Browser(app)
                browser.address = email
                try await browser.get("/login")
                for _ in 0..<5 {
                    let wrong = try await browser.post("/login", form: ["email": email, "password": "wrong password!"])
                    #expect(wrong.status == .unauthorized)
                }
                let blocked = try await browser.post("/login", form: ["email": email, "password": "wrong password!"])
                #expect(blocked.status == .tooManyRequests)
                let retry = try #require(blocked.headers.first(name: .retryAfter).flatMap(Int.init))
                #expect(retry > 0 && retry <= 900)
            }
            // Even the right password is refused while blocked, and accepted after the window.
            let browser = Browser(app)
            let blocked = try await browser.signIn(kari.email)
            #expect(blocked.status == .tooManyRequests)
            app.clock.advance(by: 16 * 60)
            try await app.store.write { ctx in try await LoginAttempt.query(on: ctx.db).filter(\.$email == "nobody@example.no").delete() }
            let ok = try await browser.signIn(kari.email)
            #expect(ok.status == .seeOther)
        }
    }

    @Test func parallelWrongPasswordsCannotOutrunTheLimit() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            // Enough connections for the guesses to arrive together, and patience for a busy machine.
            app.http.client.configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 25)
            app.http.client.configuration.timeout = .init(connect: .seconds(60), read: .seconds(60))
            try await withRunningServer(app) { port in
                let base = "http://127.0.0.1:\(port)"
                let form = try await app.client.get(URI(string: base + "/login"))
                let cookie = try #require(form.headers[.setCookie].first?.split(separator: ";").first.map(String.init))
                let page = Browser(app)
                page.lastPage = form.body.map { String(buffer: $0) } ?? ""
                let csrf = try #require(page.csrfToken)
                func attempt(_ email: String, from address: String) async throws -> HTTPStatus {
                    let body = "email=\(Browser.encode(email))&password=wrong+password%21&csrf_token=\(Browser.encode(csrf))"
                    return try await app.client.post(URI(string: base + "/login"), headers: [
                        "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address,
                    ]) { $0.body = ByteBuffer(string: body) }.status
                }
                // 100 guesses at one account at once: five are checked, the rest are refused unchecked.
                let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for i in 0..<100 { group.addTask { try await attempt(kari.email, from: "10.0.\(i / 50).\(i % 50)") } }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == .unauthorized }.count == 5)
                #expect(statuses.filter { $0 == .tooManyRequests }.count == 95)
                // One address guessing at many accounts: 50 failures, then it waits; another address does not.
                let spray = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for i in 0..<60 { group.addTask { try await attempt("person\(i)@example.no", from: "192.0.2.7") } }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
                #expect(spray.filter { $0 == .unauthorized }.count == 50)
                #expect(spray.filter { $0 == .tooManyRequests }.count == 10)
                #expect(try await attempt("someone@example.no", from: "192.0.2.8") == .unauthorized)
            }
        }
    }

    @Test func sessionsEndWhenIdleAndOnSignOut() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            app.clock.advance(by: 7 * 3600)
            #expect(try await browser.get("/api/v1/me").status == .ok)
            app.clock.advance(by: 7 * 3600)  // touched above, so still within 8 idle hours
            #expect(try await browser.get("/api/v1/me").status == .ok)
            app.clock.advance(by: 9 * 3600)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
            let page = try await browser.get("/people")
            #expect(page.status == .seeOther)
            #expect(page.headers.first(name: .location) == "/login?next=/people")

            try await browser.signIn(kari.email)
            try await browser.get("/")
            let out = try await browser.post("/logout", form: [:])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
        }
    }

    @Test func deactivationEndsSessionsAndTokens() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let token = try await Fixture.token(app, for: kari)
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token)).status == .ok)
            _ = try await UserActions.deactivate(personID: kari.id!, actorID: nil, app: app)
            #expect(try await browser.get("/api/v1/me").status == .unauthorized)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(token)).status == .unauthorized)
            #expect(try await browser.signIn(kari.email).status == .unauthorized)
        }
    }

    @Test func tokensAreHashedListedAndRevokedByTheirOwnerOnly() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let ola = try await Fixture.person(app, "Ola Nordmann")
            let token = try await Fixture.token(app, for: kari)
            #expect(try await APIToken.query(on: app.db).filter(\.$tokenHash == token).count() == 0)

            let created = try await app.testing().sendRequest(.POST, "/api/v1/me/tokens", headers: .bearerJSON(token), body: jsonBody(["name": "CI"]))
            #expect(created.status == .created)
            let json = try created.json()
            let secret = try #require(json["token"] as? String)
            let id = try #require(json["id"] as? String)
            #expect(secret.hasPrefix("lvn_"))

            let list = try await app.testing().sendRequest(.GET, "/api/v1/me/tokens", headers: .bearer(secret))
            #expect(try list.items().count == 2)
            #expect(try list.items().allSatisfy { $0["token"] is NSNull })

            let olaToken = try await Fixture.token(app, for: ola)
            let stolen = try await app.testing().sendRequest(.DELETE, "/api/v1/me/tokens/\(id)", headers: .bearer(olaToken))
            #expect(stolen.status == .notFound)
            #expect(try await app.testing().sendRequest(.DELETE, "/api/v1/me/tokens/\(id)", headers: .bearer(token)).status == .noContent)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(secret)).status == .unauthorized)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer("lvn_nonsense")).status == .unauthorized)
            let empty = try await app.testing().sendRequest(.POST, "/api/v1/me/tokens", headers: .bearerJSON(token), body: jsonBody(["name": " "]))
            #expect(empty.status == .unprocessableEntity)
        }
    }

    @Test func pagesCarrySecurityHeaders() async throws {
        try await withLovnad { app in
            let response = try await app.testing().sendRequest(.GET, "/login")
            let csp = try #require(response.headers.first(name: "Content-Security-Policy"))
            #expect(csp.contains("script-src 'self'"))
            #expect(!csp.contains("unsafe-inline"))
            #expect(csp.contains("frame-ancestors 'none'"))
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers.first(name: "Referrer-Policy") == "same-origin")
        }
    }

    @Test func onlyLocalPathsAreFollowedAfterSignIn() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            app.http.client.configuration.redirectConfiguration = .disallow
            try await withRunningServer(app) { port in
                let base = "http://127.0.0.1:\(port)"
                let cases = ["/\r\nSet-Cookie: planted=1": "/", "/%0d%0aSet-Cookie:%20planted=1": "/",
                             "/\t/evil.example/path": "/", "//evil.example": "/", "https://evil.example": "/",
                             "/people?q=Kari%20N": "/people?q=Kari%20N"]
                for (next, expected) in cases {
                    let form = try await app.client.get(URI(string: base + "/login"))
                    let cookie = try #require(form.headers[.setCookie].first?.split(separator: ";").first.map(String.init))
                    let page = Browser(app)
                    page.lastPage = form.body.map { String(buffer: $0) } ?? ""
                    let body = ["email": kari.email, "password": Fixture.password, "next": next, "csrf_token": try #require(page.csrfToken)]
                        .map { "\($0.key)=\(Browser.encode($0.value))" }.joined(separator: "&")
                    let response = try await app.client.post(URI(string: base + "/login"),
                                                             headers: ["Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"]) {
                        $0.body = ByteBuffer(string: body)
                    }
                    #expect(response.status == .seeOther)
                    #expect(response.headers.first(name: .location) == expected, "next=\(next)")
                    #expect(!response.headers[.setCookie].contains { $0.contains("planted") }, "next=\(next)")
                    // The sign-in form reflects only the safe form of `next`.
                    let reflected = try await app.client.get(URI(string: base + "/login?next=" + Browser.encode(next)))
                    let text = reflected.body.map { String(buffer: $0) } ?? ""
                    #expect(text.contains(#"name="next" value="\#(expected)""#), "next=\(next)")
                }
            }
        }
    }
}
