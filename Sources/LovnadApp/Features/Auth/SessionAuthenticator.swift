import Fluent
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
            try await session.delete(on: request.db)
            return
        }
        if policy.shouldTouch(lastSeenAt: session.lastSeenAt, now: now) {
            try await AuthActions.touch(session, now: now, on: request.db)
        }
        request.auth.login(CurrentUser(person: session.person, credential: .session(session.id!)))
    }
}

/// Reads `Authorization: Bearer`; an unknown or revoked token is 401 even if a cookie is present.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let header = request.headers.first(name: .authorization) {
            guard let bearer = request.headers.bearerAuthorization, !bearer.token.isEmpty else {
                throw AppError.unauthorized()
            }
            guard let token = try await APIToken.query(on: request.db)
                .filter(\.$tokenHash == RandomToken.hash(bearer.token))
                .filter(\.$revokedAt == nil)
                .with(\.$person)
                .first(), token.person.active else {
                _ = header
                throw AppError.unauthorized()
            }
            let now = request.now
            try await AuthActions.recordUse(of: token, now: now, on: request.db)
            request.auth.login(CurrentUser(person: token.person, credential: .token(token.id!)))
        }
        return try await next.respond(to: request)
    }
}
