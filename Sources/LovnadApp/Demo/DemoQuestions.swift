import Fluent
import Vapor
import LovnadCore

/// Fjordkompetanse's questions: 150 over the demo's skills in the last months and a few older ones,
/// asked and answered through the actions at their times. Most are answered and many accepted; some
/// are still open (the newest escalate when the demo starts), and accepted answers older than the check
/// period wait for their verifier.
enum DemoQuestions {
    static let questionCount = 150

    static let titles = [
        "Hvordan kommer vi raskt i gang med %@ hos en ny kunde?", "Hva er beste praksis for testing med %@?",
        "Hvordan overvåker dere %@ i produksjon?", "Har noen en god mal for oppsett av %@?",
        "Hvordan feilsøker vi treg ytelse i %@?", "Hvilken versjon av %@ anbefaler dere nå?",
        "Hvordan lærer en nyansatt seg %@ på kort tid?", "Hva bør vi passe oss for når vi oppgraderer %@?",
        "Hvordan dokumenterer dere valgene rundt %@?", "Noen erfaringer med %@ i offentlig sektor?",
        "Hvordan estimerer vi arbeid med %@ i et tilbud?", "Hvordan sikrer vi %@ mot vanlige angrep?",
    ]
    static let bodies = [
        "Vi starter et oppdrag neste uke og vil gjerne unngå de vanligste feilene.",
        "Kunden spør, og jeg vil gi et svar vi kan stå for.", "Har lest dokumentasjonen, men trenger erfaringer fra virkeligheten.",
        "Det haster litt – vi har demo for styringsgruppen snart.", "Gjerne med eksempler fra tidligere oppdrag.",
    ]
    static let answers = [
        "Vi har god erfaring med å starte smått: sett opp et minimalt eksempel først, og utvid når testene er på plass.",
        "Se malen på wikien under «Oppstart». Den har sjekklisten vi brukte hos forrige kunde.",
        "Kort sagt: automatiser det tidlig, og mål før du optimaliserer. Vi brukte **to uker** på å få det stabilt.",
        "Jeg anbefaler siste stabile versjon. Les endringsloggen nøye, spesielt det som står om brudd i bakoverkompatibilitet.",
        "Vi løste det med faste kodegjennomganger og en felles beslutningslogg. Ping meg, så viser jeg deg.",
        "Ta kontakt med fagleder – vi har et kurs på tre timer som dekker det meste.",
    ]
    static let comments = ["Takk, dette hjalp!", "Har dere en lenke til malen?", "Enig, og husk testmiljøet.", "Vi gjorde det samme hos kunden."]

    static func seed(app: Application, progress: @escaping @Sendable (String) -> Void) async throws -> Int {
        var rng = SeededGenerator(seed: 1505)
        let people = try await Person.query(on: app.db).filter(\.$active == true).sort(\.$nameKey).all()
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
        func actor(_ p: Person) -> CurrentUser { CurrentUser(person: p, credential: .commandLine) }
        // Skills people hold, as often as they are held: questions go where the company works.
        let held = try await PersonSkill.query(on: app.db).with(\.$skill).all().map(\.skill.name)
        guard !held.isEmpty, people.count > 3 else { return 0 }
        let zone = app.settings.timeZone
        let today = Day(app.clock.now(), in: zone)
        func at(daysAgo: Int, minutes: Int) -> Date {
            var day = today.adding(days: -daysAgo)
            while !WorkingDays.isWorkingDay(day) { day = day.adding(days: -1) }
            return day.start(in: zone).addingTimeInterval(Double(8 * 60 + minutes) * 60)
        }
        var asked = 0
        for index in 0..<questionCount {
            let skill = held.randomElement(using: &rng)!
            let asker = people.randomElement(using: &rng)!
            // A tenth are old enough that their accepted answers are due for a check; the last dozen are this week's.
            let daysAgo = index < 15 ? Int.random(in: 190...320, using: &rng) : index >= questionCount - 12 ? Int.random(in: 0...2, using: &rng)
                : Int.random(in: 3...90, using: &rng)
            let askedAt = at(daysAgo: daysAgo, minutes: Int.random(in: 0...(7 * 60), using: &rng))
            app.clock.set(askedAt)
            let title = String(format: titles[index % titles.count], skill)
            let need = ["hour", "today", "today", "week"].randomElement(using: &rng)!
            let made: QuestionActions.Asked
            do {
                made = try await QuestionActions.ask(.init(title: title, body: bodies.randomElement(using: &rng)!, skills: [skill], neededBy: need,
                                                           visibility: QuestionVisibility.everyone.rawValue, engagementID: nil),
                                                     actor: actor(asker), app: app)
            } catch let error as AppError where error.status == .unprocessableEntity {
                continue
            }
            asked += 1
            let qID = made.question.id!
            let experts = made.routedTo.compactMap { byID[$0] }
            let recent = daysAgo <= 2
            guard !experts.isEmpty, !(recent && Int.random(in: 0..<3, using: &rng) > 0) else {
                // Still open: some with someone on it.
                if let first = experts.first, Int.random(in: 0..<3, using: &rng) == 0 {
                    app.clock.set(askedAt.addingTimeInterval(20 * 60))
                    _ = try await QuestionActions.claim(qID, actor: actor(first), app: app)
                }
                continue
            }
            // Answered by those asked, the first within minutes to hours.
            var answeredAt = askedAt.addingTimeInterval(Double(Int.random(in: 4...(6 * 60), using: &rng)) * 60)
            var answerIDs: [UUID] = []
            for expert in experts.prefix(Int.random(in: 1...2, using: &rng)) {
                app.clock.set(answeredAt)
                answerIDs.append(try await AnswerActions.answer(qID, body: answers.randomElement(using: &rng)!, actor: actor(expert), app: app).id!)
                answeredAt = answeredAt.addingTimeInterval(Double(Int.random(in: 10...180, using: &rng)) * 60)
            }
            if Int.random(in: 0..<3, using: &rng) == 0 {
                app.clock.set(answeredAt)
                _ = try await AnswerActions.comment(qID, answerID: answerIDs.first, body: comments.randomElement(using: &rng)!, actor: actor(asker), app: app)
            }
            for voter in people.shuffled(using: &rng).prefix(Int.random(in: 0...3, using: &rng))
            where voter.id != asker.id && !experts.prefix(answerIDs.count).contains(where: { $0.id == voter.id }) {
                _ = try await AnswerActions.vote(answerIDs[0], actor: actor(voter), app: app)
            }
            // Most askers accept one; some also mark the question resolved.
            guard Int.random(in: 0..<10, using: &rng) < 8 else { continue }
            app.clock.set(answeredAt.addingTimeInterval(Double(Int.random(in: 15...240, using: &rng)) * 60))
            _ = try await AnswerActions.accept(answerIDs.randomElement(using: &rng)!, actor: actor(asker), app: app)
            if Int.random(in: 0..<2, using: &rng) == 0 { _ = try await QuestionActions.resolve(qID, actor: actor(asker), app: app) }
        }
        app.clock.reset()
        progress("questions: \(asked)")
        return asked
    }
}
