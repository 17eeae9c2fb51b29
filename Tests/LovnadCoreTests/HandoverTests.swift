import Foundation
import Testing
@testable import LovnadCore

@Suite struct DayTests {
    @Test func parsesAndComparesDates() throws {
        let a = try #require(Day("2026-02-28"))
        #expect(Day("2026-02-29") == nil)
        #expect(Day("2028-02-29") != nil)
        #expect(Day("2026-2-28") == nil)
        #expect(Day("not a day") == nil)
        #expect(a < Day("2026-03-01")!)
        #expect(a.description == "2026-02-28")
        #expect(DayRange(start: Day("2026-03-01")!, end: a) == nil)
    }
}

@Suite struct HandoverRulesTests {
    func d(_ s: String) -> Day { Day(s)! }

    func readyPackage() -> HandoverPackage {
        var p = HandoverPackage()
        p.offer.scope = "Ny selvbetjeningsløsning for søknader"
        p.offer.priceModel = .capped
        p.offer.value = 2_400_000
        p.needs = [.init(id: "n1", text: "Færre manuelle saksbehandlingssteg")]
        p.expectations = [.init(id: "e1", text: "Pilot i drift før sommeren", notAPromiseReason: "Avhenger av kundens IT-drift")]
        p.estimates = [.init(id: "s1", phase: "Innsikt", hours: 300, start: d("2027-01-04"), end: d("2027-02-12"))]
        p.timeline = .init(start: d("2027-01-04"), end: d("2027-06-25"), milestones: [.init(id: "m1", title: "Pilot", date: d("2027-05-03"))])
        p.profiles = [.init(id: "p1", role: "Tech lead", requirements: [.init(skill: "Kotlin", minimumLevel: 4)], allocationPercent: 100,
                            start: d("2027-01-04"), end: d("2027-06-25"), staffedPersonId: "someone")]
        p.risks = [.init(id: "r1", description: "Nøkkelperson hos kunden går ut i permisjon")]
        p.contacts = [.init(name: "Hilde Vik", role: "Produkteier")]
        p.history = [.init(id: "h1", date: d("2026-10-12"), kind: .caresAbout, text: "Brukerne skal slippe å ringe")]
        return p
    }

    @Test func aFullPackageIsReady() {
        let checks = Readiness.checklist(readyPackage())
        #expect(checks.count == Readiness.Item.allCases.count)
        #expect(checks.allSatisfy { $0.passed })
        #expect(Readiness.unmet(readyPackage()).isEmpty)
    }

    @Test func anEmptyPackageLacksEverythingButSettlingExpectationsItHasNot() {
        #expect(Readiness.unmet(HandoverPackage()) == Readiness.Item.allCases.filter { $0 != .expectationsSettled }.map(\.rawValue))
    }

    @Test func namesWhatIsLacking() {
        var p = readyPackage()
        p.expectations.append(.init(id: "e2", text: "Universell utforming", notAPromiseReason: "  "))
        p.profiles.append(.init(id: "p2", role: "Designer", allocationPercent: 50))
        p.estimates.append(.init(id: "s2", phase: "Forvaltning", hours: 100, start: d("2027-08-01"), end: d("2027-09-01")))
        let checks = Dictionary(uniqueKeysWithValues: Readiness.checklist(p).map { ($0.item, $0) })
        #expect(checks[.expectationsSettled]?.lacking == ["Universell utforming"])
        #expect(checks[.profilesStaffed]?.lacking == ["Designer"])
        #expect(checks[.estimatesInTimeline]?.lacking == ["Forvaltning"])
        #expect(Readiness.unmet(p) == ["expectations_settled", "estimates_in_timeline", "profiles_staffed"])
        var promised = p
        promised.expectations[1].promiseId = "promise-1"
        #expect(!Readiness.unmet(promised).contains("expectations_settled"))
    }

    @Test func validationCatchesWhatCannotBeSaved() {
        var p = readyPackage()
        p.timeline.end = d("2026-12-01")
        p.profiles[0].allocationPercent = 120
        p.profiles[0].requirements[0].minimumLevel = 6
        p.estimates[0].hours = -5
        let issues = p.validationIssues()
        #expect(issues["timeline.end"] == .endBeforeStart)
        #expect(issues["profiles[0].allocation_percent"] == .allocationRange)
        #expect(issues["profiles[0].requirements[0].minimum_level"] == .levelRange)
        #expect(issues["estimates[0].hours"] == .notNegative)
        #expect(readyPackage().validationIssues().isEmpty)
    }

    @Test func showsWhichSectionsChanged() {
        let before = readyPackage()
        var after = before
        after.risks.append(.init(id: "r2", description: "Lisenskostnader"))
        after.offer.value = 2_500_000
        #expect(after.changedSections(since: before) == [.offer, .risks])
        #expect(before.changedSections(since: before).isEmpty)
    }

    @Test func roundTripsAsJSONWithPlainDates() throws {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let data = try encoder.encode(readyPackage())
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"start\":\"2027-01-04\""))
        #expect(text.contains("\"not_a_promise_reason\""))
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        #expect(try decoder.decode(HandoverPackage.self, from: data) == readyPackage())
    }
}
