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
            #expect(bad.text.contains("COBOL"))
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
