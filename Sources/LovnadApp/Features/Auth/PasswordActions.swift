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
        let now = app.clock.now()
        let hash = try AuthActions.hashPassword(new, app: app)
        let ended = try await app.db.writeTransaction { db in
            try await setPassword(hash: hash, of: person, keepingSession: keepSessionID, now: now, on: db)
        }
        await app.live.publish(ended.map { LiveEvent.accessRevoked(personID: personID, credential: .session($0)) }, app: app)
        await app.events.publish(DomainEvent(type: "person.password_changed", data: ["person_id": personID.uuidString], at: now))
    }

    /// An admin sets a generated temporary password (shown once) and ends the person's sessions.
    static func reset(personID: UUID, actorID: UUID?, app: Application) async throws -> (person: Person, password: String) {
        guard let person = try await Person.find(personID, on: app.db) else { throw AppError.notFound() }
        guard person.active else { throw AppError.conflict("Reactivate the person before giving them a password") }
        let password = RandomToken.make(bytes: 12)
        let now = app.clock.now()
        let hash = try AuthActions.hashPassword(password, app: app)
        let ended = try await app.db.writeTransaction { db in
            let ended = try await setPassword(hash: hash, of: person, keepingSession: nil, now: now, on: db)
            try await Audit.record(actorID: actorID, action: "user.password_reset", target: person.email, on: db, at: now)
            return ended
        }
        await app.live.publish(ended.map { LiveEvent.accessRevoked(personID: personID, credential: .session($0)) }, app: app)
        return (person, password)
    }

    /// A new password (hashed before the transaction, so bcrypt never holds the writer) ends the
    /// person's sessions, all but the one making the change; returns the ended sessions' ids.
    private static func setPassword(hash: String, of person: Person, keepingSession keep: UUID?, now: Date,
                                    on db: any Database) async throws -> [UUID] {
        person.passwordHash = hash
        person.updatedAt = now
        try await person.update(on: db)
        let sessions = UserSession.query(on: db).filter(\.$person.$id == (try person.requireID()))
        if let keep { sessions.filter(\.$id != keep) }
        let ended = try await sessions.all().compactMap(\.id)
        if !ended.isEmpty { try await UserSession.query(on: db).filter(\.$id ~~ ended).delete() }
        return ended
    }
}
