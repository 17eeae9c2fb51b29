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
            return ((share * 70 + free * 25 + (growing.isEmpty ? 0 : 5)) * 10).rounded() / 10
        }
        /// The score when entirely free: the most allocations can leave.
        var highest: Double { score(peak: 0) }
    }

    /// `withReasons: false` leaves the reasons out, for bounds over many holders.
    public static func skillFit(levels: [String: Int], wantsToGrow: Set<String>, requirements: [Requirement],
                                withReasons: Bool = true) -> SkillFit {
        var reasons: [Reason] = []
        var fit = 0.0
        for r in requirements {
            switch levels[r.key] {
            case let level? where level >= r.minimumLevel:
                fit += 1 + Double(level - r.minimumLevel) * 0.1
                if withReasons { reasons.append(.meets(skill: r.name, level: level, minimum: r.minimumLevel)) }
            case let level?:
                fit += Double(level) / Double(r.minimumLevel) * 0.6
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

    /// The best `limit` holders, ranked as `rank` ranks them all, reading allocations only for those who can
    /// still be among them: holders are taken in order of their score if entirely free, and once `limit` are
    /// known, anyone whose free score is below the `limit`-th known score cannot pass it and is never read
    /// (a profile among 700 holders of its skills read the allocations of all 700).
    public static func best<ID>(_ holders: [ID: Holding], requirements: [Requirement], allocationPercent: Int, period: DayRange,
                                limit: Int, allocations: ([ID]) async throws -> [ID: [Allocation]]) async rethrows -> [Suggestion<ID>] {
        // Worked on by position, so the loop runs on plain arrays rather than through the generic id.
        let ids = Array(holders.keys)
        let held = ids.map { holders[$0]! }
        let highest = held.map { skillFit(levels: $0.levels, wantsToGrow: $0.wantsToGrow, requirements: requirements, withReasons: false).highest }
        var pending = highest.indices.sorted { highest[$0] > highest[$1] }
        var known: [Candidate<Int>] = []
        var batch = max(limit, 1) * 2
        var ranked: [Suggestion<Int>] = []
        while !pending.isEmpty {
            let next = Array(pending.prefix(batch))
            pending.removeFirst(next.count)
            let found = try await allocations(next.map { ids[$0] })
            known += next.map { i in
                Candidate(id: i, name: held[i].name, levels: held[i].levels, wantsToGrow: held[i].wantsToGrow, allocations: found[ids[i]] ?? [])
            }
            ranked = rank(known, requirements: requirements, allocationPercent: allocationPercent, period: period)
            if ranked.count >= limit, limit > 0 {
                let floor = ranked[limit - 1].score
                pending = Array(pending.prefix { highest[$0] >= floor })
            }
            batch *= 2
        }
        return ranked.prefix(limit).map { s in
            let c = s.candidate
            return Suggestion(candidate: Candidate(id: ids[c.id], name: c.name, levels: c.levels, wantsToGrow: c.wantsToGrow, allocations: c.allocations),
                              score: s.score, reasons: s.reasons, peakPercent: s.peakPercent, wouldOverallocate: s.wouldOverallocate)
        }
    }
}
