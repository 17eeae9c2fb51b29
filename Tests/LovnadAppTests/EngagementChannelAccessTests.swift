import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// An engagement's channel follows access to the engagement at every moment: those who lose the
/// engagement lose its channel for reads, writes, lists and the live stream.
@Suite struct EngagementChannelAccessTests {
    @Test func peopleTakenOffAnEngagementLoseItsChannel() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let engagement = try await w.newEngagement()
            let base = "/api/v1/engagements/\(engagement)"
            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"]).status == .ok)
            #expect(try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package()).status == .ok)
            #expect(try await w.send(.POST, "\(base)/staffing", w.salesToken, ["profile_id": "p1", "person_id": w.dev.id!.uuidString]).status == .created)
            #expect(try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            let channel = try #require(try await w.send(.GET, base, w.salesToken).json()["channel_id"] as? String)
            // Åse's leader may see the engagement through her, and joins its channel.
            #expect(try await w.send(.POST, "/api/v1/channels/\(channel)/members", w.devLeaderToken, [String: Any]()).status == .ok)
            let root = try await w.postMessage(w.devToken, channel: channel, "Skal vi ta standup kl. 9?")
            _ = try await w.postMessage(w.devLeaderToken, channel: channel, "Ja", thread: root["id"] as? String)

            try await withRunningServer(app) { port in
                let dev = try await LiveClient.connect(port: port, headers: .bearer(w.devToken), app: app)
                let leader = try await LiveClient.connect(port: port, headers: .bearer(w.devLeaderToken), app: app)
                let lead = try await LiveClient.connect(port: port, headers: .bearer(w.leadToken), app: app)
                let sales = try await LiveClient.connect(port: port, headers: .bearer(w.salesToken), app: app)
                for client in [dev, leader, lead, sales] { _ = try await client.waitForReady() }

                // The profile is given to the outsider: Åse is off the engagement, and her leader with her;
                // the delivery lead is replaced by the outsider too.
                #expect(try await w.send(.POST, "\(base)/staffing", w.salesToken, ["profile_id": "p1", "person_id": w.outsider.id!.uuidString]).status == .created)
                #expect(try await w.send(.PATCH, base, w.salesToken, ["delivery_lead_id": w.outsider.id!.uuidString]).status == .ok)
                let secret = try await w.postMessage(w.salesToken, channel: channel, "Nytt budsjett: 1,2 MNOK")
                try await sales.waitFor("the new message") { ($0["data"] as? [String: Any])?["id"] as? String == secret["id"] as? String }
                try await Task.sleep(nanoseconds: 300_000_000)
                for (name, client) in [("Åse", dev), ("her leader", leader), ("the old delivery lead", lead)] {
                    #expect(!client.events.contains { ($0["data"] as? [String: Any])?["id"] as? String == secret["id"] as? String },
                            "\(name) still heard the channel live")
                }
                // Replay after the fact does not bring it either.
                let again = try await LiveClient.connect(port: port, query: "?since=0", headers: .bearer(w.devToken), app: app)
                _ = try await again.waitForReady()
                #expect(!again.events.contains { ($0["data"] as? [String: Any])?["id"] as? String == secret["id"] as? String })
            }

            for (name, token) in [("Åse", w.devToken), ("her leader", w.devLeaderToken), ("the old delivery lead", w.leadToken)] {
                #expect(try await w.send(.GET, "/api/v1/channels/\(channel)", token).status == .notFound, "\(name)")
                #expect(try await w.send(.GET, "/api/v1/channels/\(channel)/messages", token).status == .notFound, "\(name)")
                let post = try await w.send(.POST, "/api/v1/channels/\(channel)/messages", token, ["body": "Er jeg fortsatt med?"])
                #expect(post.status == .notFound, "\(name)")
                let listed = try await w.send(.GET, "/api/v1/channels", token).items().compactMap { $0["id"] as? String }
                #expect(!listed.contains(channel), "\(name)")
            }
            // The new people are in; the sales owner stays.
            #expect(try await w.send(.GET, "/api/v1/channels/\(channel)", w.outsiderToken).json()["is_member"] as? Bool == true)
            #expect(try await w.send(.GET, "/api/v1/channels/\(channel)/messages", w.salesToken).status == .ok)
            #expect(try await ThreadFollow.query(on: app.db).filter(\.$person.$id == w.devLeader.id!).count() == 0)
        }
    }

    @Test func aDeactivatedParticipantLeavesTheChannel() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let engagement = try await w.newEngagement()
            #expect(try await w.send(.PATCH, "/api/v1/engagements/\(engagement)", w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            let channel = try #require(try await w.send(.GET, "/api/v1/engagements/\(engagement)", w.salesToken).json()["channel_id"] as? String)
            _ = try await UserActions.deactivate(personID: w.lead.id!, actorID: nil, app: app)
            let members = try await ChannelMember.query(on: app.db).filter(\.$channel.$id == UUID(uuidString: channel)!).all().map { $0.$person.id }
            #expect(members == [w.sales.id!])
        }
    }
}
