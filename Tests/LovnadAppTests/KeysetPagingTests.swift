import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Lists page by keyset: a page starts after the last row of the one before, so what is added or
/// removed meanwhile never repeats or skips a row, and ties on the sort key are broken by id.
@Suite struct KeysetPagingTests {
    private func pages(_ w: EngagementWorld, _ path: String, token: String, limit: Int,
                       between: (Int) async throws -> Void = { _ in }) async throws -> [String] {
        var ids: [String] = []
        var cursor: String?
        var round = 0
        repeat {
            let url = path + (path.contains("?") ? "&" : "?") + "limit=\(limit)" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try await w.send(.GET, url, token)
            #expect(page.status == .ok, "\(url): \(page.text)")
            let json = try page.json()
            ids += (json["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            cursor = json["next_cursor"] as? String
            try await between(round)
            round += 1
        } while cursor != nil && round < 50
        return ids
    }

    @Test func engagementPagesNeitherRepeatNorSkipWhileNewOnesArrive() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            var made: [String] = []
            for i in 0..<7 {
                made.append(try await w.newEngagement(title: "Oppdrag \(i)"))
                if i != 3 { app.clock.advance(by: 0.000_37) }  // sub-millisecond steps, and one tie
            }
            let seen = try await pages(w, "/api/v1/engagements", token: w.salesToken, limit: 2) { round in
                if round == 0 { _ = try await w.newEngagement(title: "Nytt underveis") }
            }
            #expect(seen == Array(made.reversed().prefix(2)) + seen.dropFirst(2).filter { made.contains($0) })
            #expect(Set(seen).isSuperset(of: made) && seen.count == Set(seen).count, "seen \(seen.count): \(seen)")
        }
    }

    @Test func notificationsAndPeoplePageToTheEnd() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            for i in 0..<5 {
                try await app.store.write { ctx in
                    try await NotificationActions.notify(Notice(personID: w.dev.id!, kind: "mention", promiseID: nil,
                                                                params: ["text": "nr \(i)"]), ctx)
                }
            }
            let notices = try await pages(w, "/api/v1/notifications", token: w.devToken, limit: 2)
            #expect(notices.count == 5 && Set(notices).count == 5)
            let people = try await pages(w, "/api/v1/people", token: w.devToken, limit: 2)
            #expect(people.count == Set(people).count && people.count >= 5)
            // A cursor from another list's key is refused, not misread.
            let engagementCursor = PageCursor.encode(.init(key: "not a number", id: UUID().uuidString))
            #expect(try await w.send(.GET, "/api/v1/promises?cursor=\(engagementCursor)", w.devToken).status == .unprocessableEntity)
        }
    }

    @Test func channelPagesHoldEachChannelOnceWhateverMakesItVisible() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            // Visible as a member, as an open channel, and through an engagement one is on.
            for i in 0..<3 { _ = try await w.newChannel(w.leadToken, ["name": "Fag \(i)", "kind": "topic"]) }
            for i in 0..<3 { _ = try await w.newEngagement(title: "Oppdrag \(i)") }
            let whole = try await w.send(.GET, "/api/v1/channels?limit=100", w.salesToken).items().compactMap { $0["id"] as? String }
            #expect(whole.count >= 8)
            let paged = try await pages(w, "/api/v1/channels", token: w.salesToken, limit: 2)
            #expect(paged == whole, "paged \(paged.count), whole \(whole.count)")
        }
    }
}
