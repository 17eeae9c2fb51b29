import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

/// Accepted answers stay true: each has a verifier; time, a departing author, an ending engagement and a
/// renamed or merged skill put it to them; they confirm, edit or mark it outdated. Knowledge health per skill.
@Suite struct KnowledgeTests {
    /// Siri asks about Kotlin, Åse answers, Siri accepts: Åse keeps it true.
    static func accepted(_ w: EngagementWorld, title: String = "Hvordan setter vi opp Gradle for Kotlin?",
                         extra: [String: Any] = [:]) async throws -> (question: String, answer: String) {
        let question = try #require(try await QuestionTests.ask(w, w.salesToken, ["title": title, "skills": ["Kotlin"]].merging(extra) { $1 })["id"] as? String)
        let answer = try #require(try await w.send(.POST, "/api/v1/questions/\(question)/answers", w.devToken, ["body": "Bruk version catalogs."])
            .json()["id"] as? String)
        let accept = try await w.send(.POST, "/api/v1/answers/\(answer)/accept", w.salesToken)
        #expect(accept.status == .ok, "\(accept.text)")
        return (question, answer)
    }

    static func answer(_ w: EngagementWorld, _ question: String, _ id: String) async throws -> [String: Any] {
        let answers = try await w.send(.GET, "/api/v1/questions/\(question)", w.salesToken).json()["answers"] as? [[String: Any]] ?? []
        return try #require(answers.first { $0["id"] as? String == id })
    }

    @Test func anAcceptedAnswerFallsDueAfterItsPeriodAndItsVerifierConfirmsIt() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let (q, a) = try await Self.accepted(w)
            var shown = try await Self.answer(w, q, a)
            #expect((shown["verifier"] as? [String: Any])?["name"] as? String == "Åse Utvikler")
            #expect(shown["check_reason"] is NSNull)
            #expect(shown["check_due_at"] as? String == "2027-05-30T08:00:00Z", "180 days after it was accepted")
            #expect(try await w.send(.GET, "/api/v1/knowledge/checks", w.devToken).items().isEmpty)

            // 181 days on it is due, for Åse and nobody else; housekeeping tells her once.
            app.clock.set(QuestionTests.morning("2027-05-31"))
            shown = try await Self.answer(w, q, a)
            #expect(shown["check_reason"] as? String == "period_passed")
            let checks = try await w.send(.GET, "/api/v1/knowledge/checks", w.devToken).items()
            #expect(checks.map { $0["answer_id"] as? String } == [a])
            #expect(checks.first?["url"] as? String == "/questions/\(q)#answer-\(a)")
            #expect(try await w.send(.GET, "/api/v1/knowledge/checks", w.leadToken).items().isEmpty)
            try await app.store.write { ctx in try await HousekeepingActions.sweep(ctx) }
            try await app.store.write { ctx in try await HousekeepingActions.sweep(ctx) }
            let told = try await w.send(.GET, "/api/v1/notifications", w.devToken).items().filter { $0["kind"] as? String == "answers_to_check" }
            #expect(told.count == 1)
            #expect(told.first?["text"] as? String == "The answer to \"Hvordan setter vi opp Gradle for Kotlin?\" is to be checked: a long time has passed since it was last confirmed")

            // Only the verifier confirms; then it holds for another period.
            #expect(try await w.send(.POST, "/api/v1/answers/\(a)/confirm", w.leadToken).status == .forbidden)
            #expect(try await w.send(.POST, "/api/v1/answers/\(a)/confirm", w.salesToken).status == .forbidden)
            let confirmed = try await w.send(.POST, "/api/v1/answers/\(a)/confirm", w.devToken)
            #expect(confirmed.status == .ok, "\(confirmed.text)")
            #expect(try confirmed.json()["check_reason"] is NSNull)
            #expect(try confirmed.json()["check_due_at"] as? String == "2027-11-27T07:00:00Z")
            #expect(try await w.send(.GET, "/api/v1/knowledge/checks", w.devToken).items().isEmpty)
        }
    }

    @Test func theVerifierMarksAnAnswerOutdatedWithAReasonOrEditsIt() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let (q, a) = try await Self.accepted(w)
            // An answer that is not the accepted one has no check.
            let other = try #require(try await w.send(.POST, "/api/v1/questions/\(q)/answers", w.leadToken, ["body": "Eller buildSrc."]).json()["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/answers/\(other)/confirm", w.leadToken).status == .conflict)

            let short = try await w.send(.POST, "/api/v1/answers/\(a)/outdated", w.devToken, ["reason": "x"])
            #expect(short.status == .unprocessableEntity)
            #expect(short.errorFields["reason"] != nil)
            #expect(try await w.send(.POST, "/api/v1/answers/\(a)/outdated", w.leadToken, ["reason": "Gradle 9 endret dette"]).status == .forbidden)
            #expect(try await Answer.find(UUID(uuidString: a), on: app.db)?.outdatedAt == nil, "refusals change nothing")
            let outdated = try await w.send(.POST, "/api/v1/answers/\(a)/outdated", w.devToken, ["reason": "Gradle 9 endret dette"])
            #expect(outdated.status == .ok, "\(outdated.text)")
            #expect(try outdated.json()["outdated_reason"] as? String == "Gradle 9 endret dette")
            #expect(try outdated.json()["check_reason"] is NSNull)

            // Editing: its author may, others may not; the verifier's edit confirms it again.
            #expect(try await w.send(.PATCH, "/api/v1/answers/\(a)", w.leadToken, ["body": "Nei"]).status == .forbidden)
            #expect(try await w.send(.PATCH, "/api/v1/answers/\(a)", w.devToken, ["body": " "]).status == .unprocessableEntity)
            let edited = try await w.send(.PATCH, "/api/v1/answers/\(a)", w.devToken, ["body": "Bruk **version catalogs** i Gradle 9."])
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(try edited.json()["html"] as? String == "<p>Bruk <strong>version catalogs</strong> i Gradle 9.</p>")
            #expect(try edited.json()["outdated_at"] is NSNull)
            #expect(try edited.json()["edited_at"] as? String != nil)
            let lars = try await w.send(.PATCH, "/api/v1/answers/\(other)", w.leadToken, ["body": "Eller buildSrc, om dere må."])
            #expect(lars.status == .ok)
            #expect(try lars.json()["confirmed_at"] is NSNull, "an answer that is not accepted is just edited")
        }
    }

    @Test func anAuthorWhoLeavesHandsTheirAnswersToTheNextExpertToCheck() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let (q, a) = try await Self.accepted(w)
            _ = try await UserActions.deactivate(personID: w.dev.id!, actorID: nil, app: app)
            let shown = try await Self.answer(w, q, a)
            #expect(shown["check_reason"] as? String == "author_left")
            #expect((shown["verifier"] as? [String: Any])?["name"] as? String == "Lars Leveranse", "the best expert still here")
            let told = try await w.send(.GET, "/api/v1/notifications", w.leadToken).items().filter { $0["kind"] as? String == "answers_to_check" }
            #expect(told.first?["text"] as? String == "The answer to \"Hvordan setter vi opp Gradle for Kotlin?\" is to be checked: its author has left")
            #expect(try await w.send(.GET, "/api/v1/knowledge/checks", w.leadToken).items().count == 1)
            #expect(try await w.send(.POST, "/api/v1/answers/\(a)/confirm", w.leadToken).status == .ok)
        }
    }

    @Test func anEndingEngagementAndARenamedSkillPutAnswersToTheirVerifier() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let engagement = try await w.newEngagement(title: "Fjellvann app")
            #expect(try await w.send(.PATCH, "/api/v1/engagements/\(engagement)", w.salesToken, ["delivery_lead_id": w.dev.id!.uuidString]).status == .ok)
            let onIt = try await Self.accepted(w, title: "Hvilken Kotlin-versjon bruker Fjellvann?", extra: ["engagement_id": engagement])
            let elsewhere = try await Self.accepted(w, title: "Hvordan setter vi opp Gradle for Kotlin?")
            let lost = try await w.send(.POST, "/api/v1/engagements/\(engagement)/transitions", w.salesToken, ["to": "lost", "reason": "Kunden valgte en annen"])
            #expect(lost.status.code < 300, "\(lost.text)")
            #expect(try await Self.answer(w, onIt.question, onIt.answer)["check_reason"] as? String == "engagement_closed")
            #expect(try await Self.answer(w, elsewhere.question, elsewhere.answer)["check_reason"] is NSNull)

            let admin = try await Fixture.token(app, for: try await Fixture.person(app, "Anne Admin", roles: [.admin]))
            let kotlin = try #require(try await Skill.query(on: app.db).filter(\.$name == "Kotlin").first())
            #expect(try await w.send(.PATCH, "/api/v1/skills/\(kotlin.id!)", admin, ["category": "Språk"]).status == .ok)
            #expect(try await Self.answer(w, elsewhere.question, elsewhere.answer)["check_reason"] is NSNull, "a new category is no rename")
            #expect(try await w.send(.PATCH, "/api/v1/skills/\(kotlin.id!)", admin, ["name": "Kotlin/JVM"]).status == .ok)
            #expect(try await Self.answer(w, elsewhere.question, elsewhere.answer)["check_reason"] as? String == "skill_renamed")
            #expect(try await Self.answer(w, onIt.question, onIt.answer)["check_reason"] as? String == "engagement_closed", "the first reason stays")
        }
    }

    @Test func mergingASkillMovesEverythingToTheKeptOneAndKeepsItsNamesFindingIt() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let (q, a) = try await Self.accepted(w)
            let android = try await Fixture.skill(app, "Android", synonyms: ["droid"])
            let kotlin = try #require(try await Skill.query(on: app.db).filter(\.$name == "Kotlin").first())
            // Lars is at 5 in Kotlin and 2 in Android; Otto has only Android, at 4.
            #expect(try await w.send(.PUT, "/api/v1/me/skills", w.leadToken, [["skill": "Kotlin", "level": 5], ["skill": "Android", "level": 2]]).status == .ok)
            #expect(try await w.send(.PUT, "/api/v1/me/skills", w.outsiderToken, [["skill": "Android", "level": 4]]).status == .ok)
            #expect(try await w.send(.POST, "/api/v1/people/\(w.outsider.id!)/skills/\(android.id!)/endorsements", w.devToken).status.code < 300)
            #expect(try await w.send(.POST, "/api/v1/skills/\(kotlin.id!)/follow", w.devToken).status == .noContent)
            #expect(try await w.send(.POST, "/api/v1/skills/\(android.id!)/follow", w.devToken).status == .noContent)

            let admin = try await Fixture.token(app, for: try await Fixture.person(app, "Anne Admin", roles: [.admin]))
            #expect(try await w.send(.POST, "/api/v1/skills/\(kotlin.id!)/merge", w.leadToken, ["into_id": android.id!.uuidString]).status == .forbidden)
            #expect(try await w.send(.POST, "/api/v1/skills/\(kotlin.id!)/merge", admin, ["into_id": kotlin.id!.uuidString]).status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/skills/\(kotlin.id!)/merge", admin, ["into_id": UUID().uuidString]).status == .unprocessableEntity)
            #expect(try await w.send(.POST, "/api/v1/skills/\(UUID())/merge", admin, ["into_id": android.id!.uuidString]).status == .notFound)
            #expect(try await Skill.find(kotlin.id, on: app.db) != nil, "refusals change nothing")

            let merged = try await w.send(.POST, "/api/v1/skills/\(kotlin.id!)/merge", admin, ["into_id": android.id!.uuidString])
            #expect(merged.status == .ok, "\(merged.text)")
            #expect(try merged.json()["synonyms"] as? [String] == ["Kotlin", "droid"])
            #expect(try await Skill.find(kotlin.id, on: app.db) == nil)
            let levels = try await PersonSkill.query(on: app.db).filter(\.$skill.$id == android.id!).all()
            #expect(Dictionary(uniqueKeysWithValues: levels.map { ($0.$person.id, $0.level) })
                    == [w.lead.id!: 5, w.dev.id!: 4, w.outsider.id!: 4, w.devLeader.id!: 2], "the higher level is kept")
            #expect(try await Endorsement.query(on: app.db).filter(\.$skill.$id == android.id!).count() == 1)
            #expect(try await SkillFollower.query(on: app.db).filter(\.$person.$id == w.dev.id!).count() == 1)
            #expect(try await Self.answer(w, q, a)["check_reason"] as? String == "skill_merged")
            // The old name still finds the kept skill, for questions and for experts.
            let tagged = try await w.send(.GET, "/api/v1/questions?skill=Kotlin", w.outsiderToken).items()
            #expect(tagged.map { $0["id"] as? String } == [q])
            #expect((tagged.first?["skills"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Android"])
            #expect(try await SearchTests.search(w, w.outsiderToken, "kotlin", "&type=skill").map { $0["title"] as? String } == ["Android"])
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "skill.merged").all()
            #expect(audit.map(\.target) == ["Kotlin"])
        }
    }

    @Test func knowledgeHealthCountsPerSkillOverWhatTheReaderMaySee() async throws {
        try await withLovnad { app in
            let world = try await QuestionTests.world(app)
            let w = world.w
            // Kotlin: one answered within its hour, one confidential to an engagement Otto cannot see.
            let fast = try #require(try await QuestionTests.ask(w, w.salesToken, ["title": "Rask om Kotlin", "skills": ["Kotlin"], "needed_by": "hour"])["id"] as? String)
            app.clock.set(QuestionTests.morning("2026-12-01").addingTimeInterval(20 * 60))
            let answer = try #require(try await w.send(.POST, "/api/v1/questions/\(fast)/answers", w.devToken, ["body": "Slik."]).json()["id"] as? String)
            app.clock.set(QuestionTests.morning("2026-12-01").addingTimeInterval(40 * 60))
            #expect(try await w.send(.POST, "/api/v1/answers/\(answer)/accept", w.salesToken).status == .ok)
            let engagement = try await w.newEngagement(title: "Hemmelig")
            _ = try await QuestionTests.ask(w, w.salesToken, ["title": "Fortrolig om Kotlin", "skills": ["Kotlin"], "engagement_id": engagement])

            func kotlin(_ token: String) async throws -> [String: Any] {
                try #require(try await w.send(.GET, "/api/v1/knowledge", token).items().first { ($0["skill"] as? [String: Any])?["name"] as? String == "Kotlin" })
            }
            let seen = try await kotlin(w.salesToken)
            #expect(seen["asked"] as? Int == 2)
            #expect(seen["answered_in_time"] as? Double == 0.5)
            #expect(seen["median_minutes_to_first_answer"] as? Int == 20)
            #expect(seen["median_minutes_to_accepted"] as? Int == 40)
            #expect(seen["experts"] as? Int == 3, "Lars 5, Åse 4, Otto 3")
            #expect(seen["uncovered"] as? Bool == false)
            let otto = try await kotlin(w.outsiderToken)
            #expect(otto["asked"] as? Int == 1, "the confidential question is not counted for an outsider")
            #expect(otto["answered_in_time"] as? Double == 1)
            let kubernetes = try #require(try await w.send(.GET, "/api/v1/knowledge", w.salesToken).items()
                .first { ($0["skill"] as? [String: Any])?["name"] as? String == "Kubernetes" })
            #expect(kubernetes["uncovered"] as? Bool == true, "nobody holds it at 3 or above")
            #expect(kubernetes["experts"] as? Int == 0)
            #expect(kubernetes["asked"] as? Int == 0)
            #expect(kubernetes["answered_in_time"] is NSNull)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/knowledge").status == .unauthorized)
        }
    }

    @Test func checkingSomeoneElsesAnswerThatOneMayNotSeeIs404() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            let engagement = try await w.newEngagement(title: "Fortrolig")
            #expect(try await w.send(.PATCH, "/api/v1/engagements/\(engagement)", w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            let question = try #require(try await QuestionTests.ask(w, w.salesToken, ["title": "Fortrolig om Kotlin", "skills": ["Kotlin"],
                                                                                     "engagement_id": engagement])["id"] as? String)
            let answer = try #require(try await w.send(.POST, "/api/v1/questions/\(question)/answers", w.leadToken, ["body": "Slik."]).json()["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/answers/\(answer)/accept", w.salesToken).status == .ok)
            for (method, path) in [(HTTPMethod.POST, "/api/v1/answers/\(answer)/confirm"), (.POST, "/api/v1/answers/\(answer)/outdated"),
                                   (.PATCH, "/api/v1/answers/\(answer)"), (.POST, "/api/v1/answers/\(UUID())/confirm")] {
                #expect(try await w.send(method, path, w.outsiderToken, ["body": "x", "reason": "Ikke lenger"]).status == .notFound, "\(method) \(path)")
            }
            let otto = Browser(app)
            try await otto.signIn(w.outsider.email)
            try await otto.get("/questions")
            for path in ["/answers/\(answer)/confirm", "/answers/\(answer)/outdated", "/answers/\(answer)/edit"] {
                #expect(try await otto.post(path, form: ["body": "x", "reason": "Ikke lenger"]).status == .notFound, "\(path)")
            }
            #expect(try await Answer.find(UUID(uuidString: answer), on: app.db)?.body == "Slik.")
        }
    }
}

/// Who-knows through the API ranks as routing does: accepted answers and quick answers count and say so,
/// and someone holding as many open questions as routing gives anyone is shown as busy.
@Suite struct ExpertRoutingTests {
    @Test func expertsAreRankedByWhatRoutingWeighsWithTheReasons() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            // Otto (level 3) answers within ten minutes and is accepted.
            let q = try #require(try await QuestionTests.ask(w, w.salesToken, ["title": "Korutiner i Kotlin?", "skills": ["Kotlin"]])["id"] as? String)
            app.clock.set(QuestionTests.morning("2026-12-01").addingTimeInterval(10 * 60))
            let a = try #require(try await w.send(.POST, "/api/v1/questions/\(q)/answers", w.outsiderToken, ["body": "runTest."]).json()["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/answers/\(a)/accept", w.salesToken).status == .ok)

            let experts = try await w.send(.GET, "/api/v1/experts?skill=kotlin", w.salesToken).items()
            let names = experts.map { ($0["person"] as? [String: Any])?["name"] as? String }
            #expect(names == ["Lars Leveranse", "Åse Utvikler", "Otto Utenfor", "Dina Leder"])
            let otto = try #require(experts.first { ($0["person"] as? [String: Any])?["name"] as? String == "Otto Utenfor" })
            // His level's points, and routing's for the accepted answer and for answering within the hour.
            let rules = RoutingRules.standard
            #expect(otto["score"] as? Double == ExpertRanking.points(level: 3, endorsements: 0, lastUsedYear: nil, currentYear: 2026)
                    + Double(rules.pointsPerAcceptedAnswer) + Double(rules.responsiveness[0].points))
            #expect(otto["accepted_answers"] as? Int == 1)
            #expect(otto["median_minutes_to_first_answer"] as? Int == 10)
            #expect(otto["level"] as? Int == 3)
            let reasons = otto["reasons"] as? [String] ?? []
            #expect(reasons.first == "Nivå 3 av 5")
            #expect(reasons.contains("1 akseptert svar"))
            #expect(reasons.contains("svarer som regel innen 10 min"))
            #expect(experts.allSatisfy { $0["availability"] as? String == "available" })
            // The who-knows page ranks and explains the same way.
            let siri = Browser(app)
            try await siri.signIn(w.sales.email)
            let page = try await siri.get("/experts?skill=Kotlin")
            #expect(page.text.contains("<li>1 akseptert svar</li>"))
            let order = ["Lars Leveranse", "Åse Utvikler", "Otto Utenfor", "Dina Leder"].compactMap { page.text.range(of: ">\($0)</a>")?.lowerBound }
            #expect(order.count == 4 && order == order.sorted())

            // Five open questions put to Lars: he is busy, and still ranked.
            for n in 1...5 { _ = try await QuestionTests.ask(w, w.salesToken, ["title": "Spørsmål nummer \(n) om Kotlin", "skills": ["Kotlin"]]) }
            let later = try await w.send(.GET, "/api/v1/experts?skill=kotlin", w.salesToken).items()
            let lars = try #require(later.first { ($0["person"] as? [String: Any])?["name"] as? String == "Lars Leveranse" })
            #expect(lars["availability"] as? String == "busy")
            #expect(lars["open_routed"] as? Int == 5)

            // Pages follow the ranking without gaps or repeats.
            var seen: [String] = []
            var cursor: String?
            repeat {
                let page = try await w.send(.GET, "/api/v1/experts?skill=kotlin&limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), w.salesToken)
                seen += try page.items().compactMap { ($0["person"] as? [String: Any])?["name"] as? String }
                cursor = try page.json()["next_cursor"] as? String
            } while cursor != nil && seen.count < 10
            #expect(seen == later.compactMap { ($0["person"] as? [String: Any])?["name"] as? String })
            #expect(try await w.send(.GET, "/api/v1/experts?skill=kotlin&cursor=bogus", w.salesToken).status == .unprocessableEntity)
        }
    }
}

/// Leave set on one's profile: routing passes one by until the day after, and who-knows says so.
@Suite struct AwayTests {
    @Test func someoneAwayIsNotAskedAndShownOnLeave() async throws {
        try await withLovnad { app in
            let w = try await QuestionTests.world(app).w
            for bad in ["2026-11-30", "i morgen", "2028-01-01"] {
                let refused = try await w.send(.PATCH, "/api/v1/me", w.leadToken, ["away_until": bad])
                #expect(refused.status == .unprocessableEntity, "\(bad)")
                #expect(refused.errorFields["away_until"] != nil, "\(bad)")
            }
            let away = try await w.send(.PATCH, "/api/v1/me", w.leadToken, ["away_until": "2026-12-02"])
            #expect(away.status == .ok, "\(away.text)")
            #expect(try away.json()["away_until"] as? String == "2026-12-02")

            let created = try await QuestionTests.ask(w, w.salesToken, ["title": "Mens Lars er borte: Kotlin?", "skills": ["Kotlin"]])
            #expect(QuestionTests.routedNames(created) == ["Åse Utvikler", "Otto Utenfor", "Dina Leder"])
            let experts = try await w.send(.GET, "/api/v1/experts?skill=kotlin", w.salesToken).items()
            #expect(experts.first { ($0["person"] as? [String: Any])?["name"] as? String == "Lars Leveranse" }?["availability"] as? String == "on_leave")
            let siri = Browser(app)
            try await siri.signIn(w.sales.email)
            #expect(try await siri.get("/experts?skill=Kotlin").text.contains("borte nå"))

            // The day after his last day away, he is asked again; an empty value ends leave at once.
            app.clock.set(QuestionTests.morning("2026-12-03"))
            #expect(try await w.send(.GET, "/api/v1/me", w.leadToken).json()["away_until"] is NSNull)
            #expect(QuestionTests.routedNames(try await QuestionTests.ask(w, w.salesToken, ["title": "Tilbake: Kotlin?", "skills": ["Kotlin"]])).first
                    == "Lars Leveranse")
            #expect(try await w.send(.PATCH, "/api/v1/me", w.leadToken, ["away_until": "2026-12-10"]).status == .ok)
            #expect(try await w.send(.PATCH, "/api/v1/me", w.leadToken, ["away_until": ""]).status == .ok)
            #expect(try await Person.find(w.lead.id, on: app.db)?.awayUntil == nil)

            // The profile page offers it, and keeps what was typed when it refuses it.
            let lars = Browser(app)
            try await lars.signIn(w.lead.email)
            #expect(try await lars.get("/me/profile").text.contains("Borte til og med"))
            let refused = try await lars.post("/me/profile", form: ["name": "Lars Leveranse", "away_until": "2026-11-01"])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("value=\"2026-11-01\""))
        }
    }
}
