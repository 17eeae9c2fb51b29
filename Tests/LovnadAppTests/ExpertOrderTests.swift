import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Who-knows pages are ordered by the database with the ranking's own weights; page after page they
/// must give exactly the order `ExpertRanking` gives in Swift.
@Suite struct ExpertOrderTests {
    @Test func theDatabasesPagesFollowTheRankingRule() async throws {
        try await withLovnad { app in
            let now = app.clock.now()
            let asker = try await Fixture.person(app, "Spør Spørsen")
            let token = try await Fixture.token(app, for: asker)
            let skill = try await Fixture.skill(app, "Terraform")
            let year = Calendar(identifier: .gregorian).component(.year, from: now)
            var rng = SeededGenerator(seed: 7)
            let people = (0..<57).map { i in
                let p = Person(email: "holder\(i)@example.no", name: "Holder \(["Å", "b", "C", "ø", "a"][i % 5])\(i)", title: nil,
                               departmentID: nil, leaderID: nil, roles: [.consultant], passwordHash: nil, now: now)
                p.id = UUID()
                return p
            }
            try await BenchDataActions.insert(people, app: app)
            var holdings: [PersonSkill] = []
            var endorsements: [Endorsement] = []
            for p in people {
                let years: [Int?] = [nil, year, year - 1, year - 2, year - 3, year - 6, year + 1]
                holdings.append(PersonSkill(personID: p.id!, skillID: skill.id!, level: Int.random(in: 1...5, using: &rng),
                                            wantsToGrow: Bool.random(using: &rng), lastUsedYear: years.randomElement(using: &rng)!, now: now))
                for endorser in people.prefix(Int.random(in: 0...7, using: &rng)) where endorser.id != p.id {
                    endorsements.append(Endorsement(personID: p.id!, skillID: skill.id!, endorserID: endorser.id!, now: now))
                }
            }
            try await BenchDataActions.insert(holdings, app: app)
            try await BenchDataActions.insert(endorsements, app: app)
            // Someone deactivated is never among them.
            people[3].active = false
            try await app.store.write { ctx in try await people[3].save(on: ctx.db) }

            // The rule itself, over what the fixture wrote (names lower-cased, as the name key is).
            let candidates = holdings.filter { $0.$person.id != people[3].id }.map { h in
                let person = people.first { $0.id == h.$person.id }!
                return ExpertCandidate(id: person.id!, name: person.name, level: h.level,
                                       endorsements: endorsements.filter { $0.$person.id == person.id }.count,
                                       lastUsedYear: h.lastUsedYear, wantsToGrow: h.wantsToGrow)
            }
            let expected = ExpertRanking.rank(candidates, currentYear: year).map { ($0.candidate.id, $0.score) }
            #expect(expected.count == 56)
            var seen: [(UUID, Double)] = []
            var cursor: String?
            repeat {
                let query = "/api/v1/experts?skill=Terraform&limit=5" + (cursor.map { "&cursor=\($0)" } ?? "")
                let page = try await app.testing().sendRequest(.GET, query, headers: .bearer(token))
                #expect(page.status == .ok)
                struct Item: Decodable { let person: Ref; let score: Double; struct Ref: Decodable { let id: UUID } }
                struct Page: Decodable { let items: [Item]; let next_cursor: String? }
                let decoded = try JSONDecoder().decode(Page.self, from: page.body)
                seen += decoded.items.map { ($0.person.id, $0.score) }
                cursor = decoded.next_cursor
            } while cursor != nil && seen.count < 100
            #expect(seen.map(\.0) == expected.map(\.0))
            #expect(seen.map(\.1) == expected.map(\.1))

            // The page reads a page at a time too, and links the next.
            let browser = Browser(app)
            try await browser.signIn(asker.email)
            let first = try await browser.get("/experts?skill=Terraform")
            #expect(first.text.components(separatedBy: "<li class=\"expert\">").count - 1 == ListPage.defaultLimit)
            #expect(first.text.contains(">\(people.first { $0.id == expected[0].0 }!.name)</a>"))
            let next = try #require(first.text.range(of: #"href="/experts\?skill=Terraform&amp;cursor=[^"]+""#, options: .regularExpression))
            let href = String(first.text[next]).dropFirst(6).dropLast().replacingOccurrences(of: "&amp;", with: "&")
            let second = try await browser.get(href)
            #expect(second.text.components(separatedBy: "<li class=\"expert\">").count - 1 == 56 - ListPage.defaultLimit)
        }
    }
}
