import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct PagesTests {
    @Test func theDirectoryFindsPeopleBySkillSynonymAndLinksToThem() async throws {
        try await withLovnad { app in
            try await Fixture.skill(app, "Kubernetes", synonyms: ["k8s"])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let ola = try await Fixture.person(app, "Ola Hansen")
            try await PeopleActions.setSkills(personID: ola.id!, [.init(skill: "Kubernetes", level: 4, wantsToGrow: false, lastUsedYear: 2026)], app: app)
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            let page = try await browser.get("/people?skill=k8s")
            #expect(page.status == .ok)
            #expect(page.text.contains("/people/\(ola.id!)"))
            #expect(page.text.components(separatedBy: "/people/\(kari.id!)").count == 2, "only the header links to Kari")
            #expect(page.text.contains("Viser treff for Kubernetes."))
            let person = try await browser.get("/people/\(ola.id!)")
            #expect(person.text.contains("Kubernetes"))
            #expect(person.text.contains("4/5"))
            #expect(try await browser.get("/people/\(UUID())").status == .notFound)
            #expect(browser.lastPage.contains("Fant ikke siden"))
            let experts = try await browser.get("/experts?skill=K8S")
            #expect(experts.text.contains("Ola Hansen"))
            #expect(experts.text.contains("Nivå 4 av 5"))
        }
    }

    @Test func editingMySkillsThroughTheForm() async throws {
        try await withLovnad { app in
            try await Fixture.skill(app, "Kubernetes", synonyms: ["k8s"])
            try await Fixture.skill(app, "Swift")
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            try await browser.get("/me/skills")
            let saved = try await browser.post("/me/skills", form: ["rows": "3", "skill_0": "k8s", "level_0": "4", "grow_0": "on",
                                                                    "skill_1": "Swift", "level_1": "2", "year_1": "2025"])
            #expect(saved.status == .seeOther)
            let skills = try await PeopleQueries.skills(of: kari.id!, viewerID: kari.id!, on: app.db)
            #expect(skills.map(\.skill) == ["Kubernetes", "Swift"])
            #expect(skills[0].wantsToGrow)
            #expect(skills[1].lastUsedYear == 2025)
            try await browser.get("/me/skills")
            let bad = try await browser.post("/me/skills", form: ["rows": "1", "skill_0": "COBOL", "level_0": "3"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("«COBOL» finnes ikke i ferdighetskatalogen"))
            #expect(try await PeopleQueries.skills(of: kari.id!, viewerID: kari.id!, on: app.db).count == 2)
        }
    }

    @Test func theLanguageFollowsTheUserThenTheBrowser() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let english = try await app.testing().sendRequest(.GET, "/login", headers: [HTTPHeaders.Name.acceptLanguage.description: "en-GB,en;q=0.8"])
            #expect(english.text.contains(#"<html lang="en""#))
            #expect(english.text.contains("Sign in to Lovnad"))
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            _ = try await PeopleActions.updateProfile(personID: kari.id!, .init(locale: "en"), app: app)
            let home = try await browser.get("/", headers: [HTTPHeaders.Name.acceptLanguage.description: "nb"])
            #expect(home.text.contains(#"<html lang="en""#))
            #expect(home.text.contains("Hello, Kari Nordmann"))
        }
    }

    @Test func errorsAreFriendlyPagesOrJSON() async throws {
        try await withLovnad { app in
            let page = try await app.testing().sendRequest(.GET, "/no/such/page")
            #expect(page.status == .notFound)
            #expect(page.headers.contentType == .html)
            #expect(page.text.contains("Fant ikke siden"))
            let api = try await app.testing().sendRequest(.GET, "/api/v1/no/such")
            #expect(api.status == .notFound || api.status == .unauthorized)
            #expect(api.errorCode != nil)
        }
    }

    @Test func healthAndReadiness() async throws {
        try await withLovnad { app in
            #expect(try await app.testing().sendRequest(.GET, "/healthz").status == .ok)
            let ready = try await app.testing().sendRequest(.GET, "/readyz")
            #expect(ready.status == .ok)
            #expect(try ready.json()["status"] as? String == "ready")
            let css = try await app.testing().sendRequest(.GET, "/assets/app.css")
            #expect(css.status == .ok)
            #expect(css.text.contains(":focus-visible"))
        }
    }
}

@Suite struct CataloguePagesTests {
    @Test func adminsEditTheCatalogueOthersOnlyReadIt() async throws {
        try await withLovnad { app in
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let k8s = try await Fixture.skill(app, "Kubernetes", synonyms: ["k8s"], category: "Plattform")
            try await PeopleActions.setSkills(personID: kari.id!, [.init(skill: "k8s", level: 2, wantsToGrow: true, lastUsedYear: nil)], app: app)
            let reader = Browser(app)
            try await reader.signIn(kari.email)
            let catalogue = try await reader.get("/skills")
            #expect(catalogue.text.contains("Kubernetes"))
            #expect(catalogue.text.contains("1 person<"))
            #expect(catalogue.text.contains("(k8s)"))
            #expect(!catalogue.text.contains("/skills/\(k8s.id!)/edit"))
            #expect(try await reader.post("/skills", form: ["name": "Go"]).status == .forbidden)
            #expect(try await reader.get("/skills/\(k8s.id!)/edit").status == .forbidden)

            let browser = Browser(app)
            try await browser.signIn(admin.email)
            try await browser.get("/skills")
            #expect(try await browser.post("/skills", form: ["name": "Go", "category": "Utvikling", "synonyms": "golang, go-lang"]).status == .seeOther)
            #expect(try await SkillLookup.find("golang", on: app.db)?.name == "Go")
            try await browser.get("/skills")
            let clash = try await browser.post("/skills", form: ["name": "Rust", "synonyms": "K8S"])
            #expect(clash.status == .unprocessableEntity)
            #expect(clash.text.contains("«k8s» er allerede navnet på Kubernetes"))
            #expect(try await SkillLookup.find("rust", on: app.db) == nil)
            let edit = try await browser.get("/skills/\(k8s.id!)/edit")
            #expect(edit.text.contains("value=\"k8s\""))
            #expect(try await browser.post("/skills/\(k8s.id!)", form: ["name": "Kubernetes", "category": "Plattform", "synonyms": "k8s, kube"]).status == .seeOther)
            #expect(try await SkillLookup.find("kube", on: app.db)?.id == k8s.id)
            try await browser.get("/skills")
            #expect(try await browser.post("/skills/\(UUID())", form: ["name": "X"]).status == .notFound)
        }
    }

    @Test func tokensPageCreatesShowsOnceAndRevokes() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let ola = try await Fixture.person(app, "Ola Hansen")
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            try await browser.get("/settings/tokens")
            let created = try await browser.post("/settings/tokens", form: ["name": "Skript"])
            #expect(created.status == .created)
            let secret = try #require(created.text.range(of: #"lvn_[A-Za-z0-9_-]+"#, options: .regularExpression).map { String(created.text[$0]) })
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(secret)).status == .ok)
            let list = try await browser.get("/settings/tokens")
            #expect(!list.text.contains(secret))
            let token = try #require(try await APIToken.query(on: app.db).first())
            let other = Browser(app)
            try await other.signIn(ola.email)
            try await other.get("/settings/tokens")
            #expect(try await other.post("/settings/tokens/\(token.id!)/revoke", form: [:]).status == .notFound)
            #expect(try await browser.post("/settings/tokens/\(token.id!)/revoke", form: [:]).status == .seeOther)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(secret)).status == .unauthorized)
        }
    }

    @Test func profileFormSavesAndShowsFieldErrors() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.signIn(kari.email)
            try await browser.get("/me/profile")
            let saved = try await browser.post("/me/profile", form: ["name": "Kari Nordmann", "title": "Arkitekt", "bio": "Hei!", "locale": "en", "time_zone": "Europe/Oslo"])
            #expect(saved.status == .seeOther)
            #expect(try await browser.get("/me/profile?saved=1").text.contains("Saved."))
            let bad = try await browser.post("/me/profile", form: ["name": "", "time_zone": "Nowhere/Land"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("aria-invalid=\"true\""))
            #expect(try await Person.find(kari.id, on: app.db)?.title == "Arkitekt")
        }
    }
}

@Suite struct PageAccessTests {
    /// Every page route that takes an id: someone else's or an unknown id is 404, admin pages are 403 to others.
    @Test func idsThatAreNotThereAreNotFound() async throws {
        try await withLovnad { app in
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let skill = try await Fixture.skill(app, "Swift")
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            let nobody = UUID()
            try await browser.get("/")
            for path in ["/people/\(nobody)/skills/\(skill.id!)/endorse", "/people/\(kari.id!)/skills/\(skill.id!)/endorse",
                         "/people/\(kari.id!)/skills/\(nobody)/unendorse", "/admin/users/\(nobody)/roles",
                         "/admin/users/\(nobody)/reactivate", "/admin/users/\(nobody)/password", "/settings/tokens/\(nobody)/revoke"] {
                #expect(try await browser.post(path, form: ["consultant": "on"]).status == .notFound, "\(path)")
                try await browser.get("/")
            }
            #expect(try await browser.get("/skills/\(nobody)/edit").status == .notFound)
            #expect(try await browser.get("/people/not-a-uuid").status == .notFound)

            let other = Browser(app)
            try await other.signIn(kari.email)
            try await other.get("/")
            for path in ["/admin/users/\(admin.id!)/roles", "/admin/users/\(admin.id!)/deactivate", "/admin/users/\(admin.id!)/password"] {
                #expect(try await other.post(path, form: ["consultant": "on"]).status == .forbidden, "\(path)")
                try await other.get("/")
            }
            #expect(try await other.get("/admin/audit").status == .forbidden)
            #expect(try await Person.find(admin.id, on: app.db)?.active == true)
        }
    }

    @Test func rolesAreChangedThroughTheAdminPage() async throws {
        try await withLovnad { app in
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin])
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let browser = Browser(app)
            try await browser.signIn(admin.email)
            try await browser.get("/admin/users")
            #expect(try await browser.post("/admin/users/\(kari.id!)/roles", form: ["leader": "on", "consultant": "on"]).status == .seeOther)
            #expect(try await Person.find(kari.id, on: app.db)?.roles == [.leader, .consultant])
            try await browser.get("/admin/users")
            let none = try await browser.post("/admin/users/\(kari.id!)/roles", form: [:])
            #expect(none.status == .unprocessableEntity)
            #expect(none.text.contains("velg minst én rolle"))
            try await browser.get("/admin/users")
            let selfDemotion = try await browser.post("/admin/users/\(admin.id!)/roles", form: ["consultant": "on"])
            #expect(selfDemotion.status == .conflict)
            #expect(try await Person.find(admin.id, on: app.db)?.roles == [.admin])

            // The page's checkboxes are one group of one name, as assistive technology reads a choice.
            let page = try await browser.get("/admin/users")
            #expect(page.text.contains("<input type=\"checkbox\" name=\"roles[]\" value=\"leader\" id=\"\(kari.id!.uuidString)-leader\""))
            #expect(try await browser.post("/admin/users/\(kari.id!)/roles", pairs: [("roles[]", "sales"), ("roles[]", "consultant")]).status == .seeOther)
            #expect(try await Person.find(kari.id, on: app.db)?.roles == [.sales, .consultant])

            // A refused new user comes back as typed.
            try await browser.get("/admin/users")
            let refused = try await browser.post("/admin/users", pairs: [("email", "ikke-en-adresse"), ("name", "Per Hansen"),
                                                                         ("department", "Data"), ("roles[]", "leader")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("value=\"ikke-en-adresse\"") && refused.text.contains("value=\"Per Hansen\"") && refused.text.contains("value=\"Data\""))
            #expect(refused.text.contains("value=\"leader\" id=\"new-leader\" checked"))
        }
    }
}
