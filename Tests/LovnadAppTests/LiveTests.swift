import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp

@Suite struct LiveStreamTests {
    @Test func eventsArriveLiveAndMissedOnesAreReplayedExactlyOnce() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let open = try await w.newChannel(w.devToken, ["name": "Fag", "kind": "topic"])
            let hidden = try await w.newChannel(w.leadToken, ["name": "Hemmelig", "kind": "topic", "private": true])
            try await withRunningServer(app) { port in
                let dev = try await LiveClient.connect(port: port, headers: .bearer(w.devToken), app: app)
                let outsider = try await LiveClient.connect(port: port, headers: .bearer(w.outsiderToken), app: app)
                let start = try await dev.waitForReady()
                _ = try await outsider.waitForReady()
                #expect(start > 0)

                // Posted through the API, the message arrives as the API returns it.
                let posted = try await w.postMessage(w.devToken, channel: open, "Hei alle")
                let created = try await dev.waitFor("message.created") { $0["type"] as? String == "message.created" }
                let data = try #require(created["data"] as? [String: Any])
                #expect(data["id"] as? String == posted["id"] as? String)
                #expect(data["html"] as? String == posted["html"] as? String)
                #expect((created["id"] as? Int ?? 0) > start)
                // Nothing of a private channel reaches a non-member; nothing of a channel one has not joined.
                _ = try await w.postMessage(w.leadToken, channel: hidden, "Bare for oss")
                _ = try await w.send(.POST, "/api/v1/messages/\(posted["id"] as! String)/reactions", w.devToken, ["emoji": "❤️"])
                try await dev.waitFor("reaction.added") { $0["type"] as? String == "reaction.added" }
                #expect(outsider.events.isEmpty)
                #expect(!dev.events.contains { ($0["data"] as? [String: Any])?["channel_id"] as? String == hidden })

                // Disconnect; three things happen; reconnect with the last id seen.
                let lastSeen = dev.events.compactMap { $0["id"] as? Int }.max()!
                await dev.close()
                _ = try await w.send(.POST, "/api/v1/channels/\(open)/members", w.leadToken, [String: Any]())
                let m1 = try await w.postMessage(w.leadToken, channel: open, "Mens du var borte")
                let m2 = try await w.postMessage(w.leadToken, channel: open, "To")
                _ = try await w.postMessage(w.leadToken, channel: hidden, "Fortsatt hemmelig")
                let again = try await LiveClient.connect(port: port, query: "?since=\(lastSeen)", headers: .bearer(w.devToken), app: app)
                let readyAt = try await again.waitForReady()
                let replayed = again.events.filter { $0["type"] as? String == "message.created" }
                #expect(replayed.compactMap { ($0["data"] as? [String: Any])?["id"] as? String } == [m1["id"] as! String, m2["id"] as! String])
                #expect(again.events.contains { $0["type"] as? String == "channel.member_added" })
                // Live after ready, each exactly once, ids increasing.
                let m3 = try await w.postMessage(w.devToken, channel: open, "Tilbake")
                try await again.waitFor("m3") { ($0["data"] as? [String: Any])?["id"] as? String == m3["id"] as? String }
                let ids = again.events.compactMap { $0["id"] as? Int }
                #expect(ids == ids.sorted() && Set(ids).count == ids.count)
                #expect(ids.allSatisfy { $0 > lastSeen })
                // Everything replayed came before `ready`; ready's id is the last of them.
                let readyIndex = try #require(again.received.firstIndex { $0["type"] as? String == "ready" })
                #expect(again.received[..<readyIndex].allSatisfy { ($0["id"] as? Int ?? 0) <= readyAt })
                #expect(again.received[(readyIndex + 1)...].allSatisfy { ($0["id"] as? Int ?? Int.max) > readyAt })
                #expect(!again.events.contains { ($0["data"] as? [String: Any])?["channel_id"] as? String == hidden })
                await again.close()
                await outsider.close()
            }
        }
    }

    @Test func joiningStartsDeliveryAndBadFramesGetAnError() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let open = try await w.newChannel(w.devToken, ["name": "Fag", "kind": "topic"])
            try await withRunningServer(app) { port in
                let outsider = try await LiveClient.connect(port: port, headers: .bearer(w.outsiderToken), app: app)
                _ = try await outsider.waitForReady()
                // A malformed frame gets an error event, and the connection stays usable.
                outsider.send("not json")
                try await outsider.waitFor("error") { ($0["type"] as? String) == "error" }
                outsider.send(#"{"type":"ping"}"#)
                try await outsider.waitFor("pong") { ($0["type"] as? String) == "pong" }
                outsider.send(String(repeating: "x", count: 20_000))
                try await outsider.waitFor("too_large") { (($0["data"] as? [String: Any])?["code"] as? String) == "too_large" }
                // Joining: the membership event, then the channel's messages.
                _ = try await w.send(.POST, "/api/v1/channels/\(open)/members", w.outsiderToken, [String: Any]())
                try await outsider.waitFor("member_added") { $0["type"] as? String == "channel.member_added" }
                let posted = try await w.postMessage(w.devToken, channel: open, "Velkommen, Otto")
                try await outsider.waitFor("message") { ($0["data"] as? [String: Any])?["id"] as? String == posted["id"] as? String }
                // Deactivated: the open connection is told and closed.
                _ = try await UserActions.deactivate(personID: w.outsider.id!, actorID: nil, app: app)
                try await outsider.waitFor("access.revoked") { $0["type"] as? String == "access.revoked" }
                let deadline = Date().addingTimeInterval(5)
                while outsider.ws?.isClosed == false, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
                #expect(outsider.ws?.isClosed == true)
            }
        }
    }

    @Test func signingOutOrRevokingATokenEndsOnlyTheConnectionsOpenedWithIt() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let secondToken = try await Fixture.token(app, for: w.dev)
            let browser = Browser(app)
            _ = try await browser.signIn(w.dev.email)
            let sessionCookie = try #require(browser.cookies[Cookies.session])
            try await withRunningServer(app) { port in
                var own = HTTPHeaders()
                own.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                own.add(name: .origin, value: "http://127.0.0.1:\(port)")
                own.add(name: .host, value: "127.0.0.1:\(port)")
                let bySession = try await LiveClient.connect(port: port, headers: own, app: app)
                let byToken = try await LiveClient.connect(port: port, headers: .bearer(w.devToken), app: app)
                let bySecondToken = try await LiveClient.connect(port: port, headers: .bearer(secondToken), app: app)
                for client in [bySession, byToken, bySecondToken] { _ = try await client.waitForReady() }

                // Revoking one token closes what it opened; the others neither close nor hear of it.
                let tokenID = try #require(try await APIToken.query(on: app.db).filter(\.$tokenHash == RandomToken.hash(secondToken)).first()?.id)
                try await TokenActions.revoke(tokenID: tokenID, ownerID: w.dev.id!, app: app)
                try await bySecondToken.waitFor("access.revoked") { $0["type"] as? String == "access.revoked" }
                try await waitUntilClosed(bySecondToken)

                // Signing out closes the session's connection.
                let session = try #require(try await UserSession.query(on: app.db).filter(\.$tokenHash == RandomToken.hash(sessionCookie)).first())
                try await AuthActions.signOut(sessionID: session.id!, app: app)
                try await bySession.waitFor("access.revoked") { $0["type"] as? String == "access.revoked" }
                try await waitUntilClosed(bySession)

                byToken.send(#"{"type":"ping"}"#)
                try await byToken.waitFor("pong") { ($0["type"] as? String) == "pong" }
                #expect(byToken.ws?.isClosed == false)
                #expect(!byToken.received.contains { $0["type"] as? String == "access.revoked" })
                // A reconnect replaying from the start does not hear of the others' endings either.
                let replayed = try await LiveClient.connect(port: port, query: "?since=0", headers: .bearer(w.devToken), app: app)
                _ = try await replayed.waitForReady()
                #expect(!replayed.received.contains { $0["type"] as? String == "access.revoked" })
            }
        }
    }

    @Test func connectionsEndWithTheirAccessWhereverItEnded() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            func signedIn() async throws -> Browser {
                let browser = Browser(app)
                _ = try await browser.signIn(w.dev.email)
                return browser
            }
            let changing = try await signedIn(), other = try await signedIn(), idle = try await signedIn()
            try await withRunningServer(app) { port in
                func connect(_ browser: Browser) async throws -> LiveClient {
                    var headers = HTTPHeaders()
                    headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                    headers.add(name: .origin, value: "http://127.0.0.1:\(port)")
                    headers.add(name: .host, value: "127.0.0.1:\(port)")
                    let client = try await LiveClient.connect(port: port, headers: headers, app: app)
                    _ = try await client.waitForReady()
                    return client
                }
                let kept = try await connect(changing), ended = try await connect(other)
                // A password change ends the other sessions, and their live connections with them.
                let keep = try #require(try await UserSession.query(on: app.db)
                    .filter(\.$tokenHash == RandomToken.hash(changing.cookies[Cookies.session]!)).first()?.id)
                try await PasswordActions.change(personID: w.dev.id!, current: Fixture.password, new: "a new password entirely",
                                                 keepSessionID: keep, app: app)
                try await waitUntilClosed(ended)
                #expect(kept.ws?.isClosed == false)

                // Access ended by another process (the CLI on the same SQLite file announces nothing here).
                let byToken = try await LiveClient.connect(port: port, headers: .bearer(w.leadToken), app: app)
                _ = try await byToken.waitForReady()
                try await app.writerDatabase.transaction { db in  // a write that bypasses the store, as another process would
                    try await APIToken.query(on: db).filter(\.$person.$id == w.lead.id!).set(\.$revokedAt, to: Date()).update()
                }
                try await waitUntilClosed(byToken)
                #expect(byToken.received.contains { $0["type"] as? String == "access.revoked" })

                // A session that passes its idle limit while the connection stays open.
                _ = try await idle.signIn(w.dev.email, password: "a new password entirely")
                let quiet = try await connect(idle)
                app.clock.advance(by: 9 * 3600)
                try await waitUntilClosed(quiet)
                try await waitUntilClosed(kept)
            }
        }
    }

    private func waitUntilClosed(_ client: LiveClient) async throws {
        let deadline = Date().addingTimeInterval(5)
        while client.ws?.isClosed == false, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        #expect(client.ws?.isClosed == true)
    }

    @Test func upgradesNeedAValidSessionOrTokenAndTheOwnOrigin() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let browser = Browser(app)
            _ = try await browser.signIn(w.dev.email)
            let cookie = browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            try await withRunningServer(app) { port in
                #expect(await upgradeStatus(port: port, headers: [:], app: app) == .unauthorized)
                #expect(await upgradeStatus(port: port, headers: .bearer("nonsense"), app: app) == .unauthorized)
                #expect(await upgradeStatus(port: port, headers: .bearer(w.devToken), app: app, query: "?since=abc") == .unprocessableEntity)
                // The session cookie works only from the app's own origin.
                var foreign = HTTPHeaders()
                foreign.add(name: .cookie, value: cookie)
                foreign.add(name: .origin, value: "https://evil.example")
                #expect(await upgradeStatus(port: port, headers: foreign, app: app) == .forbidden)
                // The same host over another scheme or port is another origin, whatever the Host header says.
                for other in ["https://127.0.0.1:\(port)", "http://127.0.0.1:\(port + 1)", "http://localhost:\(port)", "null"] {
                    var near = HTTPHeaders()
                    near.add(name: .cookie, value: cookie)
                    near.add(name: .origin, value: other)
                    near.add(name: .host, value: "127.0.0.1:\(port)")
                    #expect(await upgradeStatus(port: port, headers: near, app: app) == .forbidden, "\(other)")
                }
                var own = HTTPHeaders()
                own.add(name: .cookie, value: cookie)
                own.add(name: .origin, value: "http://127.0.0.1:\(port)")
                // As a browser sends it (WebSocketKit's client leaves the port out of its own Host).
                own.add(name: .host, value: "127.0.0.1:\(port)")
                let status = await upgradeStatus(port: port, headers: own, app: app)
                #expect(status == .switchingProtocols, "\(String(describing: status)) with \(cookie)")
            }
        }
    }
}
