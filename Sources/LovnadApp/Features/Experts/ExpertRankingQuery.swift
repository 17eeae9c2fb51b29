import Fluent
import SQLKit
import Vapor
import LovnadCore

/// Reads the part of a skill's who-knows ranking that one page needs. The database orders the active
/// holders (and authors of accepted answers on the skill) by every weight of `QuestionRouting.score`
/// except responsiveness, and returns only the rows that can reach the page: since quick answering
/// adds at most `rules.maxResponsivenessPoints`, nobody that many points below the page's last row can
/// climb into it. Swift then scores those few by the rule itself, so the rule keeps one statement and
/// the SQL only decides what is worth reading.
enum ExpertRankingQuery {
    /// The candidates that may fall on the page of `limit` after a row scored `below` (the cursor's
    /// score; nil for the first page), each with what routing weighs.
    static func candidates(skill: Skill, asker: UUID, below: Double?, limit: Int, rules: RoutingRules, year: Int, today: Day,
                           on db: any Database) async throws -> [RoutingCandidate<UUID>] {
        let skillID = try skill.requireID()
        let bonus = rules.maxResponsivenessPoints
        // Everything after the cursor scores at most its score, so its base does too; a base more than the
        // bonus below it is after the cursor for certain, and the page's cut is counted among those.
        let ceiling = below.map { Int($0.rounded(.down)) } ?? Int(Int32.max)
        let rows = try await (db as! any SQLDatabase).raw("""
            WITH \(QuestionRouter.skillCounts([skillID])),
            holders AS (
              SELECT p.id, p.name, p.name_key, p.away_until, ps.level, ps.last_used_year, ps.wants_to_grow,
                     (SELECT COUNT(*) FROM endorsements e WHERE e.person_id = ps.person_id AND e.skill_id = ps.skill_id) AS endorsements
              FROM person_skills ps JOIN people p ON p.id = ps.person_id WHERE ps.skill_id = \(bind: skillID) AND p.active = true
              UNION ALL
              SELECT p.id, p.name, p.name_key, p.away_until, NULL, NULL, NULL, 0 FROM accepted JOIN people p ON p.id = accepted.person_id
              WHERE p.active = true AND NOT EXISTS (SELECT 1 FROM person_skills ps WHERE ps.person_id = p.id AND ps.skill_id = \(bind: skillID))),
            scored AS (
              SELECT h.*, COALESCE(acc.n, 0) AS accepted_answers, COALESCE(eng.n, 0) AS engagements, \(base(rules: rules, year: year)) AS base
              FROM holders h LEFT JOIN accepted acc ON acc.person_id = h.id LEFT JOIN engaged eng ON eng.person_id = h.id)
            SELECT s.id, s.name, s.name_key, s.away_until, s.level, s.last_used_year, s.wants_to_grow, s.endorsements,
                   s.accepted_answers, s.engagements,
                   \(QuestionRouter.openRouted("s.id")) AS open_routed
            FROM scored s
            WHERE s.base <= \(bind: ceiling)
              AND s.base >= COALESCE((SELECT base FROM scored WHERE base > 0 AND base < \(bind: ceiling - bonus)
                                      ORDER BY base DESC LIMIT 1 OFFSET \(bind: limit)), 0) - \(literal: bonus)
            """).all()
        var candidates = try rows.map { row in
            let id = try row.uuid("id")
            var holdings: [RoutingCandidate<UUID>.Holding] = []
            if let level = try row.decode(column: "level", as: Int?.self) {
                holdings.append(.init(skill: skill.name, level: level, endorsements: try row.decode(column: "endorsements", as: Int.self),
                                      lastUsedYear: try row.decode(column: "last_used_year", as: Int?.self),
                                      wantsToGrow: try row.decode(column: "wants_to_grow", as: Bool?.self) ?? false))
            }
            return RoutingCandidate(id: id, name: try row.decode(column: "name", as: String.self),
                                    sortKey: try row.decode(column: "name_key", as: String.self), holdings: holdings,
                                    acceptedAnswers: try row.decode(column: "accepted_answers", as: Int.self),
                                    engagements: try row.decode(column: "engagements", as: Int.self),
                                    openRouted: try row.decode(column: "open_routed", as: Int.self), isAsker: id == asker,
                                    onLeave: try row.decode(column: "away_until", as: Int?.self).map { $0 >= today.ordinal } ?? false)
        }
        guard !candidates.isEmpty else { return [] }
        let median = try await QuestionRouter.medianMinutesToAnswer(of: "\(binds: candidates.map { $0.id as any Encodable & Sendable })", on: db)
        for i in candidates.indices { candidates[i].medianMinutesToAnswer = median[candidates[i].id] }
        return candidates
    }

    /// `QuestionRouting.score` without responsiveness, over the `holders` columns and the two counts:
    /// the skill's points as `ExpertRanking` gives them, then accepted answers and engagements.
    private static func base(rules: RoutingRules, year: Int) -> SQLQueryString {
        let recency = ExpertRanking.recency.map { step -> SQLQueryString in
            "WHEN \(literal: year) - h.last_used_year <= \(literal: step.yearsAgo) THEN \(literal: step.points) "
        }.joined()
        return """
            (COALESCE(h.level, 0) * \(literal: ExpertRanking.pointsPerLevel)
             + \(capped("h.endorsements", at: ExpertRanking.maxEndorsementsCounted)) * \(literal: ExpertRanking.pointsPerEndorsement)
             + (CASE WHEN h.last_used_year IS NULL THEN 0 \(recency)ELSE 0 END)
             + \(capped("COALESCE(acc.n, 0)", at: rules.maxAcceptedCounted)) * \(literal: rules.pointsPerAcceptedAnswer)
             + \(capped("COALESCE(eng.n, 0)", at: rules.maxEngagementsCounted)) * \(literal: rules.pointsPerEngagement))
            """
    }

    /// `min(value, cap)` in SQL both databases read alike.
    private static func capped(_ value: String, at cap: Int) -> SQLQueryString {
        "(CASE WHEN \(unsafeRaw: value) > \(literal: cap) THEN \(literal: cap) ELSE \(unsafeRaw: value) END)"
    }
}
