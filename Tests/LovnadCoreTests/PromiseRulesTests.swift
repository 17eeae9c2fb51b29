import Foundation
import Testing
@testable import LovnadCore

private func day(_ text: String) -> Day { Day(text)! }

@Suite struct DayArithmeticTests {
    @Test func ordinalsRoundTripAcrossCenturiesAndLeapDays() {
        #expect(day("1970-01-01").ordinal == 0)
        #expect(day("2000-03-01").ordinal - day("2000-02-28").ordinal == 2)
        #expect(day("1900-03-01").ordinal - day("1900-02-28").ordinal == 1)
        for ordinal in stride(from: -800_000, through: 2_900_000, by: 997) {
            #expect(Day(ordinal: ordinal).ordinal == ordinal)
        }
        #expect(day("2026-11-29").adding(days: 33).description == "2027-01-01")
    }

    @Test func weekdaysAndWeeksStartOnMonday() {
        #expect(day("2026-11-29").isoWeekday == 7)
        #expect(day("2026-11-30").isoWeekday == 1)
        #expect(day("2026-11-29").weekStart == day("2026-11-23"))
        #expect(day("1969-12-29").isoWeekday == 1)
    }

    @Test func anInstantFallsOnTheDayOfItsTimeZone() {
        let oslo = TimeZone(identifier: "Europe/Oslo")!
        let lateEvening = ISO8601DateFormatter().date(from: "2026-06-30T22:30:00Z")!
        #expect(Day(lateEvening, in: oslo) == day("2026-07-01"))
        #expect(Day(lateEvening, in: TimeZone(identifier: "UTC")!) == day("2026-06-30"))
        #expect(day("2026-07-01").start(in: oslo) == ISO8601DateFormatter().date(from: "2026-06-30T22:00:00Z")!)
    }

    @Test func invalidDatesAreRefused() {
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01", "2026-1-1"] {
            #expect(Day(bad) == nil, "\(bad)")
        }
        #expect(Day("2028-02-29") != nil)
    }
}

@Suite struct WorkingDayTests {
    @Test func easterAndTheMovingHolidays() {
        #expect(WorkingDays.easter(2026) == day("2026-04-05"))
        #expect(WorkingDays.easter(2027) == day("2027-03-28"))
        #expect(WorkingDays.easter(2024) == day("2024-03-31"))
        let h2026 = WorkingDays.holidays(2026).map(\.description)
        #expect(h2026 == ["2026-01-01", "2026-04-02", "2026-04-03", "2026-04-05", "2026-04-06", "2026-05-01",
                          "2026-05-14", "2026-05-17", "2026-05-24", "2026-05-25", "2026-12-25", "2026-12-26"])
    }

    @Test func countingWorkingDaysSkipsWeekendsAndHolidays() {
        // Two working days before Monday 2026-04-06 (Easter Monday): Wednesday 1 April.
        #expect(WorkingDays.adding(-2, to: day("2026-04-06")) == day("2026-03-31"))
        #expect(WorkingDays.adding(-2, to: day("2026-12-01")) == day("2026-11-27"))
        // Christmas Eve is a working day in law; the 25th and 26th are not.
        #expect(WorkingDays.adding(2, to: day("2026-12-23")) == day("2026-12-28"))
        #expect(WorkingDays.adding(0, to: day("2026-12-25")) == day("2026-12-25"))
        #expect(!WorkingDays.isWorkingDay(day("2026-05-17")))
        #expect(WorkingDays.isWorkingDay(day("2026-05-18")))
    }
}

@Suite struct PromiseTransitionTests {
    let due = day("2026-12-10"), today = day("2026-12-01")
    let owner = PromiseActorFacts(isOwner: true)

    func refusal(_ from: PromiseState, _ step: PromiseStep, actor: PromiseActorFacts? = nil) -> PromiseRefusal? {
        PromiseTransitions.refusal(from: from, step: step, due: due, text: "Leverer rapport", today: today, actor: actor ?? owner)
    }

    @Test func finalStatesHaveNoWayOut() {
        for from in PromiseState.allCases where from.isFinal {
            for to in PromiseState.allCases {
                #expect(refusal(from, PromiseStep(to: to, note: "n", newDue: due.adding(days: 3))) == .notAllowed(from: from, to: to))
            }
        }
        #expect(refusal(.made, PromiseStep(to: .draft)) == .notAllowed(from: .made, to: .draft))
        #expect(refusal(.draft, PromiseStep(to: .kept, note: "n")) == .notAllowed(from: .draft, to: .kept))
    }

    @Test func keepingNeedsEvidenceAndBreakingAReason() {
        #expect(refusal(.made, PromiseStep(to: .kept, note: "  ")) == .invalid(["note": .required]))
        #expect(refusal(.made, PromiseStep(to: .kept, note: "Rapporten ble levert 3. desember")) == nil)
        #expect(refusal(.made, PromiseStep(to: .broken)) == .invalid(["note": .required]))
        #expect(refusal(.made, PromiseStep(to: .broken, note: "Syk")) == nil)
    }

    @Test func renegotiationNeedsNewTermsNotInThePast() {
        #expect(refusal(.made, PromiseStep(to: .renegotiated)) == .invalid(["new_due": .required]))
        #expect(refusal(.made, PromiseStep(to: .renegotiated, newDue: today.adding(days: -1))) == .invalid(["new_due": .dateInPast]))
        #expect(refusal(.made, PromiseStep(to: .renegotiated, newDue: due)) == .invalid(["new_due": .unchangedTerms]))
        #expect(refusal(.made, PromiseStep(to: .renegotiated, newDue: due, newText: "Leverer rapport og presentasjon")) == nil)
        #expect(refusal(.made, PromiseStep(to: .renegotiated, newDue: due.adding(days: 7))) == nil)
    }

    @Test func aReleaseToAColleagueIsTheirsToGive() {
        let toColleague = PromiseActorFacts(isOwner: true, receiverIsPerson: true)
        #expect(refusal(.made, PromiseStep(to: .released), actor: toColleague) == .notYours)
        let receiver = PromiseActorFacts(isOwner: false, isReceiver: true, receiverIsPerson: true)
        #expect(refusal(.made, PromiseStep(to: .released), actor: receiver) == nil)
        // A draft was never given, so its owner may drop it.
        #expect(refusal(.draft, PromiseStep(to: .released), actor: toColleague) == nil)
        // To a customer, the owner records the customer's release.
        #expect(refusal(.made, PromiseStep(to: .released)) == nil)
    }

    @Test func onlyTheOwnerOrTheirLeaderSettles() {
        let stranger = PromiseActorFacts(isOwner: false)
        let leader = PromiseActorFacts(isOwner: false, actsForOwner: true)
        #expect(refusal(.made, PromiseStep(to: .kept, note: "n"), actor: stranger) == .notYours)
        #expect(refusal(.made, PromiseStep(to: .kept, note: "n"), actor: leader) == nil)
        #expect(refusal(.made, PromiseStep(to: .released), actor: stranger) == .notYours)
    }

    @Test func makingADraftNeedsADueDateAhead() {
        #expect(refusal(.draft, PromiseStep(to: .made)) == nil)
        let late = PromiseTransitions.refusal(from: .draft, step: PromiseStep(to: .made), due: day("2026-11-01"), text: "t",
                                              today: today, actor: owner)
        #expect(late == .invalid(["due": .dateInPast]))
    }

    @Test func overdueIsMadeAndPastDue() {
        #expect(PromiseState.made.isOverdue(due: day("2026-11-30"), today: today))
        #expect(!PromiseState.made.isOverdue(due: today, today: today))
        #expect(!PromiseState.kept.isOverdue(due: day("2026-11-30"), today: today))
    }
}

@Suite struct SayDoTests {
    let from = day("2026-01-01"), to = day("2026-12-31"), today = day("2026-12-01")

    func tally(_ promises: [SayDo.Facts]) -> SayDo.Tally { SayDo.tally(promises, from: from, to: to, today: today).total }

    @Test func keptOnTimeOverEverythingWhoseTimeHasCome() {
        let promises = [
            SayDo.Facts(state: .kept, due: day("2026-03-10"), settledOn: day("2026-03-09")),   // on time
            SayDo.Facts(state: .kept, due: day("2026-03-10"), settledOn: day("2026-03-12")),   // late
            SayDo.Facts(state: .broken, due: day("2026-04-10"), settledOn: day("2026-04-01")),
            SayDo.Facts(state: .made, due: day("2026-11-15")),                                  // overdue
            SayDo.Facts(state: .made, due: day("2026-12-15")),                                  // not yet due
            SayDo.Facts(state: .made, due: today),                                              // due today: not passed
            SayDo.Facts(state: .released, due: day("2026-05-01"), settledOn: day("2026-04-20")),
            SayDo.Facts(state: .draft, due: day("2026-05-01")),
        ]
        #expect(tally(promises) == SayDo.Tally(keptOnTime: 1, counted: 4))
        #expect(tally(promises).ratio == 0.25)
        #expect(tally([]).ratio == nil)
    }

    @Test func keptEarlyCountsFromTheDayItWasKept() {
        let early = SayDo.Facts(state: .kept, due: day("2027-02-01"), settledOn: day("2026-11-20"))
        #expect(tally([early]) == SayDo.Tally(keptOnTime: 1, counted: 1))
        let weeks = SayDo.tally([early], from: from, to: to, today: today).weeks
        #expect(weeks.first { $0.start == day("2026-11-16") }?.tally == SayDo.Tally(keptOnTime: 1, counted: 1))
    }

    @Test func aDisputedPromiseIsNotKeptUntilConfirmed() {
        var p = SayDo.Facts(state: .kept, due: day("2026-03-10"), settledOn: day("2026-03-09"), confirmation: .disputed)
        #expect(tally([p]) == SayDo.Tally(keptOnTime: 0, counted: 1))
        p.confirmation = .confirmed
        #expect(tally([p]) == SayDo.Tally(keptOnTime: 1, counted: 1))
    }

    @Test func renegotiationInTimeCountsThroughItsReplacementAndLateOnceAsNotKept() {
        let inTime = SayDo.Facts(state: .renegotiated, due: day("2026-03-10"), settledOn: day("2026-03-10"))
        let replacement = SayDo.Facts(state: .kept, due: day("2026-04-10"), settledOn: day("2026-04-09"),
                                      chainAlreadyCounted: SayDo.replacementIsAlreadyCounted(inTime))
        #expect(tally([inTime, replacement]) == SayDo.Tally(keptOnTime: 1, counted: 1))

        let late = SayDo.Facts(state: .renegotiated, due: day("2026-03-10"), settledOn: day("2026-03-11"))
        let afterLate = SayDo.Facts(state: .kept, due: day("2026-04-10"), settledOn: day("2026-04-09"),
                                    chainAlreadyCounted: SayDo.replacementIsAlreadyCounted(late))
        #expect(tally([late, afterLate]) == SayDo.Tally(keptOnTime: 0, counted: 1))
    }

    @Test func weeksCoverThePeriodIncludingEmptyOnes() {
        let weeks = SayDo.tally([], from: day("2026-11-01"), to: day("2026-11-30"), today: today).weeks
        #expect(weeks.map(\.start.description) == ["2026-10-26", "2026-11-02", "2026-11-09", "2026-11-16", "2026-11-23", "2026-11-30"])
    }

    // Property tests over random ledgers (a seeded generator, so a failure repeats).

    /// A random chain: renegotiated some times, then ending in any state.
    func chain(_ g: inout SeededGenerator) -> [SayDo.Facts] {
        var due = from.adding(days: Int.random(in: 0...330, using: &g))
        var already = false
        var facts: [SayDo.Facts] = []
        for _ in 0..<Int.random(in: 0...3, using: &g) {
            let link = SayDo.Facts(state: .renegotiated, due: due, settledOn: due.adding(days: Int.random(in: -5...5, using: &g)),
                                   chainAlreadyCounted: already)
            facts.append(link)
            already = SayDo.replacementIsAlreadyCounted(link)
            due = due.adding(days: Int.random(in: 1...40, using: &g))
        }
        let end = [PromiseState.made, .kept, .broken, .released, .draft].randomElement(using: &g)!
        let settled: Day? = end == .made || end == .draft ? nil : due.adding(days: Int.random(in: -20...10, using: &g))
        let confirmation: PromiseConfirmation? = [nil, .confirmed, .disputed].randomElement(using: &g)!
        facts.append(SayDo.Facts(state: end, due: due, settledOn: settled, confirmation: confirmation, chainAlreadyCounted: already))
        return facts
    }

    @Test func theRatioStaysWithinZeroAndOne() {
        var g = SeededGenerator(seed: 1)
        for _ in 0..<300 {
            let ledger = (0..<Int.random(in: 0...40, using: &g)).flatMap { _ in chain(&g) }
            let t = tally(ledger)
            #expect(t.keptOnTime <= t.counted)
            if let ratio = t.ratio { #expect((0...1).contains(ratio)) }
        }
    }

    @Test func releasedPromisesNeverChangeIt() {
        var g = SeededGenerator(seed: 2)
        for _ in 0..<300 {
            let ledger = (0..<Int.random(in: 0...30, using: &g)).flatMap { _ in chain(&g) }
            let released = (0..<Int.random(in: 1...10, using: &g)).map { _ in
                let due = from.adding(days: Int.random(in: 0...360, using: &g))
                return SayDo.Facts(state: .released, due: due, settledOn: due.adding(days: Int.random(in: -30...30, using: &g)))
            }
            #expect(tally(ledger + released) == tally(ledger))
        }
    }

    @Test func aRenegotiationChainCountsOnce() {
        var g = SeededGenerator(seed: 3)
        for _ in 0..<1000 {
            let links = chain(&g)
            // Count over all time, so that where the chain falls does not matter.
            let t = SayDo.tally(links, from: day("2000-01-01"), to: day("2100-01-01"), today: day("2100-01-01")).total
            #expect(t.counted <= 1)
            let last = links.last!
            if links.count > 1 && !links.dropLast().contains(where: { SayDo.replacementIsAlreadyCounted($0) }) {
                // Every renegotiation was in time: the chain counts as its last promise alone would.
                let alone = SayDo.tally([SayDo.Facts(state: last.state, due: last.due, settledOn: last.settledOn,
                                                     confirmation: last.confirmation)],
                                        from: day("2000-01-01"), to: day("2100-01-01"), today: day("2100-01-01")).total
                #expect(t == alone)
            }
        }
    }
}

@Suite struct RecurrenceTests {
    @Test func everySecondWeekUntilTheEnd() {
        let r = Recurrence(every: 2, unit: .week, until: day("2027-01-31"))
        #expect(r.occurrences(first: day("2026-12-03")).map(\.description)
                == ["2026-12-03", "2026-12-17", "2026-12-31", "2027-01-14", "2027-01-28"])
    }

    @Test func monthlyKeepsTheDayOrTheMonthsLast() {
        let r = Recurrence(every: 1, unit: .month, until: day("2027-04-30"))
        #expect(r.occurrences(first: day("2027-01-31")).map(\.description) == ["2027-01-31", "2027-02-28", "2027-03-31", "2027-04-30"])
    }

    @Test func limitsAreChecked() {
        #expect(Recurrence(every: 0, unit: .week, until: day("2027-01-01")).issues(first: day("2026-12-01"))["recurrence.every"] != nil)
        #expect(Recurrence(every: 1, unit: .week, until: day("2026-11-01")).issues(first: day("2026-12-01"))["recurrence.until"] == .endBeforeStart)
        #expect(Recurrence(every: 1, unit: .week, until: day("2028-01-01")).issues(first: day("2026-12-01"))["recurrence.until"] == .withinAYear)
        #expect(Recurrence(every: 1, unit: .week, until: day("2027-11-30")).occurrences(first: day("2026-12-01")).count == 53)
    }
}

@Suite struct PromiseReminderTests {
    @Test func ownerBeforeAndOnTheDayAndWhenOverdueThenTheLeader() {
        // Due Tuesday 2026-12-08: Friday before, the day, Wednesday, and the leader on Friday.
        let r = PromiseReminders.schedule(due: day("2026-12-08"), today: day("2026-12-01"))
        #expect(r.map(\.kind) == [.dueSoon, .dueToday, .overdue, .escalated])
        #expect(r.map(\.day.description) == ["2026-12-04", "2026-12-08", "2026-12-09", "2026-12-11"])
    }

    @Test func holidaysMoveRemindersAndPastOnesAreLeftOut() {
        // Due Tuesday after Easter 2027: 25, 26 and 29 March are holidays, so two working days before is Tuesday 23rd.
        let easter = PromiseReminders.schedule(due: day("2027-03-30"), today: day("2027-03-01"))
        #expect(easter.first?.day == day("2027-03-23"))
        let tomorrow = PromiseReminders.schedule(due: day("2026-12-02"), today: day("2026-12-01"))
        #expect(tomorrow.map(\.kind) == [.dueToday, .overdue, .escalated])
        #expect(PromiseReminders.schedule(due: day("2026-12-08"), today: day("2026-12-01"), workingDaysBefore: 5).first?.day == day("2026-12-01"))
    }

    @Test func aReminderAppliesOnlyToAMadePromiseAndSoonOnesGoStale() {
        let soon = PromiseReminders.Reminder(kind: .dueSoon, day: day("2026-12-04"))
        #expect(PromiseReminders.applies(soon, state: .made, today: day("2026-12-04")))
        #expect(!PromiseReminders.applies(soon, state: .kept, today: day("2026-12-04")))
        #expect(!PromiseReminders.applies(soon, state: .made, today: day("2026-12-07")))
        let overdue = PromiseReminders.Reminder(kind: .overdue, day: day("2026-12-09"))
        #expect(PromiseReminders.applies(overdue, state: .made, today: day("2026-12-15")))
    }
}

@Suite struct ICalendarTests {
    @Test func eventsAreAllDayEscapedAndFolded() {
        let stamp = ISO8601DateFormatter().date(from: "2026-12-01T08:05:09Z")!
        let long = "Løfte: " + String(repeating: "æøå, ", count: 20)
        let text = ICalendar(name: "Lovnad; mine løfter", events: [
            ICalendar.Event(uid: "abc@lovnad", day: day("2026-12-31"), summary: long, description: "Til: Kunde\nLinje 2",
                            url: "https://lovnad.example/promises/abc", stamp: stamp),
        ]).render()
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        #expect(text.contains("X-WR-CALNAME:Lovnad\\; mine løfter\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"))
        #expect(text.contains("DTSTAMP:20261201T080509Z\r\n"))
        #expect(text.contains("DESCRIPTION:Til: Kunde\\nLinje 2\r\n"))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75, "\(line)")
        }
        // Unfolding gives back the escaped summary whole.
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + ICalendar.escape(long) + "\r\n"))
    }
}

@Suite struct SeriesFoldTests {
    @Test func aSeriesTakesOneRowWhereItsFirstOccurrenceStood() {
        // (name, series)
        let items: [(String, Int?)] = [("a", nil), ("w1", 7), ("b", nil), ("w2", 7), ("m1", 9), ("w3", 7), ("m2", 9)]
        let rows = SeriesFold.fold(items, series: { $0.1 })
        #expect(rows.map(\.first.0) == ["a", "w1", "b", "m1"])
        #expect(rows.map { $0.rest.map(\.0) } == [[], ["w2", "w3"], [], ["m2"]])
        let none = SeriesFold.fold([(String, Int?)](), series: { $0.1 })
        #expect(none.isEmpty)
    }
}
