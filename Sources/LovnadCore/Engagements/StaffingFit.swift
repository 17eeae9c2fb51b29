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

    public static func rank<ID>(_ candidates: [Candidate<ID>], requirements: [Requirement], allocationPercent: Int,
                                period: DayRange) -> [Suggestion<ID>] {
        candidates.map { c in
            var reasons: [Reason] = []
            var fit = 0.0
            for r in requirements {
                let level = c.levels[r.key]
                switch level {
                case let level? where level >= r.minimumLevel:
                    fit += 1 + Double(level - r.minimumLevel) * 0.1
                    reasons.append(.meets(skill: r.name, level: level, minimum: r.minimumLevel))
                case let level?:
                    fit += Double(level) / Double(r.minimumLevel) * 0.6
                    reasons.append(.below(skill: r.name, level: level, minimum: r.minimumLevel))
                case nil:
                    reasons.append(.lacks(skill: r.name, minimum: r.minimumLevel))
                }
            }
            let fitShare = requirements.isEmpty ? 1 : fit / Double(requirements.count)
            let peak = peakAllocation(c.allocations, in: period)
            reasons.append(peak == 0 ? .available : .allocated(peakPercent: peak))
            let growing = requirements.filter { c.wantsToGrow.contains($0.key) }
            reasons += growing.map { .wantsToGrow(skill: $0.name) }
            let free = Double(max(0, 100 - peak)) / 100
            let score = fitShare * 70 + free * 25 + (growing.isEmpty ? 0 : 5)
            return Suggestion(candidate: c, score: (score * 10).rounded() / 10, reasons: reasons, peakPercent: peak,
                              wouldOverallocate: peak + allocationPercent > 100)
        }
        .sorted { $0.score != $1.score ? $0.score > $1.score : $0.candidate.name < $1.candidate.name }
    }
}
