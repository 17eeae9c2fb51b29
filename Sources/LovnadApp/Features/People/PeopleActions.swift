import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Every change to a person's own profile and skills, and endorsements, goes through here.
enum PeopleActions {
    static let maximumBio = 4000

    struct ProfileChange {
        var name: String?
        var title: String?
        var bio: String?
        var locale: String?
        var timeZone: String?
        /// The last day of leave, `YYYY-MM-DD` ("" ends it): routing passes them by until then.
        var awayUntil: String? = nil
    }

    /// How far ahead leave may be set.
    static let maximumAwayDays = 366

    static func updateProfile(personID: UUID, _ change: ProfileChange, app: Application) async throws -> Person {
        var errors = FieldErrors()
        let name = change.name?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, name.isEmpty || name.count > 200 { errors.add("name", .length(min: 1, max: 200)) }
        if let title = change.title, title.count > 200 { errors.add("title", .tooLong(max: 200)) }
        if let bio = change.bio, bio.count > maximumBio { errors.add("bio", .tooLong(max: maximumBio)) }
        if let locale = change.locale, !locale.isEmpty, AppLocale(rawValue: locale) == nil { errors.add("locale", .unknownLanguage) }
        if let zone = change.timeZone, !zone.isEmpty, TimeZone(identifier: zone) == nil { errors.add("time_zone", .unknownTimeZone) }
        var away: Day?
        if let text = change.awayUntil, !text.isEmpty {
            let today = Day(app.clock.now(), in: app.settings.timeZone)
            if let day = Day(text) {
                if day < today { errors.add("away_until", .dateInPast) }
                else if day.ordinal - today.ordinal > maximumAwayDays { errors.add("away_until", .withinAYear) }
                away = day
            } else {
                errors.add("away_until", .notADate)
            }
        }
        try errors.throwIfAny()
        let awayOrdinal = away?.ordinal

        return try await app.store.write { ctx in
            guard let person = try await Person.find(personID, on: ctx.db) else { throw AppError.notFound() }
            if let name { person.setName(name) }
            if let title = change.title { person.title = title.trimmingCharacters(in: .whitespaces).isEmpty ? nil : title.trimmingCharacters(in: .whitespaces) }
            if let bio = change.bio { person.bio = bio.trimmingCharacters(in: .whitespacesAndNewlines) }
            if let locale = change.locale { person.locale = locale.isEmpty ? nil : locale }
            if let zone = change.timeZone { person.timeZone = zone.isEmpty ? nil : zone }
            if change.awayUntil != nil { person.awayUntil = awayOrdinal }
            person.updatedAt = ctx.now
            try await person.update(on: ctx.db)
            ctx.emit(PersonEvents.changed(personID, type: .personUpdated))
            return person
        }
    }

    struct SkillEntry: Equatable {
        let skill: String
        let level: Int?
        let wantsToGrow: Bool
        let lastUsedYear: Int?
    }

    /// Replaces the person's whole skill list. Skills must be in the catalogue.
    static func setSkills(personID: UUID, _ entries: [SkillEntry], app: Application) async throws {
        let index = try await SkillLookup.index(on: app.db)
        let currentYear = Calendar(identifier: .gregorian).component(.year, from: app.clock.now())
        var errors = FieldErrors()
        var resolved: [(Skill, SkillEntry)] = []
        var seen = Set<UUID>()
        if entries.count > 200 { errors.add("skills", .tooMany(max: 200)) }
        for (i, entry) in entries.enumerated() {
            guard let skill = index[skillLookupKey(entry.skill)] else {
                errors.add("skills[\(i)].skill", .notInCatalogue(entry.skill))
                continue
            }
            guard let level = entry.level, SkillLevel.isValid(level) else {
                errors.add("skills[\(i)].level", .levelRange)
                continue
            }
            if let year = entry.lastUsedYear, !(1970...currentYear).contains(year) {
                errors.add("skills[\(i)].last_used_year", .yearRange(max: currentYear))
                continue
            }
            guard seen.insert(skill.id!).inserted else {
                errors.add("skills[\(i)].skill", .listedTwice(skill.name))
                continue
            }
            _ = level
            resolved.append((skill, entry))
        }
        try errors.throwIfAny()

        let kept = seen, wanted = resolved
        try await app.store.write { ctx in
            let db = ctx.db
            let now = ctx.now
            let existing = try await PersonSkill.query(on: db).filter(\.$person.$id == personID).all()
            for row in existing where !kept.contains(row.$skill.id) {
                try await row.delete(on: db)
                // Endorsements vouch for a skill the person holds; with the skill gone, so are they.
                try await Endorsement.query(on: db).filter(\.$person.$id == personID).filter(\.$skill.$id == row.$skill.id).delete()
            }
            for (skill, entry) in wanted {
                if let row = existing.first(where: { $0.$skill.id == skill.id }) {
                    guard row.level != entry.level || row.wantsToGrow != entry.wantsToGrow || row.lastUsedYear != entry.lastUsedYear else { continue }
                    row.level = entry.level!
                    row.wantsToGrow = entry.wantsToGrow
                    row.lastUsedYear = entry.lastUsedYear
                    row.updatedAt = now
                    try await row.update(on: db)
                } else {
                    try await PersonSkill(personID: personID, skillID: skill.id!, level: entry.level!, wantsToGrow: entry.wantsToGrow,
                                          lastUsedYear: entry.lastUsedYear, now: now).create(on: db)
                }
            }
            ctx.emit(PersonEvents.changed(personID, type: .personSkillsChanged))
        }
    }

    /// A colleague vouches for a skill the person holds. Endorsing twice changes nothing.
    static func endorse(personID: UUID, skillID: UUID, by endorserID: UUID, app: Application) async throws {
        guard personID != endorserID else { throw AppError.conflict(.refuseEndorseSelf) }
        try await app.store.write { ctx in
            try await requireSkill(personID: personID, skillID: skillID, ctx)
            // Twice at once (a double click) writes one: the unique index keeps the other out.
            let added = try await ctx.sql.insert(into: Endorsement.schema)
                .columns("id", "person_id", "skill_id", "endorser_id", "created_at")
                .values(SQLBind(UUID()), SQLBind(personID), SQLBind(skillID), SQLBind(endorserID), SQLBind(ctx.now))
                .ignoringConflicts()
                .returning("id").all().count
            if added > 0 { ctx.emit(endorsementEvent(.endorsementAdded, personID: personID, skillID: skillID, endorserID: endorserID)) }
        }
    }

    static func withdrawEndorsement(personID: UUID, skillID: UUID, by endorserID: UUID, app: Application) async throws {
        try await app.store.write { ctx in
            try await requireSkill(personID: personID, skillID: skillID, ctx)
            let held = Endorsement.query(on: ctx.db).filter(\.$person.$id == personID)
                .filter(\.$skill.$id == skillID).filter(\.$endorser.$id == endorserID)
            guard try await held.count() > 0 else { return }
            try await held.delete()
            ctx.emit(endorsementEvent(.endorsementRemoved, personID: personID, skillID: skillID, endorserID: endorserID))
        }
    }

    private static func requireSkill(personID: UUID, skillID: UUID, _ ctx: WriteContext) async throws {
        guard try await PersonSkill.query(on: ctx.db).filter(\.$person.$id == personID).filter(\.$skill.$id == skillID).first() != nil else {
            throw AppError.notFound("This person has no such skill")
        }
    }

    /// Told to the endorsed person.
    private static func endorsementEvent(_ type: LiveEventType, personID: UUID, skillID: UUID, endorserID: UUID) -> LiveEventDraft {
        PersonEvents.changed(personID, type: type, data: ["skill_id": skillID.uuidString, "endorser_id": endorserID.uuidString])
    }
}
