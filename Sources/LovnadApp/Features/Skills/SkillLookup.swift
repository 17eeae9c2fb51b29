import Fluent
import LovnadCore

/// Finds a skill by its name or any synonym, case-insensitively ("k8s" finds Kubernetes).
enum SkillLookup {
    static func find(_ nameOrSynonym: String, on db: any Database) async throws -> Skill? {
        let key = skillLookupKey(nameOrSynonym)
        guard !key.isEmpty else { return nil }
        if let skill = try await Skill.query(on: db).filter(\.$nameKey == key).first() { return skill }
        guard let synonym = try await SkillSynonym.query(on: db).filter(\.$nameKey == key).with(\.$skill).first() else {
            return nil
        }
        return synonym.skill
    }

    /// Every name and synonym key in use, mapped to the skill id, for bulk lookups.
    static func index(on db: any Database) async throws -> [String: Skill] {
        let skills = try await Skill.query(on: db).with(\.$synonyms).all()
        var index: [String: Skill] = [:]
        for skill in skills {
            index[skill.nameKey] = skill
            for synonym in skill.synonyms { index[synonym.nameKey] = skill }
        }
        return index
    }

    /// The same, for only these names: the skills a handover asks for, without the whole catalogue.
    static func index(of names: [String], on db: any Database) async throws -> [String: Skill] {
        let keys = Array(Set(names.map(skillLookupKey).filter { !$0.isEmpty }))
        guard !keys.isEmpty else { return [:] }
        var index: [String: Skill] = [:]
        for synonym in try await SkillSynonym.query(on: db).filter(\.$nameKey ~~ keys).with(\.$skill).all() { index[synonym.nameKey] = synonym.skill }
        for skill in try await Skill.query(on: db).filter(\.$nameKey ~~ keys).all() { index[skill.nameKey] = skill }
        return index
    }
}
