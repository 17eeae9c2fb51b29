import Fluent
import Synchronization
import SQLKit
import Vapor
import LovnadCore

/// Sign-in and sign-out: the only code that creates or ends sessions.
enum AuthActions {
    enum SignInResult {
        case signedIn(person: Person, sessionToken: String)
        case wrongCredentials
        case throttled(retryAfterSeconds: Int)
    }

    /// Checks the limit before the password, so a blocked caller learns nothing about the account. The
    /// attempt is reserved — counted as a failure — in the same transaction as the check, before the
    /// password is verified, so parallel guesses cannot all slip under the limit while bcrypt runs; a
    /// right password turns the reservation into a success.
    static func signIn(email rawEmail: String, password: String, address: String, replacingSessionToken old: String?,
                       app: Application) async throws -> SignInResult {
        let email = rawEmail.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        let reservation = try await app.store.write { ctx -> Result<UUID, SignInBlocked> in
            let db = ctx.db
            if let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" {
                // Instances check and reserve one at a time.
                try await sql.raw("SELECT pg_advisory_xact_lock(\(bind: Self.signInLockKey))").run()
            }
            // The time is read once the lock is held, not taken from the write (whose clock was read when it
            // began, before waiting here): an attempt reserved while this one waited must be in the past,
            // not the future the throttle ignores (on PostgreSQL, 51 of 60 parallel guesses got through).
            let now = ctx.app.clock.now()
            let account = LoginThrottle.perAccount, place = LoginThrottle.perAddress
            let byEmail = try await LoginAttempt.query(on: db).filter(\.$email == email).filter(\.$succeeded == false)
                .filter(\.$at > now.addingTimeInterval(-account.window)).all(\.$at)
            let byAddress = try await LoginAttempt.query(on: db).filter(\.$address == address).filter(\.$succeeded == false)
                .filter(\.$at > now.addingTimeInterval(-place.window)).all(\.$at)
            let decision = LoginThrottle.strictest([account.decision(failures: byEmail, now: now), place.decision(failures: byAddress, now: now)])
            if case .blocked(let seconds) = decision { return .failure(SignInBlocked(retryAfterSeconds: seconds)) }
            let attempt = LoginAttempt(email: email, address: address, succeeded: false, at: now)
            try await attempt.create(on: db)
            return .success(attempt.id!)
        }
        let attemptID: UUID
        switch reservation {
        case .failure(let blocked): return .throttled(retryAfterSeconds: blocked.retryAfterSeconds)
        case .success(let id): attemptID = id
        }

        let person = try await Person.query(on: app.db).filter(\.$email == email).filter(\.$active == true).first()
        // Verify against a dummy hash when there is no such person, so timing does not tell.
        let hash = person?.passwordHash ?? app.dummyPasswordHash
        let valid = (try? Bcrypt.verify(password, created: hash)) ?? false
        guard let person, person.passwordHash != nil, valid else { return .wrongCredentials }
        let token = RandomToken.make(bytes: 32)
        try await app.store.write { ctx in
            let db = ctx.db
            try await LoginAttempt.query(on: db).filter(\.$id == attemptID).set(\.$succeeded, to: true).update()
            // Rotation: whatever session the browser held before is gone.
            if let old, !old.isEmpty {
                try await UserSession.query(on: db).filter(\.$tokenHash == RandomToken.hash(old)).delete()
            }
            try await UserSession(tokenHash: RandomToken.hash(token), personID: person.requireID(), now: ctx.now).create(on: db)
        }
        return .signedIn(person: person, sessionToken: token)
    }

    /// Sessions for many people at once, without their passwords, for `lovnad bench-data sign-ins`: a
    /// benchmark's simulated users are signed in as a browser would be, without thousands of bcrypt checks.
    static func openSessions(for personIDs: [UUID], app: Application) async throws -> [String] {
        let tokens = personIDs.map { _ in RandomToken.make(bytes: 32) }
        try await app.store.write { ctx in
            let sessions = zip(tokens, personIDs).map { UserSession(tokenHash: RandomToken.hash($0), personID: $1, now: ctx.now) }
            for chunk in sessions.chunked(500) { try await chunk.create(on: ctx.db) }
        }
        return tokens
    }

    /// Keeps an active session alive (the caller decides how often).
    static func touch(sessionID: UUID, now: Date, app: Application) async throws {
        try await app.store.write { ctx in
            try await UserSession.query(on: ctx.db).filter(\.$id == sessionID).set(\.$lastSeenAt, to: now).update()
        }
    }

    /// Removes a session found idle, too old, or belonging to a deactivated person.
    static func expire(sessionID: UUID, app: Application) async throws {
        try await app.store.write { ctx in try await UserSession.query(on: ctx.db).filter(\.$id == sessionID).delete() }
    }

    /// Notes when a token was last used; an hour's precision is plenty, so most calls write nothing.
    static func recordUse(ofToken tokenID: UUID, lastUsedAt: Date?, now: Date, app: Application) async throws {
        guard lastUsedAt.map({ now.timeIntervalSince($0) > 3600 }) ?? true else { return }
        try await app.store.write { ctx in
            try await APIToken.query(on: ctx.db).filter(\.$id == tokenID).set(\.$lastUsedAt, to: now).update()
        }
    }

    /// Ends the session, and the live connections opened with it.
    static func signOut(sessionID: UUID, app: Application) async throws {
        try await app.store.write { ctx in
            guard let session = try await UserSession.find(sessionID, on: ctx.db) else { return }
            try await session.delete(on: ctx.db)
            ctx.emit(LiveEvent.accessRevoked(personID: session.$person.id, credential: .session(sessionID)))
        }
    }

    /// Ends every session and revokes every token of a person (on deactivation).
    /// Their open live connections end too, on every instance.
    static func endAllAccess(personID: UUID, _ ctx: WriteContext) async throws {
        try await UserSession.query(on: ctx.db).filter(\.$person.$id == personID).delete()
        try await APIToken.query(on: ctx.db).filter(\.$person.$id == personID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: ctx.now).update()
        ctx.emit(LiveEvent.accessRevoked(personID: personID, credential: nil))
    }

    struct SignInBlocked: Error { let retryAfterSeconds: Int }

    /// Serialises sign-in checks across PostgreSQL instances ("LovnSign").
    static let signInLockKey: Int64 = 0x4C6F_766E_5369_676E


    static func hashPassword(_ password: String, app: Application) throws -> String {
        try Bcrypt.hash(password, cost: app.settings.passwordHashCost)
    }

    static let minimumPasswordLength = 10
}

/// Verified against when there is no such person or password, so timing does not tell. Made on first
/// use at the cost real passwords are hashed with, so it takes as long as theirs, and so commands that
/// never sign anyone in (the CLI's) do not pay for a bcrypt hash at start.
final class DummyPasswordHash: Sendable {
    private let cost: Int
    private let made = Mutex<String?>(nil)

    init(cost: Int) { self.cost = cost }

    var value: String {
        made.withLock { made in
            if let made { return made }
            let hash = (try? Bcrypt.hash(RandomToken.make(bytes: 16), cost: cost)) ?? ""
            made = hash
            return hash
        }
    }
}

extension Application {
    private struct DummyHashKey: StorageKey { typealias Value = DummyPasswordHash }

    /// Set in `configure`.
    var dummyPasswordHash: String { storage[DummyHashKey.self]!.value }

    func useDummyPasswordHash(cost: Int) { storage[DummyHashKey.self] = DummyPasswordHash(cost: cost) }
}
