import Foundation

/// One colleague as routing sees them for a question's skills.
public struct RoutingCandidate<ID: Hashable & Sendable>: Sendable {
    /// Their standing in one of the question's skills.
    public struct Holding: Sendable, Equatable {
        public let skill: String
        public let level: Int
        public let endorsements: Int
        public let lastUsedYear: Int?
        /// Shown as a reason on who-knows; routing does not weigh it.
        public let wantsToGrow: Bool

        public init(skill: String, level: Int, endorsements: Int, lastUsedYear: Int?, wantsToGrow: Bool = false) {
            self.skill = skill
            self.level = level
            self.endorsements = endorsements
            self.lastUsedYear = lastUsedYear
            self.wantsToGrow = wantsToGrow
        }
    }

    public let id: ID
    public let name: String
    /// What ties sort by: the name in lower case.
    public let sortKey: String
    public var holdings: [Holding]
    /// Their answers accepted on questions with these skills.
    public var acceptedAnswers: Int
    /// Engagements they were on that needed these skills.
    public var engagements: Int
    /// The median minutes from a question to their first answer on it; nil before they have answered.
    public var medianMinutesToAnswer: Int?
    /// Open questions routed to them now.
    public var openRouted: Int
    public var isAsker: Bool
    public var active: Bool
    public var onLeave: Bool

    public init(id: ID, name: String, sortKey: String? = nil, holdings: [Holding], acceptedAnswers: Int = 0, engagements: Int = 0,
                medianMinutesToAnswer: Int? = nil, openRouted: Int = 0, isAsker: Bool = false, active: Bool = true, onLeave: Bool = false) {
        self.id = id
        self.name = name
        self.sortKey = sortKey ?? name.lowercased()
        self.holdings = holdings
        self.acceptedAnswers = acceptedAnswers
        self.engagements = engagements
        self.medianMinutesToAnswer = medianMinutesToAnswer
        self.openRouted = openRouted
        self.isAsker = isAsker
        self.active = active
        self.onLeave = onLeave
    }
}

/// Why someone was asked; shown beside their name in the reader's language ("nivå 4 i Kubernetes").
public enum RoutingReason: Equatable, Sendable, Codable {
    case level(skill: String, level: Int)
    case endorsements(skill: String, count: Int)
    case acceptedAnswers(Int)
    case engagements(Int)
    case answersWithin(minutes: Int)
}

/// Why someone who knows was not asked.
public enum RoutingExclusion: Equatable, Sendable {
    case asker
    case deactivated
    case onLeave
    case busy(open: Int)
    case alreadyAsked
}

public struct RoutedCandidate<ID: Hashable & Sendable>: Sendable {
    public let candidate: RoutingCandidate<ID>
    public let score: Double
    public let reasons: [RoutingReason]
    /// Nil when they may be asked.
    public let exclusion: RoutingExclusion?
}

/// The weights routing uses, in one place: a skill counts as who-knows ranks it (`ExpertRanking`), summed
/// over the question's skills, then accepted answers, engagement experience and how quickly they answer.
public struct RoutingRules: Sendable {
    /// How many are asked at once (at first, and at each escalation).
    public var perStep = 3
    /// Someone holding this many open routed questions is not asked more.
    public var maxOpenRouted = 5
    public var pointsPerAcceptedAnswer = 6
    public var maxAcceptedCounted = 5
    public var pointsPerEngagement = 4
    public var maxEngagementsCounted = 5
    /// Points for a median time to first answer of at most so many minutes, quickest first.
    public var responsiveness: [(minutes: Int, points: Int)] = [(60, 10), (8 * 60, 5)]

    /// The most quick answering can add: everything else in a score can be counted by a database, so a
    /// ranking ordered there without it is out of place by at most this many points.
    public var maxResponsivenessPoints: Int { responsiveness.map(\.points).max() ?? 0 }

    public init() {}

    public static let standard = RoutingRules()
}

/// Who should be asked a question: the people whose competence, history and availability fit it best,
/// each with the reasons, and those left out with why.
public enum QuestionRouting {
    public static func score<ID>(_ c: RoutingCandidate<ID>, rules: RoutingRules, currentYear: Int) -> Double {
        let skills = c.holdings.reduce(0.0) { sum, h in
            sum + ExpertRanking.points(level: h.level, endorsements: h.endorsements, lastUsedYear: h.lastUsedYear, currentYear: currentYear)
        }
        let answers = Double(min(c.acceptedAnswers, rules.maxAcceptedCounted) * rules.pointsPerAcceptedAnswer)
        let engagements = Double(min(c.engagements, rules.maxEngagementsCounted) * rules.pointsPerEngagement)
        let quick = c.medianMinutesToAnswer.flatMap { m in rules.responsiveness.first { m <= $0.minutes }?.points } ?? 0
        return skills + answers + engagements + Double(quick)
    }

    public static func reasons<ID>(_ c: RoutingCandidate<ID>, rules: RoutingRules) -> [RoutingReason] {
        var reasons: [RoutingReason] = []
        for h in c.holdings.sorted(by: { ($0.level, $0.endorsements) > ($1.level, $1.endorsements) }) where h.level > 0 {
            reasons.append(.level(skill: h.skill, level: h.level))
            if h.endorsements > 0 { reasons.append(.endorsements(skill: h.skill, count: h.endorsements)) }
        }
        if c.acceptedAnswers > 0 { reasons.append(.acceptedAnswers(c.acceptedAnswers)) }
        if c.engagements > 0 { reasons.append(.engagements(c.engagements)) }
        if let m = c.medianMinutesToAnswer, rules.responsiveness.contains(where: { m <= $0.minutes }) {
            reasons.append(.answersWithin(minutes: m))
        }
        return reasons
    }

    public static func exclusion<ID>(_ c: RoutingCandidate<ID>, rules: RoutingRules, alreadyAsked: Set<ID>) -> RoutingExclusion? {
        if c.isAsker { return .asker }
        if !c.active { return .deactivated }
        if alreadyAsked.contains(c.id) { return .alreadyAsked }
        if c.onLeave { return .onLeave }
        if c.openRouted >= rules.maxOpenRouted { return .busy(open: c.openRouted) }
        return nil
    }

    /// Everyone with something to offer (a score above zero), best first; ties by name. Those who may be
    /// asked keep their place among those who may not, so the ranking explains itself.
    public static func rank<ID>(_ candidates: [RoutingCandidate<ID>], rules: RoutingRules = .standard, currentYear: Int,
                                alreadyAsked: Set<ID> = []) -> [RoutedCandidate<ID>] {
        let routed = candidates.map { c in
            RoutedCandidate(candidate: c, score: score(c, rules: rules, currentYear: currentYear), reasons: reasons(c, rules: rules),
                            exclusion: exclusion(c, rules: rules, alreadyAsked: alreadyAsked))
        }
        .filter { $0.score > 0 }
        // Sorted by keys of plain types: comparing the generic values copied each of them at every step
        // (most of the ranking of a skill with 500 holders).
        let keys = routed.map { ($0.score, $0.candidate.sortKey) }
        return keys.indices.sorted { i, j in keys[i].0 != keys[j].0 ? keys[i].0 > keys[j].0 : keys[i].1 < keys[j].1 }.map { routed[$0] }
    }

    /// The next people to ask: the best `rules.perStep` who may be.
    public static func next<ID>(_ candidates: [RoutingCandidate<ID>], rules: RoutingRules = .standard, currentYear: Int,
                                alreadyAsked: Set<ID> = []) -> [RoutedCandidate<ID>] {
        Array(rank(candidates, rules: rules, currentYear: currentYear, alreadyAsked: alreadyAsked)
            .filter { $0.exclusion == nil }.prefix(rules.perStep))
    }
}
