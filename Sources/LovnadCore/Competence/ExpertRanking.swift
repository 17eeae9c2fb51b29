import Foundation

/// One person's standing in a skill, as input to "who knows…".
public struct ExpertCandidate<ID: Hashable & Sendable>: Sendable {
    public let id: ID
    public let name: String
    public let level: Int
    public let endorsements: Int
    public let lastUsedYear: Int?
    public let wantsToGrow: Bool
    /// What ties sort by: the name in lower case, as people lists sort (given when the database has it).
    public let sortKey: String

    public init(id: ID, name: String, level: Int, endorsements: Int, lastUsedYear: Int?, wantsToGrow: Bool, sortKey: String? = nil) {
        self.id = id
        self.name = name
        self.sortKey = sortKey ?? name.lowercased()
        self.level = level
        self.endorsements = endorsements
        self.lastUsedYear = lastUsedYear
        self.wantsToGrow = wantsToGrow
    }
}

/// Why a person ranks where they do; rendered in the reader's language.
public enum ExpertReason: Equatable, Sendable {
    case level(Int)
    case endorsements(Int)
    case usedThisYear
    case usedYearsAgo(Int)
    case neverDated
    case wantsToGrow
}

public struct RankedExpert<ID: Hashable & Sendable>: Sendable {
    public let candidate: ExpertCandidate<ID>
    public let score: Double
    public let reasons: [ExpertReason]
}

/// Ranks people for a skill by level first, then endorsements, then how recently they used it.
/// Level dominates: one level is worth more than the most endorsements or recency can add.
public enum ExpertRanking {
    public static let pointsPerLevel = 20
    public static let pointsPerEndorsement = 2
    public static let maxEndorsementsCounted = 5
    /// Points for having used the skill at most `yearsAgo` years ago, nearest first; older or never, none.
    public static let recency: [(yearsAgo: Int, points: Int)] = [(0, 8), (1, 6), (2, 4), (4, 2)]

    public static func recencyPoints(lastUsedYear: Int?, currentYear: Int) -> Double {
        guard let year = lastUsedYear else { return 0 }
        let ago = max(0, currentYear - year)
        return Double(recency.first { ago <= $0.yearsAgo }?.points ?? 0)
    }

    /// A candidate's score: the whole rule, which a database ordering (who-knows pages in SQL) follows too.
    public static func score<ID>(_ c: ExpertCandidate<ID>, currentYear: Int) -> Double {
        points(level: c.level, endorsements: c.endorsements, lastUsedYear: c.lastUsedYear, currentYear: currentYear)
    }

    /// The rule over one holding's numbers (routing sums it over a question's skills).
    public static func points(level: Int, endorsements: Int, lastUsedYear: Int?, currentYear: Int) -> Double {
        Double(level * pointsPerLevel + min(endorsements, maxEndorsementsCounted) * pointsPerEndorsement)
            + recencyPoints(lastUsedYear: lastUsedYear, currentYear: currentYear)
    }

    public static func rank<ID>(_ candidates: [ExpertCandidate<ID>], currentYear: Int) -> [RankedExpert<ID>] {
        candidates.map { ranked($0, currentYear: currentYear) }
        .sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            // A plain comparison: a locale-aware one per pair was most of ranking five hundred holders.
            return a.candidate.sortKey < b.candidate.sortKey
        }
    }

    /// One candidate's score and reasons, for a list already in ranking order.
    public static func ranked<ID>(_ c: ExpertCandidate<ID>, currentYear: Int) -> RankedExpert<ID> {
        var reasons: [ExpertReason] = [.level(c.level)]
        if c.endorsements > 0 { reasons.append(.endorsements(c.endorsements)) }
        if let year = c.lastUsedYear {
            let ago = max(0, currentYear - year)
            reasons.append(ago == 0 ? .usedThisYear : .usedYearsAgo(ago))
        } else {
            reasons.append(.neverDated)
        }
        if c.wantsToGrow { reasons.append(.wantsToGrow) }
        return RankedExpert(candidate: c, score: score(c, currentYear: currentYear), reasons: reasons)
    }
}
