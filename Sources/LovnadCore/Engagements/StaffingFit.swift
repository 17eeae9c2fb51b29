/// Ranks people for a competence profile: skill fit against the minimums first, then availability
/// in the period, then whether they want to grow in what the profile needs.
public enum StaffingFit {
    public struct Requirement: Sendable, Equatable {
        public let key: String
        public let name: String
        public let minimumLevel: Int
        public init(key: String, name: String, minimumLevel: Int) { self.key = key; self.name = name; self.minimumLevel = minimumLevel }
    }

    public struct Allocation: Sendable, Equatable {
        public let percent: Int
        public let period: DayRange
        public init(percent: Int, period: DayRange) { self.percent = percent; self.period = period }
    }

    public struct Candidate<ID: Hashable & Sendable>: Sendable {
        public let id: ID
        public let name: String
        /// Level by skill key.
        public let levels: [String: Int]
        public let wantsToGrow: Set<String>
        public let allocations: [Allocation]
        public init(id: ID, name: String, levels: [String: Int], wantsToGrow: Set<String>, allocations: [Allocation]) {
            self.id = id; self.name = name; self.levels = levels; self.wantsToGrow = wantsToGrow; self.allocations = allocations
        }
    }

    public enum Reason: Equatable, Sendable {
        case meets(skill: String, level: Int, minimum: Int)
        case below(skill: String, level: Int, minimum: Int)
        case lacks(skill: String, minimum: Int)
        case wantsToGrow(skill: String)
        case allocated(peakPercent: Int)
        case available
    }

    public struct Suggestion<ID: Hashable & Sendable>: Sendable {
        public let candidate: Candidate<ID>
        public let score: Double
        public let reasons: [Reason]
        /// Their busiest day in the period, before this profile.
        public let peakPercent: Int
        /// True when taking the profile would put them over 100 % on some day.
        public let wouldOverallocate: Bool
    }

    /// The most a person is allocated on any single day of `period`.
    public static func peakAllocation(_ allocations: [Allocation], in period: DayRange) -> Int {
        let relevant = allocations.filter { $0.period.overlaps(period) }
        // The sum can only rise where an allocation starts, so its starts (and the period's) are the days to check.
        let days = Set(relevant.map { max($0.period.start, period.start) } + [period.start])
        return days.map { day in relevant.filter { $0.period.contains(day) }.reduce(0) { $0 + $1.percent } }.max() ?? 0
    }

    /// How well someone's skills meet the requirements, before availability is known.
    public struct SkillFit: Sendable, Equatable {
        /// 0 (holds none) to a little above 1 (meets all, some above the minimum).
        public let share: Double
        public let reasons: [Reason]
        /// The requirements they want to grow in.
        public let growing: [String]

        /// The score with `peak` percent already allocated, rounded as shown.
        func score(peak: Int) -> Double {
            let free = Double(max(0, 100 - peak)) / 100
            return ((share * Weights.skills + free * Weights.free + (growing.isEmpty ? 0 : Weights.growing)) * 10).rounded() / 10
        }
        /// The score when entirely free: the most allocations can leave.
        var highest: Double { score(peak: 0) }
    }

    /// What a score is made of, named so that a database ordering holders by their fit follows the same numbers.
    public enum Weights {
        /// Points for meeting every requirement (the share of them met), for being free, for wanting to grow.
        public static let skills = 70.0
        public static let free = 25.0
        public static let growing = 5.0
        /// A requirement met counts 1, plus this for each level above its minimum.
        public static let perLevelAbove = 0.1
        /// A requirement held below its minimum counts this share of level / minimum.
        public static let belowMinimum = 0.6
    }

    /// `withReasons: false` leaves the reasons out, for bounds over many holders.
    public static func skillFit(levels: [String: Int], wantsToGrow: Set<String>, requirements: [Requirement],
                                withReasons: Bool = true) -> SkillFit {
        var reasons: [Reason] = []
        var fit = 0.0
        for r in requirements {
            switch levels[r.key] {
            case let level? where level >= r.minimumLevel:
                fit += 1 + Double(level - r.minimumLevel) * Weights.perLevelAbove
                if withReasons { reasons.append(.meets(skill: r.name, level: level, minimum: r.minimumLevel)) }
            case let level?:
                fit += Double(level) / Double(r.minimumLevel) * Weights.belowMinimum
                if withReasons { reasons.append(.below(skill: r.name, level: level, minimum: r.minimumLevel)) }
            case nil:
                if withReasons { reasons.append(.lacks(skill: r.name, minimum: r.minimumLevel)) }
            }
        }
        return SkillFit(share: requirements.isEmpty ? 1 : fit / Double(requirements.count), reasons: reasons,
                        growing: requirements.filter { wantsToGrow.contains($0.key) }.map(\.name))
    }

    public static func rank<ID>(_ candidates: [Candidate<ID>], requirements: [Requirement], allocationPercent: Int,
                                period: DayRange) -> [Suggestion<ID>] {
        let suggestions = candidates.map { c in
            let fit = skillFit(levels: c.levels, wantsToGrow: c.wantsToGrow, requirements: requirements)
            let peak = peakAllocation(c.allocations, in: period)
            let reasons = fit.reasons + [peak == 0 ? .available : .allocated(peakPercent: peak)] + fit.growing.map { .wantsToGrow(skill: $0) }
            return Suggestion(candidate: c, score: fit.score(peak: peak), reasons: reasons, peakPercent: peak,
                              wouldOverallocate: peak + allocationPercent > 100)
        }
        // Sorted by plain keys: moving the generic suggestions themselves while sorting cost more than ranking them.
        let keys = suggestions.map { (score: $0.score, name: $0.candidate.name) }
        return keys.indices.sorted { keys[$0].score != keys[$1].score ? keys[$0].score > keys[$1].score : keys[$0].name < keys[$1].name }
            .map { suggestions[$0] }
    }

    /// What someone holds of what a profile asks for.
    public struct Holding: Sendable {
        public let name: String
        public let levels: [String: Int]
        public let wantsToGrow: Set<String>
        public init(name: String, levels: [String: Int], wantsToGrow: Set<String>) {
            self.name = name; self.levels = levels; self.wantsToGrow = wantsToGrow
        }
    }

    /// A holder as a source hands them over: what they hold, and a score they cannot pass (their score
    /// if entirely free, or more).
    public struct Bounded<ID: Hashable & Sendable>: Sendable {
        public let id: ID
        public let holding: Holding
        public let bound: Double
        public init(id: ID, holding: Holding, bound: Double) { self.id = id; self.holding = holding; self.bound = bound }
    }

    /// The best `limit` holders, ranked as `rank` ranks them all, reading allocations only for those who can
    /// still be among them (a profile among 700 holders of its skills read the allocations of all 700).
    /// `holders` hands over the next `count` holders, fewer when none are left, in order of their bound,
    /// highest first: `firstBatch` (at least twice `limit`) at first, twice as many each time after. Once
    /// `limit` are known, a batch whose last bound is below the `limit`-th known score ends the search:
    /// nobody after it can reach that score.
    public static func best<ID>(requirements: [Requirement], allocationPercent: Int, period: DayRange, limit: Int, firstBatch: Int = 0,
                                holders next: (_ count: Int) async throws -> [Bounded<ID>],
                                allocations: ([ID]) async throws -> [ID: [Allocation]]) async rethrows -> [Suggestion<ID>] {
        let wanted = max(limit, 1)
        var batch = max(wanted * 2, firstBatch)
        var known: [Candidate<ID>] = []
        var ranked: [Suggestion<ID>] = []
        while true {
            let fetched = try await next(batch)
            let floor = ranked.count >= wanted ? ranked[wanted - 1].score : -Double.infinity
            // Those who cannot reach the floor even when free are not looked up.
            let worth = fetched.filter {
                skillFit(levels: $0.holding.levels, wantsToGrow: $0.holding.wantsToGrow, requirements: requirements, withReasons: false).highest >= floor
            }
            if !worth.isEmpty {
                let found = try await allocations(worth.map(\.id))
                known += worth.map { h in
                    Candidate(id: h.id, name: h.holding.name, levels: h.holding.levels, wantsToGrow: h.holding.wantsToGrow, allocations: found[h.id] ?? [])
                }
                ranked = rank(known, requirements: requirements, allocationPercent: allocationPercent, period: period)
            }
            guard fetched.count == batch, let last = fetched.last else { break }
            if ranked.count >= wanted, last.bound < ranked[wanted - 1].score { break }
            batch *= 2
        }
        return Array(ranked.prefix(limit))
    }

    /// The same over holders in hand: each bound by their score if free.
    public static func best<ID>(_ holders: [ID: Holding], requirements: [Requirement], allocationPercent: Int, period: DayRange,
                                limit: Int, allocations: ([ID]) async throws -> [ID: [Allocation]]) async rethrows -> [Suggestion<ID>] {
        let ordered = holders.map { id, h in
            Bounded(id: id, holding: h, bound: skillFit(levels: h.levels, wantsToGrow: h.wantsToGrow, requirements: requirements, withReasons: false).highest)
        }
        .sorted { $0.bound > $1.bound }
        var handed = 0
        return try await best(requirements: requirements, allocationPercent: allocationPercent, period: period, limit: limit, holders: { count in
            let slice = ordered[handed..<min(handed + count, ordered.count)]
            handed += slice.count
            return Array(slice)
        }, allocations: allocations)
    }
}
