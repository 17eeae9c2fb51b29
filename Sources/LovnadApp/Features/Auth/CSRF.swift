import Vapor

/// Signed double-submit CSRF protection. Every browser holds a random `lovnad_csrf` cookie;
/// forms carry a MAC of that cookie and the signed-in session (under the CSRF key alone) in
/// `csrf_token` (or the `X-CSRF-Token` header). A forged cookie is useless without the key, and a
/// pair taken before sign-in, or from another session, does not pass with someone's session.
/// Requests authenticated by a bearer token carry no ambient credential and need no token.
struct CSRFMiddleware: AsyncMiddleware {
    static let field = "csrf_token"
    static let header = "X-CSRF-Token"
    /// The largest form body accepted (the handover editor is the biggest form).
    static let maxFormBytes = 1 << 20

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // A token-authenticated API client is not a browser: no check, and no cookie handed out.
        if request.isBearerAuthenticated { return try await next.respond(to: request) }
        let existing = request.cookies[Cookies.csrf]?.string
        let seed = (existing?.isEmpty == false) ? existing! : RandomToken.make(bytes: 24)
        request.csrfSeed = seed

        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            // A larger form may still be arriving; read it whole before looking for the token.
            if request.headers.first(name: Self.header) == nil, request.body.data == nil {
                _ = try await request.body.collect(max: Self.maxFormBytes).get()
            }
            guard existing == seed, let sent = Self.sentToken(request),
                  CSRFToken.matches(sent, seed: seed, session: request.currentUser?.sessionID, keys: request.application.signingKeys) else {
                throw AppError(status: .forbidden, code: "csrf", message: "The form has expired or lacks its CSRF token; reload the page and try again")
            }
        }
        let response = try await next.respond(to: request)
        if request.csrfSeed != existing, let newSeed = request.csrfSeed {
            response.cookies[Cookies.csrf] = Cookies.make(newSeed, secure: request.settings.secureCookies, maxAge: nil)
        }
        return response
    }

    private static func sentToken(_ request: Request) -> String? {
        if let header = request.headers.first(name: header) { return header }
        if request.headers.contentType == .urlEncodedForm || request.headers.contentType?.type == "multipart" {
            return try? request.content.get(String.self, at: field)
        }
        return nil
    }
}

enum CSRFToken {
    /// What the token signs: the cookie's seed and the session it is for ("-" before sign-in).
    private static func message(seed: String, session: UUID?) -> String {
        "\(seed)|\(session?.uuidString.lowercased() ?? "-")"
    }

    static func make(seed: String, session: UUID?, keys: SigningKeys) -> String {
        keys.sign(message(seed: seed, session: session), for: .csrf)
    }

    static func matches(_ sent: String, seed: String, session: UUID?, keys: SigningKeys) -> Bool {
        keys.verify(sent, of: message(seed: seed, session: session), for: .csrf)
    }
}

extension Request {
    private struct CSRFSeedKey: StorageKey { typealias Value = String }

    var csrfSeed: String? {
        get { storage[CSRFSeedKey.self] }
        set { storage[CSRFSeedKey.self] = newValue }
    }

    /// The token to put in this page's forms.
    var csrfToken: String {
        CSRFToken.make(seed: csrfSeed ?? "", session: currentUser?.sessionID, keys: application.signingKeys)
    }

    /// A new seed at sign-in, so a token seen before sign-in is useless after it.
    func rotateCSRF() { csrfSeed = RandomToken.make(bytes: 24) }

    var isBearerAuthenticated: Bool {
        if case .token = currentUser?.credential { return true }
        return false
    }
}
