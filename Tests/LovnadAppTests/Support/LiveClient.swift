import Foundation
import NIOCore
import Testing
import Vapor
@testable import LovnadApp

/// Starts the app's real HTTP server on a free loopback port for the body's duration.
func withRunningServer(_ app: Application, _ body: (Int) async throws -> Void) async throws {
    app.http.server.configuration.hostname = "127.0.0.1"
    app.http.server.configuration.port = 0
    // Refused upgrades leave the client's side of the connection open; the server need not wait for it.
    app.http.server.configuration.shutdownTimeout = .seconds(1)
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    let port = app.http.server.shared.localAddress?.port ?? 0
    // The public URL is where the server listens, so the own-origin check sees this port.
    let publicURL = app.settings.baseURL
    app.settings.baseURL = "http://127.0.0.1:\(port)"
    defer { app.settings.baseURL = publicURL }
    do { try await body(port) } catch {
        app.live.closeAll()
        await app.server.shutdown()
        throw error
    }
    app.live.closeAll()
    await app.server.shutdown()
}

/// A real WebSocket client of `/api/v1/live` that keeps every frame it receives.
final class LiveClient: @unchecked Sendable {
    private let lock = NSLock()
    private var frames: [[String: Any]] = []
    private(set) var ws: WebSocket?

    static func connect(port: Int, query: String = "", headers: HTTPHeaders, app: Application) async throws -> LiveClient {
        let client = LiveClient()
        try await WebSocket.connect(to: "ws://127.0.0.1:\(port)/api/v1/live\(query)", headers: headers,
                                    on: app.eventLoopGroup.any()) { ws in
            client.ws = ws
            ws.onText { _, text in
                let object = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? ["unparsed": text]
                client.lock.withLock { client.frames.append(object) }
            }
        }.get()
        return client
    }

    var received: [[String: Any]] { lock.withLock { frames } }
    var events: [[String: Any]] { received.filter { $0["id"] != nil } }

    /// Waits (up to `seconds`) until a frame satisfies `match`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 5, _ match: @escaping ([String: Any]) -> Bool) async throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let frame = received.first(where: match) { return frame }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        throw TestFailure("no \(what) within \(seconds) s; got \(received)")
    }

    func waitForReady() async throws -> Int {
        let ready = try await waitFor("ready") { $0["type"] as? String == "ready" }
        return ready["last_event_id"] as? Int ?? -1
    }

    func send(_ text: String) { ws?.send(text) }

    func close() async { try? await ws?.close().get() }
}

/// A failed upgrade: the HTTP status the server answered with instead of 101.
func upgradeStatus(port: Int, headers: HTTPHeaders, app: Application, query: String = "") async -> HTTPResponseStatus? {
    var request = HTTPHeaders()
    request.add(contentsOf: headers)
    do {
        let client = try await LiveClient.connect(port: port, query: query, headers: request, app: app)
        await client.close()
        return .switchingProtocols
    } catch let error as WebSocketClient.Error {
        if case .invalidResponseStatus(let head) = error { return head.status }
        return nil
    } catch {
        return nil
    }
}
