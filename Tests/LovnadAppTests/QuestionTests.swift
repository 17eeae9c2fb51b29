import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

/// Questions through the API on every database the suite runs on: asking routes to the people who
/// know, with reasons; answers, votes, acceptance and claims follow their rules; escalation follows the
/// clock; confidential questions stay with their engagement.
@Suite struct QuestionTests {
    struct World {
        let w: EngagementWorld
        let salesLeader: Person
        let salesLeaderToken: String
    }

    /// 09:00 in Oslo on a given day.
    static func morning(_ day: String) -> Date { Day(day)!.start(in: TimeZone(identifier: "Europe/Oslo")!).addingTimeInterval(9 * 3600) }

    /// Kotlin levels: Lars 5, Åse 4, Otto 3, Dina 2; Siri asks.
    static func world(_ app: Application) async throws -> World {
        app.clock.set(morning("2026-12-01"))
        let w = try await EngagementWorld.make(app)
        let salesLeader = try await Fixture.person(app, "Sara Salgsleder", roles: [.leader, .consultant], department: "Salg")
        for (token, level) in [(w.leadToken, 5), (w.devToken, 4), (w.outsiderToken, 3), (w.devLeaderToken, 2)] {
            let put = try await w.send(.PUT, "/api/v1/me/skills", token, [["skill": "Kotlin", "level": level]])
            #expect(put.status == .ok, "\(put.text)")
        }
        return World(w: w, salesLeader: salesLeader, salesLeaderToken: try await Fixture.token(app, for: salesLeader))
    }

    static func ask(_ w: EngagementWorld, _ token: String, _ body: [String: Any]) async throws -> [String: Any] {
        let r = try await w.send(.POST, "/api/v1/questions", token, body)
        guard r.status == .created else { throw TestFailure("ask: \(r.status) \(r.text)") }
        return try r.json()
    }

    static func routedNames(_ created: [String: Any]) -> [String] {
        (created["routed_to"] as? [[String: Any]] ?? []).compactMap { ($0["person"] as? [String: Any])?["name"] as? String }
    }

    @Test func askingRoutesToTheThreeWhoKnowBestWithReasonsAndTellsThem() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let created = try await Self.ask(w, w.salesToken, ["title": "Hvordan tester vi korutiner i Kotlin?", "body": "Vi bruker *runTest*.",
                                                               "skills": ["kotlin"], "needed_by": "today"])
            #expect(Self.routedNames(created) == ["Lars Leveranse", "Åse Utvikler", "Otto Utenfor"])
            let first = try #require((created["routed_to"] as? [[String: Any]])?.first)
            #expect(first["reasons"] as? [String] == ["nivå 5 i Kotlin"])
            #expect((first["person"] as? [String: Any])?["email"] as? String != nil, "the person as the people API shows them")
            let question = try #require(created["question"] as? [String: Any])
            #expect((question["skills"] as? [[String: Any]])?.map { $0["name"] as? String } == ["Kotlin"])
            #expect(question["html"] as? String == "<p>Vi bruker <em>runTest</em>.</p>")
            #expect(question["escalation_step"] as? String == "routed")
            #expect(question["next_step_at"] as? String != nil)

            // Those asked are told; the one who was not (Dina) is not.
            let notes = try await w.send(.GET, "/api/v1/notifications", w.leadToken).items()
            #expect(notes.first?["text"] as? String == "Siri Salg asks you: Hvordan tester vi korutiner i Kotlin?")
            #expect(notes.first?["href"] as? String == "/questions/\(created["id"] as! String)")
            #expect(try await w.send(.GET, "/api/v1/notifications", w.devLeaderToken).items().isEmpty)

            // Questions for you: Lars has it; Siri, who asked, does not.
            let forLars = try await w.send(.GET, "/api/v1/questions?for_me=true", w.leadToken).items()
            #expect(forLars.map { $0["id"] as? String } == [created["id"] as? String])
            #expect(try await w.send(.GET, "/api/v1/questions?for_me=true", w.salesToken).items().isEmpty)
            #expect(try await w.send(.GET, "/api/v1/questions?skill=Kotlin&state=open", w.outsiderToken).items().count == 1)
            #expect(try await w.send(.GET, "/api/v1/questions?skill=Kubernetes", w.outsiderToken).items().isEmpty)
        }
    }

    @Test func howManyAreAskedIsASetting() async throws {
        try await withLovnad { app in
            let w = try await Self.world(app).w
            app.settings.routeTo = 2
            let created = try await Self.ask(w, w.salesToken, ["title": "Bare to spørres om Kotlin?", "skills": ["Kotlin"], "needed_by": "hour"])
            #expect(Self.routedNames(created) == ["Lars Leveranse", "Åse Utvikler"])
            app.clock.set(Self.morning("2026-12-01").addingTimeInterval(61 * 60))
            try await app.jobs.runDue(app: app)
            let routes = try await w.send(.GET, "/api/v1/questions/\(created["id"] as! String)", w.salesToken).json()["routes"] as? [[String: Any]] ?? []
            #expect(Set(routes.filter { $0["step"] as? String == "more_experts" }.compactMap { ($0["person"] as? [String: Any])?["name"] as? String })
                    == ["Otto Utenfor", "Dina Leder"])
        }
    }

    @Test func badQuestionsAreRefusedNamingTheProblemAndStoreNothing() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let unknown = try await w.send(.POST, "/api/v1/questions", w.salesToken, ["title": "Hva med Haskell?", "skills": ["Kotlin", "Haskell"]])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.errorFields["skills"]?.contains("Haskell") == true, "\(unknown.text)")
            for (body, field) in [
                (["title": "Uten ferdighet", "skills": [String]()] as [String: Any], "skills"),
                (["title": "", "skills": ["Kotlin"]], "title"),
                (["title": "Når da?", "skills": ["Kotlin"], "needed_by": "yesterday"], "needed_by"),
                (["title": "Hvem ser?", "skills": ["Kotlin"], "visibility": "world"], "visibility"),
                (["title": "Hvilket oppdrag?", "skills": ["Kotlin"], "visibility": "engagement"], "engagement_id"),
                (["title": "Fremmed oppdrag", "skills": ["Kotlin"], "engagement_id": UUID().uuidString], "engagement_id"),
            ] {
                let r = try await w.send(.POST, "/api/v1/questions", w.salesToken, body)
                #expect(r.status == .unprocessableEntity, "\(body)")
                #expect(r.errorFields[field] != nil, "\(body): \(r.text)")
            }
            #expect(try await w.send(.POST, "/api/v1/questions", w.salesToken, ["title": 12]).status == .badRequest)
            #expect(try await Question.query(on: app.db).count() == 0)
            #expect(try await QuestionRoute.query(on: app.db).count() == 0)
            #expect(try await AppNotification.query(on: app.db).count() == 0)
        }
    }

    @Test func answersVotesAcceptanceAndClaimsFollowTheirRules() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let created = try await Self.ask(w, w.salesToken, ["title": "Kotlin eller Java for ny tjeneste?", "skills": ["Kotlin"], "needed_by": "week"])
            let id = try #require(created["id"] as? String)

            // Lars is on it: Siri sees it and hears of it; Åse cannot take it from him; Siri cannot claim her own.
            let claimed = try await w.send(.POST, "/api/v1/questions/\(id)/claim", w.leadToken)
            #expect(claimed.status == .ok)
            #expect((try claimed.json()["claimed_by"] as? [String: Any])?["name"] as? String == "Lars Leveranse")
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/claim", w.devToken).status == .conflict)
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/claim", w.salesToken).status == .forbidden)
            #expect(try await w.send(.DELETE, "/api/v1/questions/\(id)/claim", w.devToken).status == .forbidden)

            let answered = try await w.send(.POST, "/api/v1/questions/\(id)/answers", w.leadToken, ["body": "Kotlin, med **coroutines**."])
            #expect(answered.status == .created, "\(answered.text)")
            let answerID = try #require(try answered.json()["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/answers", w.leadToken, ["body": "  "]).status == .unprocessableEntity)

            // One up-vote each, never one's own; a second is 409.
            #expect(try await w.send(.POST, "/api/v1/answers/\(answerID)/votes", w.leadToken).status == .forbidden)
            let voted = try await w.send(.POST, "/api/v1/answers/\(answerID)/votes", w.devToken)
            #expect(voted.status == .ok)
            #expect(try voted.json()["votes"] as? Int == 1)
            #expect(try voted.json()["voted"] as? Bool == true)
            let again = try await w.send(.POST, "/api/v1/answers/\(answerID)/votes", w.devToken)
            #expect(again.status == .conflict)
            #expect(again.errorCode == "conflict")

            // Only the asker accepts; then Lars is the answer's verifier.
            #expect(try await w.send(.POST, "/api/v1/answers/\(answerID)/accept", w.devToken).status == .forbidden)
            let accepted = try await w.send(.POST, "/api/v1/answers/\(answerID)/accept", w.salesToken)
            #expect(accepted.status == .ok)
            #expect(try accepted.json()["accepted"] as? Bool == true)
            #expect((try accepted.json()["verifier"] as? [String: Any])?["name"] as? String == "Lars Leveranse")

            // A comment on the answer, and one naming an answer of another question, which is refused.
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/comments", w.salesToken,
                                     ["body": "Takk!", "answer_id": answerID]).status == .created)
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/comments", w.salesToken,
                                     ["body": "Hm", "answer_id": UUID().uuidString]).status == .unprocessableEntity)

            let detail = try await w.send(.GET, "/api/v1/questions/\(id)", w.outsiderToken).json()
            let q = try #require(detail["question"] as? [String: Any])
            #expect(q["accepted_answer_id"] as? String == answerID)
            #expect(q["answer_count"] as? Int == 1)
            #expect(q["next_step_at"] is NSNull, "an answer ends escalation")
            #expect((detail["answers"] as? [[String: Any]])?.first?["html"] as? String == "<p>Kotlin, med <strong>coroutines</strong>.</p>")
            #expect((detail["comments"] as? [[String: Any]])?.first?["answer_id"] as? String == answerID)
            #expect((detail["routes"] as? [[String: Any]])?.count == 3)

            // Resolving is the asker's; someone else's id is 404 on every route.
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/resolve", w.leadToken).status == .forbidden)
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/resolve", w.salesToken).json()["state"] as? String == "resolved")
            let unknown = UUID().uuidString
            for (method, path) in [(HTTPMethod.GET, "/api/v1/questions/\(unknown)"), (.POST, "/api/v1/questions/\(unknown)/answers"),
                                   (.POST, "/api/v1/questions/\(unknown)/claim"), (.POST, "/api/v1/answers/\(unknown)/votes"),
                                   (.POST, "/api/v1/answers/\(unknown)/accept"), (.POST, "/api/v1/answers/\(unknown)/promise"),
                                   (.POST, "/api/v1/messages/\(unknown)/question")] {
                #expect(try await w.send(method, path, w.salesToken, ["body": "x", "skills": ["Kotlin"]]).status == .notFound, "\(path)")
            }
        }
    }

    @Test func twoVotesAtOnceCountOnce() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let id = try #require(try await Self.ask(w, w.salesToken, ["title": "Raske stemmer?", "skills": ["Kotlin"]])["id"] as? String)
            let answerID = try #require(try await w.send(.POST, "/api/v1/questions/\(id)/answers", w.leadToken, ["body": "Ja"]).json()["id"] as? String)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<4 { group.addTask { try await w.send(.POST, "/api/v1/answers/\(answerID)/votes", w.devToken).status } }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .ok }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .conflict }.count == 3, "\(statuses)")
            #expect(try await Answer.find(UUID(uuidString: answerID)!, on: app.db)?.votes == 1)
            #expect(try await AnswerVote.query(on: app.db).count() == 1)
        }
    }

    /// Writes that read and change one question take turns (PostgreSQL holds its row): four claims at once
    /// give one claimer, four answers at once count four, three conversions of one message make one question.
    @Test func concurrentClaimsAnswersAndConversionsOfOneQuestionTakeTurns() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let tokens = [w.leadToken, w.devToken, w.outsiderToken, w.devLeaderToken]
            func together(_ requests: [@Sendable () async throws -> HTTPStatus]) async throws -> [HTTPStatus] {
                try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                    for r in requests { group.addTask { try await r() } }
                    return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                }
            }
            let claimed = try #require(try await Self.ask(w, w.salesToken, ["title": "Hvem tar denne?", "skills": ["Kotlin"]])["id"] as? String)
            let claims = try await together(tokens.map { token in { try await w.send(.POST, "/api/v1/questions/\(claimed)/claim", token).status } })
            #expect(claims.filter { $0 == .ok }.count == 1, "\(claims)")
            #expect(claims.filter { $0 == .conflict }.count == 3, "\(claims)")
            #expect(try await AppNotification.query(on: app.db).filter(\.$kind == "question_claimed").count() == 1)

            let answered = try #require(try await Self.ask(w, w.salesToken, ["title": "Mange svar?", "skills": ["Kotlin"]])["id"] as? String)
            let answers = try await together(tokens.map { token in
                { try await w.send(.POST, "/api/v1/questions/\(answered)/answers", token, ["body": "Ja"]).status }
            })
            #expect(answers == [.created, .created, .created, .created])
            #expect(try await Question.find(UUID(uuidString: answered)!, on: app.db)?.answerCount == 4)

            let channel = try await w.newChannel(w.leadToken, ["name": "Kotlin-fag", "kind": "topic"])
            let message = try #require(try await w.postMessage(w.leadToken, channel: channel, "Hvordan bygger vi raskere?")["id"] as? String)
            let conversions = try await together((0..<3).map { _ in
                { try await w.send(.POST, "/api/v1/messages/\(message)/question", w.leadToken, ["skills": ["Kotlin"]]).status }
            })
            #expect(conversions.filter { $0 == .created }.count == 1, "\(conversions)")
            #expect(conversions.filter { $0 == .conflict }.count == 2, "\(conversions)")
            #expect(try await Question.query(on: app.db).filter(\.$sourceMessageID == UUID(uuidString: message)!).count() == 1)
        }
    }

    @Test func anUnansweredQuestionEscalatesToMoreExpertsThenTheDepartmentLeader() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let id = try #require(try await Self.ask(w, w.salesToken, ["title": "Hjelp med Gradle", "skills": ["Kotlin"], "needed_by": "hour"])["id"] as? String)
            func question() async throws -> [String: Any] { try await w.send(.GET, "/api/v1/questions/\(id)", w.salesToken).json() }

            // Within the hour nothing happens; after it, Dina (the next who knows) is asked.
            app.clock.set(Self.morning("2026-12-01").addingTimeInterval(30 * 60))
            try await app.jobs.runDue(app: app)
            #expect((try await question()["routes"] as? [[String: Any]])?.count == 3)
            app.clock.set(Self.morning("2026-12-01").addingTimeInterval(61 * 60))
            try await app.jobs.runDue(app: app)
            var detail = try await question()
            #expect((detail["question"] as? [String: Any])?["escalation_step"] as? String == "more_experts")
            let second = (detail["routes"] as? [[String: Any]] ?? []).filter { $0["step"] as? String == "more_experts" }
            #expect(second.compactMap { ($0["person"] as? [String: Any])?["name"] as? String } == ["Dina Leder"])
            #expect(try await w.send(.GET, "/api/v1/notifications", w.devLeaderToken).items().first?["text"] as? String
                    == "Still unanswered, from Siri Salg: Hjelp med Gradle")

            // Lars says he is on it: the next step waits an hour from then.
            app.clock.set(Self.morning("2026-12-01").addingTimeInterval(90 * 60))
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/claim", w.leadToken).status == .ok)
            app.clock.set(Self.morning("2026-12-01").addingTimeInterval(125 * 60))
            try await app.jobs.runDue(app: app)
            #expect((try await question()["question"] as? [String: Any])?["escalation_step"] as? String == "more_experts")

            // An hour after the claim, the leader of Siri's department is asked.
            app.clock.set(Self.morning("2026-12-01").addingTimeInterval(151 * 60))
            try await app.jobs.runDue(app: app)
            detail = try await question()
            #expect((detail["question"] as? [String: Any])?["escalation_step"] as? String == "department_leader")
            #expect((detail["question"] as? [String: Any])?["next_step_at"] is NSNull)
            let leader = try #require((detail["routes"] as? [[String: Any]])?.last)
            #expect((leader["person"] as? [String: Any])?["name"] as? String == "Sara Salgsleder")
            #expect(leader["reasons"] as? [String] == ["leder avdelingen til den som spør"])
            app.clock.set(Self.morning("2026-12-03"))
            try await app.jobs.runDue(app: app)
            #expect((try await question()["routes"] as? [[String: Any]])?.count == 5, "no step after the last")
        }
    }

    @Test func anEngagementsQuestionStaysWithThoseWhoSeeTheEngagement() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let engagement = try await w.inHandover(title: "Fjellvann byggesak")
            #expect(try await w.send(.PATCH, "/api/v1/engagements/\(engagement)", w.salesToken, ["delivery_lead_id": w.lead.id!.uuidString]).status == .ok)
            let staffed = try await w.send(.POST, "/api/v1/engagements/\(engagement)/staffing", w.leadToken,
                                           ["profile_id": "p1", "person_id": w.dev.id!.uuidString])
            #expect(staffed.status == .created, "\(staffed.text)")
            let created = try await Self.ask(w, w.salesToken, ["title": "Fortrolig spørsmål om Kotlin-oppsettet", "skills": ["Kotlin"],
                                                               "engagement_id": engagement])
            let id = try #require(created["id"] as? String)
            #expect((created["question"] as? [String: Any])?["visibility"] as? String == "engagement")
            // Otto knows Kotlin but may not see the engagement: Lars (its delivery lead), Åse (on its team) and Dina (who leads her) are asked.
            #expect(Self.routedNames(created) == ["Lars Leveranse", "Åse Utvikler", "Dina Leder"])
            // Åse was staffed on the engagement, whose handover asks for Kotlin: that counts, and says so.
            let ase = (created["routed_to"] as? [[String: Any]])?.first { ($0["person"] as? [String: Any])?["name"] as? String == "Åse Utvikler" }
            #expect(ase?["reasons"] as? [String] == ["nivå 4 i Kotlin", "1 oppdrag med disse ferdighetene"])
            #expect(try await w.send(.GET, "/api/v1/questions/\(id)", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.POST, "/api/v1/questions/\(id)/answers", w.outsiderToken, ["body": "Jeg vet!"]).status == .notFound)
            #expect(try await w.send(.GET, "/api/v1/questions", w.outsiderToken).items().isEmpty)
            #expect(try await w.send(.GET, "/api/v1/questions/\(id)", w.devToken).status == .ok)
            // Every route that takes its id, or its answer's, is 404 to him, and changes nothing.
            let answerID = try #require(try await w.send(.POST, "/api/v1/questions/\(id)/answers", w.devToken, ["body": "Se oppsettet"])
                .json()["id"] as? String)
            for (method, path) in [(HTTPMethod.POST, "/api/v1/questions/\(id)/comments"), (.POST, "/api/v1/questions/\(id)/claim"),
                                   (.DELETE, "/api/v1/questions/\(id)/claim"), (.POST, "/api/v1/questions/\(id)/resolve"),
                                   (.POST, "/api/v1/answers/\(answerID)/votes"), (.POST, "/api/v1/answers/\(answerID)/accept"),
                                   (.POST, "/api/v1/answers/\(answerID)/promise")] {
                #expect(try await w.send(method, path, w.outsiderToken, ["body": "x", "due": "2026-12-04"]).status == .notFound, "\(method) \(path)")
            }
            let otto = Browser(app)
            try await otto.signIn(w.outsider.email)
            #expect(try await otto.get("/questions/\(id)").status == .notFound)
            try await otto.get("/questions")
            for path in ["/questions/\(id)/answers", "/questions/\(id)/claim", "/questions/\(id)/resolve", "/answers/\(answerID)/votes",
                         "/answers/\(answerID)/accept"] {
                #expect(try await otto.post(path, form: ["body": "x"]).status == .notFound, "\(path)")
            }
            #expect(try await QuestionComment.query(on: app.db).count() == 0)
            #expect(try await AnswerVote.query(on: app.db).count() == 0)
            #expect(try await Question.find(UUID(uuidString: id)!, on: app.db)?.$claimedBy.id == nil)
            #expect(try await w.send(.POST, "/api/v1/skills/\(UUID())/follow", w.outsiderToken).status == .notFound)
            let found = try await SearchTests.search(w, w.outsiderToken, "fortrolig", "&type=question")
            #expect(found.isEmpty)
            #expect(try await SearchTests.search(w, w.devToken, "fortrolig", "&type=question").count == 1)
        }
    }

    @Test func aChannelQuestionBecomesAQuestionWithItsRepliesAsAnswersAndComments() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let channel = try await w.newChannel(w.leadToken, ["name": "Kotlin-fag", "kind": "topic"])
            for token in [w.devToken, w.salesToken] {
                #expect(try await w.send(.POST, "/api/v1/channels/\(channel)/members", token).status == .ok)
            }
            let asked = try await w.postMessage(w.leadToken, channel: channel, "Hvordan setter vi opp ktlint i Gradle?")
            let messageID = try #require(asked["id"] as? String)
            _ = try await w.postMessage(w.devToken, channel: channel, "Bruk pluginen org.jlleitschuh.", thread: messageID)
            _ = try await w.postMessage(w.leadToken, channel: channel, "Takk, det virket.", thread: messageID)

            #expect(try await w.send(.POST, "/api/v1/messages/\(messageID)/question", w.devToken, ["skills": ["Kotlin"]]).status == .forbidden)
            let made = try await w.send(.POST, "/api/v1/messages/\(messageID)/question", w.leadToken, ["skills": ["Kotlin"]])
            #expect(made.status == .created, "\(made.text)")
            let created = try made.json()
            let q = try #require(created["question"] as? [String: Any])
            #expect(q["title"] as? String == "Hvordan setter vi opp ktlint i Gradle?")
            #expect((q["author"] as? [String: Any])?["name"] as? String == "Lars Leveranse")
            #expect(q["source_message_id"] as? String == messageID)
            #expect(Self.routedNames(created).isEmpty, "answered in the channel already")
            let detail = try await w.send(.GET, "/api/v1/questions/\(q["id"] as! String)", w.salesToken).json()
            #expect((detail["answers"] as? [[String: Any]])?.map { $0["body"] as? String } == ["Bruk pluginen org.jlleitschuh."])
            #expect((detail["comments"] as? [[String: Any]])?.map { $0["body"] as? String } == ["Takk, det virket."])
            #expect(try await w.send(.POST, "/api/v1/messages/\(messageID)/question", w.leadToken, ["skills": ["Kotlin"]]).status == .conflict)
        }
    }

    @Test func similarAnsweredQuestionsAreSuggestedWhileTheTitleIsTyped() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let answered = try #require(try await Self.ask(w, w.salesToken, ["title": "Hvordan konfigurerer vi Kotlin-kompilatoren?", "skills": ["Kotlin"]])["id"] as? String)
            _ = try await Self.ask(w, w.salesToken, ["title": "Konfigurering av kompilatoren uten svar", "skills": ["Kotlin"]])
            #expect(try await w.send(.POST, "/api/v1/questions/\(answered)/answers", w.leadToken, ["body": "Se build.gradle.kts"]).status == .created)
            let typed = "hvordan konfigurerer vi kompilat".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            let similar = try await w.send(.GET, "/api/v1/questions/similar?title=\(typed)", w.devToken).items()
            #expect(similar.map { $0["id"] as? String } == [answered], "only answered questions, and the last word as a prefix")
            #expect(similar.first?["url"] as? String == "/questions/\(answered)")
            #expect(try await w.send(.GET, "/api/v1/questions/similar?title=hvordan", w.devToken).items().isEmpty)
            #expect(try await w.send(.GET, "/api/v1/questions/similar?title=\(String(repeating: "a", count: 600))", w.devToken).status
                    == .unprocessableEntity)
            // Answers are found by search too, leading to their place on the question.
            let hits = try await SearchTests.search(w, w.devToken, "gradle", "&type=answer")
            #expect(hits.first?["url"] as? String == "/questions/\(answered)#answer-\(try #require(hits.first?["id"] as? String))")
        }
    }

    @Test func anAnswerCanBecomeAPromiseToTheAskerOnce() async throws {
        try await withLovnad { app in
            let world = try await Self.world(app)
            let w = world.w
            let id = try #require(try await Self.ask(w, w.salesToken, ["title": "Når kommer Kotlin 2.2?", "skills": ["Kotlin"]])["id"] as? String)
            let answerID = try #require(try await w.send(.POST, "/api/v1/questions/\(id)/answers", w.leadToken,
                                                         ["body": "Jeg finner ut av det innen fredag."]).json()["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/answers/\(answerID)/promise", w.devToken, ["due": "2026-12-04"]).status == .forbidden)
            let promised = try await w.send(.POST, "/api/v1/answers/\(answerID)/promise", w.leadToken, ["due": "2026-12-04"])
            #expect(promised.status == .created, "\(promised.text)")
            let promise = try promised.json()
            #expect(promise["text"] as? String == "Jeg finner ut av det innen fredag.")
            #expect((promise["to"] as? [String: Any])?["id"] as? String == w.sales.id!.uuidString)
            #expect(promise["source"] as? String == "answer")
            #expect(try await w.send(.POST, "/api/v1/answers/\(answerID)/promise", w.leadToken, ["due": "2026-12-04"]).status == .conflict)
            #expect(try await Promise.query(on: app.db).count() == 1)
            // Nobody claims by hand that a promise came from an answer, an expectation or a log entry: those steps make them.
            for source in ["answer", "handover", "log_entry"] {
                let forged = try await w.send(.POST, "/api/v1/promises", w.leadToken, ["text": "x", "due": "2026-12-04", "source": source,
                                                                                        "to": ["type": "person", "id": w.sales.id!.uuidString]])
                #expect(forged.status == .unprocessableEntity, "\(source)")
                #expect(forged.errorFields["source"] != nil, "\(source)")
            }
            #expect(try await Promise.query(on: app.db).count() == 1)
        }
    }
}
