import Fluent
import Vapor
import LovnadCore

/// `lovnad bench-data company --count N`: grows the demo company to N more people for the company-scale
/// benchmark: 40 departments with a leader per twelve people and a channel each, skills for everyone,
/// and 0.4 × N engagements with a sales owner, most with a delivery lead, a team of three to six and
/// an engagement channel holding those who may see it. Written in bulk, as `bench-data` writes.
enum BenchCompany {
    static let departments = 40

    static func grow(people count: Int, app: Application, say: (String) -> Void) async throws {
        var rng = SeededGenerator(seed: 5000)
        let now = app.clock.now()
        let year = Calendar(identifier: .gregorian).component(.year, from: now)
        let skills = try await Skill.query(on: app.db).all(\.$id)
        let customers = try await Customer.query(on: app.db).all(\.$id)
        guard !skills.isEmpty, !customers.isEmpty else { throw CLIError("the demo company has no skills or customers") }

        let departments = (0..<Self.departments).map { Department(id: UUID(), name: "Faggruppe \($0 + 1)", now: now) }
        try await insert(departments, app: app)
        var people: [Person] = []
        var leaderOf: [Int: UUID] = [:]  // department index → its current leader
        for i in 0..<count {
            let d = i % Self.departments
            let leads = (i / Self.departments) % 12 == 0
            let p = Person(email: "kollega\(i)@fjordkompetanse.no", name: "Kollega \(i) \(surnames[i % surnames.count])",
                           title: leads ? "Fagleder" : "Konsulent", departmentID: departments[d].id, leaderID: leads ? nil : leaderOf[d],
                           roles: leads ? [.leader, .consultant] : i % 50 == 7 ? [.sales, .consultant] : [.consultant],
                           passwordHash: nil, now: now)
            p.id = UUID()
            if leads { leaderOf[d] = p.id }
            people.append(p)
        }
        try await insert(people, app: app)
        say("\(count) people in \(Self.departments) departments")
        var held: [PersonSkill] = []
        for p in people {
            for skill in skills.shuffled(using: &rng).prefix(Int.random(in: 3...8, using: &rng)) {
                held.append(PersonSkill(personID: p.id!, skillID: skill, level: Int.random(in: 1...5, using: &rng),
                                        wantsToGrow: Bool.random(using: &rng), lastUsedYear: year - Int.random(in: 0...4, using: &rng), now: now))
            }
        }
        try await insert(held, app: app)
        say("\(held.count) skills held")

        var channels: [Channel] = []
        var members: [ChannelMember] = []
        for (d, department) in departments.enumerated() {
            let channel = Channel(kind: .department, name: department.name, about: "", isPrivate: false, departmentID: department.id,
                                  normMinutes: ResponseNorm.defaultMinutes, creatorID: nil, now: now)
            channel.id = UUID()
            channels.append(channel)
            members += people.indices.filter { $0 % Self.departments == d }.map { ChannelMember(channelID: channel.id!, personID: people[$0].id!, lastReadSeq: 0, now: now) }
        }
        let sellers = people.filter { $0.roles.contains(.sales) }
        var engagements: [Engagement] = []
        var teams: [EngagementMember] = []
        let statuses: [EngagementStatus] = [.lead, .won, .handover, .delivery, .delivery, .delivery, .closed]
        for i in 0..<(count * 2 / 5) {
            let owner = sellers.randomElement(using: &rng)!
            let lead = i % 5 == 0 ? nil : people.randomElement(using: &rng)!
            let e = Engagement(title: "Oppdrag \(i + 1)", customerID: customers.randomElement(using: &rng)!, salesOwnerID: owner.id!,
                               deliveryLeadID: lead?.id, status: statuses.randomElement(using: &rng)!.rawValue, logHead: LogChain.genesis, now: now)
            e.id = UUID()
            engagements.append(e)
            var on: Set<UUID> = [owner.id!]
            if let lead { on.insert(lead.id!) }
            for k in 0..<Int.random(in: 3...6, using: &rng) {
                let person = people.randomElement(using: &rng)!
                guard on.insert(person.id!).inserted else { continue }
                teams.append(EngagementMember(engagementID: e.id!, personID: person.id!, profileID: "p\(k)", role: "Konsulent",
                                              allocationPercent: [20, 40, 50, 80, 100].randomElement(using: &rng)!, startsOn: nil, endsOn: nil, now: now))
            }
            let channel = Channel(kind: .engagement, name: e.title, about: "", isPrivate: true, engagementID: e.id,
                                  normMinutes: ResponseNorm.defaultMinutes, creatorID: nil, now: now)
            channel.id = UUID()
            channels.append(channel)
            members += on.map { ChannelMember(channelID: channel.id!, personID: $0, lastReadSeq: 0, now: now) }
        }
        try await insert(engagements, app: app)
        try await insert(teams, app: app)
        try await insert(channels, app: app)
        try await insert(members, app: app)
        say("\(engagements.count) engagements with \(teams.count) team places, \(channels.count) channels with \(members.count) members")
        for table in ["people", "person_skills", "engagements", "engagement_members", "channels", "channel_members"] {
            try await BenchDataActions.analyze(table, app: app)
        }
    }

    /// Puts one person on `count` more engagements, spread evenly over them, and in their channels, as
    /// staffing and channel sync would: `bench/search.py`'s searcher sees a tenth of the channels this way.
    static func staff(email: String, engagements count: Int, app: Application, say: (String) -> Void) async throws {
        guard let person = try await Person.query(on: app.db).filter(\.$email == email.lowercased()).first(), let personID = person.id else {
            throw CLIError("no one with e-mail \(email)")
        }
        let now = app.clock.now()
        let already = Set(try await EngagementMember.query(on: app.db).filter(\.$person.$id == personID).all(\.$engagement.$id))
        let open = try await Engagement.query(on: app.db).sort(\.$id).all(\.$id).filter { !already.contains($0) }
        guard count <= open.count else { throw CLIError("only \(open.count) engagements without \(email)") }
        let picked = (0..<count).map { open[$0 * open.count / count] }
        let channels = try await Channel.query(on: app.db).filter(\.$engagement.$id ~~ picked.map { Optional($0) }).all()
        let inChannels = Set(try await ChannelMember.query(on: app.db).filter(\.$person.$id == personID).all(\.$channel.$id))
        try await insert(picked.map { EngagementMember(engagementID: $0, personID: personID, profileID: "bench-\(personID.uuidString.prefix(8))", role: "Konsulent",
                                                       allocationPercent: 10, startsOn: nil, endsOn: nil, now: now) }, app: app)
        try await insert(channels.filter { !inChannels.contains($0.id!) }.map { ChannelMember(channelID: $0.id!, personID: personID, lastReadSeq: 0, now: now) },
                         app: app)
        say("\(email) on \(count) more engagements and \(channels.count) of their channels")
        for table in ["engagement_members", "channel_members"] { try await BenchDataActions.analyze(table, app: app) }
    }

    /// In statements of a few hundred rows: SQLite binds at most 32,766 values to one.
    private static func insert<M: Model>(_ rows: [M], app: Application) async throws {
        for chunk in rows.chunked(300) { try await BenchDataActions.insert(chunk, app: app) }
    }

    private static let surnames = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
                                   "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen"]
}
