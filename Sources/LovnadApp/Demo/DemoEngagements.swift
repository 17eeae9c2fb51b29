import Fluent
import Vapor
import LovnadCore

/// Fjordkompetanse's customers and engagements, written through the real actions with the clock
/// moved back, so the logs have a believable history.
enum DemoEngagements {
    struct Plan {
        let title: String
        let customer: Int
        let salesOwner: String
        let deliveryLead: String?
        let status: EngagementStatus
        let startedDaysAgo: Int
        let scope: String
        let needs: [String]
        let expectations: [String]
        let roles: [(role: String, skills: [(String, Int)], allocation: Int)]
        let logLines: Int
        /// An expectation sales has not settled yet: it waits to become a promise.
        var openExpectation: String? = nil
    }

    static let customers: [(name: String, org: String, notes: String, contact: (String, String, String))] = [
        ("Fjellvann kommune", "923609016", "Kommune med 40 000 innbyggere; digitaliseringsstrategi vedtatt i 2026.",
         ("Hilde Vik", "Produkteier selvbetjening", "hilde.vik@fjellvann.kommune.no")),
        ("Nordlys Energi AS", "987654325", "Netteier i Nord-Norge; 120 000 målepunkter.", ("Bjørnar Eide", "IT-sjef", "bjornar.eide@nordlys-energi.no")),
        ("Havbris Forsikring ASA", "928374653", "Skadeforsikring for privatmarkedet; sterkt fokus på kundeopplevelse.",
         ("Mari Lunde", "Direktør kundeservice", "mari.lunde@havbris.no")),
        ("Trønder Logistikk AS", "991122338", "Tredjepartslogistikk med 14 lagre i Midt-Norge.", ("Per Ivar Tangen", "CFO", "per.ivar.tangen@tronderlogistikk.no")),
    ]

    static let plans: [Plan] = [
        Plan(title: "Selvbetjening for byggesøknader", customer: 0, salesOwner: "Camilla Strand", deliveryLead: "Henrik Aas", status: .delivery,
             startedDaysAgo: 150, scope: "Ny selvbetjeningsløsning for byggesøknader med veiledning, innsending og status.",
             needs: ["Færre ufullstendige søknader", "Kortere saksbehandlingstid", "Innbyggere skal se status uten å ringe"],
             expectations: ["Pilot i drift før sommerferien", "Universell utforming etter WCAG 2.1 AA", "Opplæring av saksbehandlere"],
             roles: [("Tech lead", [("Kotlin", 4), ("REST API-design", 3)], 100), ("Frontendutvikler", [("React", 4), ("Universell utforming", 3)], 80),
                     ("Tjenestedesigner", [("Tjenestedesign", 4)], 50)], logLines: 45),
        Plan(title: "Skyplattform for målerdata", customer: 1, salesOwner: "Jonas Sæther", deliveryLead: "Ingrid Solberg", status: .delivery,
             startedDaysAgo: 110, scope: "Kubernetes-basert plattform i Azure for innsamling og behandling av målerdata.",
             needs: ["Skalerbar mottak av timesverdier", "Drift med færre nattlige hendelser"],
             expectations: ["Produksjonssatt innen 1. kvartal", "Overvåking med varsling til vakt"],
             roles: [("Plattformarkitekt", [("Kubernetes", 4), ("Microsoft Azure", 4)], 100), ("DevOps-ingeniør", [("Terraform", 3), ("CI/CD", 3)], 100),
                     ("Dataingeniør", [("Kafka", 3)], 60)], logLines: 40),
        Plan(title: "Ny skadeportal", customer: 2, salesOwner: "Camilla Strand", deliveryLead: "Marte Lie", status: .handover,
             startedDaysAgo: 45, scope: "Skademelding på nett for privatkunder, med opplasting av bilder og løpende status.",
             needs: ["Flere skader meldt digitalt", "Raskere første kontakt"],
             expectations: ["Lansering før høstsesongen", "Integrasjon mot eksisterende skadesystem"],
             roles: [("Tech lead", [("TypeScript", 4), ("React", 4)], 100), ("Testleder", [("Testautomatisering", 4)], 50)], logLines: 18,
             openExpectation: "Daglig statusrapport til kunden i lanseringsuken"),
        Plan(title: "Dataplattform og rapportering", customer: 3, salesOwner: "Jonas Sæther", deliveryLead: "Sofie Haugen", status: .won,
             startedDaysAgo: 25, scope: "Felles dataplattform med dbt og Power BI for lager- og transportdata.",
             needs: ["Én sannhet for lagerbeholdning", "Ukentlig rapport uten manuelt arbeid"],
             expectations: ["Første dashbord etter seks uker"],
             roles: [("Dataingeniør", [("dbt", 3), ("SQL", 4)], 100), ("Rapportutvikler", [("Power BI", 4)], 60)], logLines: 12),
        Plan(title: "Mobilapp for kundeservice", customer: 1, salesOwner: "Jonas Sæther", deliveryLead: nil, status: .lead,
             startedDaysAgo: 12, scope: "App for strømkunder: forbruk, varsler om strømbrudd og fakturaer.",
             needs: ["Færre henvendelser til kundesenteret"], expectations: [], roles: [], logLines: 6),
        Plan(title: "Migrering av saksarkiv", customer: 0, salesOwner: "Camilla Strand", deliveryLead: "Henrik Aas", status: .closed,
             startedDaysAgo: 300, scope: "Migrering av 1,2 millioner journalposter til nytt sak-/arkivsystem.",
             needs: ["Gammelt system skal slås av"], expectations: ["Ingen tapte journalposter"],
             roles: [("Utvikler", [("Python", 4), ("SQL", 4)], 100)], logLines: 25),
        Plan(title: "AI-assistent for kundesenter", customer: 2, salesOwner: "Camilla Strand", deliveryLead: nil, status: .lost,
             startedDaysAgo: 60, scope: "Språkmodellbasert assistent som foreslår svar til kundebehandlere.",
             needs: ["Kortere behandlingstid per henvendelse"], expectations: [], roles: [], logLines: 8),
    ]

    static let notes: [(LogKind, String, [String])] = [
        (.customerContact, "Statusmøte med kunden. De er fornøyde med fremdriften, men ønsker tettere oppfølging av testdata.", ["status"]),
        (.decision, "Vi går for **trunk-based development** med korte brancher og automatisk deploy til test.", ["arkitektur"]),
        (.note, "Satt opp felles tavle og rutine for daglig standup kl. 09:15 hos kunden.", ["rutiner"]),
        (.risk, "Kundens testmiljø er ustabilt. Kan forsinke akseptansetest. Tiltak: eget miljø i vår sky.", ["risiko", "test"]),
        (.milestone, "Første versjon demonstrert for styringsgruppen.", ["demo"]),
        (.change, "Kunden ber om innlogging med BankID i første leveranse. Estimert til 60 timer ekstra.", ["endring"]),
        (.customerContact, "Workshop med brukere: tre av fem fant ikke knappen for å laste opp vedlegg.", ["innsikt", "ux"]),
        (.decision, "Vi bruker PostgreSQL i stedet for kundens eksisterende Oracle-instans.", ["arkitektur", "database"]),
        (.note, "Ny konsulent hadde første dag hos kunden; tilganger kom på plass etter lunsj.", ["onboarding"]),
        (.risk, "Nøkkelperson hos kunden går ut i permisjon i mai. Avklart stedfortreder.", ["risiko"]),
        (.milestone, "Produksjonssatt uten hendelser. Takk til alle!", ["leveranse"]),
        (.note, "Retro: vi vil skrive beslutninger inn i loggen samme dag, ikke i etterkant.", ["retro"]),
    ]

    static func seed(app: Application, progress: @escaping @Sendable (String) -> Void) async throws -> Int {
        let people = try await Person.query(on: app.db).all()
        let byName = Dictionary(uniqueKeysWithValues: people.map { ($0.name, $0) })
        func actor(_ name: String) -> CurrentUser { CurrentUser(person: byName[name]!, credential: .commandLine) }
        let admin = actor("Trine Moe")
        var customerIDs: [UUID] = []
        for c in customers {
            let customer = try await CustomerActions.create(.init(name: c.name, orgNumber: c.org, notes: c.notes,
                                                                  contacts: [.init(name: c.contact.0, role: c.contact.1, email: c.contact.2, phone: "")]),
                                                            actor: admin, app: app)
            customerIDs.append(customer.id!)
        }
        let today = app.clock.now()
        var entries = 0
        var rng = SeededGenerator(seed: 7)
        for plan in plans {
            var day = 0
            func at(_ offset: Int) { app.clock.set(today.addingTimeInterval(Double(-plan.startedDaysAgo + offset) * 86400 + 9 * 3600)) }
            at(0)
            let sales = actor(plan.salesOwner)
            let e = try await EngagementActions.create(.init(title: plan.title, customerID: customerIDs[plan.customer], salesOwnerID: sales.id,
                                                             deliveryLeadID: nil), actor: sales, app: app)
            let id = e.id!
            var lines = plan.logLines
            var writers = [plan.salesOwner]
            func logSome(_ n: Int) async throws {
                for _ in 0..<n where lines > 0 {
                    day += Int.random(in: 1...3, using: &rng)
                    at(day)
                    let (kind, body, tags) = notes.randomElement(using: &rng)!
                    let author = writers.randomElement(using: &rng)!
                    _ = try await LogActions.post(engagementID: id, kind: kind.rawValue, body: body, tags: tags, corrects: nil,
                                                  actor: actor(author), app: app)
                    lines -= 1
                }
            }
            try await logSome(3)
            if plan.status == .lost {
                _ = try await EngagementActions.transition(engagementID: id, to: .lost, reason: "Kunden valgte en leverandør med eksisterende plattform.",
                                                           overrideReason: nil, actor: sales, app: app)
                try await logSome(lines)
                continue
            }
            guard plan.status != .lead else { try await logSome(lines); continue }
            day += 2; at(day)
            _ = try await EngagementActions.transition(engagementID: id, to: .won, reason: nil, overrideReason: nil, actor: sales, app: app)
            var package = HandoverPackage()
            package.offer.scope = plan.scope
            package.offer.outOfScope = "Drift og forvaltning etter leveranse avtales separat."
            package.offer.priceModel = plan.customer % 2 == 0 ? .capped : .hourly
            package.offer.value = 800_000 + plan.logLines * 40_000
            package.needs = plan.needs.enumerated().map { .init(id: "n\($0.offset + 1)", text: $0.element) }
            package.expectations = plan.expectations.enumerated().map {
                .init(id: "e\($0.offset + 1)", text: $0.element, notAPromiseReason: "Følges opp i styringsgruppen; ikke et løfte ennå.")
            } + (plan.openExpectation.map { [.init(id: "e\(plan.expectations.count + 1)", text: $0)] } ?? [])
            let start = Day(Self.dayString(today.addingTimeInterval(Double(-plan.startedDaysAgo + 21) * 86400)))!
            let end = Day(Self.dayString(today.addingTimeInterval(Double(-plan.startedDaysAgo + 21 + 180) * 86400)))!
            package.timeline = .init(start: start, end: end, milestones: [.init(id: "m1", title: "Første leveranse", date: Day(Self.dayString(
                today.addingTimeInterval(Double(-plan.startedDaysAgo + 21 + 90) * 86400)))!)])
            package.estimates = [
                .init(id: "s1", phase: "Innsikt og design", hours: 300, assumptions: "To workshops med brukere", confidence: .medium, start: start, end: nil),
                .init(id: "s2", phase: "Utvikling", hours: 1_600, assumptions: "Kunden stiller med produkteier 50 %", confidence: .low, start: nil, end: end),
            ]
            package.profiles = plan.roles.enumerated().map { i, r in
                .init(id: "p\(i + 1)", role: r.role, requirements: r.skills.map { .init(skill: $0.0, minimumLevel: $0.1) },
                      allocationPercent: r.allocation, start: start, end: end)
            }
            package.risks = [.init(id: "r1", description: "Kundens nøkkelpersoner har liten kapasitet", probability: .medium, impact: .high,
                                   mitigation: "Faste arbeidsmøter avtalt på forhånd")]
            let c = customers[plan.customer].contact
            package.contacts = [.init(name: c.0, role: c.1, email: c.2)]
            package.history = [.init(id: "h1", date: Day(Self.dayString(today.addingTimeInterval(Double(-plan.startedDaysAgo - 20) * 86400))), kind: .meeting,
                                     text: "Første møte: kunden er opptatt av at brukerne blir hørt tidlig."),
                               .init(id: "h2", kind: .caresAbout, text: "Forutsigbarhet: de vil heller ha færre funksjoner til avtalt tid.")]
            day += 3; at(day)
            _ = try await HandoverActions.save(engagementID: id, package: package, actor: sales, app: app)
            try await logSome(2)
            if let leadName = plan.deliveryLead {
                try await EngagementActions.setDeliveryLead(engagementID: id, personID: byName[leadName]!.id!, actor: sales, app: app)
                writers.append(leadName)
            }
            guard plan.status != .won else { try await logSome(lines); continue }
            day += 2; at(day)
            _ = try await EngagementActions.transition(engagementID: id, to: .handover, reason: nil, overrideReason: nil, actor: sales, app: app)
            let lead = actor(plan.deliveryLead!)
            // Staff each profile with the best-ranked candidate who is not already over-allocated.
            let state = try await HandoverQueries.state(of: id, on: app.db)
            let suggestions = try await EngagementQueries.staffing(engagementID: id, package: state.package, locale: Localizer(.nb), on: app.db)
            for (i, profile) in suggestions.enumerated() where !(plan.status == .handover && i == suggestions.count - 1) {
                guard let pick = profile.candidates.first(where: { !$0.wouldOverallocate }) ?? profile.candidates.first else { continue }
                day += 1; at(day)
                try await StaffingActions.staff(engagementID: id, profileID: profile.profileId, personID: pick.person.id, actor: lead, app: app)
            }
            guard plan.status != .handover else { try await logSome(lines); continue }
            day += 2; at(day)
            _ = try await HandoverActions.review(engagementID: id, .init(heldOn: Self.dayString(app.clock.now()),
                                                                        participants: "\(plan.salesOwner), \(plan.deliveryLead!) og teamet",
                                                                        notes: "Gikk gjennom selgerens historikk og kundens forventninger.", signOff: true),
                                                 actor: lead, app: app)
            _ = try await EngagementActions.transition(engagementID: id, to: .delivery, reason: nil, overrideReason: nil, actor: lead, app: app)
            let onboarding = try await OnboardingItem.query(on: app.db).filter(\.$engagement.$id == id).all()
            for item in onboarding where Int.random(in: 0..<3, using: &rng) > 0 {
                _ = try await OnboardingActions.setDone(engagementID: id, itemID: item.id!, done: true, actor: CurrentUser(person: byName.values.first { $0.id == item.$person.id }!, credential: .commandLine), app: app)
            }
            if plan.status == .closed {
                try await logSome(lines)
                day += 5; at(day)
                _ = try await EngagementActions.transition(engagementID: id, to: .closed, reason: "Levert og akseptert.", overrideReason: nil, actor: lead, app: app)
            } else {
                try await logSome(lines)
            }
        }
        app.clock.reset()
        entries = try await LogEntry.query(on: app.db).count()
        progress("engagements: \(plans.count) for \(customers.count) customers, \(entries) log entries")
        return entries
    }

    static func dayString(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Oslo")!
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
