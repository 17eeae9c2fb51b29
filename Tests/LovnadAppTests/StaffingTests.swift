import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

@Suite struct StaffingTests {
    /// An engagement in handover, its package's first profile asking for `requirements`.
    func inHandover(_ w: EngagementWorld, title: String, requirements: [[String: Any]]) async throws -> String {
        let id = try await w.newEngagement(title: title)
        let base = "/api/v1/engagements/\(id)"
        var package = w.package()
        var profiles = try #require(package["profiles"] as? [[String: Any]])
        profiles[0]["requirements"] = requirements
        package["profiles"] = profiles
        #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"]).status == .ok)
        #expect(try await w.send(.PUT, "\(base)/handover", w.salesToken, package).status == .ok)
        #expect(try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
        #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "handover"]).status == .ok)
        return id
    }

    @Test func aProfileAnyoneMayFillListsTheFreeByNameAndNotThoseTakenElsewhere() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            // Aaron comes first by name but is taken over the same months elsewhere.
            let aaron = try await Fixture.person(app, "Aaron Opptatt")
            for letter in "BCDEFGHIJKL" { _ = try await Fixture.person(app, "\(letter)ea Ledig") }
            let elsewhere = try await inHandover(w, title: "Andre oppdrag", requirements: [["skill": "Kotlin", "minimum_level": 4]])
            #expect(try await w.send(.POST, "/api/v1/engagements/\(elsewhere)/staffing", w.leadToken,
                                     ["profile_id": "p1", "person_id": aaron.id!.uuidString]).status == .created)
            // He fills it without the Kotlin it asks for, and the profile still names him.
            let there = try await w.send(.GET, "/api/v1/engagements/\(elsewhere)/staffing", w.leadToken).items()
            #expect((there.first?["staffed"] as? [String: Any])?["name"] as? String == "Aaron Opptatt")

            let id = try await inHandover(w, title: "Hvem som helst", requirements: [])
            let staffing = try await w.send(.GET, "/api/v1/engagements/\(id)/staffing", w.leadToken).items()
            let candidates = try #require(staffing.first?["candidates"] as? [[String: Any]])
            let names = candidates.compactMap { ($0["person"] as? [String: Any])?["name"] as? String }
            #expect(names.count == 10)
            #expect(!names.contains("Aaron Opptatt"))
            #expect(names == names.sorted())
            #expect(names.first == "Bea Ledig")
            #expect(candidates.allSatisfy { $0["peak_allocation_percent"] as? Int == 0 })
            // A staffed profile names who fills it.
            #expect(try await w.send(.POST, "/api/v1/engagements/\(id)/staffing", w.leadToken,
                                     ["profile_id": "p1", "person_id": aaron.id!.uuidString]).status == .created)
            let staffed = try await w.send(.GET, "/api/v1/engagements/\(id)/staffing", w.leadToken).items()
            #expect((staffed.first?["staffed"] as? [String: Any])?["name"] as? String == "Aaron Opptatt")
        }
    }

    /// Among many holders the database hands over the best fits first and the search stops early; the
    /// candidates must still be exactly those ranking every holder gives, ties by name, without whoever
    /// fills another of the engagement's profiles.
    @Test func theBestAmongManyHoldersAreThoseRankingEveryoneGives() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let now = app.clock.now()
            let terraform = try await Fixture.skill(app, "Terraform")
            let go = try await Fixture.skill(app, "Go")
            var rng = SeededGenerator(seed: 11)
            let people = (0..<200).map { i in
                let p = Person(email: "holder\(i)@example.no", name: "Holder \(["Å", "b", "C", "ø", "a"][i % 5])\(Int.random(in: 0..<1000, using: &rng)) \(i)",
                               title: nil, departmentID: nil, leaderID: nil, roles: [.consultant], passwordHash: nil, now: now)
                p.id = UUID()
                return p
            }
            try await BenchDataActions.insert(people, app: app)
            var holdings: [PersonSkill] = []
            for p in people {
                for skill in [terraform, go] where Int.random(in: 0..<4, using: &rng) > 0 {
                    holdings.append(PersonSkill(personID: p.id!, skillID: skill.id!, level: Int.random(in: 1...5, using: &rng),
                                                wantsToGrow: Int.random(in: 0..<3, using: &rng) == 0, lastUsedYear: nil, now: now))
                }
            }
            try await BenchDataActions.insert(holdings, app: app)
            // Allocations elsewhere: open-ended ones count in any period, those long past never do.
            let elsewhere = try #require(UUID(uuidString: try await w.newEngagement(title: "Andre steder")))
            var busy: [UUID: Int] = [:]
            var members: [EngagementMember] = []
            for p in people where Int.random(in: 0..<2, using: &rng) == 0 {
                let percent = 10 * Int.random(in: 1...10, using: &rng)
                let past = Int.random(in: 0..<4, using: &rng) == 0
                if !past { busy[p.id!] = percent }
                members.append(EngagementMember(engagementID: elsewhere, personID: p.id!, profileID: "p-\(p.id!)", role: "Utvikler", allocationPercent: percent,
                                                startsOn: past ? "2001-01-01" : nil, endsOn: past ? "2001-12-31" : nil, now: now))
            }
            try await BenchDataActions.insert(members, app: app)

            let id = try await inHandover(w, title: "Mange som kan", requirements: [["skill": "Terraform", "minimum_level": 4], ["skill": "Go", "minimum_level": 3]])
            let requirements = [StaffingFit.Requirement(key: terraform.nameKey, name: "Terraform", minimumLevel: 4),
                                StaffingFit.Requirement(key: go.nameKey, name: "Go", minimumLevel: 3)]
            let period = try #require(DayRange(start: Day("2027-01-04")!, end: Day("2027-06-25")!))
            func expected(without: Set<UUID>) -> [StaffingFit.Suggestion<UUID>] {
                let candidates = people.filter { !without.contains($0.id!) }.compactMap { p -> StaffingFit.Candidate<UUID>? in
                    let held = holdings.filter { $0.$person.id == p.id }
                    guard !held.isEmpty else { return nil }
                    return .init(id: p.id!, name: p.name,
                                 levels: Dictionary(uniqueKeysWithValues: held.map { ($0.$skill.id == terraform.id ? terraform.nameKey : go.nameKey, $0.level) }),
                                 wantsToGrow: Set(held.filter(\.wantsToGrow).map { $0.$skill.id == terraform.id ? terraform.nameKey : go.nameKey }),
                                 allocations: busy[p.id!].map { [StaffingFit.Allocation(percent: $0, period: period)] } ?? [])
                }
                return Array(StaffingFit.rank(candidates, requirements: requirements, allocationPercent: 60, period: period).prefix(10))
            }
            func shown() async throws -> [(UUID, Double)] {
                let profile = try #require(try await w.send(.GET, "/api/v1/engagements/\(id)/staffing", w.leadToken).items().first)
                return (profile["candidates"] as? [[String: Any]] ?? []).compactMap { c in
                    ((c["person"] as? [String: Any])?["id"] as? String).flatMap(UUID.init(uuidString:)).map { ($0, c["score"] as? Double ?? -1) }
                }
            }
            let first = try await shown()
            let all = expected(without: [])
            #expect(first.map(\.0) == all.map(\.candidate.id))
            #expect(first.map(\.1) == all.map(\.score))
            #expect(Set(all.map(\.score)).count < all.count, "ties to break by name")

            // The best of them fills a second profile, and the first no longer offers them.
            let base = "/api/v1/engagements/\(id)"
            var package = w.package()
            var profiles = try #require(package["profiles"] as? [[String: Any]])
            profiles[0]["requirements"] = [["skill": "Terraform", "minimum_level": 4], ["skill": "Go", "minimum_level": 3]]
            profiles.append(["id": "p2", "role": "Arkitekt", "requirements": [], "allocation_percent": 20, "start": "2027-01-04", "end": "2027-06-25",
                             "staffed_person_id": NSNull()])
            package["profiles"] = profiles
            let saved = try await w.send(.PUT, "\(base)/handover", w.salesToken, package)
            #expect(saved.status == .ok, "\(saved.text)")
            #expect(try await w.send(.POST, "\(base)/staffing", w.leadToken, ["profile_id": "p2", "person_id": all[0].candidate.id.uuidString]).status == .created)
            let later = try await shown()
            let rest = expected(without: [all[0].candidate.id])
            #expect(later.map(\.0) == rest.map(\.candidate.id))
            #expect(later.map(\.1) == rest.map(\.score))
        }
    }
}
