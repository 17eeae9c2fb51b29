import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct PasswordTests {
    @Test func changingOnesPasswordNeedsTheCurrentOneAndEndsOtherSessions() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let laptop = Browser(app), phone = Browser(app)
            try await laptop.signIn(kari.email)
            try await phone.signIn(kari.email)
            try await laptop.get("/me/profile")
            let wrong = try await laptop.post("/me/password", form: ["current_password": "not it at all", "new_password": "a brand new secret"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("current_password-error"))
            let short = try await laptop.post("/me/password", form: ["current_password": Fixture.password, "new_password": "short"])
            #expect(short.status == .unprocessableEntity)
            #expect(try await phone.get("/api/v1/me").status == .ok)

            let changed = try await laptop.post("/me/password", form: ["current_password": Fixture.password, "new_password": "a brand new secret"])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/api/v1/me").status == .ok)
            #expect(try await phone.get("/api/v1/me").status == .unauthorized)
            #expect(try await Browser(app).signIn(kari.email).status == .unauthorized)
            #expect(try await Browser(app).signIn(kari.email, password: "a brand new secret").status == .seeOther)

            let token = try await Fixture.token(app, for: kari)
            let api = try await app.testing().sendRequest(.PUT, "/api/v1/me/password", headers: .bearerJSON(token),
                                                          body: jsonBody(["current_password": "a brand new secret", "new_password": "yet another secret"]))
            #expect(api.status == .noContent)
        }
    }

    @Test func adminsGiveImportedPeopleATemporaryPassword() async throws {
        try await withLovnad { app in
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            _ = try await PeopleImportActions.run(csv: "email,name\nny@example.no,Ny Person\n", actorID: nil, app: app)
            let imported = try #require(try await Person.query(on: app.db).filter(\.$email == "ny@example.no").first())
            #expect(try await Browser(app).signIn(imported.email, password: "").status == .unauthorized)

            let adminToken = try await Fixture.token(app, for: admin)
            let kariToken = try await Fixture.token(app, for: kari)
            let path = "/api/v1/admin/users/\(imported.id!)/password"
            #expect(try await app.testing().sendRequest(.POST, path, headers: .bearer(kariToken)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/admin/users/\(UUID())/password", headers: .bearer(adminToken)).status == .notFound)
            let reset = try await app.testing().sendRequest(.POST, path, headers: .bearer(adminToken))
            #expect(reset.status == .ok)
            let password = try #require(try reset.json()["password"] as? String)
            #expect(try await Browser(app).signIn(imported.email, password: password).status == .seeOther)

            let page = Browser(app)
            try await page.signIn(admin.email)
            try await page.get("/admin/users")
            let shown = try await page.post("/admin/users/\(kari.id!)/password", form: [:])
            #expect(shown.text.contains("Nytt midlertidig passord for kari.nordmann@example.no"))
            #expect(try await Browser(app).signIn(kari.email).status == .unauthorized)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "user.password_reset").count()
            #expect(audit == 2)
        }
    }
}
