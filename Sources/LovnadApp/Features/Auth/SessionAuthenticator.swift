import Fluent
import FluentSQL
import Vapor

/// Reads the session cookie; a session past its idle or absolute limit is ended.
struct SessionAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.currentUser == nil, let token = request.cookies[Cookies.session]?.string, !token.isEmpty {
            try await authenticate(token: token, request: request)
        }
        return try await next.respond(to: request)
    }

    private func authenticate(token: String, request: Request) async throws {
        guard let session = try await UserSession.query(on: request.db)
            .filter(\.$tokenHash == RandomToken.hash(token))
            .with(\.$person)
            .first() else { return }
        let now = request.now
        let policy = request.settings.sessionPolicy
        guard session.person.active,
              policy.isActive(createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, now: now) else {
            try await AuthActions.expire(sessionID: session.id!, app: request.application)
            return
        }
        if policy.shouldTouch(lastSeenAt: session.lastSeenAt, now: now) {
            try await AuthActions.touch(sessionID: session.id!, now: now, app: request.application)
        }
        request.auth.login(CurrentUser(person: session.person, credential: .session(session.id!)))
    }
}

