import Fluent
import Vapor
import LovnadCore

/// Fjordkompetanse's conversations: the department and engagement channels that follow the
/// organisation, nine topic channels, and 5,000 messages with threads, mentions and reactions over the
/// last three months, written through the history import (the same rules as posting).
enum DemoConversations {
    static let messageCount = 5_000

    static let topics: [(name: String, about: String, subjects: [String])] = [
        ("Kotlin og JVM", "Kotlin, Java, Spring og alt som kjører på JVM-en", ["coroutines", "Spring Boot 3", "Gradle-oppsettet", "Ktor", "JDK 21", "virtuelle tråder", "testcontainers"]),
        ("Sky og plattform", "Kubernetes, Azure, AWS og driften rundt", ["Kubernetes-klyngen", "Terraform-modulene", "Azure-kostnadene", "Helm-chartene", "observability", "GitOps med Argo"]),
        ("Data og analyse", "Dataplattformer, dbt, Spark og maskinlæring", ["dbt-modellene", "Databricks", "datakvaliteten", "Power BI-rapporten", "feature store", "datakatalogen"]),
        ("Frontend", "React, Vue, TypeScript og universell utforming", ["React Server Components", "TypeScript 5", "designsystemet", "universell utforming", "Playwright-testene", "Vite"]),
        ("Sikkerhet", "Sikker utvikling, trusselmodellering og personvern", ["trusselmodellen", "OWASP ASVS", "avhengighetsskanningen", "personvernerklæringen", "hemmelighetshåndteringen"]),
        ("Fagkveld", "Planlegging og oppfølging av fagkveldene", ["neste fagkveld", "lyntalene", "pizzabestillingen", "opptaket fra sist", "temaet i mars"]),
        ("Smidig og ledelse", "Scrum, SAFe, produktledelse og teamarbeid", ["retroen", "estimeringen", "produkteierrollen", "OKR-ene", "teamavtalen"]),
        ("Arkitektur", "Virksomhetsarkitektur og systemdesign", ["hendelsesdrevet arkitektur", "API-strategien", "modulær monolitt", "integrasjonsmønstrene", "ADR-ene"]),
        ("Kaffe og prat", "Løst og fast, for alle", ["fredagspilsen", "julebordet", "skituren", "kakene på kjøkkenet", "padelturneringen"]),
    ]

    static let statements = [
        "Har skrevet litt om %@ på wikien, innspill tas gjerne imot.", "Vi har endelig fått orden på %@ hos kunden.",
        "Kort oppdatering: %@ er på plass og ser bra ut.", "Fin diskusjon om %@ i dag, takk alle sammen!",
        "Deler en god artikkel om %@: [les her](https://example.no/artikkel)", "**Påminnelse:** vi tar %@ på torsdag kl. 14.",
        "Lærte noe nytt om %@ i dag – `det er lurt å lese dokumentasjonen`.", "Vi trenger noen som kan se på %@ neste uke.",
        "Status på %@:\n- ferdig med første runde\n- mangler testene\n- demo fredag", "Lurer på om vi skal gjøre %@ annerledes neste gang.",
    ]
    static let questions = [
        "Noen som har erfaring med %@?", "Hvem kan hjelpe meg med %@ i dag?", "Hva er beste praksis for %@ nå for tida?",
        "Har dere en god mal for %@?", "Er det noen som vet hvorfor %@ feiler i bygget?", "Kan noen se over forslaget mitt om %@?",
    ]
    static let replies = [
        "Ja, jeg kan ta en titt etter lunsj.", "Vi løste det med en egen modul, ping meg så viser jeg deg.", "God idé! 👍",
        "Se dokumentasjonen vår, der står det meste.", "Jeg har et eksempel fra forrige oppdrag, sender deg lenken.",
        "Enig – la oss ta det på fagkvelden.", "Prøv å oppgradere først, det hjalp for oss.", "Takk, det var nyttig!",
        "Jeg sitter med det samme hos kunden, la oss sparre.", "Kan vi ta en kort prat i morgen?",
    ]
    static let engagementLines = [
        "Daglig standup flyttes til 09:15 i morgen.", "Kunden er fornøyd med demoen 🎉", "Husk at testmiljøet er nede i kveld.",
        "Har oppdatert risikolisten etter møtet.", "Statusrapporten er sendt til kunden.", "Vi trenger avklaring på kravene til innlogging.",
        "Pull request for skjemaet er klar for review.", "Sprintmålet ser ut til å holde.",
    ]
    static let emoji = ["👍", "❤️", "🎉", "😄", "🙏", "👀"]

    static func seed(app: Application, progress: @escaping @Sendable (String) -> Void) async throws -> Int {
        var rng = SeededGenerator(seed: 2026)
        let people = try await Person.query(on: app.db).sort(\.$nameKey).all()
        func actor(_ p: Person) -> CurrentUser { CurrentUser(person: p, credential: .commandLine) }
        let now = app.clock.now()
        // Topic channels, each with a creator and a share of the company; "Kaffe og prat" has everyone.
        for (index, topic) in topics.enumerated() {
            let creator = people[(index * 7) % people.count]
            let joiners = topic.name == "Kaffe og prat" ? people : people.filter { _ in Int.random(in: 0..<10, using: &rng) < 4 }
            let signIns = Set(DemoCompany.signIns.map(\.name))
            let members = joiners + people.filter { signIns.contains($0.name) && index % 2 == 0 }
            _ = try await ChannelActions.create(.init(name: topic.name, kind: "topic", about: topic.about,
                                                      memberIDs: members.map { $0.id! }.filter { $0 != creator.id }),
                                                actor: actor(creator), app: app)
        }
        let channels = try await Channel.query(on: app.db).all()
        let memberRows = try await ChannelMember.query(on: app.db).all()
        let membersOf = Dictionary(grouping: memberRows, by: { $0.$channel.id }).mapValues { $0.map { $0.$person.id } }
        let handleOf = Dictionary(uniqueKeysWithValues: people.map { ($0.id!, String($0.email.split(separator: "@")[0])) })
        let zone = app.settings.timeZone

        /// A working-hours moment `daysAgo` days back.
        func moment(daysAgo: Int) -> Date {
            var day = Day(now, in: zone).adding(days: -daysAgo)
            while !WorkingDays.isWorkingDay(day) { day = day.adding(days: -1) }
            return day.start(in: zone).addingTimeInterval(Double(Int.random(in: (8 * 60)...(16 * 60), using: &rng)) * 60)
        }

        var items: [HistoricalMessage] = []
        let weighted = channels.flatMap { c -> [Channel] in
            let weight = c.kind == .engagement ? 3 : c.kind == .department ? 2 : c.name == "Kaffe og prat" ? 4 : 2
            return Array(repeating: c, count: weight)
        }
        while items.count < messageCount {
            let channel = weighted.randomElement(using: &rng)!
            guard let members = membersOf[channel.id!], members.count >= 2 else { continue }
            let author = members.randomElement(using: &rng)!
            let subject = topics.first { $0.name == channel.name }?.subjects.randomElement(using: &rng)
                ?? ["leveransen", "planen for neste uke", "kompetanseplanen", "ressurssituasjonen", "kundemøtet"].randomElement(using: &rng)!
            let isQuestion = Int.random(in: 0..<100, using: &rng) < 18
            var body: String
            if channel.kind == .engagement, !isQuestion, Bool.random(using: &rng) {
                body = engagementLines.randomElement(using: &rng)!
            } else {
                body = String(format: (isQuestion ? questions : statements).randomElement(using: &rng)!, subject)
            }
            if Int.random(in: 0..<100, using: &rng) < 6, let other = members.filter({ $0 != author }).randomElement(using: &rng) {
                body = "@\(handleOf[other]!) " + body
            }
            let at = moment(daysAgo: Int.random(in: 0..<90, using: &rng))
            guard at < now else { continue }
            let rootIndex = items.count
            items.append(HistoricalMessage(channelID: channel.id!, authorID: author, body: body, at: at, replyTo: nil,
                                           reactions: reactions(members, &rng)))
            // Questions are mostly answered, usually within the norm; other posts sometimes get a thread.
            let replyCount = isQuestion ? (Int.random(in: 0..<10, using: &rng) < 9 ? Int.random(in: 1...4, using: &rng) : 0)
                : (Int.random(in: 0..<100, using: &rng) < 20 ? Int.random(in: 1...3, using: &rng) : 0)
            var replyAt = at
            for _ in 0..<replyCount where items.count < messageCount {
                replyAt = replyAt.addingTimeInterval(Double(Int.random(in: 5...(isQuestion ? 300 : 900), using: &rng)) * 60)
                guard replyAt < now else { break }
                let replier = members.filter { $0 != author }.randomElement(using: &rng) ?? author
                items.append(HistoricalMessage(channelID: channel.id!, authorID: replier, body: replies.randomElement(using: &rng)!, at: replyAt,
                                               replyTo: rootIndex, reactions: reactions(members, &rng)))
            }
        }
        let written = try await HistoryImportActions.importHistory(items, app: app)
        progress("conversations: \(channels.count) channels, \(written) messages")
        return written
    }

    static func reactions(_ members: [UUID], _ rng: inout SeededGenerator) -> [(personID: UUID, emoji: String)] {
        guard Int.random(in: 0..<100, using: &rng) < 35 else { return [] }
        return (0..<Int.random(in: 1...4, using: &rng)).map { _ in
            (members.randomElement(using: &rng)!, emoji.prefix(Int.random(in: 1...emoji.count, using: &rng)).randomElement(using: &rng)!)
        }
    }
}
