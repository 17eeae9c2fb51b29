import Fluent
import Vapor
import LovnadCore

struct ExpertDTO: Content {
    let person: PersonDTO
    let score: Double
    let level: Int
    let endorsements: Int
    let reasons: [String]
}

/// "Who knows…": people ranked for a skill, with the reasons.
enum ExpertQueries {
    struct Result {
        let skill: Skill
        let ranked: [RankedExpert<UUID>]
        let people: [UUID: Person]
    }

    static func experts(for nameOrSynonym: String, now: Date, timeZone: TimeZone, on db: any Database) async throws -> Result? {
        guard let skill = try await SkillLookup.find(nameOrSynonym, on: db) else { return nil }
        let skillID = try skill.requireID()
        let rows = try await PersonSkill.query(on: db).filter(\.$skill.$id == skillID)
            .join(Person.self, on: \PersonSkill.$person.$id == \Person.$id)
            .filter(Person.self, \.$active == true)
            .all()
        let personIDs = rows.map { $0.$person.id }
        let people = try await Person.query(on: db).filter(\.$id ~~ personIDs).with(\.$department).all()
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
        let endorsements = try await Endorsement.query(on: db).filter(\.$skill.$id == skillID).all()
        let counts = Dictionary(grouping: endorsements, by: { $0.$person.id }).mapValues(\.count)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let candidates = rows.compactMap { row -> ExpertCandidate<UUID>? in
            guard let person = byID[row.$person.id] else { return nil }
            return ExpertCandidate(id: row.$person.id, name: person.name, level: row.level,
                                   endorsements: counts[row.$person.id] ?? 0, lastUsedYear: row.lastUsedYear,
                                   wantsToGrow: row.wantsToGrow)
        }
        let ranked = ExpertRanking.rank(candidates, currentYear: calendar.component(.year, from: now))
        return Result(skill: skill, ranked: ranked, people: byID)
    }
}
