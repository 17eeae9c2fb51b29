import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp

/// The live stream's events are listed once (`LiveEventType`); the OpenAPI document says the same.
@Suite struct LiveEventCatalogueTests {
    @Test func theDocumentListsEveryEventWithItsAudienceAndData() async throws {
        try await withLovnad { app in
            let document = try await app.testing().sendRequest(.GET, "/api/v1/openapi.json").json()
            let live = try #require(((document["paths"] as? [String: Any])?["/api/v1/live"] as? [String: Any])?["get"] as? [String: Any])
            let documented = try #require(live["x-events"] as? [[String: Any]])
            let listed = documented.map { "\($0["type"] as? String ?? "?") \($0["audience"] as? String ?? "?") \(($0["data"] as? [String] ?? []).joined(separator: ","))" }
            let catalogue = LiveEventType.allCases.map { "\($0.rawValue) \($0.audience.rawValue) \($0.data.joined(separator: ","))" }
            #expect(listed == catalogue)
        }
    }

    /// What actions emit carries the keys the catalogue names (one action per audience kind).
    @Test func emittedEventsCarryTheirDocumentedKeys() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            _ = try await w.send(.POST, "/api/v1/engagements/\(id)/transitions", w.salesToken, ["to": "won"])
            let channel = try await w.newChannel(w.devToken, ["name": "Kaffe", "kind": "topic"])
            let message = try #require(try await w.postMessage(w.devToken, channel: channel, "Hei")["id"] as? String)
            _ = try await w.send(.POST, "/api/v1/messages/\(message)/reactions", w.devToken, ["emoji": "🎉"])
            for row in try await StoredLiveEvent.query(on: app.db).all() {
                let type = try #require(LiveEventType(rawValue: row.type), "not in the catalogue: \(row.type)")
                guard !type.data.contains(where: { $0.first?.isUppercase == true }) else { continue }
                let keys = Set((try JSONSerialization.jsonObject(with: Data(row.data.utf8)) as? [String: Any] ?? [:]).keys)
                #expect(keys.isSubset(of: Set(type.data)), "\(row.type): \(keys.sorted()) not in \(type.data)")
            }
        }
    }
}
