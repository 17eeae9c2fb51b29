/// The say-do ratio: promises kept on time ÷ promises whose time has come, leaving out released ones.
///
/// A promise's time has come when its due date has passed or when it was settled (kept or broken), whichever
/// is first; that day places it in a period and a week. A renegotiation agreed on or before the due date
/// counts through its replacement; one agreed later counts as not kept, once, and its replacements do not
/// count again. A kept promise its receiver disputes counts as not kept until they confirm it.
public enum SayDo {
    /// One promise as the ratio sees it.
    public struct Facts: Sendable, Equatable {
        public var state: PromiseState
        public var due: Day
        /// The day it left `made` (kept, broken, renegotiated or released).
        public var settledOn: Day?
        public var confirmation: PromiseConfirmation?
        /// Part of a chain already counted, at a renegotiation agreed too late.
        public var chainAlreadyCounted: Bool

        public init(state: PromiseState, due: Day, settledOn: Day? = nil, confirmation: PromiseConfirmation? = nil,
                    chainAlreadyCounted: Bool = false) {
            self.state = state; self.due = due; self.settledOn = settledOn
            self.confirmation = confirmation; self.chainAlreadyCounted = chainAlreadyCounted
        }
    }

    /// What a promise adds to the ratio; stored with the promise so that stats are one aggregate query.
    public struct Contribution: Sendable, Equatable {
        public var counts: Bool
        public var countedOn: Day
        public var keptOnTime: Bool
    }

    public static func contribution(_ f: Facts) -> Contribution {
        let settled = f.settledOn ?? f.due
        let countedOn = min(f.due, settled)
        let none = Contribution(counts: false, countedOn: f.due, keptOnTime: false)
        if f.chainAlreadyCounted { return none }
        switch f.state {
        case .draft, .released:
            return none
        case .renegotiated:
            return settled <= f.due ? none : Contribution(counts: true, countedOn: f.due, keptOnTime: false)
        case .kept:
            return Contribution(counts: true, countedOn: countedOn, keptOnTime: settled <= f.due && f.confirmation != .disputed)
        case .broken:
            return Contribution(counts: true, countedOn: countedOn, keptOnTime: false)
        case .made:
            return Contribution(counts: true, countedOn: f.due, keptOnTime: false)
        }
    }

    /// Whether a replacement made by this renegotiation belongs to a chain that has already been counted.
    public static func replacementIsAlreadyCounted(_ renegotiated: Facts) -> Bool {
        renegotiated.chainAlreadyCounted || (renegotiated.settledOn ?? renegotiated.due) > renegotiated.due
    }

    /// A made promise is counted only once its due date has passed; a settled one from the day it is settled.
    public static func isCounted(_ c: Contribution, state: PromiseState, today: Day) -> Bool {
        c.counts && (state != .made || c.countedOn < today)
    }

    public struct Tally: Sendable, Equatable {
        public var keptOnTime: Int
        public var counted: Int
        public init(keptOnTime: Int = 0, counted: Int = 0) { self.keptOnTime = keptOnTime; self.counted = counted }
        /// Nil when nothing is counted.
        public var ratio: Double? { counted == 0 ? nil : Double(keptOnTime) / Double(counted) }
        public static func + (a: Tally, b: Tally) -> Tally { Tally(keptOnTime: a.keptOnTime + b.keptOnTime, counted: a.counted + b.counted) }
    }

    public struct Week: Sendable, Equatable {
        /// The Monday the week starts on.
        public var start: Day
        public var tally: Tally
        public init(start: Day, tally: Tally) { self.start = start; self.tally = tally }
    }

    /// Every week of the period, Monday-based, empty weeks included, from counts keyed by week start.
    public static func weeks(from: Day, to: Day, tallies: [Day: Tally]) -> [Week] {
        guard from <= to else { return [] }
        var weeks: [Week] = []
        var start = from.weekStart
        while start <= to {
            weeks.append(Week(start: start, tally: tallies[start] ?? Tally()))
            start = start.adding(days: 7)
        }
        return weeks
    }

    /// The ratio over promises in memory: the rule the stored columns and the stats query must agree with.
    public static func tally(_ promises: [Facts], from: Day, to: Day, today: Day) -> (total: Tally, weeks: [Week]) {
        var byWeek: [Day: Tally] = [:]
        var total = Tally()
        for f in promises {
            let c = contribution(f)
            guard isCounted(c, state: f.state, today: today), from <= c.countedOn, c.countedOn <= to else { continue }
            let one = Tally(keptOnTime: c.keptOnTime ? 1 : 0, counted: 1)
            total = total + one
            byWeek[c.countedOn.weekStart, default: Tally()] = byWeek[c.countedOn.weekStart, default: Tally()] + one
        }
        return (total, weeks(from: from, to: to, tallies: byWeek))
    }
}
