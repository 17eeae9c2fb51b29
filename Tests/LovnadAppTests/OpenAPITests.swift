import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct OpenAPITests {
    @Test func everyAPIRouteIsDocumented() async throws {
        try await withLovnad { app in
            let response = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try response.json()
            #expect((document["openapi"] as? String)?.hasPrefix("3.1") == true)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var missing: [String] = []
            for route in app.routes.all where route.path.first?.description == "api" {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter(let name) = component { return "{\(name)}" }
                    return component.description
                }.joined(separator: "/")
                if paths[path]?[route.method.rawValue.lowercased()] == nil {
                    missing.append("\(route.method.rawValue) \(path)")
                }
            }
            #expect(missing.isEmpty, "not in openapi.json: \(missing)")
        }
    }

    @Test func aMethodThePathDoesNotTakeIs405WithAllow() async throws {
        try await withLovnad { app in
            let kari = try await Fixture.person(app, "Kari Nordmann")
            let token = try await Fixture.token(app, for: kari)
            let trace = try await app.testing().sendRequest(.TRACE, "/api/v1/people", headers: .bearer(token))
            #expect(trace.status == .methodNotAllowed)
            #expect(trace.headers.first(name: "Allow") == "GET, HEAD")
            #expect(trace.errorCode == "method_not_allowed")
            let channel = try await app.testing().sendRequest(.DELETE, "/api/v1/channels/\(UUID())", headers: .bearer(token))
            #expect(channel.status == .methodNotAllowed)
            #expect(channel.headers.first(name: "Allow") == "GET, HEAD, PATCH")
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/nothing-here", headers: .bearer(token)).status == .notFound)
            #expect(try await app.testing().sendRequest(.PUT, "/people", headers: .bearer(token)).status == .methodNotAllowed)
        }
    }
}

@Suite struct DemoTests {
    @Test func theDemoCompanyIsBelievableAndFindable() async throws {
        try await withLovnad { app in
            let summary = try await DemoCompany.seed(app: app) { _ in }
            #expect(summary.people >= 40)
            #expect(summary.skills == 60)
            #expect(try await Department.query(on: app.db).count() == 4)
            let trine = try #require(try await Person.query(on: app.db).filter(\.$email == DemoCompany.email("Trine Moe")).first())
            let k8s = try #require(try await ExpertRouting.found("k8s", asker: CurrentUser(person: trine, credential: .commandLine), ListPage(limit: nil),
                                                                 now: app.clock.now(), zone: app.settings.timeZone, on: app.db))
            #expect(k8s.skill.name == "Kubernetes")
            #expect(k8s.ranked.count >= 3)
            for signIn in DemoCompany.signIns {
                let browser = Browser(app)
                #expect(try await browser.signIn(DemoCompany.email(signIn.name), password: DemoCompany.password).status == .seeOther, "\(signIn.name)")
            }
            #expect(summary.logEntries >= 150)
            let engagements = try await Engagement.query(on: app.db).all()
            #expect(engagements.count == 7)
            #expect(Set(engagements.map(\.status)) == Set(EngagementStatus.allCases.map(\.rawValue)))
            for e in engagements {
                #expect(try await EngagementLog.verify(engagementID: e.id!, on: app.db) == .intact(entries: e.logCount))
            }
            #expect(try await Customer.query(on: app.db).count() == 4)
            // A promise ledger with a history: enough counted for the ratio to mean something, not all kept.
            #expect(try await Promise.query(on: app.db).count() >= 200)
            let today = PromiseActions.today(app)
            let company = try await PromiseQueries.stats(scope: .company, id: nil, from: today.adding(days: -364), to: today, today: today, on: app.db)
            #expect(company.total.counted >= 150)
            #expect((0.6...0.95).contains(company.total.ratio ?? 0))
            #expect(try await Promise.query(on: app.db).all().filter { $0.seriesID != nil }.count >= 10)
            #expect(app.clock.now().timeIntervalSinceNow.magnitude < 60, "the demo gives the clock back")

            // Questions: most answered, many accepted, some open, and accepted answers due for a check.
            #expect(summary.questions >= 140)
            let questions = try await Question.query(on: app.db).all()
            #expect(questions.count == summary.questions)
            let answered = questions.filter { $0.firstAnswerAt != nil }.count
            #expect(Double(answered) / Double(questions.count) > 0.7, "\(answered) of \(questions.count) answered")
            #expect(questions.filter { $0.acceptedAnswerID != nil }.count >= 60)
            #expect(questions.filter { $0.state == Question.open && $0.firstAnswerAt == nil }.count >= 4)
            let period = CheckPeriod(now: app.clock.now(), days: app.settings.knowledgeCheckDays)
            let due = try await Answer.query(on: app.db).all().filter { period.reason($0) != nil }
            #expect(due.count >= 5, "accepted answers waiting for a check")
            #expect(due.allSatisfy { $0.$verifier.id != nil })
            let departments = try await PeopleQueries.departments(on: app.db)
            #expect(departments.allSatisfy { !$0.leaderIds.isEmpty })
            await #expect(throws: DemoCompany.DemoError.self) { _ = try await DemoCompany.seed(app: app) { _ in } }

            // The guide names a lead who really has a sign-off waiting, and that lead's page offers it.
            let guide = try await DemoGuide.guide(app: app)
            let (lead, engagement) = try #require(guide.signOff)
            #expect(engagement.status == "handover")
            #expect(guide.journeys.count == 3)
            let browser = Browser(app)
            #expect(try await browser.signIn(lead.email, password: DemoCompany.password).status == .seeOther)
            #expect(try await browser.get("/engagements/\(engagement.id!)").text.contains("name=\"sign_off\""))
            #expect(DemoGuide.lines(guide).first?.contains(lead.email) == true)

            // Everything the demo wrote went through writes that indexed it: no rebuild is needed.
            struct Count: Decodable { let n: Int }
            let sql = app.db as! any SQLDatabase
            func count(_ query: SQLQueryString) async throws -> Int { try await sql.raw(query).first(decoding: Count.self)?.n ?? -1 }
            for (kind, things) in [("person", "SELECT COUNT(*) AS n FROM people WHERE active = true"),
                                   ("skill", "SELECT COUNT(*) AS n FROM skills"),
                                   ("message", "SELECT COUNT(*) AS n FROM messages WHERE deleted_at IS NULL"),
                                   ("log", "SELECT COUNT(*) AS n FROM log_entries"),
                                   ("promise", "SELECT COUNT(*) AS n FROM promises"),
                                   ("question", "SELECT COUNT(*) AS n FROM questions"), ("answer", "SELECT COUNT(*) AS n FROM answers")] {
                let indexed = try await count("SELECT COUNT(*) AS n FROM search_documents WHERE kind = \(bind: kind)")
                #expect(indexed == (try await count(SQLQueryString(things))), "\(kind)")
                #expect(indexed > 0, "\(kind)")
            }
        }
    }
}
