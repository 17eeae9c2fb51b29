import Fluent
import Vapor
import LovnadCore

/// Creating, changing and deactivating accounts. `actorID` is nil when the CLI acts.
enum UserActions {
    struct NewUser {
        var email: String
        var name: String
        var roles: [Role]
        var department: String?
        var title: String?
        /// Nil: one is generated and returned.
        var password: String?
    }

    struct Created {
        let person: Person
        let generatedPassword: String?
    }

    static func create(_ new: NewUser, actorID: UUID?, app: Application) async throws -> Created {
        var errors = FieldErrors()
        let email = EmailAddress(new.email)
        if email == nil { errors.add("email", .notAnEmail) }
        let name = new.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 200 { errors.add("name", .length(min: 1, max: 200)) }
        if new.roles.isEmpty { errors.add("roles", .needsRole) }
        if let password = new.password, password.count < AuthActions.minimumPasswordLength {
            errors.add("password", .passwordTooShort(min: AuthActions.minimumPasswordLength))
        }
        if let email, try await Person.query(on: app.db).filter(\.$email == email.value).first() != nil {
            errors.add("email", .emailInUse)
        }
        try errors.throwIfAny()

        let generated = new.password == nil ? RandomToken.make(bytes: 12) : nil
        let hash = try AuthActions.hashPassword(new.password ?? generated!, app: app)
        let now = app.clock.now()
        let person = try await app.db.writeTransaction { db -> Person in
            let departmentID = try await new.department.flatMap { $0.isEmpty ? nil : $0 }
                .asyncMap { try await DepartmentActions.findOrCreate(name: $0, on: db, now: now).requireID() }
            let person = Person(email: email!.value, name: name, title: new.title, departmentID: departmentID,
                                leaderID: nil, roles: new.roles, passwordHash: hash, now: now)
            try await person.create(on: db)
            try await Audit.record(actorID: actorID, action: "user.created", target: person.email,
                                   detail: "roles: \(Role.storageString(new.roles))", on: db, at: now)
            return person
        }
        await app.events.publish(DomainEvent(type: "person.created", data: ["person_id": person.id!.uuidString], at: now))
        if person.$department.id != nil { try await ChannelSync.syncDepartments(app: app) }
        return Created(person: person, generatedPassword: generated)
    }

    static func setRoles(personID: UUID, roles: [Role], actorID: UUID?, app: Application) async throws -> Person {
        guard !roles.isEmpty else { throw AppError.invalid(["roles": .needsRole]) }
        guard let person = try await Person.find(personID, on: app.db) else { throw AppError.notFound() }
        if actorID == personID, person.roles.contains(.admin), !roles.contains(.admin) {
            throw AppError.conflict("You cannot remove your own admin role; ask another admin")
        }
        let before = person.rolesText
        person.roles = roles
        let now = app.clock.now()
        person.updatedAt = now
        // Losing admin or leader can mean losing engagements, and with them their channels: same transaction.
        let left = try await app.db.writeTransaction { db in
            try await person.update(on: db)
            try await Audit.record(actorID: actorID, action: "user.roles_changed", target: person.email,
                                   detail: "\(before) → \(person.rolesText)", on: db, at: now)
            return try await ChannelSync.engagementsOf(personID, on: db, now: now)
        }
        await app.events.publish(DomainEvent(type: "person.updated", data: ["person_id": personID.uuidString], at: now))
        await app.live.publish(left.map(\.event), app: app)
        return person
    }

    /// Deactivation ends every session and revokes every token at once.
    static func deactivate(personID: UUID, actorID: UUID?, app: Application) async throws -> Person {
        guard let person = try await Person.find(personID, on: app.db) else { throw AppError.notFound() }
        guard actorID != personID else { throw AppError.conflict("You cannot deactivate yourself") }
        guard person.active else { return person }
        let now = app.clock.now()
        let left = try await app.db.writeTransaction { db in
            person.active = false
            person.updatedAt = now
            try await person.update(on: db)
            try await AuthActions.endAllAccess(personID: personID, on: db, now: now)
            try await Audit.record(actorID: actorID, action: "user.deactivated", target: person.email, on: db, at: now)
            return try await ChannelSync.engagementsOf(personID, on: db, now: now)
        }
        await app.events.publish(DomainEvent(type: "person.deactivated", data: ["person_id": personID.uuidString], at: now))
        // Their open live connections end too, on every instance.
        await app.live.publish([LiveEvent.accessRevoked(personID: personID, credential: nil)] + left.map(\.event), app: app)
        return person
    }

    static func reactivate(personID: UUID, actorID: UUID?, app: Application) async throws -> Person {
        guard let person = try await Person.find(personID, on: app.db) else { throw AppError.notFound() }
        guard !person.active else { return person }
        let now = app.clock.now()
        try await app.db.writeTransaction { db in
            person.active = true
            person.updatedAt = now
            try await person.update(on: db)
            try await Audit.record(actorID: actorID, action: "user.reactivated", target: person.email, on: db, at: now)
        }
        return person
    }
}

enum DepartmentActions {
    static func findOrCreate(name: String, on db: any Database, now: Date) async throws -> Department {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let existing = try await Department.query(on: db).filter(\.$name == trimmed).first() { return existing }
        let department = Department(name: trimmed, now: now)
        try await department.create(on: db)
        return department
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension UserActions {
    /// Sets one precomputed password hash on several people (the demo company shares one password).
    static func setPasswordHash(personIDs: [UUID], hash: String, actorID: UUID?, app: Application) async throws {
        guard !personIDs.isEmpty else { return }
        let now = app.clock.now()
        try await app.db.writeTransaction { db in
            try await Person.query(on: db).filter(\.$id ~~ personIDs).set(\.$passwordHash, to: hash).set(\.$updatedAt, to: now).update()
            try await Audit.record(actorID: actorID, action: "user.password_set", target: "\(personIDs.count) people", on: db, at: now)
        }
    }
}
