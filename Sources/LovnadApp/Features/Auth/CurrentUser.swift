import Vapor
import LovnadCore

/// Who is making the request, and how they proved it.
struct CurrentUser: Authenticatable, @unchecked Sendable {
    /// `commandLine`: the CLI or the demo acting as a named person.
    enum Credential: Hashable { case session(UUID), token(UUID), commandLine }

    let person: Person
    let credential: Credential

    var id: UUID { person.id! }
    var roles: [Role] { person.roles }
    func has(_ role: Role) -> Bool { roles.contains(role) }
    var isAdmin: Bool { has(.admin) }

    /// The browser session behind this request, if it came with one.
    var sessionID: UUID? {
        if case .session(let id) = credential { return id }
        return nil
    }
}

extension Request {
    var currentUser: CurrentUser? { auth.get(CurrentUser.self) }

    /// The signed-in user, or 401.
    func requireUser() throws -> CurrentUser {
        guard let user = currentUser else { throw AppError.unauthorized() }
        return user
    }

    func requireAdmin() throws -> CurrentUser {
        let user = try requireUser()
        guard user.isAdmin else { throw AppError.forbidden(.refuseAdminsOnly) }
        return user
    }

    /// The client address, for the sign-in limit.
    var clientAddress: String {
        if settings.trustProxy, let forwarded = headers.first(name: .xForwardedFor)?.split(separator: ",").first {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return remoteAddress?.ipAddress ?? "unknown"
    }
}

/// Pages need a signed-in user; others are sent to the sign-in form and back.
struct RedirectToLogin: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.currentUser != nil else {
            let target = request.url.path + (request.url.query.map { "?\($0)" } ?? "")
            var components = URLComponents()
            components.path = SiteURL.login.path
            components.queryItems = [URLQueryItem(name: "next", value: target)]
            return request.redirect(to: components.string ?? SiteURL.login.path)
        }
        return try await next.respond(to: request)
    }
}

/// The API answers 401 without a valid session or token.
struct RequireUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        _ = try request.requireUser()
        return try await next.respond(to: request)
    }
}
