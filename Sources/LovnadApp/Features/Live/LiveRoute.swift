import Fluent
import Vapor
import LovnadCore

/// `GET /api/v1/live`: the WebSocket that streams what the user may see. Authenticated like the rest
/// of the API (the group's middleware answers 401 before any upgrade); a cookie-authenticated upgrade
/// must come from the app's own origin, so another site cannot open it with the visitor's cookie.
struct LiveRoute: RouteCollection {
    /// Taken when the routes are registered: at shutdown the application's storage is cleared.
    let hub: LiveHub

    /// Frames from clients are small commands; larger ones get an error event.
    static let maxClientFrame = 16 * 1024

    func boot(routes: any RoutesBuilder) throws {
        // Refusals happen in a middleware: an error thrown while upgrading would leave the client hanging.
        routes.grouped(UpgradeCheck()).webSocket("live", maxFrameSize: .init(integerLiteral: 1 << 20), onUpgrade: onUpgrade)
    }

    struct UpgradeCheck: AsyncMiddleware {
        func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
            let user = try req.requireUser()
            if user.sessionID != nil, !LiveRoute.isOwnOrigin(req) { throw AppError.forbidden(.refuseLiveOrigin) }
            if let since = req.query[String.self, at: "since"], !since.isEmpty, Int(since).map({ $0 >= 0 }) != true {
                throw AppError.invalid(["since": .notAWholeNumber])
            }
            return try await next.respond(to: req)
        }
    }

    /// The `Origin` header names the public URL's scheme, host and port exactly (the Host header is
    /// not consulted: it says nothing of the scheme the page was loaded over).
    static func isOwnOrigin(_ req: Request) -> Bool {
        guard let origin = req.headers.first(name: .origin).flatMap(WebOrigin.init),
              let own = WebOrigin(req.application.settings.baseURL) else { return false }
        return origin == own
    }

    func onUpgrade(req: Request, ws: WebSocket) async {
        // An upgrade that completes while the app shuts down must not reach for its databases.
        guard let user = req.currentUser, !hub.isStopped else { try? await ws.close(code: .goingAway); return }
        let app = req.application
        let db = app.db
        let since = req.query[String.self, at: "since"].flatMap { Int($0) }
        let connection = LiveConnection(personID: user.id, credential: user.credential, ws: ws)
        // WebSocketKit wants its handlers set on the connection's event loop.
        try? await ws.eventLoop.submit {
            ws.pingInterval = .seconds(25)
            ws.onText { _, text in Self.receive(text, from: connection) }
            ws.onBinary { _, _ in connection.sendControl(Self.error("malformed", "Send JSON text frames")) }
        }.get()
        hub.add(connection)
        ws.onClose.whenComplete { _ in hub.remove(connection) }
        do {
            // Registered first, then the high-water mark, then memberships: nothing falls between.
            let latest = try await LiveStore.latestID(on: db)
            let channels = try await ChannelAccess.memberChannelIDs(of: user.id, on: db)
            if let since, since < latest {
                if let oldest = try await LiveStore.oldestID(on: db), since < oldest - 1 {
                    // Older events have been pruned: the client should reload rather than trust the replay.
                    connection.sendControl("{\"type\":\"resync\",\"oldest_event_id\":\(oldest)}")
                }
                try await LiveStore.replay(after: since, upTo: latest, personID: user.id, channels: channels, on: db) {
                    connection.sendReplayed($0)
                }
            }
            connection.becomeReady(channels: channels, lastEventID: latest)
        } catch {
            app.logger.warning("live: could not start a stream: \(error)")
            try? await ws.close(code: .unexpectedServerError)
        }
    }

    /// Client commands: `{"type":"ping"}` → `{"type":"pong"}`. Anything else gets an error event and
    /// the connection stays open.
    static func receive(_ text: String, from connection: LiveConnection) {
        guard text.utf8.count <= maxClientFrame else {
            connection.sendControl(error("too_large", "Frames are at most \(maxClientFrame) bytes")); return
        }
        struct Command: Decodable { let type: String }
        guard let command = try? JSONDecoder().decode(Command.self, from: Data(text.utf8)) else {
            connection.sendControl(error("malformed", "Send a JSON object with a type")); return
        }
        switch command.type {
        case "ping": connection.sendControl("{\"type\":\"pong\"}")
        default: connection.sendControl(error("unknown_type", "Unknown command type"))
        }
    }

    static func error(_ code: String, _ message: String) -> String {
        "{\"type\":\"error\",\"data\":{\"code\":\(LiveJSON.string(code)),\"message\":\(LiveJSON.string(message))}}"
    }
}
