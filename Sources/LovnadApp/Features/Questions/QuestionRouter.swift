import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Reads what routing weighs for a question's skills from the database, in a few indexed queries, and
/// leaves the weighing to `QuestionRouting`: holders of the skills and authors of accepted answers on
/// them, among those who may see the question.
enum QuestionRouter {
    struct Situation: Sendable {
        let skillIDs: [UUID]
        let askerID: UUID
        let visibility: QuestionVisibility
        let departmentID: UUID?
        let engagementID: UUID?
    }

    /// Everyone with something to offer on the skills, ranked, with who may not be asked and why.
    static func rank(_ s: Situation, alreadyAsked: Set<UUID> = [], now: Date, zone: TimeZone, on db: any Database) async throws -> [RoutedCandidate<UUID>] {
        QuestionRouting.rank(try await candidates(s, now: now, zone: zone, on: db), currentYear: year(now, zone), alreadyAsked: alreadyAsked)
    }

    /// The next few to ask (`rules.perStep`, the `LOVNAD_ROUTE_TO` setting).
    static func next(_ s: Situation, alreadyAsked: Set<UUID>, rules: RoutingRules, now: Date, zone: TimeZone,
                     on db: any Database) async throws -> [RoutedCandidate<UUID>] {
        QuestionRouting.next(try await candidates(s, now: now, zone: zone, on: db), rules: rules, currentYear: year(now, zone), alreadyAsked: alreadyAsked)
    }

    private static func year(_ now: Date, _ zone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar.component(.year, from: now)
    }

    /// The candidates with everything routing weighs.
    static func candidates(_ s: Situation, now: Date, zone: TimeZone, on db: any Database) async throws -> [RoutingCandidate<UUID>] {
        guard !s.skillIDs.isEmpty else { return [] }
        var candidates = try await holders(s, now: now, zone: zone, on: db)
        let ids = Array(candidates.keys)
        for (id, n) in try await acceptedAnswers(s.skillIDs, among: ids, on: db) { candidates[id]?.acceptedAnswers = n }
        for (id, n) in try await engagements(s.skillIDs, among: ids, on: db) { candidates[id]?.engagements = n }
        for (id, m) in try await medianMinutesToAnswer(among: ids, on: db) { candidates[id]?.medianMinutesToAnswer = m }
        for (id, n) in try await openRouted(among: ids, on: db) { candidates[id]?.openRouted = n }
        return Array(candidates.values)
    }

    /// Read column by column: routing reads a row per holder (hundreds for a common skill), and the
    /// Codable row decoder was about a tenth of a ranking.
    private struct HoldingRow {
        let id: UUID, name: String, nameKey: String, active: Bool, awayUntil: Int?
        let skill: String?, level: Int?, endorsements: Int?, lastUsedYear: Int?, wantsToGrow: Bool?

        init(_ row: any SQLRow) throws {
            id = try row.decode(column: "id", as: UUID.self)
            name = try row.decode(column: "name", as: String.self)
            nameKey = try row.decode(column: "name_key", as: String.self)
            active = try row.decode(column: "active", as: Bool.self)
            awayUntil = try row.decode(column: "away_until", as: Int?.self)
            skill = try row.decode(column: "skill", as: String?.self)
            level = try row.decode(column: "level", as: Int?.self)
            endorsements = try row.decode(column: "endorsements", as: Int?.self)
            lastUsedYear = try row.decode(column: "last_used_year", as: Int?.self)
            wantsToGrow = try row.decode(column: "wants_to_grow", as: Bool?.self)
        }
    }

    /// The skills' holders and the authors of accepted answers on them, with their holdings.
    private static func holders(_ s: Situation, now: Date, zone: TimeZone, on db: any Database) async throws -> [UUID: RoutingCandidate<UUID>] {
        let skills = s.skillIDs.map { $0 as any Encodable & Sendable }
        let audience = QuestionAccess.audience(visibility: s.visibility, departmentID: s.departmentID, engagementID: s.engagementID)
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT p.id, p.name, p.name_key, p.active, p.away_until, sk.name AS skill, ps.level, ps.last_used_year, ps.wants_to_grow,
                   (SELECT COUNT(*) FROM endorsements e WHERE e.person_id = ps.person_id AND e.skill_id = ps.skill_id) AS endorsements
            FROM person_skills ps JOIN people p ON p.id = ps.person_id JOIN skills sk ON sk.id = ps.skill_id
            WHERE ps.skill_id IN (\(binds: skills)) AND \(audience)
            UNION ALL
            SELECT p.id, p.name, p.name_key, p.active, p.away_until, NULL, NULL, NULL, NULL, NULL
            FROM people p WHERE \(audience) AND p.id IN (
              SELECT a.author_id FROM answers a JOIN questions q ON q.accepted_answer_id = a.id
              JOIN question_skills qs ON qs.question_id = q.id WHERE qs.skill_id IN (\(binds: skills)))
            """).all().map(HoldingRow.init)
        let today = Day(now, in: zone).ordinal
        var byID: [UUID: RoutingCandidate<UUID>] = [:]
        for row in rows {
            var c = byID[row.id] ?? RoutingCandidate(id: row.id, name: row.name, sortKey: row.nameKey, holdings: [],
                                                     isAsker: row.id == s.askerID, active: row.active,
                                                     onLeave: row.awayUntil.map { $0 >= today } ?? false)
            if let skill = row.skill, let level = row.level {
                c.holdings.append(.init(skill: skill, level: level, endorsements: row.endorsements ?? 0, lastUsedYear: row.lastUsedYear,
                                       wantsToGrow: row.wantsToGrow ?? false))
            }
            byID[row.id] = c
        }
        return byID
    }

    /// `person_id` and `n` of each row.
    private static func counts(_ sql: SQLQueryString, on db: any Database) async throws -> [UUID: Int] {
        Dictionary(try await (db as! any SQLDatabase).raw(sql).all().map {
            (try $0.decode(column: "person_id", as: UUID.self), try $0.decode(column: "n", as: Int.self))
        }, uniquingKeysWith: +)
    }

    private static func acceptedAnswers(_ skills: [UUID], among ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        return try await counts("""
            SELECT a.author_id AS person_id, COUNT(DISTINCT q.id) AS n FROM answers a JOIN questions q ON q.accepted_answer_id = a.id
            WHERE a.author_id IN (\(binds: ids)) AND q.id IN (SELECT question_id FROM question_skills WHERE skill_id IN (\(binds: skills)))
            GROUP BY a.author_id
            """, on: db)
    }

    /// Engagements they were staffed on that asked for one of the skills.
    private static func engagements(_ skills: [UUID], among ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        return try await counts("""
            SELECT m.person_id, COUNT(DISTINCT m.engagement_id) AS n FROM engagement_members m
            WHERE m.person_id IN (\(binds: ids))
              AND m.engagement_id IN (SELECT engagement_id FROM engagement_skills WHERE skill_id IN (\(binds: skills)))
            GROUP BY m.person_id
            """, on: db)
    }

    /// Open questions routed to them that nobody has answered yet.
    private static func openRouted(among ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        return try await counts("""
            SELECT r.person_id, COUNT(*) AS n FROM question_routes r JOIN questions q ON q.id = r.question_id
            WHERE r.person_id IN (\(binds: ids)) AND q.state = \(bind: Question.open) AND q.answer_count = 0
            GROUP BY r.person_id
            """, on: db)
    }

    /// How long each took to first answer others' questions, over their latest 50 answered.
    private static func medianMinutesToAnswer(among ids: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT a.author_id AS person_id, q.created_at AS asked_at, MIN(a.created_at) AS answered_at
            FROM answers a JOIN questions q ON q.id = a.question_id
            WHERE a.author_id IN (\(binds: ids)) AND q.author_id <> a.author_id
            GROUP BY a.author_id, q.id, q.created_at
            """).all()
        var minutes: [UUID: [(Date, Double)]] = [:]
        for row in rows {
            let asked = try row.decode(column: "asked_at", as: Date.self)
            let answered = try row.decode(column: "answered_at", as: Date.self)
            minutes[try row.decode(column: "person_id", as: UUID.self), default: []].append((asked, answered.timeIntervalSince(asked) / 60))
        }
        return minutes.compactMapValues { list in
            KnowledgeHealth.median(list.sorted { $0.0 > $1.0 }.prefix(50).map(\.1))
        }
    }
}
