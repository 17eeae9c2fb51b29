import Fluent
import LovnadCore
import Vapor

/// Changing one's own password, and an admin giving someone a new one.
enum PasswordActions {
    /// Needs the current password; ends every other session of the person.
    static func change(personID: UUID, current: String, new: String, keepSessionID: UUID?, app: Application) async throws {
        guard let person = try await Person.find(personID, on: app.db), person.active else { throw AppError.notFound() }
        var errors = FieldErrors()
        if !((try? Bcrypt.verify(current, created: person.passwordHash ?? app.dummyPasswordHash)) ?? false) || person.passwordHash == nil {
            errors.add("current_password", .wrongPassword)
        }
        if new.count < AuthActions.minimumPasswordLength {
            errors.add("new_password", .passwordTooShort(min: AuthActions.minimumPasswordLength))
        } else if new == current {
            errors.add("new_password", .passwordUnchanged)
        }
        try errors.throwIfAny()
        let hash = try AuthActions.hashPassword(new, app: app)
        try await app.store.write { ctx in
            try await setPassword(hash: hash, of: personID, keepingSession: keepSessionID, ctx)
        }
    }

    /// An admin sets a generated temporary password (shown once) and ends the person's sessions.
    static func reset(personID: UUID, actorID: UUID?, app: Application) async throws -> (person: Person, password: String) {
        guard let person = try await Person.find(personID, on: app.db) else { throw AppError.notFound() }
        guard person.active else { throw AppError.conflict(.refuseReactivateFirst) }
        let password = RandomToken.make(bytes: 12)
        let hash = try AuthActions.hashPassword(password, app: app)
        try await app.store.write { ctx in
            try await setPassword(hash: hash, of: personID, keepingSession: nil, ctx)
            try await ctx.audit(actorID: actorID, action: "user.password_reset", target: person.email)
        }
        return (person, password)
    }

    /// A new password (hashed before the write, so bcrypt never holds the writer) ends the person's
    /// sessions, all but the one making the change, and the live connections opened with them.
    private static func setPassword(hash: String, of personID: UUID, keepingSession keep: UUID?, _ ctx: WriteContext) async throws {
        guard let person = try await Person.find(personID, on: ctx.db), person.active else { throw AppError.notFound() }
        person.passwordHash = hash
        person.updatedAt = ctx.now
        try await person.update(on: ctx.db)
        let sessions = UserSession.query(on: ctx.db).filter(\.$person.$id == personID)
        if let keep { sessions.filter(\.$id != keep) }
        let ended = try await sessions.all().compactMap(\.id)
        if !ended.isEmpty { try await UserSession.query(on: ctx.db).filter(\.$id ~~ ended).delete() }
        ctx.emit(ended.map { LiveEvent.accessRevoked(personID: personID, credential: .session($0)) })
    }
}
