import Fluent
import Vapor
import LovnadCore

/// Fjordkompetanse AS: the fictional consultancy `lovnad demo` fills a fresh database with.
/// Everything is written through the same actions the product uses (catalogue, CSV import, skills,
/// endorsements), so the demo exercises the real paths. Later capabilities add their data here.
enum DemoCompany {
    static let domain = "fjordkompetanse.no"
    static let password = "lovnad-demo"

    struct Department { let name: String; let pool: [String] }
    static let departments = [
        Department(name: "Skyplattform", pool: ["Kubernetes", "Docker", "Terraform", "Microsoft Azure", "Amazon Web Services",
                                                "Google Cloud", "Linux", "Ansible", "GitHub Actions", "CI/CD", "Observability", "Nettverk", "Go"]),
        Department(name: "Utvikling", pool: ["Swift", "Kotlin", "Java", "C#", "TypeScript", "JavaScript", "React", "Vue", "Python",
                                             "Spring Boot", "iOS", "Android", "GraphQL", "REST API-design", "Testautomatisering",
                                             "Universell utforming", "Applikasjonssikkerhet", "Rust", "Docker"]),
        Department(name: "Data og analyse", pool: ["PostgreSQL", "SQL", "dbt", "Apache Spark", "Databricks", "Power BI", "Maskinlæring",
                                                   "Statistikk", "Dataplattform", "Kafka", "Datamodellering", "Store språkmodeller", "Python"]),
        Department(name: "Rådgivning", pool: ["Prosjektledelse", "Scrum", "SAFe", "Produktledelse", "Virksomhetsarkitektur",
                                              "Endringsledelse", "Tjenestedesign", "UX-design", "Fasilitering", "Anskaffelser",
                                              "Kontraktsforhandling", "Salg", "Estimering", "ITIL", "GDPR", "Informasjonssikkerhet", "Coaching"]),
    ]

    struct Member { let name: String; let title: String; let department: Int; let roles: [Role] }

    /// Named people first (the printed sign-ins), then colleagues.
    static let named: [Member] = [
        Member(name: "Trine Moe", title: "Driftssjef", department: 3, roles: [.admin, .consultant]),
        Member(name: "Ingrid Solberg", title: "Avdelingsleder", department: 0, roles: [.leader, .consultant]),
        Member(name: "Henrik Aas", title: "Avdelingsleder", department: 1, roles: [.leader, .consultant]),
        Member(name: "Sofie Haugen", title: "Avdelingsleder", department: 2, roles: [.leader, .consultant]),
        Member(name: "Anders Bakke", title: "Avdelingsleder", department: 3, roles: [.leader, .consultant]),
        Member(name: "Camilla Strand", title: "Salgsansvarlig", department: 3, roles: [.sales, .consultant]),
        Member(name: "Ola Kristiansen", title: "Seniorkonsulent", department: 0, roles: [.consultant]),
        Member(name: "Nora Berg", title: "Utvikler", department: 1, roles: [.consultant]),
        Member(name: "Emil Dahl", title: "Dataingeniør", department: 2, roles: [.consultant]),
        Member(name: "Marte Lie", title: "Fagleder utvikling", department: 1, roles: [.leader, .consultant]),
        Member(name: "Jonas Sæther", title: "Salgsansvarlig", department: 0, roles: [.sales, .consultant]),
    ]

    static let firstNames = ["Astrid", "Bjørn", "Cecilie", "Daniel", "Eirik", "Frida", "Guro", "Håkon", "Ida", "Jørgen",
                             "Kristin", "Lars", "Maja", "Nils", "Oda", "Pål", "Ragnhild", "Sindre", "Tuva", "Ulrik",
                             "Vilde", "Åse", "Øystein", "Sigrid", "Magnus", "Thea", "Knut", "Hanne", "Espen", "Live",
                             "Stian", "Synnøve", "Torstein"]
    static let lastNames = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Jensen", "Karlsen",
                            "Eriksen", "Halvorsen", "Jakobsen", "Lunde", "Myhre", "Rønning", "Vik", "Fossum", "Brekke",
                            "Hauge", "Ødegård", "Løken", "Aasen", "Strøm", "Tangen", "Nygård", "Bø", "Moen", "Hovland",
                            "Sandvik", "Ruud", "Holm", "Wold", "Grønli"]
    static let titles = ["Konsulent", "Seniorkonsulent", "Ledende konsulent", "Utvikler", "Seniorutvikler", "Arkitekt", "Rådgiver"]

    static func email(_ name: String) -> String {
        let folded = name.lowercased()
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "ø", with: "o").replacingOccurrences(of: "å", with: "a")
            .split(separator: " ").joined(separator: ".")
        return "\(folded)@\(domain)"
    }

    static func members() -> [Member] {
        var rng = SeededGenerator(seed: 2021_11_23)
        var all = named
        var used = Set(named.map(\.name))
        // Walk first names in order and last names in a stride, so every pair is distinct.
        for i in 0..<(firstNames.count * lastNames.count) where all.count < 46 {
            let name = "\(firstNames[i % firstNames.count]) \(lastNames[(i * 7 + i / firstNames.count + 3) % lastNames.count])"
            guard used.insert(name).inserted else { continue }
            all.append(Member(name: name, title: titles[Int.random(in: 0..<titles.count, using: &rng)],
                              department: all.count % 4, roles: [.consultant]))
        }
        return all
    }

    /// People as the CSV import expects them; each department's first leader leads its people.
    static func csv() -> String {
        let people = members()
        let leaders = Dictionary(people.filter { $0.roles.contains(.leader) }.map { ($0.department, $0) }, uniquingKeysWith: { first, _ in first })
        var lines = [PeopleCSV.columns.joined(separator: ",")]
        for m in people {
            var leader = leaders[m.department].map { email($0.name) } ?? ""
            if leader == email(m.name) { leader = m.department == 3 ? "" : email(leaders[3]!.name) }
            let roles = m.roles.map(\.rawValue).joined(separator: ";")
            lines.append([email(m.name), m.name, m.title, departments[m.department].name, leader, roles, ""]
                .map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    struct Summary { let people: Int; let skills: Int; let endorsements: Int; let logEntries: Int; let promises: Int; let messages: Int; let questions: Int }

    static func seed(app: Application, progress: @escaping @Sendable (String) -> Void) async throws -> Summary {
        guard try await Person.query(on: app.db).count() == 0 else { throw DemoError.notEmpty }
        for entry in DemoSkills.all {
            _ = try await SkillActions.create(.init(name: entry.name, category: entry.category, synonyms: entry.synonyms), actorID: nil, app: app)
        }
        progress("skills catalogue: \(DemoSkills.all.count) skills")
        _ = try await PeopleImportActions.run(csv: csv(), actorID: nil, app: app)
        let people = try await Person.query(on: app.db).sort(\.$nameKey).all()
        progress("people: \(people.count) in \(departments.count) departments")

        let hash = try AuthActions.hashPassword(password, app: app)
        try await UserActions.setPasswordHash(personIDs: people.compactMap(\.id), hash: hash, actorID: nil, app: app)

        var rng = SeededGenerator(seed: 42)
        let year = Calendar(identifier: .gregorian).component(.year, from: app.clock.now())
        let byEmail = Dictionary(uniqueKeysWithValues: members().map { (email($0.name), $0) })
        var held: [UUID: [String]] = [:]
        for person in people {
            guard let member = byEmail[person.email] else { continue }
            let pool = departments[member.department].pool.shuffled(using: &rng)
            let others = DemoSkills.all.map(\.name).filter { !pool.contains($0) }.shuffled(using: &rng)
            let senior = member.roles.contains(.leader) || member.title.contains("Senior") || member.title.contains("Ledende") || member.title == "Arkitekt"
            var entries: [PeopleActions.SkillEntry] = []
            for (k, skill) in (pool.prefix(Int.random(in: 4...7, using: &rng)) + others.prefix(Int.random(in: 1...3, using: &rng))).enumerated() {
                let inPool = k < 7 && pool.contains(skill)
                let base = inPool ? (senior ? 4 : 3) : 2
                let level = min(5, max(1, base + Int.random(in: -1...1, using: &rng)))
                let lastUsed: Int? = Int.random(in: 0..<6, using: &rng) == 0 ? nil : year - (inPool ? Int.random(in: 0...1, using: &rng) : Int.random(in: 0...5, using: &rng))
                entries.append(.init(skill: skill, level: level, wantsToGrow: Int.random(in: 0..<5, using: &rng) == 0, lastUsedYear: lastUsed))
            }
            try await PeopleActions.setSkills(personID: person.id!, entries, app: app)
            held[person.id!] = entries.map(\.skill)
        }
        progress("skills for every person")

        let skillIDs = Dictionary(uniqueKeysWithValues: try await Skill.query(on: app.db).all().map { ($0.name, $0.id!) })
        var endorsements = 0
        for endorser in people {
            let colleagues = people.filter { $0.id != endorser.id && $0.$department.id == endorser.$department.id }.shuffled(using: &rng)
            for colleague in colleagues.prefix(Int.random(in: 2...4, using: &rng)) {
                guard let skill = held[colleague.id!]?.randomElement(using: &rng), let skillID = skillIDs[skill] else { continue }
                try await PeopleActions.endorse(personID: colleague.id!, skillID: skillID, by: endorser.id!, app: app)
                endorsements += 1
            }
        }
        progress("endorsements: \(endorsements)")
        let logEntries = try await DemoEngagements.seed(app: app, progress: progress)
        let promises = try await DemoPromises.seed(app: app, progress: progress)
        let messages = try await DemoConversations.seed(app: app, progress: progress)
        let questions = try await DemoQuestions.seed(app: app, progress: progress)
        return Summary(people: people.count, skills: DemoSkills.all.count, endorsements: endorsements, logEntries: logEntries,
                       promises: promises, messages: messages, questions: questions)
    }

    /// The sign-ins `lovnad demo` prints.
    static let signIns: [(role: String, name: String)] = [
        ("admin", "Trine Moe"), ("leader", "Ingrid Solberg"), ("sales", "Camilla Strand"),
        ("consultant", "Ola Kristiansen"), ("consultant", "Nora Berg"), ("consultant", "Emil Dahl"),
    ]

    enum DemoError: Error, CustomStringConvertible {
        case notEmpty
        var description: String {
            "The database already holds people; `lovnad demo` needs a fresh, empty one. Remove ./data or set LOVNAD_DATABASE_PATH to a new file."
        }
    }
}
