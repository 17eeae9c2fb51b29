import Fluent
import Foundation
import NIOHTTP1
import Testing
import Vapor
@testable import LovnadApp

/// Requests that race, sent at once over real connections: each answers 409 or succeeds once —
/// never 500, never a lost change.
@Suite struct RaceTests {
    /// `n` copies of one request at once; their statuses.
    private static func atOnce(_ n: Int, _ app: Application, port: Int, _ method: HTTPMethod, _ path: String, token: String,
                               body: [String: Any]) async throws -> [UInt] {
        try await Self.atOnce(n, app, port: port, method, path, token: token, data: try JSONSerialization.data(withJSONObject: body))
    }

    private static func atOnce(_ n: Int, _ app: Application, port: Int, _ method: HTTPMethod, _ path: String, token: String,
                               data: Data) async throws -> [UInt] {
        let uri = URI(string: "http://127.0.0.1:\(port)\(path)")
        return try await withThrowingTaskGroup(of: UInt.self) { group in
            for _ in 0..<n {
                group.addTask {
                    var headers = HTTPHeaders.bearerJSON(token)
                    headers.add(name: .connection, value: "close")
                    let response = try await app.client.send(method, headers: headers, to: uri) { $0.body = ByteBuffer(data: data) }
                    return response.status.code
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    private static func prepare(_ app: Application) {
        app.http.client.configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 25)
        app.http.client.configuration.timeout = .init(connect: .seconds(60), read: .seconds(60))
    }

    /// A won engagement with its handover package saved once (revision 1).
    private static func wonWithPackage(_ app: Application) async throws -> (EngagementWorld, String) {
        prepare(app)
        let w = try await EngagementWorld.make(app)
        let id = try await w.newEngagement()
        let base = "/api/v1/engagements/\(id)"
        #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"]).status == .ok)
        #expect(try await w.send(.PUT, "\(base)/handover", w.salesToken, w.package()).status == .ok)
        return (w, id)
    }

    @Test func followingAThreadTwiceAtOnceIsOneFollow() async throws {
        try await withLovnad { app in
            Self.prepare(app)
            let w = try await EngagementWorld.make(app)
            let channel = try await w.newChannel(w.devToken, ["name": "Kaffe", "kind": "topic"])
            let root = try #require(try await w.postMessage(w.devToken, channel: channel, "Hvem blir med?")["id"] as? String)
            try await withRunningServer(app) { port in
                let statuses = try await Self.atOnce(20, app, port: port, .PUT, "/api/v1/threads/\(root)/follow", token: w.leadToken, body: [:])
                #expect(statuses.allSatisfy { $0 == 204 }, "statuses: \(statuses)")
            }
            let follows = try await ThreadFollow.query(on: app.db).filter(\.$thread.$id == UUID(uuidString: root)!).filter(\.$person.$id == w.lead.id!).count()
            #expect(follows == 1)
        }
    }

    @Test func theSameReactionTwiceAtOnceIsOneReaction() async throws {
        try await withLovnad { app in
            Self.prepare(app)
            let w = try await EngagementWorld.make(app)
            let channel = try await w.newChannel(w.devToken, ["name": "Kaffe", "kind": "topic"])
            let message = try #require(try await w.postMessage(w.devToken, channel: channel, "Hvem blir med?")["id"] as? String)
            try await withRunningServer(app) { port in
                let statuses = try await Self.atOnce(20, app, port: port, .POST, "/api/v1/messages/\(message)/reactions", token: w.devToken,
                                                body: ["emoji": "🎉"])
                #expect(statuses.allSatisfy { $0 == 200 || $0 == 201 || $0 == 409 }, "statuses: \(statuses)")
                #expect(statuses.contains { $0 < 300 })
            }
            #expect(try await Reaction.query(on: app.db).filter(\.$emoji == "🎉").count() == 1)
            #expect(try await StoredLiveEvent.query(on: app.db).filter(\.$type == "reaction.added").count() == 1)
        }
    }

    @Test func twoHandoverSavesFromOneRevisionKeepOneAndRefuseTheOther() async throws {
        try await withLovnad { app in
            let (w, id) = try await Self.wonWithPackage(app)
            let base = "/api/v1/engagements/\(id)"
            var edited = w.package()
            edited["base_revision"] = 1
            try await withRunningServer(app) { port in
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for scope in ["Første versjon av omfanget", "Andre versjon av omfanget", "Tredje versjon av omfanget"] {
                        var body = edited
                        body["offer"] = ["scope": scope, "out_of_scope": "", "price_model": "capped", "value": 1]
                        let data = try JSONSerialization.data(withJSONObject: body)
                        let token = w.salesToken
                        group.addTask { try await Self.atOnce(1, app, port: port, .PUT, "\(base)/handover", token: token, data: data)[0] }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                #expect(statuses.sorted() == [200, 409, 409], "statuses: \(statuses)")
            }
            #expect(try await HandoverRevision.query(on: app.db).filter(\.$engagement.$id == UUID(uuidString: id)!).count() == 2)
            // A stale save through the page keeps what was typed and says what happened, in Norwegian.
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            try await sales.get("/engagements/\(id)/handover/edit")
            let stale = try await sales.post("/engagements/\(id)/handover", form: ["base_revision": "1", "offer_scope": "Skrevet i et gammelt vindu"])
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("Noen lagret overleveringspakken mens du redigerte"))
            #expect(stale.text.contains("Skrevet i et gammelt vindu"))
        }
    }

    @Test func anExpectationBecomesOnePromiseWhenAskedTwiceAtOnce() async throws {
        try await withLovnad { app in
            let (w, id) = try await Self.wonWithPackage(app)
            let base = "/api/v1/engagements/\(id)"
            try await withRunningServer(app) { port in
                let statuses = try await Self.atOnce(6, app, port: port, .POST, "\(base)/expectations/e1/promise", token: w.salesToken,
                                                body: ["due": "2027-06-25"])
                #expect(statuses.filter { $0 == 201 }.count == 1, "statuses: \(statuses)")
                #expect(statuses.allSatisfy { $0 == 201 || $0 == 409 }, "statuses: \(statuses)")
            }
            #expect(try await Promise.query(on: app.db).filter(\.$sourceRef == "e1").count() == 1)
        }
    }
}
