import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp

private let onPostgres = !(ProcessInfo.processInfo.environment["LOVNAD_TEST_DATABASE_URL"] ?? "").isEmpty

/// Two app instances on one PostgreSQL database share the live stream through LISTEN/NOTIFY.
@Suite(.enabled(if: onPostgres, "needs LOVNAD_TEST_DATABASE_URL")) struct TwoInstanceTests {
    @Test func aMessagePostedThroughOneInstanceArrivesLiveAtAClientOfTheOther() async throws {
        try await withLovnad { first in
            let w = try await EngagementWorld.make(first)
            let channel = try await w.newChannel(w.devToken, ["name": "Delt", "kind": "topic"])
            _ = try await w.send(.POST, "/api/v1/channels/\(channel)/members", w.leadToken, [String: Any]())
            // The second instance: its own process state, the same database and schema.
            let second = try await Application.make(.testing)
            do {
                try await configure(second, settings: first.settings)
                second.logger.logLevel = .warning
                try await second.asyncBoot()
                try await withRunningServer(second) { port in
                    let client = try await LiveClient.connect(port: port, headers: .bearer(w.leadToken), app: second)
                    _ = try await client.waitForReady()
                    let posted = try await w.postMessage(w.devToken, channel: channel, "Fra instans én")
                    let arrived = try await client.waitFor("message from the other instance") {
                        ($0["data"] as? [String: Any])?["id"] as? String == posted["id"] as? String
                    }
                    #expect(arrived["type"] as? String == "message.created")
                    // And the other way: a reaction through the second instance reaches the first's hub too.
                    let reacted = try await second.testing().sendRequest(.POST, "/api/v1/messages/\(posted["id"] as! String)/reactions",
                                                                         headers: .bearerJSON(w.leadToken), body: jsonBody(["emoji": "👍"]))
                    #expect(reacted.status == .ok)
                    try await client.waitFor("reaction") { $0["type"] as? String == "reaction.added" }
                    await client.close()
                }
            } catch {
                try await second.asyncShutdown()
                throw error
            }
            try await second.asyncShutdown()
        }
    }
}
