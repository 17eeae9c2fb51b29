import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Who-knows pages are cut by the database, which orders holders by every weight of the routing rule
/// but responsiveness; page after page they must give exactly the order `QuestionRouting` gives in Swift
/// over everything it weighs: level, endorsements, last use, accepted answers, engagements, quick answers.
@Suite struct ExpertOrderTests {
    @Test func theDatabasesPagesFollowTheRoutingRule() async throws {
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

            // Accepted answers (past the cap for some), engagements that needed the skill (past the cap too)
            // and answer times that earn every step of responsiveness, and none; one who answered well holds
            // no level in it at all.
            let outsider = try await Fixture.person(app, "Svarer Uten Nivå")
            let customer = Customer(name: "Kunde", orgNumber: nil, notes: "", now: now)
            customer.id = UUID()
            try await BenchDataActions.insert([customer], app: app)
            let engagements = (0..<7).map { i in
                let e = Engagement(id: UUID(), title: "Oppdrag \(i)", customerID: customer.id!, salesOwnerID: asker.id!, deliveryLeadID: nil,
                                   status: EngagementStatus.delivery.rawValue, logHead: "", now: now)
                return e
            }
            try await BenchDataActions.insert(engagements, app: app)
            try await BenchDataActions.insert(engagements.map { EngagementSkill(engagementID: $0.id!, skillID: skill.id!) }, app: app)
            var accepted: [UUID: Int] = [:], engaged: [UUID: Int] = [:], minutes: [UUID: Int] = [:]
            var members: [EngagementMember] = []
            var questions: [Question] = [], questionSkills: [QuestionSkill] = [], answers: [Answer] = []
            for p in people + [outsider] {
                let id = p.id!
                if p.id == outsider.id || Int.random(in: 0..<3, using: &rng) == 0 { accepted[id] = Int.random(in: 1...7, using: &rng) }
                if Int.random(in: 0..<3, using: &rng) == 0 { engaged[id] = Int.random(in: 1...7, using: &rng) }
                let answered = accepted[id].map { max($0, 1) } ?? (Int.random(in: 0..<3, using: &rng) == 0 ? 2 : 0)
                if answered > 0 { minutes[id] = p.id == outsider.id ? 5 : [5, 45, 90, 200, 600].randomElement(using: &rng)! }
                for e in engagements.prefix(engaged[id] ?? 0) {
                    members.append(EngagementMember(engagementID: e.id!, personID: id, profileID: "utvikler-\(id)", role: "Utvikler", allocationPercent: 0,
                                                    startsOn: nil, endsOn: nil, now: now))
                }
                for n in 0..<answered {
                    let asked = now.addingTimeInterval(-Double(n + 1) * 86_400)
                    let q = Question(id: UUID(), authorID: asker.id!, title: "Spørsmål \(n)", body: "", html: "", need: .today, dueAt: asked,
                                     visibility: .everyone, departmentID: nil, engagementID: nil, now: asked)
                    let a = Answer(id: UUID(), questionID: q.id!, authorID: id, body: "Svar", html: "<p>Svar</p>",
                                   now: asked.addingTimeInterval(Double(minutes[id]!) * 60))
                    q.answerCount = 1
                    if n < accepted[id] ?? 0 { q.acceptedAnswerID = a.id }
                    questions.append(q)
                    questionSkills.append(QuestionSkill(questionID: q.id!, skillID: skill.id!))
                    answers.append(a)
                }
            }
            try await BenchDataActions.insert(members, app: app)
            try await BenchDataActions.insert(questions, app: app)
            try await BenchDataActions.insert(questionSkills, app: app)
            try await BenchDataActions.insert(answers, app: app)

            // The rule itself, over what the fixture wrote (names lower-cased, as the name key is).
            let holders = holdings.filter { $0.$person.id != people[3].id }.map { h in
                let person = people.first { $0.id == h.$person.id }!
                return RoutingCandidate(id: person.id!, name: person.name,
                                        holdings: [.init(skill: "Terraform", level: h.level,
                                                         endorsements: endorsements.filter { $0.$person.id == person.id }.count,
                                                         lastUsedYear: h.lastUsedYear, wantsToGrow: h.wantsToGrow)],
                                        acceptedAnswers: accepted[person.id!] ?? 0, engagements: engaged[person.id!] ?? 0,
                                        medianMinutesToAnswer: minutes[person.id!])
            }
            let candidates = holders + [RoutingCandidate(id: outsider.id!, name: outsider.name, holdings: [], acceptedAnswers: accepted[outsider.id!]!, engagements: engaged[outsider.id!] ?? 0,
                                                         medianMinutesToAnswer: 5)]
            let expected = QuestionRouting.rank(candidates, currentYear: year).map { ($0.candidate.id, $0.score) }
            #expect(expected.count == 57)
            #expect(Set(candidates.compactMap(\.medianMinutesToAnswer)).count == 5, "every step of responsiveness, and past it")
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
            #expect(second.text.components(separatedBy: "<li class=\"expert\">").count - 1 == 57 - ListPage.defaultLimit)
        }
    }
}
