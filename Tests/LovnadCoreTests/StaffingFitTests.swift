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
}
