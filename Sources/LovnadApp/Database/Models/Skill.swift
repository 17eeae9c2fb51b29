import Fluent
import Foundation

final class Skill: Model, @unchecked Sendable {
    static let schema = "skills"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    /// `skillLookupKey(name)`: unique, and what synonyms share a namespace with.
    @Field(key: "name_key") var nameKey: String
    @OptionalField(key: "category") var category: String?
    @Field(key: "created_at") var createdAt: Date
    @Children(for: \.$skill) var synonyms: [SkillSynonym]

    init() {}

    init(id: UUID? = nil, name: String, nameKey: String, category: String?, now: Date) {
        self.id = id
        self.name = name
        self.nameKey = nameKey
        self.category = category
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $name, $nameKey, $category, $createdAt, $synonyms] }
}

final class SkillSynonym: Model, @unchecked Sendable {
    static let schema = "skill_synonyms"

    @ID(key: .id) var id: UUID?
    @Parent(key: "skill_id") var skill: Skill
    @Field(key: "name") var name: String
    @Field(key: "name_key") var nameKey: String

    init() {}

    init(id: UUID? = nil, skillID: UUID, name: String, nameKey: String) {
        self.id = id
        self.$skill.id = skillID
        self.name = name
        self.nameKey = nameKey
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $skill, $name, $nameKey] }
}

/// A person's level in a skill.
final class PersonSkill: Model, @unchecked Sendable {
    static let schema = "person_skills"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "skill_id") var skill: Skill
    @Field(key: "level") var level: Int
    @Field(key: "wants_to_grow") var wantsToGrow: Bool
    @OptionalField(key: "last_used_year") var lastUsedYear: Int?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}

    init(id: UUID? = nil, personID: UUID, skillID: UUID, level: Int, wantsToGrow: Bool, lastUsedYear: Int?, now: Date) {
        self.id = id
        self.$person.id = personID
        self.$skill.id = skillID
        self.level = level
        self.wantsToGrow = wantsToGrow
        self.lastUsedYear = lastUsedYear
        self.updatedAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $person, $skill, $level, $wantsToGrow, $lastUsedYear, $updatedAt] }
}

/// A colleague vouching for someone's skill.
final class Endorsement: Model, @unchecked Sendable {
    static let schema = "endorsements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "person_id") var person: Person
    @Parent(key: "skill_id") var skill: Skill
    @Parent(key: "endorser_id") var endorser: Person
    @Field(key: "created_at") var createdAt: Date

    init() {}

    init(id: UUID? = nil, personID: UUID, skillID: UUID, endorserID: UUID, now: Date) {
        self.id = id
        self.$person.id = personID
        self.$skill.id = skillID
        self.$endorser.id = endorserID
        self.createdAt = now
    }

    /// Listed, not found by reflection for every row read (`ModelPropertiesTests` checks the list).
    var properties: [any AnyProperty] { [$id, $person, $skill, $endorser, $createdAt] }
}
