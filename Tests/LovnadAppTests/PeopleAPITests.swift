import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct PeopleAPITests {
    struct World {
        let kari: Person, ola: Person, per: Person
        let token: String
    }

    func world(_ app: Application) async throws -> World {
        try await Fixture.skill(app, "Kubernetes", synonyms: ["k8s"], category: "Plattform")
        try await Fixture.skill(app, "Swift")
        let kari = try await Fixture.person(app, "Kari Nordmann", roles: [.leader, .consultant], department: "Skyplattform")
        let ola = try await Fixture.person(app, "Ola Hansen", department: "Skyplattform")
        let per = try await Fixture.person(app, "Per Berg", department: "Utvikling")
        try await PeopleActions.setSkills(personID: ola.id!, [.init(skill: "k8s", level: 4, wantsToGrow: false, lastUsedYear: nil)], app: app)
        try await PeopleActions.setSkills(personID: per.id!, [.init(skill: "Kubernetes", level: 2, wantsToGrow: true, lastUsedYear: nil),
                                                              .init(skill: "Swift", level: 5, wantsToGrow: false, lastUsedYear: nil)], app: app)
        return World(kari: kari, ola: ola, per: per, token: try await Fixture.token(app, for: kari))
    }

    @Test func withoutCredentialsTheAPIAnswers401() async throws {
        try await withLovnad { app in
            for path in ["/api/v1/me", "/api/v1/people", "/api/v1/departments", "/api/v1/skills", "/api/v1/experts?skill=x"] {
                let response = try await app.testing().sendRequest(.GET, path)
                #expect(response.status == .unauthorized, "\(path)")
                #expect(response.errorCode == "unauthorized")
            }
        }
    }

    @Test func meShowsThePersonWithLocaleAndTimeZone() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            let me = try await app.testing().sendRequest(.GET, "/api/v1/me", headers: .bearer(w.token)).json()
            #expect(me["id"] as? String == w.kari.id!.uuidString)
            #expect(me["email"] as? String == "kari.nordmann@example.no")
            #expect((me["department"] as? [String: Any])?["name"] as? String == "Skyplattform")
            #expect(me["roles"] as? [String] == ["leader", "consultant"])
            #expect(me["locale"] as? String == "nb")
            #expect(me["time_zone"] as? String == "Europe/Oslo")
            #expect(me.keys.contains("leader_id"))
        }
    }

    @Test func directoryFiltersByNameDepartmentAndSkillSynonym() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            func names(_ query: String) async throws -> [String] {
                try await app.testing().sendRequest(.GET, "/api/v1/people\(query)", headers: .bearer(w.token)).items().compactMap { $0["name"] as? String }
            }
            #expect(try await names("") == ["Kari Nordmann", "Ola Hansen", "Per Berg"])
            #expect(try await names("?q=nord") == ["Kari Nordmann"])
            // Wildcards in what was typed are taken literally.
            #expect(try await names("?q=%25").isEmpty)
            #expect(try await names("?q=_").isEmpty)
            #expect(try await names("?q=k_ri").isEmpty)
            #expect(try await names("?q=%5C").isEmpty)
            #expect(try await names("?skill=K8S") == ["Ola Hansen", "Per Berg"])
            let departments = try await app.testing().sendRequest(.GET, "/api/v1/departments", headers: .bearer(w.token)).items()
            let sky = try #require(departments.first { $0["name"] as? String == "Skyplattform" })
            #expect(sky["headcount"] as? Int == 2)
            #expect(sky["leader_ids"] as? [String] == [w.kari.id!.uuidString])
            #expect(try await names("?department=\(sky["id"] as! String)&skill=kubernetes") == ["Ola Hansen"])
            #expect(try await names("?skill=cobol").isEmpty)
            let bad = try await app.testing().sendRequest(.GET, "/api/v1/people?department=nope", headers: .bearer(w.token))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.errorFields["department"] != nil)
        }
    }

    @Test func listsArePagedWithClampedLimitsAndCheckedCursors() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            let first = try await app.testing().sendRequest(.GET, "/api/v1/people?limit=2", headers: .bearer(w.token)).json()
            #expect((first["items"] as? [Any])?.count == 2)
            let cursor = try #require(first["next_cursor"] as? String)
            let second = try await app.testing().sendRequest(.GET, "/api/v1/people?limit=2&cursor=\(cursor)", headers: .bearer(w.token)).json()
            #expect((second["items"] as? [[String: Any]])?.first?["name"] as? String == "Per Berg")
            #expect(second["next_cursor"] is NSNull)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/people?limit=100000", headers: .bearer(w.token)).status == .ok)
            // A limit that is not a whole number, empty included, is refused as the document says.
            for limit in ["", "x", "1.5"] {
                let refused = try await app.testing().sendRequest(.GET, "/api/v1/people?limit=\(limit)", headers: .bearer(w.token))
                #expect(refused.status == .unprocessableEntity, "limit=\(limit)")
                #expect(refused.errorFields["limit"] != nil)
            }
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/people?cursor=zzz", headers: .bearer(w.token)).status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/people?limit=ten", headers: .bearer(w.token)).status == .unprocessableEntity)
        }
    }

    @Test func personDetailAndUnknownIds() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            let detail = try await app.testing().sendRequest(.GET, "/api/v1/people/\(w.per.id!)", headers: .bearer(w.token)).json()
            let skills = try #require(detail["skills"] as? [[String: Any]])
            #expect(skills.map { $0["skill"] as? String } == ["Swift", "Kubernetes"])
            #expect(skills[1]["wants_to_grow"] as? Bool == true)
            for id in [UUID().uuidString, "not-a-uuid"] {
                let missing = try await app.testing().sendRequest(.GET, "/api/v1/people/\(id)", headers: .bearer(w.token))
                #expect(missing.status == .notFound)
                #expect(missing.errorCode == "not_found")
            }
            // A deactivated person is hidden from everyone but admins.
            _ = try await UserActions.deactivate(personID: w.per.id!, actorID: nil, app: app)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/people/\(w.per.id!)", headers: .bearer(w.token)).status == .notFound)
        }
    }

    @Test func puttingMySkillsReplacesThemAndBadInputChangesNothing() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            let olaToken = try await Fixture.token(app, for: w.ola)
            func put(_ body: Any) async throws -> TestingHTTPResponse {
                try await app.testing().sendRequest(.PUT, "/api/v1/me/skills", headers: .bearerJSON(olaToken), body: jsonBody(body))
            }
            let ok = try await put([["skill": "swift", "level": 3, "wants_to_grow": true], ["skill": "k8s", "level": 5]])
            #expect(ok.status == .ok)
            #expect(try ok.items().map { $0["skill"] as? String } == ["Kubernetes", "Swift"])

            let before = try await PersonSkill.query(on: app.db).filter(\.$person.$id == w.ola.id!).sort(\.$level).all(\.$level)
            let invalid: [(Any, String)] = [
                ([["skill": "Swift", "level": 6]], "skills[0].level"),
                ([["skill": "COBOL", "level": 3]], "skills[0].skill"),
                ([["skill": "Swift", "level": 3], ["skill": "swift", "level": 2]], "skills[1].skill"),
                ([["level": 3]], "skills[0].skill"),
                ([["skill": "Swift", "level": 3, "last_used_year": 1900]], "skills[0].last_used_year"),
            ]
            for (body, field) in invalid {
                let response = try await put(body)
                #expect(response.status == .unprocessableEntity)
                #expect(response.errorFields[field] != nil, "\(field): \(response.text)")
            }
            let unknown = try await put([["skill": "COBOL", "level": 3]])
            #expect(unknown.errorFields["skills[0].skill"] == "'COBOL' is not in the skills catalogue")
            let malformed = try await app.testing().sendRequest(.PUT, "/api/v1/me/skills", headers: .bearerJSON(olaToken), body: ByteBuffer(string: "{not json"))
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "malformed")
            #expect(try await put(["skill": "Swift"]).status == .badRequest)
            #expect(try await put([["skill": "Swift", "level": "high"]]).status == .badRequest)
            let after = try await PersonSkill.query(on: app.db).filter(\.$person.$id == w.ola.id!).sort(\.$level).all(\.$level)
            #expect(before == after)
        }
    }

    @Test func endorsementsNeedAColleagueAndAHeldSkill() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            let k8s = try #require(try await SkillLookup.find("k8s", on: app.db))
            let swift = try #require(try await SkillLookup.find("Swift", on: app.db))
            let path = "/api/v1/people/\(w.ola.id!)/skills/\(k8s.id!)/endorsements"
            #expect(try await app.testing().sendRequest(.POST, path, headers: .bearer(w.token)).status == .noContent)
            #expect(try await app.testing().sendRequest(.POST, path, headers: .bearer(w.token)).status == .noContent)
            #expect(try await Endorsement.query(on: app.db).count() == 1)
            let olaToken = try await Fixture.token(app, for: w.ola)
            #expect(try await app.testing().sendRequest(.POST, path, headers: .bearer(olaToken)).status == .conflict)
            let notHeld = "/api/v1/people/\(w.ola.id!)/skills/\(swift.id!)/endorsements"
            #expect(try await app.testing().sendRequest(.POST, notHeld, headers: .bearer(w.token)).status == .notFound)
            let nobody = "/api/v1/people/\(UUID())/skills/\(k8s.id!)/endorsements"
            #expect(try await app.testing().sendRequest(.POST, nobody, headers: .bearer(w.token)).status == .notFound)
            #expect(try await app.testing().sendRequest(.DELETE, notHeld, headers: .bearer(w.token)).status == .notFound)
            #expect(try await app.testing().sendRequest(.DELETE, path, headers: .bearer(w.token)).status == .noContent)
            #expect(try await Endorsement.query(on: app.db).count() == 0)
        }
    }

    @Test func expertsAreFoundBySynonymWithReasons() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            let k8s = try #require(try await SkillLookup.find("k8s", on: app.db))
            try await PeopleActions.endorse(personID: w.per.id!, skillID: k8s.id!, by: w.kari.id!, app: app)
            var headers = HTTPHeaders.bearer(w.token)
            headers.replaceOrAdd(name: .acceptLanguage, value: "en")
            let experts = try await app.testing().sendRequest(.GET, "/api/v1/experts?skill=K8s", headers: headers).items()
            #expect(experts.map { ($0["person"] as? [String: Any])?["name"] as? String } == ["Ola Hansen", "Per Berg"])
            #expect(experts[1]["reasons"] as? [String] == ["Level 2 of 5", "1 colleague endorses this skill", "Last use not given", "Wants to grow in it"])
            #expect((experts[0]["score"] as? Double ?? 0) > (experts[1]["score"] as? Double ?? 0))
            // Each person as the people API shows them (department, roles and all).
            let people = try await app.testing().sendRequest(.GET, "/api/v1/people?limit=100", headers: headers).items()
            for expert in experts {
                let person = try #require(expert["person"] as? [String: Any])
                let listed = try #require(people.first { $0["id"] as? String == person["id"] as? String })
                func text(_ o: [String: Any]) throws -> String {
                    String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self)
                }
                #expect(try text(person) == text(listed))
            }
            let unknown = try await app.testing().sendRequest(.GET, "/api/v1/experts?skill=cobol", headers: .bearer(w.token))
            #expect(unknown.status == .unprocessableEntity)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/experts", headers: .bearer(w.token)).status == .unprocessableEntity)
        }
    }

    @Test func profileUpdatesAreValidated() async throws {
        try await withLovnad { app in
            let w = try await world(app)
            let ok = try await app.testing().sendRequest(.PATCH, "/api/v1/me", headers: .bearerJSON(w.token),
                                                         body: jsonBody(["bio": "Plattform og drift", "locale": "en", "time_zone": "America/New_York"]))
            #expect(ok.status == .ok)
            #expect(try ok.json()["locale"] as? String == "en")
            let bad = try await app.testing().sendRequest(.PATCH, "/api/v1/me", headers: .bearerJSON(w.token),
                                                          body: jsonBody(["locale": "klingon", "time_zone": "Mars/Olympus", "name": ""]))
            #expect(bad.status == .unprocessableEntity)
            #expect(Set(bad.errorFields.keys) == ["locale", "time_zone", "name"])
            #expect(try await Person.find(w.kari.id, on: app.db)?.timeZone == "America/New_York")
        }
    }
}
