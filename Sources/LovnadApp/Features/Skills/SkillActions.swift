import Fluent
import SQLKit
import Vapor
import LovnadCore

/// The skills catalogue, edited by admins (and extended by the CSV import).
enum SkillActions {
    struct Definition {
        var name: String
        var category: String?
        var synonyms: [String]
    }

    /// Following a skill: its new questions are told to its followers. Either way twice is the same as once.
    static func follow(_ skillID: UUID, following: Bool, actor: CurrentUser, app: Application) async throws {
        try await app.store.write { ctx in
            guard try await Skill.find(skillID, on: ctx.db) != nil else { throw AppError.notFound("No such skill") }
            if following {
                try await ctx.sql.insert(into: SkillFollower.schema).columns("id", "skill_id", "person_id", "created_at")
                    .values(SQLBind(UUID()), SQLBind(skillID), SQLBind(actor.id), SQLBind(ctx.now)).ignoringConflicts().run()
            } else {
                try await SkillFollower.query(on: ctx.db).filter(\.$skill.$id == skillID).filter(\.$person.$id == actor.id).delete()
            }
        }
    }

    /// Names and synonyms share one namespace: "k8s" may point at one skill only.
    private static func validate(_ def: Definition, excluding skillID: UUID?, on db: any Database) async throws -> (String, [String]) {
        var errors = FieldErrors()
        let name = def.name.trimmingCharacters(in: .whitespacesAndNewlines)
        if name.isEmpty || name.count > 100 { errors.add("name", .length(min: 1, max: 100)) }
        if let c = def.category, c.count > 100 { errors.add("category", .tooLong(max: 100)) }
        let synonyms = def.synonyms.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var keys = Set([skillLookupKey(name)])
        for s in synonyms where !keys.insert(skillLookupKey(s)).inserted {
            errors.add("synonyms", .listedTwice(s))
        }
        if synonyms.count > 30 { errors.add("synonyms", .tooMany(max: 30)) }
        try errors.throwIfAny()
        for key in keys {
            if let taken = try await SkillLookup.find(key, on: db), taken.id != skillID {
                errors.add(key == skillLookupKey(name) ? "name" : "synonyms", .nameTaken(key, by: taken.name))
            }
        }
        try errors.throwIfAny()
        return (name, synonyms)
    }

    static func create(_ def: Definition, actorID: UUID?, app: Application) async throws -> Skill {
        try await app.store.write { ctx -> Skill in
            let db = ctx.db
            let now = ctx.now
            let (name, synonyms) = try await validate(def, excluding: nil, on: db)
            let skill = Skill(name: name, nameKey: skillLookupKey(name), category: normalCategory(def.category), now: now)
            try await skill.create(on: db)
            for s in synonyms {
                try await SkillSynonym(skillID: skill.id!, name: s, nameKey: skillLookupKey(s)).create(on: db)
            }
            try await ctx.audit(actorID: actorID, action: "skill.created", target: name,
                                detail: synonyms.isEmpty ? "" : "synonyms: \(synonyms.joined(separator: ", "))")
            ctx.emit(.stored(.skillCreated, ["skill_id": skill.id!.uuidString]))
            return skill
        }
    }

    static func update(skillID: UUID, _ def: Definition, actorID: UUID?, app: Application) async throws -> Skill {
        try await app.store.write { ctx in
            let db = ctx.db
            guard let skill = try await Skill.find(skillID, on: db) else { throw AppError.notFound() }
            let (name, synonyms) = try await validate(def, excluding: skillID, on: db)
            let renamed = skill.name != name
            skill.name = name
            skill.nameKey = skillLookupKey(name)
            skill.category = normalCategory(def.category)
            try await skill.update(on: db)
            try await SkillSynonym.query(on: db).filter(\.$skill.$id == skillID).delete()
            for s in synonyms {
                try await SkillSynonym(skillID: skillID, name: s, nameKey: skillLookupKey(s)).create(on: db)
            }
            try await ctx.audit(actorID: actorID, action: "skill.updated", target: name,
                                detail: "category: \(skill.category ?? "–"); synonyms: \(synonyms.joined(separator: ", "))")
            if renamed {
                try await KnowledgeActions.skillChanged(skillID, .skillRenamed, ctx)
                // Holders' documents list their skills by name.
                ctx.reindex(.person, try await PersonSkill.query(on: db).filter(\.$skill.$id == skillID).all(\.$person.$id))
            }
            ctx.emit(.stored(.skillUpdated, ["skill_id": skillID.uuidString]))
            return skill
        }
    }

    /// Two names for one skill become one: the merged skill's levels (the higher kept), endorsements,
    /// questions, engagements and followers move to the kept one, its name and synonyms become the kept
    /// one's synonyms (so old names still find it), and accepted answers on it are put to their verifiers.
    static func merge(_ sourceID: UUID, into targetID: UUID?, actorID: UUID?, app: Application) async throws -> Skill {
        try await app.store.write { ctx in
            let db = ctx.db
            guard let source = try await Skill.query(on: db).filter(\.$id == sourceID).with(\.$synonyms).first() else { throw AppError.notFound() }
            guard let targetID else { throw AppError.invalid(["into_id": .required]) }
            guard targetID != sourceID else { throw AppError.invalid(["into_id": .mergeIntoItself]) }
            guard let target = try await Skill.find(targetID, on: db) else { throw AppError.invalid(["into_id": .unknownSkill]) }
            try await KnowledgeActions.skillChanged(sourceID, .skillMerged, ctx)
            let moved = try await PersonSkill.query(on: db).filter(\.$skill.$id == sourceID).all()
            let held = Dictionary(uniqueKeysWithValues: try await PersonSkill.query(on: db).filter(\.$skill.$id == targetID)
                .filter(\.$person.$id ~~ moved.map { $0.$person.id }).all().map { ($0.$person.id, $0) })
            for level in moved {
                if let kept = held[level.$person.id] {
                    kept.level = max(kept.level, level.level)
                    kept.wantsToGrow = kept.wantsToGrow || level.wantsToGrow
                    kept.lastUsedYear = [kept.lastUsedYear, level.lastUsedYear].compactMap { $0 }.max()
                    kept.updatedAt = ctx.now
                    try await kept.update(on: db)
                    try await level.delete(on: db)
                } else {
                    level.$skill.id = targetID
                    level.updatedAt = ctx.now
                    try await level.update(on: db)
                }
            }
            // Each link moves unless the kept skill has it already; what is left goes with the merged skill.
            for (table, keys) in [("endorsements", ["person_id", "endorser_id"]), ("question_skills", ["question_id"]),
                                  ("engagement_skills", ["engagement_id"]), ("skill_followers", ["person_id"])] {
                let same = keys.map { "t2.\($0) = \(table).\($0)" }.joined(separator: " AND ")
                try await ctx.sql.raw("""
                    UPDATE \(unsafeRaw: table) SET skill_id = \(bind: targetID) WHERE skill_id = \(bind: sourceID) AND NOT EXISTS \
                    (SELECT 1 FROM \(unsafeRaw: table) t2 WHERE t2.skill_id = \(bind: targetID) AND \(unsafeRaw: same))
                    """).run()
            }
            let names = [source.name] + source.synonyms.map(\.name)
            try await source.delete(on: db)
            for name in names {
                try await SkillSynonym(skillID: targetID, name: name, nameKey: skillLookupKey(name)).create(on: db)
            }
            try await ctx.audit(actorID: actorID, action: "skill.merged", target: source.name, detail: "into: \(target.name)")
            ctx.emit(.stored(.skillMerged, ["skill_id": sourceID.uuidString, "into_id": targetID.uuidString]))
            ctx.emit(.stored(.skillUpdated, ["skill_id": targetID.uuidString]))
            for person in Set(moved.map { $0.$person.id }) { ctx.emit(PersonEvents.changed(person, type: .personSkillsChanged)) }
            return target
        }
    }

    private static func normalCategory(_ c: String?) -> String? {
        guard let c = c?.trimmingCharacters(in: .whitespaces), !c.isEmpty else { return nil }
        return c
    }
}

struct SkillDTO: Content {
    let id: UUID
    let name: String
    @NullEncoded var category: String?
    let synonyms: [String]

    init(_ skill: Skill) {
        id = skill.id!
        name = skill.name
        category = skill.category
        synonyms = skill.$synonyms.value.map { $0.map(\.name).sorted() } ?? []
    }
}
