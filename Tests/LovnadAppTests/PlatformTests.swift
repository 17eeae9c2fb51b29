import Fluent
import Foundation
import Synchronization
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct SettingsTests {
    @Test func readsTheEnvironmentWithDefaults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path
        let s = try Settings.from(["LOVNAD_DATABASE_PATH": "\(folder)/db.sqlite"])
        #expect(s.host == "127.0.0.1" && s.port == 8080)
        #expect(s.baseURL == "http://127.0.0.1:8080")
        #expect(s.database == .sqliteFile(path: "\(folder)/db.sqlite"))
        #expect(s.timeZone.identifier == "Europe/Oslo")
        #expect(s.defaultLocale == .nb)
        // The generated secret is kept, so a restart reads the same one.
        #expect(s.sessionSecret.count >= 32)
        #expect(try Settings.from(["LOVNAD_DATABASE_PATH": "\(folder)/db.sqlite"]).sessionSecret == s.sessionSecret)
    }

    @Test func postgresAndOverrides() throws {
        let s = try Settings.from(["DATABASE_URL": "postgres://a:b@h/db", "LOVNAD_PORT": "9000", "LOVNAD_BASE_URL": "https://lovnad.example/",
                                   "LOVNAD_SESSION_SECRET": String(repeating: "x", count: 40), "LOVNAD_DEFAULT_LOCALE": "en",
                                   "LOVNAD_AUTO_MIGRATE": "false", "LOVNAD_SESSION_IDLE_HOURS": "2"])
        #expect(s.database == .postgres(url: "postgres://a:b@h/db", searchPath: nil))
        #expect(s.port == 9000 && s.baseURL == "https://lovnad.example" && s.secureCookies)
        #expect(s.defaultLocale == .en && !s.autoMigrate)
        #expect(s.sessionPolicy.idleTimeout == 7200)
    }

    @Test func refusesBadValues() {
        let secret = ["LOVNAD_SESSION_SECRET": String(repeating: "x", count: 40)]
        #expect(throws: SettingsError.self) { try Settings.from(secret.merging(["LOVNAD_PORT": "eighty"]) { $1 }) }
        #expect(throws: SettingsError.self) { try Settings.from(secret.merging(["LOVNAD_TIME_ZONE": "Mars/Base"]) { $1 }) }
        #expect(throws: SettingsError.self) { try Settings.from(["LOVNAD_SESSION_SECRET": "short"]) }
    }

    @Test func readsDotEnv() {
        let values = DotEnv.parse("# comment\nLOVNAD_PORT=9090\nexport LOVNAD_HOST=\"0.0.0.0\"\n\nBROKEN LINE\n")
        #expect(values == ["LOVNAD_PORT": "9090", "LOVNAD_HOST": "0.0.0.0"])
    }
}

@Suite struct JobRunnerTests {
    @Test func runsDueJobsOnceAndRetriesFailuresLater() async throws {
        try await withLovnad { app in
            let runs = Mutex(0)
            let failures = Mutex(0)
            app.jobs.register(JobHandler(kind: "count") { _, _ in runs.withLock { $0 += 1 } })
            app.jobs.register(JobHandler(kind: "flaky") { _, _ in
                let n = failures.withLock { $0 += 1; return $0 }
                if n == 1 { throw Abort(.internalServerError, reason: "first try fails") }
            })
            try await app.store.write { ctx in
                try await ctx.enqueue(kind: "count", runAt: ctx.now)
                try await ctx.enqueue(kind: "count", runAt: ctx.now.addingTimeInterval(3600))
                try await ctx.enqueue(kind: "flaky", runAt: ctx.now)
            }
            #expect(try await app.jobs.runDue(app: app) == 2)
            #expect(runs.withLock { $0 } == 1)
            #expect(try await app.jobs.runDue(app: app) == 0)  // the flaky one waits for its back-off
            app.clock.advance(by: 120)
            #expect(try await app.jobs.runDue(app: app) == 1)
            #expect(failures.withLock { $0 } == 2)
            app.clock.advance(by: 3600)
            #expect(try await app.jobs.runDue(app: app) == 1)
            #expect(runs.withLock { $0 } == 2)
            #expect(try await JobRecord.query(on: app.db).filter(\.$finishedAt == nil).count() == 0)
        }
    }

    @Test func housekeepingEndsOldSessionsAndReschedulesItself() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            try await Browser(app).signIn(kari.email)
            try await Housekeeping.ensureScheduled(app)
            try await Housekeeping.ensureScheduled(app)
            #expect(try await JobRecord.query(on: app.db).count() == 1)
            app.clock.advance(by: 9 * 3600)
            #expect(try await app.jobs.runDue(app: app) == 1)
            #expect(try await UserSession.query(on: app.db).count() == 0)
            #expect(try await JobRecord.query(on: app.db).filter(\.$finishedAt == nil).count() == 1)
        }
    }
}

@Suite struct CookieAndCSRFTests {
    @Test func cookiesAreSecureBehindHTTPS() async throws {
        try await withLovnad(settings: { $0.baseURL = "https://lovnad.example" }) { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let response = try await Browser(app).signIn(kari.email)
            let cookie = try #require(response.headers[.setCookie].first { $0.hasPrefix("lovnad_session=") })
            #expect(cookie.contains("Secure"))
            #expect(response.headers.first(name: "Strict-Transport-Security") != nil)
        }
    }

    @Test func cookieAuthenticatedAPIWritesNeedTheCSRFHeader() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            try await browser.get("/")
            let cookies = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            var headers: HTTPHeaders = ["Cookie": cookies]
            headers.contentType = .json
            let body = jsonBody(["bio": "Hei"])
            #expect(try await app.testing().sendRequest(.PATCH, "/api/v1/me", headers: headers, body: body).status == .forbidden)
            headers.replaceOrAdd(name: "X-CSRF-Token", value: try #require(browser.csrfToken))
            #expect(try await app.testing().sendRequest(.PATCH, "/api/v1/me", headers: headers, body: body).status == .ok)
            #expect(try await Person.find(kari.id, on: app.db)?.bio == "Hei")
        }
    }
}
