import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct AdminTests {
    @Test func onlyAdminsManageUsersAndSkillsAndEverythingIsAudited() async throws {
        try await withLovnad { app in
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let adminToken = try await Fixture.token(app, for: admin)
            let kariToken = try await Fixture.token(app, for: kari)

            let newUser: [String: Any] = ["email": "ny@example.no", "name": "Ny Ansatt", "roles": ["consultant", "sales"], "department": "Salg"]
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/admin/users", headers: .bearerJSON(kariToken), body: jsonBody(newUser)).status == .forbidden)
            let created = try await app.testing().sendRequest(.POST, "/api/v1/admin/users", headers: .bearerJSON(adminToken), body: jsonBody(newUser))
            #expect(created.status == .created)
            let createdJSON = try created.json()
            #expect((createdJSON["password"] as? String)?.count ?? 0 >= 12)
            let newID = try #require((createdJSON["person"] as? [String: Any])?["id"] as? String)
            let again = try await app.testing().sendRequest(.POST, "/api/v1/admin/users", headers: .bearerJSON(adminToken), body: jsonBody(newUser))
            #expect(again.status == .unprocessableEntity)
            #expect(again.errorFields["email"] != nil)
            let badRole = try await app.testing().sendRequest(.POST, "/api/v1/admin/users", headers: .bearerJSON(adminToken),
                                                              body: jsonBody(["email": "x@example.no", "name": "X", "roles": ["king"]]))
            #expect(badRole.status == .unprocessableEntity)

            let roles = try await app.testing().sendRequest(.PATCH, "/api/v1/admin/users/\(newID)", headers: .bearerJSON(adminToken),
                                                            body: jsonBody(["roles": ["leader", "consultant"]]))
            #expect(try roles.json()["roles"] as? [String] == ["leader", "consultant"])
            #expect(try await app.testing().sendRequest(.PATCH, "/api/v1/admin/users/\(UUID())", headers: .bearerJSON(adminToken),
                                                        body: jsonBody(["active": false])).status == .notFound)
            #expect(try await app.testing().sendRequest(.PATCH, "/api/v1/admin/users/\(admin.id!)", headers: .bearerJSON(adminToken),
                                                        body: jsonBody(["active": false])).status == .conflict)
            let off = try await app.testing().sendRequest(.PATCH, "/api/v1/admin/users/\(newID)", headers: .bearerJSON(adminToken),
                                                          body: jsonBody(["active": false]))
            #expect(try off.json()["active"] as? Bool == false)

            let skill = try await app.testing().sendRequest(.POST, "/api/v1/skills", headers: .bearerJSON(adminToken),
                                                            body: jsonBody(["name": "Kubernetes", "category": "Plattform", "synonyms": ["k8s"]]))
            #expect(skill.status == .created)
            #expect(try await app.testing().sendRequest(.POST, "/api/v1/skills", headers: .bearerJSON(kariToken),
                                                        body: jsonBody(["name": "Go"])).status == .forbidden)
            let clash = try await app.testing().sendRequest(.POST, "/api/v1/skills", headers: .bearerJSON(adminToken),
                                                            body: jsonBody(["name": "K8S"]))
            #expect(clash.status == .unprocessableEntity)
            let skillID = try #require(try skill.json()["id"] as? String)
            let renamed = try await app.testing().sendRequest(.PATCH, "/api/v1/skills/\(skillID)", headers: .bearerJSON(adminToken),
                                                              body: jsonBody(["synonyms": ["k8s", "kube"]]))
            #expect(try renamed.json()["synonyms"] as? [String] == ["k8s", "kube"])
            #expect(try await app.testing().sendRequest(.PATCH, "/api/v1/skills/\(UUID())", headers: .bearerJSON(adminToken),
                                                        body: jsonBody(["name": "x"])).status == .notFound)

            let users = try await app.testing().sendRequest(.GET, "/api/v1/admin/users", headers: .bearer(adminToken)).items()
            #expect(users.contains { $0["id"] as? String == newID && $0["active"] as? Bool == false })
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/admin/users", headers: .bearer(kariToken)).status == .forbidden)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/admin/audit", headers: .bearer(kariToken)).status == .forbidden)
            let audit = try await app.testing().sendRequest(.GET, "/api/v1/admin/audit", headers: .bearer(adminToken)).items()
            let actions = audit.compactMap { $0["action"] as? String }
            for expected in ["user.created", "user.roles_changed", "user.deactivated", "skill.created", "skill.updated"] {
                #expect(actions.contains(expected), "\(expected)")
            }
            #expect(audit.contains { $0["actor_name"] as? String == "Ada Admin" })
        }
    }

    @Test func adminPagesAreForAdminsOnly() async throws {
        try await withLovnad { app in
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            #expect(try await browser.get("/admin/users").status == .forbidden)
            #expect(browser.lastPage.contains("Ingen tilgang"))
            let adminBrowser = Browser(app)
            try await adminBrowser.signIn(admin.email)
            let page = try await adminBrowser.get("/admin/users")
            #expect(page.status == .ok)
            #expect(page.text.contains("Kari Nordmann"))
            let deactivated = try await adminBrowser.post("/admin/users/\(kari.id!)/deactivate", form: [:])
            #expect(deactivated.status == .seeOther)
            #expect(try await browser.get("/").status == .seeOther)
            try await adminBrowser.get("/admin/users")
            #expect(try await adminBrowser.post("/admin/users/\(UUID())/deactivate", form: [:]).status == .notFound)
            let audit = try await adminBrowser.get("/admin/audit")
            #expect(audit.text.contains("Bruker deaktivert"))
        }
    }
}

@Suite struct AdminUserListTests {
    @Test func theUserListSearchesByNameOrAddressFiltersByStandingAndPages() async throws {
        try await withLovnad { app in
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            for i in 1...55 { _ = try await Fixture.person(app, "Person \(String(format: "%02d", i))") }
            _ = try await UserActions.deactivate(personID: kari.id!, actorID: admin.id, app: app)
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            func names(_ page: String) -> [String] {
                page.components(separatedBy: "<tr><td><a href=\"/people/").dropFirst().compactMap { row in
                    row.split(separator: ">", maxSplits: 1).last.map { String($0.prefix { $0 != "<" }) }
                }
            }
            // Active people by name, fifty to a page, the next page one link away (the search kept in it).
            let first = try await browser.get("/admin/users")
            #expect(names(first.text).count == 50 && names(first.text).first == "Ada Admin" && !names(first.text).contains("Kari Nordmann"))
            let next = try #require(first.text.range(of: "href=\"/admin/users?show=active&amp;cursor=")).upperBound
            let cursor = String(first.text[next...].prefix { $0 != "#" && $0 != "\"" })
            let second = try await browser.get("/admin/users?show=active&cursor=\(cursor)")
            #expect(names(second.text) == ["Person 50", "Person 51", "Person 52", "Person 53", "Person 54", "Person 55"])
            // Part of a name or of an address, any case; the deactivated are one choice away; a pattern sign is only a sign.
            #expect(names(try await browser.get("/admin/users?q=PERSON%2005").text) == ["Person 05"])
            #expect(names(try await browser.get("/admin/users?q=ada.adm").text) == ["Ada Admin"])
            #expect(names(try await browser.get("/admin/users?q=kari").text).isEmpty)
            #expect(try await browser.get("/admin/users?q=kari").text.contains("Ingen brukere passer søket."))
            #expect(names(try await browser.get("/admin/users?q=kari&show=deactivated").text) == ["Kari Nordmann"])
            #expect(names(try await browser.get("/admin/users?show=all").text).count == 50)
            #expect(names(try await browser.get("/admin/users?q=%25").text).isEmpty)
            // A cursor we did not issue starts from the beginning rather than failing.
            #expect(try await browser.get("/admin/users?cursor=nonsense").status == .ok)
        }
    }
}

@Suite struct ImportTests {
    let csv = """
    email,name,title,department,leader_email,roles,skills
    leder@example.no,Liv Leder,Avdelingsleder,Skyplattform,,leader;consultant,Kubernetes:5;Terraform:4
    åse@example.no,Åse Ødegård,Konsulent,Skyplattform,leder@example.no,consultant,Kubernetes:3;Go:2
    bad@example.no,Bad Level,,Skyplattform,,consultant,Kubernetes:7
    orphan@example.no,Orphan,,Skyplattform,ghost@example.no,consultant,
    """

    @Test func importsGoodLinesReportsBadOnesAndIsIdempotent() async throws {
        try await withLovnad { app in
            try await Fixture.skill(app, "Kubernetes", synonyms: ["k8s"])
            let report = try await PeopleImportActions.run(csv: csv, actorID: nil, app: app)
            #expect(report.created == 2)
            #expect(report.errors.map(\.description) == [
                "line 4: skill 'Kubernetes' has level '7'; levels are 1 to 5",
                "line 5: leader_email ghost@example.no is neither in Lovnad nor in this file",
            ])
            #expect(Set(report.newSkills) == ["Terraform", "Go"])
            #expect(report.newDepartments == ["Skyplattform"])
            let åse = try #require(try await Person.query(on: app.db).filter(\.$email == "åse@example.no").first())
            #expect(åse.name == "Åse Ødegård")
            let leader = try #require(try await Person.query(on: app.db).filter(\.$email == "leder@example.no").first())
            #expect(åse.$leader.id == leader.id)
            #expect(try await Person.query(on: app.db).filter(\.$email == "bad@example.no").count() == 0)
            #expect(try await Skill.query(on: app.db).filter(\.$nameKey == "go").first()?.category == nil)

            let again = try await PeopleImportActions.run(csv: csv, actorID: nil, app: app)
            #expect(again.created == 0 && again.updated == 2)
            #expect(again.newSkills.isEmpty)
            #expect(try await Person.query(on: app.db).count() == 2)
            #expect(try await PersonSkill.query(on: app.db).count() == 4)
        }
    }
}
