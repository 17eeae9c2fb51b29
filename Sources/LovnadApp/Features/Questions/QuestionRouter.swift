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
        let skills = s.skillIDs.map { $0 as any Encodable & Sendable }
        let offering: SQLQueryString = "SELECT person_id FROM person_skills WHERE skill_id IN (\(binds: skills)) UNION \(acceptedAuthors(skills))"
        for (id, m) in try await medianMinutesToAnswer(of: offering, on: db) { candidates[id]?.medianMinutesToAnswer = m }
        return Array(candidates.values)
    }

    /// Read column by column: routing reads a row per holder (hundreds for a common skill), and the
    /// Codable row decoder was about a tenth of a ranking.
    private struct HoldingRow {
        let id: UUID, name: String, nameKey: String, active: Bool, awayUntil: Int?
        let skill: String?, level: Int?, endorsements: Int?, lastUsedYear: Int?, wantsToGrow: Bool?
        let acceptedAnswers: Int, engagements: Int, openRouted: Int

        init(_ row: any SQLRow) throws {
            id = try row.uuid("id")
            name = try row.decode(column: "name", as: String.self)
            nameKey = try row.decode(column: "name_key", as: String.self)
            active = try row.decode(column: "active", as: Bool.self)
            awayUntil = try row.decode(column: "away_until", as: Int?.self)
            skill = try row.decode(column: "skill", as: String?.self)
            level = try row.decode(column: "level", as: Int?.self)
            endorsements = try row.decode(column: "endorsements", as: Int?.self)
            lastUsedYear = try row.decode(column: "last_used_year", as: Int?.self)
            wantsToGrow = try row.decode(column: "wants_to_grow", as: Bool?.self)
            acceptedAnswers = try row.decode(column: "accepted_answers", as: Int.self)
            engagements = try row.decode(column: "engagements", as: Int.self)
            openRouted = try row.decode(column: "open_routed", as: Int.self)
        }
    }

    /// The authors of accepted answers on the skills.
    private static func acceptedAuthors(_ skills: [any Encodable & Sendable]) -> SQLQueryString {
        """
        SELECT a.author_id FROM answers a JOIN questions q ON q.accepted_answer_id = a.id
          JOIN question_skills qs ON qs.question_id = q.id WHERE qs.skill_id IN (\(binds: skills))
        """
    }

    /// Two named subqueries for a `WITH`: `accepted` (person_id, n), the answers each person has had
    /// accepted on questions with the skills, and `engaged` (person_id, n), the engagements each was on
    /// that asked for them. Counted from the skills' side, where there are few, and joined to the holders:
    /// counted per holder it was a search of every holder's memberships and answers.
    static func skillCounts(_ skills: [any Encodable & Sendable]) -> SQLQueryString {
        """
        accepted AS (
          SELECT a.author_id AS person_id, COUNT(DISTINCT q.id) AS n
          FROM question_skills qs JOIN questions q ON q.id = qs.question_id JOIN answers a ON a.id = q.accepted_answer_id
          WHERE qs.skill_id IN (\(binds: skills)) GROUP BY a.author_id),
        engaged AS (
          SELECT m.person_id, COUNT(DISTINCT m.engagement_id) AS n
          FROM engagement_skills es JOIN engagement_members m ON m.engagement_id = es.engagement_id
          WHERE es.skill_id IN (\(binds: skills)) GROUP BY m.person_id)
        """
    }

    /// Open questions put to `person` (a column) that nobody has answered.
    static func openRouted(_ person: String) -> SQLQueryString {
        """
        (SELECT COUNT(*) FROM question_routes r JOIN questions q ON q.id = r.question_id
         WHERE r.person_id = \(unsafeRaw: person) AND q.state = \(bind: Question.open) AND q.answer_count = 0)
        """
    }

    /// The skills' holders and the authors of accepted answers on them, with their holdings and counts.
    private static func holders(_ s: Situation, now: Date, zone: TimeZone, on db: any Database) async throws -> [UUID: RoutingCandidate<UUID>] {
        let skills = s.skillIDs.map { $0 as any Encodable & Sendable }
        let audience = QuestionAccess.audience(visibility: s.visibility, departmentID: s.departmentID, engagementID: s.engagementID)
        let rows = try await (db as! any SQLDatabase).raw("""
            WITH \(skillCounts(skills)),
            holdings AS (
              SELECT p.id, p.name, p.name_key, p.active, p.away_until, sk.name AS skill, ps.level, ps.last_used_year, ps.wants_to_grow,
                     (SELECT COUNT(*) FROM endorsements e WHERE e.person_id = ps.person_id AND e.skill_id = ps.skill_id) AS endorsements
              FROM person_skills ps JOIN people p ON p.id = ps.person_id JOIN skills sk ON sk.id = ps.skill_id
              WHERE ps.skill_id IN (\(binds: skills)) AND \(audience)
              UNION ALL
              SELECT p.id, p.name, p.name_key, p.active, p.away_until, NULL, NULL, NULL, NULL, NULL
              FROM people p WHERE \(audience) AND p.id IN (SELECT person_id FROM accepted))
            SELECT h.*, COALESCE(acc.n, 0) AS accepted_answers, COALESCE(eng.n, 0) AS engagements, \(openRouted("h.id")) AS open_routed
            FROM holdings h LEFT JOIN accepted acc ON acc.person_id = h.id LEFT JOIN engaged eng ON eng.person_id = h.id
            """).all().map(HoldingRow.init)
        let today = Day(now, in: zone).ordinal
        var byID: [UUID: RoutingCandidate<UUID>] = [:]
        for row in rows {
            var c = byID[row.id] ?? RoutingCandidate(id: row.id, name: row.name, sortKey: row.nameKey, holdings: [],
                                                     acceptedAnswers: row.acceptedAnswers, engagements: row.engagements,
                                                     openRouted: row.openRouted, isAsker: row.id == s.askerID, active: row.active,
                                                     onLeave: row.awayUntil.map { $0 >= today } ?? false)
            if let skill = row.skill, let level = row.level {
                c.holdings.append(.init(skill: skill, level: level, endorsements: row.endorsements ?? 0, lastUsedYear: row.lastUsedYear,
                                       wantsToGrow: row.wantsToGrow ?? false))
            }
            byID[row.id] = c
        }
        return byID
    }

    /// How long each of `authors` (a subquery or a list of ids) took to first answer others' questions,
    /// over their latest 50 answered.
    static func medianMinutesToAnswer(of authors: SQLQueryString, on db: any Database) async throws -> [UUID: Int] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT a.author_id AS person_id, q.created_at AS asked_at, MIN(a.created_at) AS answered_at
            FROM answers a JOIN questions q ON q.id = a.question_id
            WHERE a.author_id IN (\(authors)) AND q.author_id <> a.author_id
            GROUP BY a.author_id, q.id, q.created_at
            """).all()
        var minutes: [UUID: [(Date, Double)]] = [:]
        for row in rows {
            let asked = try row.decode(column: "asked_at", as: Date.self)
            let answered = try row.decode(column: "answered_at", as: Date.self)
            minutes[try row.uuid("person_id"), default: []].append((asked, answered.timeIntervalSince(asked) / 60))
        }
        return minutes.compactMapValues { list in
            KnowledgeHealth.median(list.sorted { $0.0 > $1.0 }.prefix(50).map(\.1))
        }
    }
}
