import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

@Suite struct QuestionPagesTests {
    @Test func askAnswerAndAcceptThroughThePagesInBokmal() async throws {
        try await withLovnad { app in
            let world = try await QuestionTests.world(app)
            let w = world.w
            let siri = Browser(app)
            try await siri.signIn(w.sales.email)
            let form = try await siri.get("/questions/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("Still spørsmålet"))

            // A refused question comes back with the problem named and what was typed kept, escaped.
            let bad = try await siri.post("/questions", form: ["title": "<b>Kotlin?</b>", "skills": "Haskell", "needed_by": "today"])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Haskell"))
            #expect(bad.text.contains("&lt;b&gt;Kotlin?&lt;/b&gt;"))
            #expect(!bad.text.contains("<b>Kotlin?</b>"))
            try await siri.get("/questions/new")
            let asked = try await siri.post("/questions", form: ["title": "Hvordan tester vi korutiner?", "body": "Med *runTest*?",
                                                                 "skills": "Kotlin", "needed_by": "today", "visibility": "everyone"])
            #expect(asked.status == .seeOther)
            let question = try #require(try await Question.query(on: app.db).first())
            let page = try await siri.get("/questions/\(question.id!)?done=asked")
            #expect(page.text.contains("Spørsmålet ditt er stilt."))
            #expect(page.text.contains("nivå 5 i Kotlin"))
            #expect(page.text.contains("<em>runTest</em>"))

            // Lars finds it among questions for him and answers it.
            let lars = Browser(app)
            try await lars.signIn(w.lead.email)
            #expect(try await lars.get("/questions").text.contains("Hvordan tester vi korutiner?"))
            try await lars.get("/questions/\(question.id!)")
            #expect(try await lars.post("/questions/\(question.id!)/answers", form: ["body": " "]).status == .unprocessableEntity)
            try await lars.get("/questions/\(question.id!)")
            #expect(try await lars.post("/questions/\(question.id!)/answers", form: ["body": "Bruk `runTest` fra kotlinx."]).status == .seeOther)
            let answer = try #require(try await Answer.query(on: app.db).first())

            // Accepting is Siri's: Lars's attempt is refused on the page, in bokmål.
            try await lars.get("/questions/\(question.id!)")
            let refused = try await lars.post("/answers/\(answer.id!)/accept", form: [:])
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Bare den som spurte"))
            try await siri.get("/questions/\(question.id!)")
            #expect(try await siri.post("/answers/\(answer.id!)/accept", form: [:]).status == .seeOther)
            let accepted = try await siri.get("/questions/\(question.id!)?done=accept")
            #expect(accepted.text.contains("Akseptert svar"))
            #expect(accepted.text.contains("holdes oppdatert av Lars Leveranse"))

            // Someone else's (or no) question is 404 on every page.
            let otto = Browser(app)
            try await otto.signIn(w.outsider.email)
            for path in ["/questions/\(UUID())", "/questions/not-an-id"] { #expect(try await otto.get(path).status == .notFound) }
            try await otto.get("/questions")
            #expect(try await otto.post("/answers/\(UUID())/votes", form: [:]).status == .notFound)
        }
    }
}
