import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp

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
}
