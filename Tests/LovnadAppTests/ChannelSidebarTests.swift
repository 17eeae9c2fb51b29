import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp

/// The channel list beside a conversation, and the members the composer suggests after "@".
@Suite struct ChannelSidebarTests {
    private func sidebar(of page: String) -> String {
        guard let start = page.range(of: "<nav class=\"channel-sidebar\"") else { return "" }
        let rest = page[start.lowerBound...]
        return String(rest[..<(rest.range(of: "</nav>")?.upperBound ?? rest.endIndex)])
    }

    /// The `<li>` of the named channel in a list.
    private func item(_ name: String, in list: String) -> String {
        guard let end = list.range(of: ">\(name)</a>") else { return "" }
        let head = list[..<end.lowerBound]
        let start = head.range(of: "<li", options: .backwards)?.lowerBound ?? head.startIndex
        let rest = list[start...]
        return String(rest[..<(rest.range(of: "</li>")?.upperBound ?? rest.endIndex)])
    }

    @Test func theChannelsIBelongToAreBesideTheConversationWithTheirCounts() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let fag = try await w.newChannel(w.leadToken, ["name": "Fagprat", "kind": "topic"])
            #expect(try await w.send(.POST, "/api/v1/channels/\(fag)/members", w.devToken).status == .ok)
            _ = try await w.newChannel(w.leadToken, ["name": "Hemmelig", "kind": "topic", "private": true])
            let mine = try await w.newChannel(w.devToken, ["name": "Mitt hjørne", "kind": "topic"])
            _ = try await w.postMessage(w.leadToken, channel: fag, "Første")
            _ = try await w.postMessage(w.leadToken, channel: fag, "Hei @åse.utvikler, ser du på dette?")

            let dev = Browser(app)
            try await dev.signIn(w.dev.email)
            let page = try await dev.get("/channels/\(mine)")
            let side = sidebar(of: page.text)
            #expect(side.contains("aria-label=\"Mine kanaler\""))
            // The one being read is marked; another shows two unread and one mention, both spelt out.
            #expect(item("Mitt hjørne", in: side).contains("aria-current=\"page\""))
            let fagItem = item("Fagprat", in: side)
            #expect(fagItem.contains("aria-label=\"2 uleste\"") && fagItem.contains("aria-label=\"1 omtale av deg\""))
            #expect(!fagItem.contains("hidden"))
            // Someone else's private channel is not there; the whole list is one link away.
            #expect(!side.contains("Hemmelig"))
            #expect(side.contains("href=\"/channels\""))

            // Read, its counts are gone (and kept in place, hidden, for the live script).
            let read = sidebar(of: try await dev.get("/channels/\(fag)").text)
            let readItem = item("Fagprat", in: read)
            #expect(readItem.contains("aria-current=\"page\""))
            #expect(readItem.contains("aria-label=\"0 uleste\" data-one") && readItem.components(separatedBy: " hidden").count == 3)
            let again = sidebar(of: try await dev.get("/channels/\(mine)").text)
            #expect(item("Fagprat", in: again).components(separatedBy: " hidden").count == 3)
        }
    }

    @Test func theComposerSuggestsMembersByNameOrHandleAndNobodyElse() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let fag = try await w.newChannel(w.leadToken, ["name": "Fagprat", "kind": "topic"])
            #expect(try await w.send(.POST, "/api/v1/channels/\(fag)/members", w.devToken).status == .ok)
            func handles(_ query: String, _ token: String? = nil) async throws -> [String] {
                let response = try await w.send(.GET, "/api/v1/channels/\(fag)/members?q=\(query)", token ?? w.devToken)
                #expect(response.status == .ok)
                return (try response.json()["items"] as? [[String: Any]] ?? []).compactMap { $0["handle"] as? String }
            }
            #expect(try await handles("") == ["lars.leveranse", "åse.utvikler"])
            // A handle's start, a part of a name (any case), and nothing for what only looks like a pattern.
            #expect(try await handles("%C3%A5se") == ["åse.utvikler"])
            #expect(try await handles("LEVER") == ["lars.leveranse"])
            #expect(try await handles("%25") == [])
            #expect(try await handles("otto") == [])  // not a member
            #expect(try await w.send(.GET, "/api/v1/channels/\(fag)/members?limit=1", w.devToken).json()["items"] as? [Any] != nil)
            #expect((try await w.send(.GET, "/api/v1/channels/\(fag)/members?limit=1", w.devToken).json()["items"] as? [Any])?.count == 1)
            #expect(try await w.send(.GET, "/api/v1/channels/\(fag)/members?limit=x", w.devToken).status == .unprocessableEntity)

            // Someone else's private channel, and no channel at all, are not found.
            let secret = try await w.newChannel(w.leadToken, ["name": "Hemmelig", "kind": "topic", "private": true])
            #expect(try await w.send(.GET, "/api/v1/channels/\(secret)/members", w.devToken).status == .notFound)
            #expect(try await w.send(.GET, "/api/v1/channels/\(UUID())/members", w.devToken).status == .notFound)
            #expect(try await w.send(.GET, "/api/v1/channels/nope/members", w.devToken).status == .notFound)
        }
    }
}
