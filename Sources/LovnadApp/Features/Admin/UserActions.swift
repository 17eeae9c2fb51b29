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
        let checked = errors
        // Hashed before the write: bcrypt never holds the writer.
        let generated = new.password == nil ? RandomToken.make(bytes: 12) : nil
        let hash = try AuthActions.hashPassword(new.password ?? generated!, app: app)
        let person = try await app.store.write { ctx -> Person in
            let db = ctx.db
            var errors = checked
            if let email, try await Person.query(on: db).filter(\.$email == email.value).first() != nil {
                errors.add("email", .emailInUse)
            }
            try errors.throwIfAny()
            let departmentID = try await new.department.flatMap { $0.isEmpty ? nil : $0 }
                .asyncMap { try await DepartmentActions.findOrCreate(name: $0, ctx).requireID() }
            let person = Person(email: email!.value, name: name, title: new.title, departmentID: departmentID,
                                leaderID: nil, roles: new.roles, passwordHash: hash, now: ctx.now)
            try await person.create(on: db)
            try await ctx.audit(actorID: actorID, action: "user.created", target: person.email,
                                detail: "roles: \(Role.storageString(new.roles))")
            if departmentID != nil { try await ChannelSyncActions.departments(ctx) }
            ctx.emit(PersonEvents.changed(person.id!, type: .personCreated))
            return person
        }
        return Created(person: person, generatedPassword: generated)
    }

    static func setRoles(personID: UUID, roles: [Role], actorID: UUID?, app: Application) async throws -> Person {
        guard !roles.isEmpty else { throw AppError.invalid(["roles": .needsRole]) }
        return try await app.store.write { ctx in
            let db = ctx.db
            guard let person = try await Person.find(personID, on: db) else { throw AppError.notFound() }
            if actorID == personID, person.roles.contains(.admin), !roles.contains(.admin) {
                throw AppError.conflict(.refuseOwnAdminRole)
            }
            let before = person.rolesText
            person.roles = roles
            person.updatedAt = ctx.now
            try await person.update(on: db)
            try await ctx.audit(actorID: actorID, action: "user.roles_changed", target: person.email,
                                detail: "\(before) → \(person.rolesText)")
            // Losing admin or leader can mean losing engagements, and with them their channels.
            try await ChannelSyncActions.engagementsOf(personID, ctx)
            ctx.emit(PersonEvents.changed(personID, type: .personUpdated))
            return person
        }
    }

    /// Deactivation ends every session and revokes every token at once.
    static func deactivate(personID: UUID, actorID: UUID?, app: Application) async throws -> Person {
        guard actorID != personID else { throw AppError.conflict(.refuseDeactivateSelf) }
        return try await app.store.write { ctx in
            let db = ctx.db
            guard let person = try await Person.find(personID, on: db) else { throw AppError.notFound() }
            guard person.active else { return person }
            person.active = false
            person.updatedAt = ctx.now
            try await person.update(on: db)
            try await AuthActions.endAllAccess(personID: personID, ctx)
            try await ctx.audit(actorID: actorID, action: "user.deactivated", target: person.email)
            try await ChannelSyncActions.engagementsOf(personID, ctx)
            try await KnowledgeActions.authorLeft(personID, ctx)
            ctx.emit(PersonEvents.changed(personID, type: .personDeactivated))
            return person
        }
    }

    /// Who leads the person (nil: nobody directly). Leaders see their people's engagements, so the
    /// engagement channels the person is in follow.
    static func setLeader(personID: UUID, leaderID: UUID?, actorID: UUID?, app: Application) async throws {
        guard leaderID != personID else { throw AppError.invalid(["leader_id": .unknownPerson]) }
        try await app.store.write { ctx in
            guard let person = try await Person.find(personID, on: ctx.db) else { throw AppError.notFound() }
            var leaderEmail = "–"
            if let leaderID {
                guard let leader = try await Person.query(on: ctx.db).filter(\.$id == leaderID).filter(\.$active == true).first() else {
                    throw AppError.invalid(["leader_id": .unknownPerson])
                }
                leaderEmail = leader.email
            }
            guard person.$leader.id != leaderID else { return }
            person.$leader.id = leaderID
            person.updatedAt = ctx.now
            try await person.update(on: ctx.db)
            try await ctx.audit(actorID: actorID, action: "user.leader_changed", target: person.email, detail: leaderEmail)
            try await ChannelSyncActions.engagementsOf(personID, ctx)
            ctx.emit(PersonEvents.changed(personID, type: .personUpdated))
        }
    }

    static func reactivate(personID: UUID, actorID: UUID?, app: Application) async throws -> Person {
        try await app.store.write { ctx in
            guard let person = try await Person.find(personID, on: ctx.db) else { throw AppError.notFound() }
            guard !person.active else { return person }
            person.active = true
            person.updatedAt = ctx.now
            try await person.update(on: ctx.db)
            try await ctx.audit(actorID: actorID, action: "user.reactivated", target: person.email)
            ctx.emit(PersonEvents.changed(personID, type: .personReactivated))
            return person
        }
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
        try await app.store.write { ctx in
            let db = ctx.db
            try await Person.query(on: db).filter(\.$id ~~ personIDs).set(\.$passwordHash, to: hash).set(\.$updatedAt, to: ctx.now).update()
            try await ctx.audit(actorID: actorID, action: "user.password_set", target: "\(personIDs.count) people")
        }
    }
}
