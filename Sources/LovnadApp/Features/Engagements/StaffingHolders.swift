import Fluent
import SQLKit
import Vapor
import LovnadCore

/// The holders of a profile's skills, a batch at a time, best fit first as the database orders them, for
/// `StaffingFit.best`: each with a bound on their score counted in SQL by `StaffingFit.Weights` (the fit
/// unrounded, as if entirely free, plus a tenth for the rounding the rule does). The rule itself scores
/// them in Swift; the bound only lets the search stop without reading every holder (hundreds per skill
/// at company scale).
struct StaffingHolders {
    /// A skill asked for, with the minimum of each requirement naming it (usually one).
    struct Asked {
        let skillID: UUID
        let minimums: [Int]
    }

    /// Each batch counts every holder's fit again before it sorts them, and reading more rows of it costs
    /// little beside that, so the first is large: for ten suggestions among 700 holders it is usually the last.
    static let firstBatch = 64

    let asked: [Asked]
    /// How many requirements the profile has, those naming no known skill included: the fit is a share of them.
    let requirementCount: Int
    /// Whoever already fills one of the engagement's profiles.
    let excluded: [UUID]

    /// Holders from `offset`, at most `count` of them, in order of their bound.
    func batch(offset: Int, count: Int, on db: any Database) async throws -> [StaffingFit.Bounded<String>] {
        guard !asked.isEmpty else { return [] }
        let skills = asked.map { $0.skillID as any Encodable & Sendable }
        let others: SQLQueryString = excluded.isEmpty ? "" : "AND ps.person_id NOT IN (\(binds: excluded.map { $0 as any Encodable & Sendable }))"
        let fit = asked.map { a -> SQLQueryString in "WHEN \(bind: a.skillID) THEN (\(a.minimums.map(Self.term).joined(separator: " + "))) " }.joined()
        let w = StaffingFit.Weights.self
        let rows = try await (db as! any SQLDatabase).raw("""
            WITH fit AS (
              SELECT ps.person_id, SUM(CASE ps.skill_id \(fit)ELSE 0 END) AS fit, MAX(CASE WHEN ps.wants_to_grow THEN 1 ELSE 0 END) AS grows
              FROM person_skills ps JOIN people p ON p.id = ps.person_id
              WHERE p.active = true AND ps.skill_id IN (\(binds: skills)) \(others)
              GROUP BY ps.person_id),
            best AS (
              SELECT person_id, CAST(fit * \(literal: w.skills / Double(max(requirementCount, 1))) + \(literal: w.free) + grows * \(literal: w.growing)
                                     + \(literal: Self.roundingSlack) AS DOUBLE PRECISION) AS bound
              FROM fit ORDER BY bound DESC, person_id LIMIT \(bind: count) OFFSET \(bind: offset))
            SELECT b.person_id, b.bound, p.name, s.name_key, ps.level, ps.wants_to_grow
            FROM best b JOIN people p ON p.id = b.person_id JOIN person_skills ps ON ps.person_id = b.person_id JOIN skills s ON s.id = ps.skill_id
            WHERE ps.skill_id IN (\(binds: skills))
            """).all()
        var order: [String] = []
        var held: [String: (name: String, bound: Double, levels: [String: Int], growing: Set<String>)] = [:]
        for row in rows {
            let id = try row.decode(column: "person_id", as: String.self).uppercased()
            let key = try row.decode(column: "name_key", as: String.self)
            if held[id] == nil {
                order.append(id)
                held[id] = (try row.decode(column: "name", as: String.self), try row.decode(column: "bound", as: Double.self), [:], [])
            }
            held[id]!.levels[key] = try row.decode(column: "level", as: Int.self)
            if try row.decode(column: "wants_to_grow", as: Bool.self) { held[id]!.growing.insert(key) }
        }
        return order.map { id in
            let h = held[id]!
            return StaffingFit.Bounded(id: id, holding: .init(name: h.name, levels: h.levels, wantsToGrow: h.growing), bound: h.bound)
        }
        .sorted { $0.bound > $1.bound }
    }

    /// The score is shown rounded to a tenth, so it can lie up to half a tenth above the unrounded sum.
    private static let roundingSlack = 0.1

    /// One requirement's part of the fit for the row's level, as `StaffingFit.skillFit` counts it.
    private static func term(_ minimum: Int) -> SQLQueryString {
        let w = StaffingFit.Weights.self
        guard minimum > 0 else { return "(1 + (ps.level - \(literal: minimum)) * \(literal: w.perLevelAbove))" }
        return """
            (CASE WHEN ps.level >= \(literal: minimum) THEN 1 + (ps.level - \(literal: minimum)) * \(literal: w.perLevelAbove) \
            ELSE ps.level * \(literal: w.belowMinimum) / \(literal: minimum) END)
            """
    }
}
