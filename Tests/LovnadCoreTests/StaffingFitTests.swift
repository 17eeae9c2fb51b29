import Testing
@testable import LovnadCore

@Suite struct StaffingFitTests {
    func range(_ a: String, _ b: String) -> DayRange { DayRange(start: Day(a)!, end: Day(b)!)! }
    let spring: DayRange = DayRange(start: Day("2027-01-04")!, end: Day("2027-06-25")!)!
    let needs = [StaffingFit.Requirement(key: "kotlin", name: "Kotlin", minimumLevel: 4),
                 StaffingFit.Requirement(key: "kubernetes", name: "Kubernetes", minimumLevel: 3)]

    func candidate(_ name: String, _ levels: [String: Int], grow: Set<String> = [], busy: [StaffingFit.Allocation] = []) -> StaffingFit.Candidate<String> {
        .init(id: name, name: name, levels: levels, wantsToGrow: grow, allocations: busy)
    }

    @Test func fitComesFirstThenAvailability() {
        let ranked = StaffingFit.rank([
            candidate("Busy expert", ["kotlin": 5, "kubernetes": 4], busy: [.init(percent: 80, period: range("2027-01-01", "2027-12-31"))]),
            candidate("Free expert", ["kotlin": 4, "kubernetes": 3]),
            candidate("Beginner", ["kotlin": 2], grow: ["kotlin"]),
        ], requirements: needs, allocationPercent: 50, period: spring)
        #expect(ranked.map(\.candidate.name) == ["Free expert", "Busy expert", "Beginner"])
        #expect(ranked[1].wouldOverallocate)
        #expect(ranked[1].peakPercent == 80)
        #expect(!ranked[0].wouldOverallocate)
        #expect(ranked[2].reasons == [.below(skill: "Kotlin", level: 2, minimum: 4), .lacks(skill: "Kubernetes", minimum: 3),
                                      .available, .wantsToGrow(skill: "Kotlin")])
    }

    @Test func thePeakCountsOnlyOverlappingDays() {
        let allocations: [StaffingFit.Allocation] = [
            .init(percent: 50, period: range("2027-01-01", "2027-02-28")),
            .init(percent: 40, period: range("2027-03-01", "2027-04-30")),
            .init(percent: 30, period: range("2027-04-01", "2027-05-31")),
            .init(percent: 100, period: range("2027-08-01", "2027-09-30")),
        ]
        #expect(StaffingFit.peakAllocation(allocations, in: spring) == 70)
        #expect(StaffingFit.peakAllocation(allocations, in: range("2027-01-10", "2027-01-20")) == 50)
        #expect(StaffingFit.peakAllocation([], in: spring) == 0)
    }

    /// Many holders with every mix of levels, wishes and allocations, drawn from a fixed seed.
    func crowd(_ count: Int, seed: UInt64) -> [StaffingFit.Candidate<String>] {
        var state = seed
        func next(_ n: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(n)) }
        return (0..<count).map { i in
            var levels: [String: Int] = [:]
            for key in ["kotlin", "kubernetes"] where next(3) > 0 { levels[key] = 1 + next(5) }
            let busy = (0..<next(3)).map { _ in StaffingFit.Allocation(percent: 10 * (1 + next(10)), period: range("2027-01-01", "2027-03-31")) }
            return candidate("Person \(next(count))-\(i)", levels, grow: next(4) == 0 ? ["kubernetes"] : [], busy: busy)
        }
    }

    @Test func theBestAreThoseRankingEveryoneGivesReadingFewAllocations() async {
        for seed in 1...20 as ClosedRange<UInt64> {
            let people = crowd(300, seed: seed)
            let holders = Dictionary(uniqueKeysWithValues: people.map { ($0.id, StaffingFit.Holding(name: $0.name, levels: $0.levels, wantsToGrow: $0.wantsToGrow)) })
            let busy = Dictionary(uniqueKeysWithValues: people.map { ($0.id, $0.allocations) })
            var read = 0
            let best = await StaffingFit.best(holders, requirements: needs, allocationPercent: 50, period: spring, limit: 10) { ids in
                read += ids.count
                return busy.filter { ids.contains($0.key) }
            }
            let all = StaffingFit.rank(people, requirements: needs, allocationPercent: 50, period: spring).prefix(10)
            #expect(best.map(\.candidate.id) == all.map(\.candidate.id), "seed \(seed)")
            #expect(best.map(\.score) == all.map(\.score), "seed \(seed)")
            #expect(read < people.count / 2, "seed \(seed): read \(read) of \(people.count)")
        }
    }

    @Test func fewHoldersAreAllRanked() async {
        let holders = ["A": StaffingFit.Holding(name: "A", levels: ["kotlin": 1], wantsToGrow: []),
                       "B": StaffingFit.Holding(name: "B", levels: [:], wantsToGrow: [])]
        let best = await StaffingFit.best(holders, requirements: needs, allocationPercent: 50, period: spring, limit: 10) { _ in [:] }
        #expect(best.map(\.candidate.id) == ["A", "B"])
    }
}
