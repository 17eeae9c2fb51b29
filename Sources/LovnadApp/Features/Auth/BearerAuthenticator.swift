import Fluent
import FluentSQL
import Vapor

/// Reads `Authorization: Bearer`; an unknown or revoked token is 401 even if a cookie is present.
/// The token and its person come in one query: every API call pays for this.
struct BearerAuthenticator: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.headers.first(name: .authorization) != nil {
            guard let bearer = request.headers.bearerAuthorization, !bearer.token.isEmpty,
                  let sql = request.db as? any SQLDatabase,
                  let row = try await sql.raw("""
                    SELECT p.*, t.id AS token_id, t.last_used_at AS token_last_used_at FROM api_tokens t
                    JOIN people p ON p.id = t.person_id
                    WHERE t.token_hash = \(bind: RandomToken.hash(bearer.token)) AND t.revoked_at IS NULL
                    """).first() else {
                throw AppError.unauthorized()
            }
            let person = try row.decode(fluentModel: Person.self)
            guard person.active else { throw AppError.unauthorized() }
            let tokenID = try row.uuid("token_id")
            try await AuthActions.recordUse(ofToken: tokenID, lastUsedAt: try row.decode(column: "token_last_used_at", as: Date?.self),
                                            now: request.now, app: request.application)
            request.auth.login(CurrentUser(person: person, credential: .token(tokenID)))
        }
        return try await next.respond(to: request)
    }
}
