import Foundation
import Testing
@testable import LovnadCore

@Suite struct RoleAndEmailTests {
    @Test func parsesRoleLists() {
        #expect(Role.parseList("consultant, leader").roles == [.leader, .consultant])
        #expect(Role.parseList("admin;admin").roles == [.admin])
        #expect(Role.parseList("leader,boss").unknown == ["boss"])
        #expect(Role.storageString([.consultant, .admin]) == "admin,consultant")
    }

    @Test func normalisesAndChecksEmail() {
        #expect(EmailAddress("  Kari@Example.NO ")?.value == "kari@example.no")
        for bad in ["", "kari", "kari@", "@example.no", "kari@example", "a b@example.no", "a@b@example.no"] {
            #expect(EmailAddress(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct ExpertRankingTests {
    func candidate(_ name: String, level: Int, endorsements: Int = 0, year: Int? = nil, grow: Bool = false) -> ExpertCandidate<String> {
        ExpertCandidate(id: name, name: name, level: level, endorsements: endorsements, lastUsedYear: year, wantsToGrow: grow)
    }

    @Test func levelDominatesThenEndorsementsThenRecency() {
        let ranked = ExpertRanking.rank([
            candidate("Recent four", level: 4, year: 2026),
            candidate("Old five", level: 5, endorsements: 0, year: 2015),
            candidate("Endorsed four", level: 4, endorsements: 5, year: 2020),
            candidate("Three", level: 3, endorsements: 10, year: 2026),
        ], currentYear: 2026)
        #expect(ranked.map(\.candidate.name) == ["Old five", "Endorsed four", "Recent four", "Three"])
    }

    @Test func givesItsReasons() {
        let ranked = ExpertRanking.rank([candidate("A", level: 4, endorsements: 2, year: 2024, grow: true)], currentYear: 2026)
        #expect(ranked[0].reasons == [.level(4), .endorsements(2), .usedYearsAgo(2), .wantsToGrow])
        #expect(ranked[0].score == 4 * 20 + 2 * 2 + 4)
    }

    @Test func tiesAreBrokenByName() {
        let ranked = ExpertRanking.rank([candidate("Bø", level: 3), candidate("Aas", level: 3)], currentYear: 2026)
        #expect(ranked.map(\.candidate.name) == ["Aas", "Bø"])
    }

    @Test func lookupKeysFoldCaseAndSpaces() {
        #expect(skillLookupKey("  Microsoft   Azure ") == "microsoft azure")
        #expect(skillLookupKey("K8S") == "k8s")
    }
}

@Suite struct SecurityRuleTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func fiveFailuresBlockUntilTheFirstLeavesTheWindow() {
        let throttle = LoginThrottle.perAccount
        let failures = (0..<5).map { t0.addingTimeInterval(Double($0) * 60) }
        #expect(throttle.decision(failures: Array(failures.prefix(4)), now: t0.addingTimeInterval(300)) == .allowed)
        #expect(throttle.decision(failures: failures, now: t0.addingTimeInterval(300)) == .blocked(retryAfterSeconds: 600))
        #expect(throttle.decision(failures: failures, now: t0.addingTimeInterval(900)) == .allowed)
    }

    @Test func anAddressTakesTenTimesWhatAnAccountTakes() {
        let failures = (0..<49).map { t0.addingTimeInterval(Double($0)) }
        #expect(LoginThrottle.perAddress.decision(failures: failures, now: t0.addingTimeInterval(60)) == .allowed)
        #expect(LoginThrottle.perAddress.decision(failures: failures + [t0.addingTimeInterval(50)], now: t0.addingTimeInterval(60)) != .allowed)
        #expect(LoginThrottle.perAccount.decision(failures: Array(failures.prefix(5)), now: t0.addingTimeInterval(60)) != .allowed)
    }

    @Test func theStrictestDecisionWins() {
        #expect(LoginThrottle.strictest([.allowed, .blocked(retryAfterSeconds: 5), .blocked(retryAfterSeconds: 9)]) == .blocked(retryAfterSeconds: 9))
        #expect(LoginThrottle.strictest([.allowed, .allowed]) == .allowed)
    }

    @Test func sessionsEndWhenIdleOrTooOld() {
        let policy = SessionPolicy()
        #expect(policy.isActive(createdAt: t0, lastSeenAt: t0, now: t0.addingTimeInterval(7 * 3600)))
        #expect(!policy.isActive(createdAt: t0, lastSeenAt: t0, now: t0.addingTimeInterval(8 * 3600)))
        let old = t0.addingTimeInterval(-30 * 86400)
        #expect(!policy.isActive(createdAt: old, lastSeenAt: t0, now: t0.addingTimeInterval(60)))
    }
}

@Suite struct PagingTests {
    @Test func clampsTheLimit() {
        #expect(ListPage(limit: 1000).limit == 100)
        #expect(ListPage(limit: 0).limit == 1)
        #expect(ListPage(limit: nil).limit == 50)
    }

    @Test func cursorsRoundTripAndStrangersAreRefused() {
        let page = ListPage(limit: 2)
        let rows = [("b", "1"), ("c", "2"), ("c", "3")]
        let (shown, next) = page.cut(rows) { ListPage.Position(key: $0.0, id: $0.1) }
        #expect(shown.count == 2)
        let after = ListPage(limit: 2, cursor: next)?.after
        #expect(after == ListPage.Position(key: "c", id: "2"))
        #expect(page.cut(Array(rows.prefix(2))) { ListPage.Position(key: $0.0, id: $0.1) }.next == nil)
        #expect(ListPage(limit: 10, cursor: "bogus!") == nil)
        #expect(ListPage(limit: 10, cursor: Data("o:20".utf8).base64EncodedString()) == nil, "offset cursors are no longer issued")
        // Keys may hold anything, the separator's neighbours included.
        let odd = ListPage.Position(key: "Ærlig/+=?k:", id: "x")
        #expect(PageCursor.decode(PageCursor.encode(odd)) == odd)
    }

    @Test func aRankingInMemoryPagesAfterItsCursor() {
        let ranked = (1...7).map { (10 - $0, "id\($0)") }
        let position = { (row: (Int, String)) in ListPage.Position(key: String(row.0), id: row.1) }
        let after = { (row: (Int, String), p: ListPage.Position) in row.0 < Int(p.key)! }
        let first = ListPage(limit: 3).page(of: ranked, position: position, comesAfter: after)
        #expect(first.rows.map(\.1) == ["id1", "id2", "id3"])
        let second = ListPage(limit: 3, cursor: first.next)!.page(of: ranked, position: position, comesAfter: after)
        #expect(second.rows.map(\.1) == ["id4", "id5", "id6"])
        let third = ListPage(limit: 3, cursor: second.next)!.page(of: ranked, position: position, comesAfter: after)
        #expect(third.rows.map(\.1) == ["id7"] && third.next == nil)
        // The row the cursor named is gone: the page goes on from where it stood.
        let thinned = ranked.filter { $0.1 != "id3" }
        #expect(ListPage(limit: 3, cursor: first.next)!.page(of: thinned, position: position, comesAfter: after).rows.map(\.1) == ["id4", "id5", "id6"])
    }
}

@Suite struct LocalizationTests {
    @Test func everyKeyIsInBothTables() {
        for locale in AppLocale.allCases {
            let table = Localizer.table(locale)
            let missing = L.allCases.filter { (table[$0] ?? "").isEmpty }
            #expect(missing.isEmpty, "\(locale.rawValue) lacks \(missing.map(\.rawValue))")
        }
    }

    @Test func placeholdersMatchAcrossLanguages() {
        let pattern = /\{[a-z]+\}/
        for key in L.allCases {
            let nb = Set((Strings.nb[key] ?? "").matches(of: pattern).map { String($0.output) })
            let en = Set((Strings.en[key] ?? "").matches(of: pattern).map { String($0.output) })
            #expect(nb == en, "\(key.rawValue)")
        }
    }

    @Test func picksTheLanguageFromAcceptLanguage() {
        #expect(AppLocale.fromAcceptLanguage("en-GB,en;q=0.9") == .en)
        #expect(AppLocale.fromAcceptLanguage("nn-NO, en;q=0.5") == .nb)
        #expect(AppLocale.fromAcceptLanguage("de, en;q=0.8, nb;q=0.9") == .nb)
        #expect(AppLocale.fromAcceptLanguage("de") == nil)
        #expect(Localizer(.en)(.expertsFor, ["skill": "Swift"]) == "Who knows Swift?")
    }
}

@Suite struct HexTests {
    @Test func encodesBytesAsLowercaseHex() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.encode([UInt8]()) == "")
    }
}
