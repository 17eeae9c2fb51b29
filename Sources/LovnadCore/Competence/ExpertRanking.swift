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
    static let pointsPerLevel = 20.0
    static let pointsPerEndorsement = 2.0
    static let maxEndorsementsCounted = 5

    public static func recencyPoints(lastUsedYear: Int?, currentYear: Int) -> Double {
        guard let year = lastUsedYear else { return 0 }
        switch max(0, currentYear - year) {
        case 0: return 8
        case 1: return 6
        case 2: return 4
        case 3...4: return 2
        default: return 0
        }
    }

    public static func rank<ID>(_ candidates: [ExpertCandidate<ID>], currentYear: Int) -> [RankedExpert<ID>] {
        candidates.map { c in
            let counted = min(c.endorsements, maxEndorsementsCounted)
            let score = Double(c.level) * pointsPerLevel
                + Double(counted) * pointsPerEndorsement
                + recencyPoints(lastUsedYear: c.lastUsedYear, currentYear: currentYear)
            var reasons: [ExpertReason] = [.level(c.level)]
            if c.endorsements > 0 { reasons.append(.endorsements(c.endorsements)) }
            if let year = c.lastUsedYear {
                let ago = max(0, currentYear - year)
                reasons.append(ago == 0 ? .usedThisYear : .usedYearsAgo(ago))
            } else {
                reasons.append(.neverDated)
            }
            if c.wantsToGrow { reasons.append(.wantsToGrow) }
            return RankedExpert(candidate: c, score: score, reasons: reasons)
        }
        .sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            // A plain comparison: a locale-aware one per pair was most of ranking five hundred holders.
            return a.candidate.sortKey < b.candidate.sortKey
        }
    }
}
