import Foundation
import Testing
@testable import LovnadCore

@Suite struct ReaderWordsTests {
    let nb = Localizer(.nb), en = Localizer(.en)

    @Test func daysAndPeriodsAreWrittenOut() {
        let a = Day("2027-01-04")!, b = Day("2027-06-25")!
        #expect(nb.day(a) == "4. januar 2027")
        #expect(en.day(a) == "4 January 2027")
        #expect(nb.day(a, withYear: false) == "4. januar")
        #expect(nb.period(a, b) == "4. januar – 25. juni 2027")
        #expect(nb.period(Day("2026-11-29")!, b) == "29. november 2026 – 25. juni 2027")
        #expect(nb.period(nil, nil) == "–")
        #expect(nb.day("not a day") == "not a day")
    }

    @Test func sumsHaveGroupsOfThree() {
        #expect(nb.money(1_520_000) == "1\u{00A0}520\u{00A0}000\u{00A0}kr")
        #expect(nb.money(950) == "950\u{00A0}kr")
        #expect(en.money(2_400_000) == "NOK\u{00A0}2,400,000")
        #expect(nb.money(-12_000) == "−12\u{00A0}000\u{00A0}kr")
    }

    @Test func countsTakeTheRightForm() {
        #expect(nb.count(1, one: .countPeopleOne, other: .countPeopleOther) == "1 person")
        #expect(nb.count(2, one: .countPeopleOne, other: .countPeopleOther) == "2 personer")
        #expect(en.count(1, one: .messageRepliesOne, other: .messageReplies) == "1 reply")
        #expect(nb.count(1, one: .messageRepliesOne, other: .messageReplies) == "1 svar")
    }

    @Test func aSeriesIsReadBackInWords() {
        let r = Recurrence(every: 2, unit: .week, until: Day("2027-06-04")!)
        #expect(Recurrence(storedText: r.storedText) == r)
        #expect(r.storedText == "2 week → 2027-06-04")
        #expect(nb.recurrence(r) == "hver 2. uke til 4. juni 2027")
        #expect(en.recurrence(Recurrence(every: 1, unit: .month, until: Day("2027-06-04")!)) == "every month until 4 June 2027")
        #expect(Recurrence(storedText: "2 fortnight → 2027-06-04") == nil)
    }

    @Test func isoWeeksFollowTheThursdayRule() {
        #expect(Day("2026-11-30")!.isoWeek == 49)
        #expect(Day("2027-01-01")!.isoWeek == 53)  // a Friday: still the last week of 2026
        #expect(Day("2027-01-04")!.isoWeek == 1)
        #expect(Day("2026-01-01")!.isoWeek == 1)
    }

    @Test func auditEntriesAreReadInWords() {
        #expect(AuditText.action("user.created", nb) == "Bruker opprettet")
        #expect(AuditText.action("something.new", nb) == "something.new")
        #expect(AuditText.target("46 people", nb) == "46 personer")
        #expect(AuditText.target("1 people", nb) == "1 person")
        #expect(AuditText.target("kari@firma.no", nb) == "kari@firma.no")
        #expect(AuditText.detail("user.roles_changed", "consultant → consultant,leader", nb) == "Konsulent → Konsulent, Leder")
        #expect(AuditText.detail("people.imported", "created 40, updated 2, failed lines 1", nb) == "40 nye, 2 oppdatert, 1 linjer feilet")
        #expect(AuditText.detail("skill.updated", "category: Sky; synonyms: k8s, kube", nb) == "kategori: Sky; synonymer: k8s, kube")
        #expect(AuditText.detail("user.created", "roles: admin,consultant", nb) == "roller: Administrator, Konsulent")
    }

    @Test func systemTagsAreWordsAndWordsFindThem() {
        #expect(SystemLogTag.text("staffing", nb) == "bemanning")
        #expect(SystemLogTag.text("arkitektur", nb) == "arkitektur")
        #expect(SystemLogTag.code(for: "Bemanning") == "staffing")
        #expect(SystemLogTag.code(for: "arkitektur") == "arkitektur")
    }

    @Test func commonTimeZonesComeFirstThenRegions() {
        let groups = TimeZoneChoices.groups(["America/Argentina/Buenos_Aires", "Europe/Oslo", "Asia/Tokyo", "UTC", "Europe/Berlin", "GMT"])
        #expect(groups.map(\.label) == [.regionCommon, .regionEurope, .regionAmerica, .regionAsia, .regionOther])
        #expect(groups[0].zones == ["Europe/Oslo", "Europe/Berlin", "UTC"])
        #expect(groups[1].zones == ["Europe/Berlin", "Europe/Oslo"])
        #expect(groups.last?.zones == ["GMT"])
        #expect(TimeZoneChoices.place("America/Argentina/Buenos_Aires") == "Argentina – Buenos Aires")
    }
}

@Suite struct SkillSuggestionTests {
    let catalogue: [SkillSuggestion.Name] = [
        .init(skill: "Kubernetes", text: "Kubernetes"), .init(skill: "Kubernetes", text: "k8s"), .init(skill: "React", text: "React"),
        .init(skill: "Kotlin", text: "Kotlin"), .init(skill: "Kafka", text: "Kafka"), .init(skill: "TypeScript", text: "TypeScript"),
    ]

    @Test func slipsFindTheSkill() {
        #expect(SkillSuggestion.closest(to: "kubernets", among: catalogue) == ["Kubernetes"])
        #expect(SkillSuggestion.closest(to: "Kuberentes", among: catalogue) == ["Kubernetes"])  // two letters swapped
        #expect(SkillSuggestion.closest(to: "reakt", among: catalogue) == ["React"])
        #expect(SkillSuggestion.closest(to: "typescirpt", among: catalogue) == ["TypeScript"])
        #expect(SkillSuggestion.closest(to: "kube", among: catalogue) == ["Kubernetes"])
        #expect(SkillSuggestion.closest(to: "Type Script", among: catalogue) == ["TypeScript"])
    }

    @Test func farOffWordsFindNothing() {
        #expect(SkillSuggestion.closest(to: "Rust", among: catalogue).isEmpty)
        #expect(SkillSuggestion.closest(to: "ko", among: catalogue).isEmpty)
        #expect(SkillSuggestion.closest(to: "Kotlinxyzzy", among: catalogue).isEmpty)
    }

    @Test func distanceCountsEditsAndSwaps() {
        func d(_ a: String, _ b: String) -> Int { SkillSuggestion.distance(Array(a), Array(b), atMost: 5) }
        #expect(d("kotlin", "kotlin") == 0)
        #expect(d("kotlin", "kotlni") == 1)
        #expect(d("kafka", "kotlin") == 5)
        #expect(d("", "abc") == 3)
    }
}
