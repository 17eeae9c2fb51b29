import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// A small company for engagement tests: sales, a delivery lead, a developer and her leader, an outsider.
struct EngagementWorld {
    let app: Application
    let sales: Person, lead: Person, dev: Person, devLeader: Person, outsider: Person
    let salesToken: String, leadToken: String, devToken: String, devLeaderToken: String, outsiderToken: String
    let customerID: String

    static func make(_ app: Application) async throws -> EngagementWorld {
        try await Fixture.skill(app, "Kotlin")
        try await Fixture.skill(app, "Kubernetes", synonyms: ["k8s"])
        let sales = try await Fixture.person(app, "Siri Salg", roles: [.sales, .consultant], department: "Salg")
        let lead = try await Fixture.person(app, "Lars Leveranse", roles: [.consultant], department: "Utvikling")
        let devLeader = try await Fixture.person(app, "Dina Leder", roles: [.leader, .consultant], department: "Data")
        let dev = try await Fixture.person(app, "Åse Utvikler", roles: [.consultant], department: "Utvikling")
        let outsider = try await Fixture.person(app, "Otto Utenfor", roles: [.consultant], department: "Rådgivning")
        try await UserActions.setLeader(personID: dev.id!, leaderID: devLeader.id, actorID: nil, app: app)
        dev.$leader.id = devLeader.id
        try await PeopleActions.setSkills(personID: dev.id!, [.init(skill: "Kotlin", level: 5, wantsToGrow: false, lastUsedYear: 2026),
                                                              .init(skill: "k8s", level: 3, wantsToGrow: true, lastUsedYear: nil)], app: app)
        let salesToken = try await Fixture.token(app, for: sales)
        let customer = try await app.testing().sendRequest(.POST, "/api/v1/customers", headers: .bearerJSON(salesToken),
                                                           body: jsonBody(["name": "Fjellvann kommune", "org_number": "923 609 016",
                                                                           "contacts": [["name": "Hilde Vik", "role": "Produkteier", "email": "hilde@fjellvann.kommune.no"]]]))
        guard customer.status == .created, let id = try customer.json()["id"] as? String else { throw TestFailure("customer: \(customer.text)") }
        return EngagementWorld(app: app, sales: sales, lead: lead, dev: dev, devLeader: devLeader, outsider: outsider,
                               salesToken: salesToken, leadToken: try await Fixture.token(app, for: lead),
                               devToken: try await Fixture.token(app, for: dev), devLeaderToken: try await Fixture.token(app, for: devLeader),
                               outsiderToken: try await Fixture.token(app, for: outsider), customerID: id)
    }

    func send(_ method: HTTPMethod, _ path: String, _ token: String, _ body: Any? = nil) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: body == nil ? .bearer(token) : .bearerJSON(token),
                                            body: body.map(jsonBody))
    }

    func newEngagement(title: String = "Ny søknadsløsning") async throws -> String {
        let created = try await send(.POST, "/api/v1/engagements", salesToken, ["title": title, "customer_id": customerID])
        guard created.status == .created, let id = try created.json()["id"] as? String else { throw TestFailure("engagement: \(created.text)") }
        return id
    }

    /// A new engagement, won, with the package saved: in handover, ready to staff.
    func inHandover(title: String = "Ny søknadsløsning") async throws -> String {
        let id = try await newEngagement(title: title)
        let won = try await send(.POST, "/api/v1/engagements/\(id)/transitions", salesToken, ["to": "won"])
        let saved = try await send(.PUT, "/api/v1/engagements/\(id)/handover", salesToken, package())
        guard won.status.code < 300, saved.status == .ok else { throw TestFailure("handover: \(won.text) \(saved.text)") }
        return id
    }

    /// A package that meets every readiness item but staffing.
    func package(profileAllocation: Int = 60) -> [String: Any] {
        [
            "offer": ["scope": "Selvbetjening for byggesøknader", "out_of_scope": "Integrasjon mot arkiv", "price_model": "capped", "value": 2_400_000],
            "needs": [["id": "n1", "text": "Færre manuelle steg"]],
            "expectations": [["id": "e1", "text": "Pilot før sommeren", "not_a_promise_reason": "Avhenger av kundens drift", "promise_id": NSNull()]],
            "estimates": [["id": "s1", "phase": "Innsikt", "hours": 300, "assumptions": "To workshops", "confidence": "medium", "start": "2027-01-04", "end": "2027-02-12"]],
            "timeline": ["start": "2027-01-04", "end": "2027-06-25", "milestones": [["id": "m1", "title": "Pilot", "date": "2027-05-03"]]],
            "profiles": [["id": "p1", "role": "Utvikler", "requirements": [["skill": "Kotlin", "minimum_level": 4]], "allocation_percent": profileAllocation,
                          "start": "2027-01-04", "end": "2027-06-25", "staffed_person_id": NSNull()]],
            "risks": [["id": "r1", "description": "Nøkkelperson i permisjon", "probability": "medium", "impact": "high", "mitigation": "Avklar stedfortreder"]],
            "contacts": [["name": "Hilde Vik", "role": "Produkteier", "email": "hilde@fjellvann.kommune.no", "phone": ""]],
            "history": [["id": "h1", "date": "2026-10-12", "kind": "cares_about", "text": "Brukerne skal slippe å ringe"]],
        ]
    }
}

@Suite struct CustomerTests {
    @Test func organisationNumbersAreCheckedAndUnique() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let wrong = try await w.send(.POST, "/api/v1/customers", w.salesToken, ["name": "Feil AS", "org_number": "923609017"])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.errorFields["org_number"] != nil)
            let again = try await w.send(.POST, "/api/v1/customers", w.salesToken, ["name": "Kopi", "org_number": "923609016"])
            #expect(again.status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/customers", w.devToken, ["name": "Utvikler AS"]).status == .forbidden)
            let list = try await w.send(.GET, "/api/v1/customers", w.devToken).items()
            #expect(list.map { $0["org_number"] as? String } == ["923609016"])
            #expect((list[0]["contacts"] as? [[String: Any]])?.first?["name"] as? String == "Hilde Vik")
            #expect(try await Customer.query(on: app.db).count() == 1)
        }
    }
}

@Suite struct EngagementLifecycleTests {
    @Test func fromLeadThroughHandoverToDeliveryWithEveryStepLogged() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            let shown = try await w.send(.GET, base, w.salesToken).json()
            #expect(shown["status"] as? String == "lead")
            #expect(shown["delivery_lead"] is NSNull, "absent values are written as null")
            #expect((shown["sales_owner"] as? [String: Any])?["id"] as? String == w.sales.id!.uuidString)

            // Illegal steps are 409 and name the problem.
            let jump = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "delivery"])
            #expect(jump.status == .conflict)
            #expect(jump.errorCode == "transition_not_allowed")
            #expect(try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package()).status == .conflict)  // still a lead
            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"]).status == .ok)
            let noLead = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "handover"])
            #expect(noLead.status == .conflict)
            #expect(try noLead.json()["error"].flatMap { ($0 as? [String: Any])?["missing"] as? [String] } == ["delivery_lead"])

            // Bad packages are refused whole.
            var bad = w.package(profileAllocation: 120)
            bad["timeline"] = ["start": "2027-06-01", "end": "2027-01-01", "milestones": []]
            let refused = try await w.send(.PUT, "\(base)/handover", w.salesToken, bad)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.errorFields["timeline.end"] != nil && refused.errorFields["profiles[0].allocation_percent"] != nil)
            #expect(try await HandoverRevision.query(on: app.db).count() == 0)
            #expect(try await w.send(.PUT, "\(base)/handover", w.devToken, w.package()).status == .notFound)  // not on it yet

            let saved = try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package())
            #expect(saved.status == .ok)
            let handover = try saved.json()
            #expect(handover["revision"] as? Int == 1)
            #expect(handover["ready"] as? Bool == false)
            let unmet = (handover["readiness"] as? [[String: Any]])?.filter { $0["passed"] as? Bool == false }.compactMap { $0["item"] as? String }
            #expect(unmet == ["profiles_staffed"])

            #expect(try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "handover"]).status == .ok)

            // Staffing suggests the Kotlin developer first, with reasons; staffing her gives her onboarding.
            let staffing = try await w.send(.GET, "\(base)/staffing", w.leadToken).items()
            let first = try #require((staffing[0]["candidates"] as? [[String: Any]])?.first)
            #expect((first["person"] as? [String: Any])?["name"] as? String == "Åse Utvikler")
            #expect((first["reasons"] as? [String])?.first == "Kotlin: nivå 5 (krever 4)")
            #expect(try await w.send(.POST, "\(base)/staffing", w.devToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status == .notFound)
            #expect(try await w.send(.POST, "\(base)/staffing", w.leadToken, ["profile_id": "nope", "person_id": w.dev.id!.uuidString]).status == .unprocessableEntity)
            #expect(try await w.send(.POST, "\(base)/staffing", w.leadToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status == .created)
            let onboarding = try await w.send(.GET, "\(base)/onboarding", w.devToken).items()
            #expect(onboarding.first?["total"] as? Int == 5)

            // On a second engagement over the same months, her 60 % here counts against her.
            let other = try await w.newEngagement(title: "Andre oppdrag")
            #expect(try await w.send(.POST, "/api/v1/engagements/\(other)/transitions", w.salesToken, ["to": "won"]).status == .ok)
            #expect(try await w.send(.PUT, "/api/v1/engagements/\(other)/handover", w.salesToken, w.package()).status == .ok)
            let elsewhere = try await w.send(.GET, "/api/v1/engagements/\(other)/staffing", w.salesToken).items()
            let ase = try #require((elsewhere[0]["candidates"] as? [[String: Any]])?.first { ($0["person"] as? [String: Any])?["name"] as? String == "Åse Utvikler" })
            #expect(ase["peak_allocation_percent"] as? Int == 60)
            #expect(ase["would_overallocate"] as? Bool == true)

            // Not signed off yet: delivery is refused, naming the sign-off.
            let early = try await w.send(.POST, "\(base)/transitions", w.leadToken, ["to": "delivery"])
            #expect(early.status == .conflict)
            #expect(try early.json()["error"].flatMap { ($0 as? [String: Any])?["missing"] as? [String] } == ["review_signed_off"])
            let wrongSigner = try await w.send(.POST, "\(base)/handover/review", w.salesToken, ["held_on": "2026-12-01", "participants": "Siri, Lars", "sign_off": true])
            #expect(wrongSigner.status == .forbidden)
            let badDate = try await w.send(.POST, "\(base)/handover/review", w.leadToken, ["held_on": "1. desember", "participants": "Siri, Lars"])
            #expect(badDate.status == .unprocessableEntity)
            let signed = try await w.send(.POST, "\(base)/handover/review", w.leadToken,
                                          ["held_on": "2026-12-01", "participants": "Siri Salg, Lars Leveranse", "notes": "Gjennomgått historikken", "sign_off": true])
            #expect(signed.status == .created)
            #expect(try signed.json()["signed_off"] as? Bool == true)
            #expect(try await w.send(.POST, "\(base)/transitions", w.leadToken, ["to": "delivery"]).status == .ok)

            // The log holds each step, and its chain is intact.
            let log = try await w.send(.GET, "\(base)/log?limit=100", w.devToken).items()
            let bodies = log.compactMap { $0["body"] as? String }.reversed().joined(separator: "\n")
            // Lovnad's own lines are put into the reader's words (statuses by their bokmål names) and keep their stored form.
            for step in ["opprettet som lead", "fra «Lead» til «Vunnet»", "Overleveringspakken er endret", "Leveranseansvarlig er nå Lars",
                         "fra «Vunnet» til «Overlevering»", "er bemannet som Utvikler", "Overleveringsmøte 1. desember 2026",
                         "Signert av leveranseansvarlig", "fra «Overlevering» til «Leveranse»"] {
                #expect(bodies.contains(step), "\(step)")
            }
            let transition = try #require(log.first { (($0["lines"] as? [[String: Any]])?.first?["key"] as? String) == "engagement.status" })
            #expect(((transition["lines"] as? [[String: Any]])?.first?["values"] as? [String: String]) == ["from": "handover", "to": "delivery"])
            #expect(log.allSatisfy { ($0["hash"] as? String)?.count == 64 })
            let verify = try await w.send(.GET, "\(base)/log/verify", w.devToken).json()
            #expect(verify["ok"] as? Bool == true)
            #expect(verify["entries"] as? Int == log.count)
        }
    }

    @Test func aLeaderMayOverrideWithAReasonAndItIsLogged() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"])
            _ = try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString])
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "handover"])
            let notALeader = try await w.send(.POST, "\(base)/transitions", w.leadToken, ["to": "delivery", "override_reason": "Haster"])
            #expect(notALeader.status == .forbidden)
            // The developer's leader sees the engagement once she is staffed... but here nobody is: the leader of the lead is nobody.
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin, .leader])
            let adminToken = try await Fixture.token(app, for: admin)
            let overridden = try await w.send(.POST, "\(base)/transitions", adminToken, ["to": "delivery", "override_reason": "Kunden startet før avtalt"])
            #expect(overridden.status == .ok)
            let log = try await w.send(.GET, "\(base)/log?tag=override", adminToken).items()
            #expect(log.count == 1)
            #expect((log.first?["body"] as? String)?.contains("Overstyrt av leder") == true)
        }
    }
}

@Suite struct EngagementAccessTests {
    @Test func outsidersGet404OnEveryRouteAndLeadersOfTheTeamSeeIt() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            let routes: [(HTTPMethod, String, Any?)] = [
                (.GET, base, nil), (.PATCH, base, ["delivery_lead_id": w.outsider.id!.uuidString]),
                (.POST, "\(base)/transitions", ["to": "won"]), (.GET, "\(base)/handover", nil), (.PUT, "\(base)/handover", w.package()),
                (.POST, "\(base)/handover/review", ["held_on": "2026-12-01", "participants": "x"]), (.GET, "\(base)/staffing", nil),
                (.POST, "\(base)/staffing", ["profile_id": "p1", "person_id": w.outsider.id!.uuidString]), (.GET, "\(base)/onboarding", nil),
                (.POST, "\(base)/onboarding/\(UUID())", ["done": true]), (.GET, "\(base)/log", nil), (.POST, "\(base)/log", ["kind": "note", "body": "Hei"]),
                (.GET, "\(base)/log/verify", nil), (.GET, "\(base)/log/export", nil),
            ]
            for (method, path, body) in routes {
                #expect(try await w.send(method, path, w.outsiderToken, body).status == .notFound, "\(method) \(path)")
                #expect(try await w.send(method, path.replacingOccurrences(of: id, with: UUID().uuidString), w.salesToken, body).status == .notFound,
                        "unknown id: \(method) \(path)")
            }
            #expect(try await w.send(.GET, "/api/v1/engagements", w.outsiderToken).items().isEmpty)
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.status == "lead")
            #expect(try await LogEntry.query(on: app.db).count() == 1)

            // Once the developer is staffed, her leader sees it; the outsider still does not.
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"])
            _ = try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package())
            #expect(try await w.send(.GET, base, w.devLeaderToken).status == .notFound)
            #expect(try await w.send(.POST, "\(base)/staffing", w.salesToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status == .created)
            #expect(try await w.send(.GET, base, w.devLeaderToken).status == .ok)
            #expect(try await w.send(.GET, base, w.devToken).status == .ok)
            let mine = try await w.send(.GET, "/api/v1/engagements?mine=true", w.devToken).items()
            #expect(mine.count == 1)

            // Onboarding: the person and her leader tick; a teammate who is neither may not.
            let items = try await w.send(.GET, "\(base)/onboarding", w.devToken).items()
            let itemID = try #require(((items.first?["items"] as? [[String: Any]])?.first?["id"]) as? String)
            #expect(try await w.send(.POST, "\(base)/onboarding/\(itemID)", w.devToken, ["done": true]).status == .ok)
            #expect(try await w.send(.POST, "\(base)/onboarding/\(itemID)", w.salesToken, ["done": false]).status == .forbidden)
            #expect(try await w.send(.POST, "\(base)/onboarding/\(itemID)", w.devLeaderToken, ["done": false]).status == .ok)
        }
    }
}

@Suite struct EngagementLogTests {
    @Test func entriesAreAppendOnlyFilterableExportableAndTamperEvident() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let other = try await w.newEngagement(title: "Et annet oppdrag")
            let base = "/api/v1/engagements/\(id)"
            let decision = try await w.send(.POST, "\(base)/log", w.salesToken, ["kind": "decision", "body": "Vi velger **Kotlin** på backend.", "tags": ["Arkitektur", "backend"]])
            #expect(decision.status == .created)
            let decisionID = try #require(try decision.json()["id"] as? String)
            #expect(try decision.json()["tags"] as? [String] == ["arkitektur", "backend"])
            #expect(try decision.json()["html"] as? String == "<p>Vi velger <strong>Kotlin</strong> på backend.</p>")
            let correction = try await w.send(.POST, "\(base)/log", w.salesToken, ["kind": "note", "body": "Rettelse: Kotlin og Spring Boot.", "corrects": decisionID])
            #expect(correction.status == .created)

            let otherEntry = try await w.send(.GET, "/api/v1/engagements/\(other)/log", w.salesToken).items().first?["id"] as? String
            for (body, field) in [(["kind": "system", "body": "x"], "kind"), (["kind": "gossip", "body": "x"], "kind"),
                                  (["kind": "note", "body": "  "], "body"), (["kind": "note", "body": "x", "corrects": otherEntry!], "corrects")] as [([String: Any], String)] {
                let refused = try await w.send(.POST, "\(base)/log", w.salesToken, body)
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.errorFields[field] != nil, "\(field)")
            }
            #expect(try await w.send(.POST, "\(base)/log", w.salesToken, ["kind": 5]).status == .badRequest)

            #expect(try await w.send(.GET, "\(base)/log?kind=decision", w.salesToken).items().count == 1)
            #expect(try await w.send(.GET, "\(base)/log?tag=backend", w.salesToken).items().count == 1)
            #expect(try await w.send(.GET, "\(base)/log?tag=back", w.salesToken).items().isEmpty)
            #expect(try await w.send(.GET, "\(base)/log?q=Spring", w.salesToken).items().count == 1)
            #expect(try await w.send(.GET, "\(base)/log?author=\(w.sales.id!)", w.salesToken).items().count == 3)
            #expect(try await w.send(.GET, "\(base)/log?kind=gossip", w.salesToken).status == .unprocessableEntity)

            let markdown = try await w.send(.GET, "\(base)/log/export", w.salesToken)
            #expect(markdown.headers.contentType?.subType == "markdown")
            #expect(markdown.text.contains("## 2. decision"))
            #expect(markdown.text.contains("retter \(decisionID.lowercased())"))
            let json = try await w.send(.GET, "\(base)/log/export?format=json", w.salesToken).items()
            #expect(json.map { $0["sequence"] as? Int } == [1, 2, 3])

            // Someone edits a stored row behind Lovnad's back: verification names that entry.
            let sql = try #require(app.writerDatabase as? any SQLDatabase)
            try await sql.raw("UPDATE log_entries SET body = 'Vi velger Java.' WHERE id = \(bind: UUID(uuidString: decisionID)!)").run()
            let verdict = try await w.send(.GET, "\(base)/log/verify", w.salesToken).json()
            #expect(verdict["ok"] as? Bool == false)
            #expect((verdict["broken_at"] as? String)?.lowercased() == decisionID.lowercased())
            #expect(try await w.send(.GET, "/api/v1/engagements/\(other)/log/verify", w.salesToken).json()["ok"] as? Bool == true)
        }
    }
}
