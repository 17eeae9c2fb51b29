import Fluent
import Vapor
import LovnadCore

/// Fjordkompetanse's promise ledger: leaders' promises to their people and departments, and the
/// engagements' promises to customers, made and settled through the real actions with the clock moved
/// back. The company gets better at keeping its word over the year, so the trend means something.
enum DemoPromises {
    static let toPeople = [
        "Medarbeidersamtale med deg", "Tilbakemelding på ønsket om nytt oppdrag", "Betale sertifiseringen du søkte om",
        "Sette av to fagdager til kurs", "Avklare lønnsjustering", "Finne en fadder til deg i avdelingen",
        "Gi deg svar på permisjonssøknaden", "Besøke deg hos kunden", "Sette opp plan for kompetanseheving",
        "Sjekke inn etter første måned på oppdraget", "Ta opp arbeidsmengden med kunden", "Skaffe ny PC",
    ]
    static let toDepartments = [
        "Fagkveld om testautomatisering", "Dele referat fra ledermøtet", "Avdelingsmøte med sosialt etterpå",
        "Oppdatere kompetansematrisen", "Plan for høstens kurs",
    ]
    static let toCustomers = [
        "Sende statusrapport", "Demo av ny funksjonalitet for styringsgruppen", "Estimat for endringsønsket",
        "Rette feilen i innsendingsskjemaet", "Oppdatere dokumentasjonen for drift", "Workshop med brukerne",
        "Forslag til testplan", "Svar på spørsmål om personvern", "Ytelsestest før lansering",
    ]

    enum Outcome { case keptOnTime, keptLate, broken, renegotiatedInTime, released, disputed }

    static func seed(app: Application, progress: @escaping @Sendable (String) -> Void) async throws -> Int {
        let people = try await Person.query(on: app.db).all()
        func actor(_ p: Person) -> CurrentUser { CurrentUser(person: p, credential: .commandLine) }
        let byID = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0) })
        let today = app.clock.now()
        let morning = Day(today, in: app.settings.timeZone).start(in: app.settings.timeZone).addingTimeInterval(9 * 3600)
        func at(daysAgo: Int) { app.clock.set(morning.addingTimeInterval(Double(-daysAgo) * 86_400)) }
        var rng = SeededGenerator(seed: 11)
        var count = 0

        /// Makes one promise `madeDaysAgo`, due `dueIn` days later, and plays out its outcome if due has come.
        func play(owner: Person, to kind: PromiseReceiverKind, receiverID: UUID, engagementID: UUID?, text: String,
                  source: PromiseSource, madeDaysAgo: Int, dueIn: Int) async throws {
            at(daysAgo: madeDaysAgo)
            let due = Day(app.clock.now(), in: app.settings.timeZone).adding(days: dueIn)
            let made = try await PromiseActions.make(.init(text: text, due: due.description, receiverKind: kind.rawValue,
                                                           receiverID: receiverID, engagementID: engagementID, source: source.rawValue),
                                                     actor: actor(owner), app: app)
            count += 1
            let id = made[0].id!
            let dueDaysAgo = madeDaysAgo - dueIn
            guard dueDaysAgo > 0 || Int.random(in: 0..<4, using: &rng) == 0 else { return }  // some are kept early
            if dueDaysAgo > 0 && dueDaysAgo < 40 && Int.random(in: 0..<12, using: &rng) == 0 { return }  // a few are overdue now
            // Keeping one's word improves over the year: 70 % on time a year ago, about 90 % now.
            let onTimeChance = 0.9 - 0.2 * Double(max(0, dueDaysAgo)) / 300
            let roll = Double.random(in: 0..<1, using: &rng)
            let outcome: Outcome = roll < onTimeChance ? (kind == .person && Int.random(in: 0..<25, using: &rng) == 0 ? .disputed : .keptOnTime)
                : roll < onTimeChance + 0.10 ? .keptLate : roll < onTimeChance + 0.15 ? .broken
                : roll < onTimeChance + 0.19 ? .renegotiatedInTime : (kind == .person ? .keptLate : .released)
            let settleDaysAgo: Int
            switch outcome {
            case .keptLate, .broken: settleDaysAgo = max(0, dueDaysAgo - Int.random(in: 1...6, using: &rng))
            default: settleDaysAgo = min(madeDaysAgo, max(0, dueDaysAgo) + Int.random(in: 0...3, using: &rng))
            }
            guard settleDaysAgo >= 0, settleDaysAgo <= madeDaysAgo else { return }
            at(daysAgo: settleDaysAgo)
            let who = actor(owner)
            switch outcome {
            case .keptOnTime, .keptLate, .disputed:
                try await PromiseActions.transition(promiseID: id, step: .init(to: .kept, note: "Gjort, se referat i loggen."), actor: who, app: app)
                if kind == .person, let receiver = byID[receiverID], Int.random(in: 0..<3, using: &rng) > 0 || outcome == .disputed {
                    _ = try await PromiseActions.confirm(promiseID: id, kept: outcome != .disputed,
                                                         note: outcome == .disputed ? "Det ble bare halvveis; vi må snakke mer." : "",
                                                         actor: actor(receiver), app: app)
                }
            case .broken:
                try await PromiseActions.transition(promiseID: id, step: .init(to: .broken, note: "Ble nedprioritert da kunden fikk en hastesak."),
                                                    actor: who, app: app)
            case .renegotiatedInTime:
                let newDue = Day(app.clock.now(), in: app.settings.timeZone).adding(days: Int.random(in: 7...21, using: &rng))
                let (_, replacement) = try await PromiseActions.transition(
                    promiseID: id, step: .init(to: .renegotiated, note: "Avtalt ny dato i god tid.", newDue: newDue), actor: who, app: app)
                count += 1
                if let replacement, newDue.ordinal < Day(today, in: app.settings.timeZone).ordinal {
                    at(daysAgo: max(0, Day(today, in: app.settings.timeZone).ordinal - newDue.ordinal))
                    try await PromiseActions.transition(promiseID: replacement.id!, step: .init(to: .kept, note: "Levert på ny dato."),
                                                        actor: who, app: app)
                }
            case .released:
                try await PromiseActions.transition(promiseID: id, step: .init(to: .released, note: "Kunden trengte det ikke likevel."),
                                                    actor: who, app: app)
            }
        }

        // Leaders' promises to their own people, and to their departments.
        let leaders = people.filter { $0.roles.contains(.leader) }.sorted { $0.name < $1.name }
        for leader in leaders {
            let mine = people.filter { $0.id != leader.id && ($0.$leader.id == leader.id || ($0.$department.id == leader.$department.id && $0.$department.id != nil)) }
                .sorted { $0.name < $1.name }
            for person in mine.prefix(9) {
                for _ in 0..<3 {
                    try await play(owner: leader, to: .person, receiverID: person.id!, engagementID: nil,
                                   text: toPeople.randomElement(using: &rng)!, source: [.oneToOne, .none].randomElement(using: &rng)!,
                                   madeDaysAgo: Int.random(in: 5...330, using: &rng), dueIn: Int.random(in: 5...30, using: &rng))
                }
            }
            if let department = leader.$department.id {
                for _ in 0..<3 {
                    try await play(owner: leader, to: .department, receiverID: department, engagementID: nil,
                                   text: toDepartments.randomElement(using: &rng)!, source: .departmentMeeting,
                                   madeDaysAgo: Int.random(in: 5...300, using: &rng), dueIn: Int.random(in: 7...40, using: &rng))
                }
            }
        }

        // The promises of the engagements in delivery to their customers, within each engagement's life.
        let engagements = try await Engagement.query(on: app.db).filter(\.$status == EngagementStatus.delivery.rawValue).sort(\.$title).all()
        for e in engagements {
            let owners = [e.$salesOwner.id] + (e.$deliveryLead.id.map { [$0] } ?? [])
            let started = max(20, Int(today.timeIntervalSince(e.createdAt) / 86_400))
            for _ in 0..<30 {
                try await play(owner: byID[owners.randomElement(using: &rng)!]!, to: .customer, receiverID: e.$customer.id, engagementID: e.id!,
                               text: toCustomers.randomElement(using: &rng)!, source: [.salesMeeting, .none].randomElement(using: &rng)!,
                               madeDaysAgo: Int.random(in: 3...(started - 2), using: &rng), dueIn: Int.random(in: 5...25, using: &rng))
            }
        }

        // A 1:1 every second week, occurrence by occurrence.
        if let leader = people.first(where: { $0.name == "Ingrid Solberg" }), let ola = people.first(where: { $0.name == "Ola Kristiansen" }) {
            at(daysAgo: 0)
            let first = Day(app.clock.now(), in: app.settings.timeZone).adding(days: 3)
            let series = try await PromiseActions.make(.init(text: "1:1 med Ola", due: first.description, receiverKind: PromiseReceiverKind.person.rawValue,
                                                             receiverID: ola.id!, source: PromiseSource.oneToOne.rawValue,
                                                             recurrence: .init(every: 2, unit: "week", until: first.adding(days: 180).description)),
                                                       actor: actor(leader), app: app)
            count += series.count
        }
        app.clock.reset()
        progress("promises: \(count)")
        return count
    }
}
