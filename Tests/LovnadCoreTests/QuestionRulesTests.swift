import Foundation
import Testing
@testable import LovnadCore

@Suite struct QuestionRoutingTests {
    typealias Candidate = RoutingCandidate<String>
    static let year = 2026

    static func holding(_ skill: String, _ level: Int, endorsements: Int = 0, used: Int? = 2026) -> Candidate.Holding {
        .init(skill: skill, level: level, endorsements: endorsements, lastUsedYear: used)
    }

    @Test func aSkillCountsAsWhoKnowsRanksItSummedOverTheQuestionsSkills() {
        let both = Candidate(id: "a", name: "Both", holdings: [Self.holding("Kubernetes", 3), Self.holding("Go", 3)])
        let one = Candidate(id: "b", name: "One", holdings: [Self.holding("Kubernetes", 5)])
        let single = ExpertRanking.points(level: 3, endorsements: 0, lastUsedYear: 2026, currentYear: Self.year)
        #expect(QuestionRouting.score(both, rules: .standard, currentYear: Self.year) == 2 * single)
        #expect(QuestionRouting.rank([one, both], currentYear: Self.year).map(\.candidate.id) == ["a", "b"])
    }

    @Test func historyAndQuicknessAddCappedPoints() {
        let rules = RoutingRules.standard
        var c = Candidate(id: "a", name: "A", holdings: [Self.holding("Go", 2, used: nil)])
        let base = QuestionRouting.score(c, rules: rules, currentYear: Self.year)
        c.acceptedAnswers = 50
        c.engagements = 2
        c.medianMinutesToAnswer = 45
        let expected = base + Double(rules.maxAcceptedCounted * rules.pointsPerAcceptedAnswer) + Double(2 * rules.pointsPerEngagement) + 10
        #expect(QuestionRouting.score(c, rules: rules, currentYear: Self.year) == expected)
        c.medianMinutesToAnswer = 300
        #expect(QuestionRouting.score(c, rules: rules, currentYear: Self.year) == expected - 5)
        c.medianMinutesToAnswer = 3000
        #expect(QuestionRouting.score(c, rules: rules, currentYear: Self.year) == expected - 10)
    }

    @Test func reasonsExplainTheScoreStrongestSkillFirst() {
        let c = Candidate(id: "a", name: "A", holdings: [Self.holding("Go", 2), Self.holding("Kubernetes", 4, endorsements: 3)],
                          acceptedAnswers: 5, engagements: 1, medianMinutesToAnswer: 30)
        #expect(QuestionRouting.reasons(c, rules: .standard) == [
            .level(skill: "Kubernetes", level: 4), .endorsements(skill: "Kubernetes", count: 3), .level(skill: "Go", level: 2),
            .acceptedAnswers(5), .engagements(1), .answersWithin(minutes: 30),
        ])
    }

    @Test func theAskerTheDepartedTheAwayTheBusyAndThoseAskedAreLeftOutWithWhy() {
        let strong = [Self.holding("Go", 5)]
        let people = [
            Candidate(id: "asker", name: "Asker", holdings: strong, isAsker: true),
            Candidate(id: "gone", name: "Gone", holdings: strong, active: false),
            Candidate(id: "away", name: "Away", holdings: strong, onLeave: true),
            Candidate(id: "busy", name: "Busy", holdings: strong, openRouted: 5),
            Candidate(id: "asked", name: "Asked", holdings: strong),
            Candidate(id: "free1", name: "Free one", holdings: [Self.holding("Go", 1)]),
            Candidate(id: "free2", name: "Free two", holdings: [Self.holding("Go", 2)]),
        ]
        let ranked = QuestionRouting.rank(people, currentYear: Self.year, alreadyAsked: ["asked"])
        let why = Dictionary(uniqueKeysWithValues: ranked.map { ($0.candidate.id, $0.exclusion) })
        #expect(why["asker"] == .asker)
        #expect(why["gone"] == .deactivated)
        #expect(why["away"] == .onLeave)
        #expect(why["busy"] == .busy(open: 5))
        #expect(why["asked"] == .alreadyAsked)
        #expect(QuestionRouting.next(people, currentYear: Self.year, alreadyAsked: ["asked"]).map(\.candidate.id) == ["free2", "free1"])
    }

    @Test func theNextAreTheBestFewWhoMayBeAskedTiesByName() {
        let people = (1...6).map { Candidate(id: "p\($0)", name: ["Ulf", "Åse", "Berit", "Arne", "Kari", "Ola"][$0 - 1], holdings: [Self.holding("Go", 3)]) }
        #expect(QuestionRouting.next(people, currentYear: Self.year).map(\.candidate.name) == ["Arne", "Berit", "Kari"])
        var rules = RoutingRules.standard
        rules.perStep = 1
        #expect(QuestionRouting.next(people, rules: rules, currentYear: Self.year).count == 1)
    }

    @Test func nobodyWithNothingToOfferIsRanked() {
        let none = Candidate(id: "x", name: "X", holdings: [Self.holding("Go", 0, used: nil)])
        #expect(QuestionRouting.rank([none], currentYear: Self.year).isEmpty)
    }
}

@Suite struct QuestionEscalationTests {
    static let oslo = TimeZone(identifier: "Europe/Oslo")!

    static func at(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func needsAreWorkingTimeNorms() {
        // Thursday 2026-12-03 15:30 in Oslo: an hour runs into Friday morning, a day to Friday 15:30.
        let asked = Self.at("2026-12-03T14:30:00Z")
        #expect(QuestionNeed.hour.dueAt(askedAt: asked, in: Self.oslo) == Self.at("2026-12-04T07:30:00Z"))
        #expect(QuestionNeed.today.dueAt(askedAt: asked, in: Self.oslo) == Self.at("2026-12-04T14:30:00Z"))
        #expect(QuestionNeed.week.workingMinutes == 2400)
    }

    @Test func eachStepIsDueANormAfterTheLastAndTheLeaderIsTheLast() {
        let asked = Self.at("2026-12-03T08:00:00Z")
        let first = QuestionEscalation.nextStepAt(after: .routed, since: asked, need: .hour, in: Self.oslo)
        #expect(first == Self.at("2026-12-03T09:00:00Z"))
        #expect(QuestionEscalation.Step.routed.next == .moreExperts)
        #expect(QuestionEscalation.Step.moreExperts.next == .departmentLeader)
        #expect(QuestionEscalation.nextStepAt(after: .departmentLeader, since: asked, need: .hour, in: Self.oslo) == nil)
    }

    @Test func healthCountsAnswersInTimeAndMedians() {
        let t0 = Self.at("2026-12-01T08:00:00Z")
        func q(first: Double?, accepted: Double?) -> QuestionTimes {
            QuestionTimes(askedAt: t0, dueAt: t0.addingTimeInterval(3600), firstAnswerAt: first.map { t0.addingTimeInterval($0 * 60) },
                          acceptedAt: accepted.map { t0.addingTimeInterval($0 * 60) })
        }
        let health = KnowledgeHealth([q(first: 30, accepted: 90), q(first: 120, accepted: nil), q(first: nil, accepted: nil), q(first: 10, accepted: 20)])
        #expect(health.asked == 4)
        #expect(health.answeredInTime == 0.5)
        #expect(health.medianMinutesToFirstAnswer == 30)
        #expect(health.medianMinutesToAccepted == 20)
        #expect(KnowledgeHealth([]).answeredInTime == nil)
    }
}

@Suite struct KnowledgeCheckTests {
    @Test func anAnswerIsDueAfterItsPeriodOrWhenSomethingChanged() {
        let confirmed = Date(timeIntervalSince1970: 1_700_000_000)
        let day: TimeInterval = 24 * 3600
        #expect(KnowledgeCheck.reason(lastConfirmedAt: confirmed, flagged: nil, now: confirmed.addingTimeInterval(179 * day)) == nil)
        #expect(KnowledgeCheck.reason(lastConfirmedAt: confirmed, flagged: nil, now: confirmed.addingTimeInterval(180 * day)) == .periodPassed)
        #expect(KnowledgeCheck.reason(lastConfirmedAt: confirmed, flagged: nil, now: confirmed.addingTimeInterval(31 * day), periodDays: 30) == .periodPassed)
        #expect(KnowledgeCheck.reason(lastConfirmedAt: confirmed, flagged: .authorLeft, now: confirmed) == .authorLeft)
    }

    @Test func theVerifierIsTheAuthorWhileActiveElseTheBestOtherExpert() {
        #expect(KnowledgeCheck.verifier(author: "a", authorActive: true, experts: ["b"]) == "a")
        #expect(KnowledgeCheck.verifier(author: "a", authorActive: false, experts: ["a", "b", "c"]) == "b")
        #expect(KnowledgeCheck.verifier(author: "a", authorActive: false, experts: []) == nil)
    }
}
