import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Access is a query predicate: among thousands of engagements, each list shows a person exactly what
/// they may see, and the SQL rule gives the same answers as the in-memory one.
@Suite struct AccessAtScaleTests {
    /// A company grown in bulk: departments, people with leaders, engagements with teams and channels,
    /// promises on most of them.
    struct Company {
        let people: [Person]
        let engagements: [Engagement]
        let customerID: UUID
    }

    static func grow(_ app: Application, people count: Int = 400, engagements: Int = 2000) async throws -> Company {
        var rng = SeededGenerator(seed: 11)
        let now = app.clock.now()
        let seller = try await Fixture.person(app, "Selger Salg", roles: [.sales])
        let customer = try await CustomerActions.create(.init(name: "Stor kunde AS", orgNumber: nil, notes: "", contacts: []),
                                                        actor: CurrentUser(person: seller, credential: .commandLine), app: app).requireID()
        let departments = (0..<10).map { Department(name: "Avdeling \($0)", now: now) }
        for d in departments { d.id = UUID() }
        try await BenchDataActions.insert(departments, app: app)
        var people: [Person] = []
        for i in 0..<count {
            let roles: [Role] = i % 40 == 0 ? [.leader, .consultant] : i % 97 == 0 ? [.sales, .consultant] : [.consultant]
            let p = Person(email: "p\(i)@example.no", name: "Person \(i)", title: nil, departmentID: departments[i % 10].id,
                           leaderID: i >= 10 && i % 5 == 0 ? people[Int.random(in: 0..<10, using: &rng)].id : nil,
                           roles: roles, passwordHash: nil, now: now)
            p.id = UUID()
            people.append(p)
        }
        for chunk in stride(from: 0, to: people.count, by: 200) {
            try await BenchDataActions.insert(Array(people[chunk..<min(chunk + 200, people.count)]), app: app)
        }
        var rows: [Engagement] = []
        var members: [EngagementMember] = []
        var channels: [LovnadApp.Channel] = []
        for i in 0..<engagements {
            let e = Engagement(title: "Oppdrag \(i)", customerID: customer, salesOwnerID: people.randomElement(using: &rng)!.id!,
                               deliveryLeadID: i % 3 == 0 ? people.randomElement(using: &rng)!.id! : nil,
                               status: EngagementStatus.delivery.rawValue, logHead: LogChain.genesis, now: now)
            e.id = UUID()
            rows.append(e)
            for k in 0..<3 {
                members.append(EngagementMember(engagementID: e.id!, personID: people.randomElement(using: &rng)!.id!, profileID: "p\(k)",
                                                role: "Utvikler", allocationPercent: 50, startsOn: nil, endsOn: nil, now: now))
            }
            channels.append(LovnadApp.Channel(kind: .engagement, name: e.title, isPrivate: true, engagementID: e.id,
                                              normMinutes: ResponseNorm.defaultMinutes, creatorID: nil, now: now))
        }
        for chunk in stride(from: 0, to: rows.count, by: 200) {
            try await BenchDataActions.insert(Array(rows[chunk..<min(chunk + 200, rows.count)]), app: app)
            try await BenchDataActions.insert(Array(channels[chunk..<min(chunk + 200, channels.count)]), app: app)
        }
        for chunk in stride(from: 0, to: members.count, by: 500) {
            try await BenchDataActions.insert(Array(members[chunk..<min(chunk + 500, members.count)]), app: app)
        }
        return Company(people: people, engagements: rows, customerID: customer)
    }

    @Test func theSQLRuleAgreesWithTheRuleInMemory() async throws {
        try await withLovnad { app in
            let company = try await Self.grow(app, people: 200, engagements: 400)
            let participants = try await EngagementAccess.participants(of: company.engagements, on: app.db)
            var rng = SeededGenerator(seed: 5)
            let sample = company.people.filter { $0.roles.contains(.leader) } + (0..<25).map { _ in company.people.randomElement(using: &rng)! }
            for person in sample {
                let user = CurrentUser(person: person, credential: .commandLine)
                let expected = Set(company.engagements.filter { EngagementAccess.canSee(participants[$0.id!]!, user: user) }.map { $0.id! })
                let listed = Set(try await EngagementQueries.list(user: user, status: nil, customerID: nil, mineOnly: false, on: app.db).map { $0.0.id! })
                #expect(listed == expected, "\(person.name) (\(person.rolesText))")
            }
        }
    }

    @Test func aConsultantOnOneEngagementSeesExactlyThatOneAmongThousands() async throws {
        try await withLovnad { app in
            let company = try await Self.grow(app)
            let kari = try await Fixture.person(app, "Kari Konsulent", department: nil)
            let token = try await Fixture.token(app, for: kari)
            let target = company.engagements[1234]
            try await BenchDataActions.insert([EngagementMember(engagementID: target.id!, personID: kari.id!, profileID: "kari", role: "Utvikler",
                                                                allocationPercent: 100, startsOn: nil, endsOn: nil, now: app.clock.now())], app: app)
            try await app.store.write { ctx in try await ChannelSyncActions.engagement(target.id!, ctx) }

            let engagements = try await Self.send(app, .GET, "/api/v1/engagements?limit=100", token).items()
            #expect(engagements.map { $0["id"] as? String } == [target.id!.uuidString])
            let channels = try await Self.send(app, .GET, "/api/v1/channels?limit=100", token).items()
            #expect(channels.filter { $0["kind"] as? String == "engagement" }.map { $0["name"] as? String } == [target.title])
            // Someone else's engagement is not found, however many there are.
            #expect(try await Self.send(app, .GET, "/api/v1/engagements/\(company.engagements[7].id!)", token).status == .notFound)
            #expect(try await Self.send(app, .GET, "/api/v1/engagements/\(target.id!)", token).status == .ok)

            // Promises: on her engagement, and her own; none of the thousands on others.
            let owner = CurrentUser(person: company.people[0], credential: .commandLine)
            for e in [company.engagements[7], target] {
                try await BenchDataActions.insert([Self.promise(on: e, owner: owner.id, now: app.clock.now())], app: app)
            }
            let promises = try await Self.send(app, .GET, "/api/v1/promises?limit=100", token).items()
            #expect(promises.compactMap { ($0["engagement"] as? [String: Any])?["id"] as? String } == [target.id!.uuidString])
        }
    }

    static func send(_ app: Application, _ method: HTTPMethod, _ path: String, _ token: String) async throws -> TestingHTTPResponse {
        try await app.testing().sendRequest(method, path, headers: .bearer(token))
    }

    static func promise(on engagement: Engagement, owner: UUID, now: Date) -> LovnadApp.Promise {
        let p = LovnadApp.Promise()
        p.text = "Leveranse"
        p.$owner.id = owner
        p.receiverKind = PromiseReceiverKind.customer.rawValue
        p.receiverID = engagement.$customer.id
        p.$customer.id = engagement.$customer.id
        p.$engagement.id = engagement.id
        p.source = PromiseSource.none.rawValue
        let due = Day(now, in: TimeZone(identifier: "Europe/Oslo")!).adding(days: 10)
        p.due = due.description
        p.dueDay = due.ordinal
        p.state = PromiseState.made.rawValue
        p.note = ""
        p.confirmationNote = ""
        p.chainCounted = false
        p.$createdBy.id = owner
        p.createdAt = now
        p.updatedAt = now
        p.refreshContribution()
        return p
    }
}
