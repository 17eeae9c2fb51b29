import Fluent
import Vapor
import LovnadCore

/// `lovnad bench-data corpus --count N`: what `bench/search.py` searches, written through the writers the
/// product uses so the search index is filled as it is in use: N messages over every channel (the history
/// import), N/10 engagement log entries (the hash-chained log) and N/100 questions, most answered. Their words follow a
/// Zipf curve over a fixed Norwegian vocabulary, so some words are in a large share of the texts and others
/// in a few hundred; the command prints 20 of each kind for the benchmark to search for.
enum BenchCorpusActions {
    /// Everyday words, most frequent first.
    static let head = [
        "kunde", "leveranse", "prosjekt", "møte", "løsning", "test", "team", "plan", "avtale", "rapport",
        "oppdrag", "krav", "endring", "status", "risiko", "budsjett", "frist", "dokumentasjon", "arkitektur", "sprint",
        "bruker", "tjeneste", "system", "integrasjon", "data", "sikkerhet", "drift", "miljø", "versjon", "feil",
    ]
    /// Compounds of these make the long tail: two parts, as Norwegian builds words.
    static let firstParts = [
        "data", "sky", "kode", "test", "plan", "drift", "salg", "fag", "team", "møte", "kunde", "tjeneste", "bruker", "prosjekt",
        "sikkerhets", "integrasjons", "arkitektur", "leveranse", "kvalitets", "kostnads", "ytelse", "design", "tilgangs", "logg",
        "beredskap", "migrerings", "analyse", "opplærings", "innkjøps", "avviks", "budsjett", "release", "hendelses", "kapasitets",
        "lisens", "nettverks", "lagrings", "varslings", "rapport", "endrings",
    ]
    static let lastParts = [
        "modell", "plattform", "rapport", "løsning", "avtale", "oppsett", "kjøring", "rutine", "strategi", "prosess",
        "plan", "møte", "verktøy", "gjennomgang", "oversikt", "logg", "krav", "mal", "test", "miljø",
        "portal", "register", "katalog", "kø", "tabell", "flyt", "oppgave", "risiko", "leder", "ansvarlig",
        "kurs", "analyse", "budsjett", "tjeneste", "kontrakt", "status", "matrise", "prognose", "arkiv", "sjekk",
    ]

    static var vocabulary: [String] {
        var seen = Set(head)
        var words = head
        for a in firstParts { for b in lastParts where seen.insert(a + b).inserted { words.append(a + b) } }
        return words
    }

    /// Words by a Zipf curve (rank r weighs 1/r): the first are in many texts, the last in few.
    struct Words {
        let words = BenchCorpusActions.vocabulary
        private let cumulative: [Double]

        init() {
            var sum = 0.0
            cumulative = words.indices.map { r in sum += 1 / Double(r + 1); return sum }
        }

        func word(_ rng: inout SeededGenerator) -> String {
            let x = Double.random(in: 0..<cumulative.last!, using: &rng)
            var lo = 0, hi = cumulative.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cumulative[mid] < x { lo = mid + 1 } else { hi = mid } }
            return words[lo]
        }

        func text(_ count: ClosedRange<Int>, _ rng: inout SeededGenerator) -> String {
            (0..<Int.random(in: count, using: &rng)).map { _ in word(&rng) }.joined(separator: " ").capitalizedFirst + "."
        }
    }

    static func write(count: Int, app: Application, say: (String) -> Void) async throws {
        var rng = SeededGenerator(seed: 1_000_003)
        let words = Words()
        let start = app.clock.now().addingTimeInterval(-90 * 86_400)

        // Messages over every channel, each by one of its members.
        let members = Dictionary(grouping: try await ChannelMember.query(on: app.db).all(), by: { $0.$channel.id }).mapValues { $0.map { $0.$person.id } }
        let channels = Array(members.keys).sorted { $0.uuidString < $1.uuidString }
        guard !channels.isEmpty else { throw CLIError("no channels with members") }
        var written = 0
        let step = 89 * 86_400 / Double(count)
        while written < count {
            let n = min(10_000, count - written)
            let batch = (0..<n).map { i -> HistoricalMessage in
                let channel = channels.randomElement(using: &rng)!
                return HistoricalMessage(channelID: channel, authorID: members[channel]!.randomElement(using: &rng)!, body: words.text(6...14, &rng),
                                         at: start.addingTimeInterval(Double(written + i) * step), replyTo: nil, reactions: [])
            }
            written += try await HistoryImportActions.importHistory(batch, app: app)
            if written % 100_000 == 0 || written == count { say("\(written) messages") }
        }

        // Log entries in every engagement's chain.
        let engagements = try await Engagement.query(on: app.db).all()
        let logCount = count / 10
        var logged = 0
        let kinds: [LogKind] = [.note, .decision, .change, .risk, .customerContact, .milestone]
        while logged < logCount {
            let n = min(500, logCount - logged)
            let picks = (0..<n).map { _ in (engagements.randomElement(using: &rng)!, kinds.randomElement(using: &rng)!, words.text(8...20, &rng)) }
            try await app.store.write { ctx in
                for (e, kind, body) in picks { try await ctx.appendLog(to: e.id!, kind: kind, body: body, authorID: e.$salesOwner.id) }
            }
            logged += n
            if logged % 20_000 == 0 || logged == logCount { say("\(logged) log entries") }
        }

        // Questions, everyone's, on a skill each; four in five answered within hours by someone who knows
        // the skill, and half of those accepted, so routing's history (accepted answers, speed) is there too.
        let people = try await Person.query(on: app.db).filter(\.$active == true).all(\.$id)
        let skills = try await Skill.query(on: app.db).all(\.$id)
        let knowers = Dictionary(grouping: try await PersonSkill.query(on: app.db).filter(\.$level >= 3).all(), by: { $0.$skill.id })
            .mapValues { $0.map { $0.$person.id } }
        let questionCount = count / 100
        var asked = 0, answered = 0
        while asked < questionCount {
            let n = min(500, questionCount - asked)
            var questions: [Question] = [], tags: [QuestionSkill] = [], answers: [Answer] = []
            for i in 0..<n {
                let body = words.text(10...30, &rng)
                let skill = skills.randomElement(using: &rng)!
                let at = start.addingTimeInterval(Double(asked + i) * 600)
                let q = Question(id: UUID(), authorID: people.randomElement(using: &rng)!, title: words.text(4...9, &rng), body: body,
                                 html: SafeMarkdown.html(body), need: .today, dueAt: at.addingTimeInterval(8 * 3600), visibility: .everyone,
                                 departmentID: nil, engagementID: nil, now: at)
                if let by = knowers[skill]?.randomElement(using: &rng), by != q.$author.id, Int.random(in: 0..<5, using: &rng) > 0 {
                    let text = words.text(10...40, &rng)
                    let answerAt = at.addingTimeInterval(Double(Int.random(in: 5...(10 * 60), using: &rng)) * 60)
                    let a = Answer(id: UUID(), questionID: q.id!, authorID: by, body: text, html: SafeMarkdown.html(text), now: answerAt)
                    q.answerCount = 1
                    q.firstAnswerAt = answerAt
                    q.nextStepAt = nil
                    if Bool.random(using: &rng) {
                        q.acceptedAnswerID = a.id
                        q.acceptedAt = answerAt.addingTimeInterval(3600)
                        a.$verifier.id = by
                        a.confirmedAt = q.acceptedAt
                    }
                    answers.append(a)
                }
                questions.append(q)
                tags.append(QuestionSkill(questionID: q.id!, skillID: skill))
            }
            let (qs, ts, ans) = (questions, tags, answers)
            try await app.store.write { ctx in
                try await qs.create(on: ctx.db)
                try await ts.create(on: ctx.db)
                if !ans.isEmpty { try await ans.create(on: ctx.db) }
                ctx.reindex(.question, qs.map { $0.id! })
                ctx.reindex(.answer, ans.map { $0.id! })
            }
            asked += n
            answered += answers.count
        }
        say("\(asked) questions, \(answered) answered")
        for table in ["messages", "log_entries", "questions", "answers", "search_documents"] { try await BenchDataActions.analyze(table, app: app) }

        // What to search for: the most frequent words, and words from the thin end of the tail.
        let tail = words.words.suffix(400)
        say("common: " + words.words.prefix(20).joined(separator: " "))
        say("rare: " + stride(from: 0, to: tail.count, by: tail.count / 20).prefix(20).map { tail[tail.startIndex + $0] }.joined(separator: " "))
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
