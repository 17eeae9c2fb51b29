import Fluent
import SQLKit
import Vapor
import LovnadCore

/// `lovnad bench-data promises --count N`: fills a demo database with N synthetic promises for the
/// benchmarks in `bench/`, in bulk (through the model and the ratio rule, not one action per promise,
/// which would take hours at 100,000). `bench-data messages --count N --channel NAME` writes N messages
/// into one channel through the history import; `bench-data company --count N` grows the company by N
/// people with departments, skills, engagements and channels (`BenchCompany`); `bench-data corpus --count N`
/// writes what search is measured over (`BenchCorpusActions`); `bench-data staff --email E --count N` puts E on N more
/// engagements and in their channels (`BenchCompany.staff`); `bench-data skills --count N` adds N skills to the catalogue; `bench-data sign-ins --count N`
/// signs in N people who are not admins (by e-mail), printing `email token session` for each. Not for real data: it refuses a database without the
/// demo company.
struct BenchDataCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "promises, messages, company, corpus, staff, skills or sign-ins")
        var kind: String
        @Option(name: "count", help: "How many (default 100000)")
        var count: Int?
        @Option(name: "channel", help: "For messages: the channel's name (default Kaffe og prat)")
        var channel: String?
        @Option(name: "email", help: "For staff: whom to put on the engagements")
        var email: String?
    }

    var help: String { "Writes synthetic data into a demo database for the benchmarks." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard ["promises", "messages", "company", "corpus", "staff", "skills", "sign-ins"].contains(signature.kind) else {
            throw CLIError("unknown kind '\(signature.kind)'; use promises, messages, company, corpus, staff, skills or sign-ins")
        }
        let app = context.application
        let count = signature.count ?? 100_000
        guard count > 0, count <= 1_000_000 else { throw CLIError("--count must be between 1 and 1000000") }
        guard try await Person.query(on: app.db).filter(\.$email == DemoCompany.email("Trine Moe")).first() != nil else {
            throw CLIError("bench-data writes only into a demo database (run `lovnad demo` first)")
        }
        if signature.kind == "company" {
            return try await BenchCompany.grow(people: count, app: app) { context.console.print("  \($0)") }
        }
        if signature.kind == "staff" {
            guard let email = signature.email else { throw CLIError("--email is required for staff") }
            return try await BenchCompany.staff(email: email, engagements: count, app: app) { context.console.print("  \($0)") }
        }
        if signature.kind == "skills" {
            // Through the catalogue's own action: few enough to write one by one, and indexed as admins' are.
            for n in 1...count {
                _ = try await SkillActions.create(.init(name: "Ferdighet \(n)", category: "Benchmark", synonyms: []), actorID: nil, app: app)
            }
            return context.console.print("  \(count) skills")
        }
        if signature.kind == "corpus" {
            return try await BenchCorpusActions.write(count: count, app: app) { context.console.print("  \($0)") }
        }
        if signature.kind == "sign-ins" { return try await signIns(count: count, context: context) }
        if signature.kind == "messages" { return try await messages(count: count, channelName: signature.channel ?? "Kaffe og prat", context: context) }
        let people = try await Person.query(on: app.db).all().map { $0.id! }
        let customers = try await Customer.query(on: app.db).all().map { $0.id! }
        let today = PromiseActions.today(app)
        let now = app.clock.now()
        var rng = SeededGenerator(seed: 2026)
        let batchSize = 500
        var written = 0
        while written < count {
            let n = min(batchSize, count - written)
            let batch = (0..<n).map { _ in Self.promise(people: people, customers: customers, today: today, now: now, rng: &rng) }
            try await BenchDataActions.insert(batch, app: app)
            written += n
            if written % 10_000 == 0 || written == count { context.console.print("  \(written) promises") }
        }
        // What autovacuum would do minutes after a bulk load, so the benchmark does not measure it at work.
        try await BenchDataActions.analyze("promises", app: app)
    }

    /// An API token and a browser session each for `count` people, for a benchmark's simulated users.
    private func signIns(count: Int, context: CommandContext) async throws {
        let app = context.application
        let people = try await Person.query(on: app.db).filter(\.$active == true).sort(\.$email).all()
            .filter { !$0.roles.contains(.admin) }.prefix(count)
        guard people.count == count else { throw CLIError("only \(people.count) active people who are not admins") }
        let ids = people.map { $0.id! }
        let tokens = try await TokenActions.createMany(for: ids, name: "benchmark", app: app)
        let sessions = try await AuthActions.openSessions(for: ids, app: app)
        for (i, person) in people.enumerated() { context.console.print("\(person.email) \(tokens[i]) \(sessions[i])") }
    }

    private func messages(count: Int, channelName: String, context: CommandContext) async throws {
        let app = context.application
        guard let channel = try await Channel.query(on: app.db).filter(\.$name == channelName).first() else {
            throw CLIError("no channel named '\(channelName)'")
        }
        let members = try await ChannelMember.query(on: app.db).filter(\.$channel.$id == channel.id!).all().map { $0.$person.id }
        guard !members.isEmpty else { throw CLIError("the channel has no members") }
        var rng = SeededGenerator(seed: 1_000_000)
        // Spread over the last day: they come after the channel's own messages, as their numbers do.
        let start = app.clock.now().addingTimeInterval(-86_400)
        let step = 86_000 / Double(count)
        var written = 0
        while written < count {
            let n = min(10_000, count - written)
            let batch = (0..<n).map { i in
                HistoricalMessage(channelID: channel.id!, authorID: members.randomElement(using: &rng)!,
                                  body: DemoConversations.replies.randomElement(using: &rng)!,
                                  at: start.addingTimeInterval(Double(written + i) * step), replyTo: nil, reactions: [])
            }
            written += try await HistoryImportActions.importHistory(batch, app: app)
            context.console.print("  \(written) messages")
        }
        try await BenchDataActions.analyze("messages", app: app)
    }

    private static func promise(people: [UUID], customers: [UUID], today: Day, now: Date, rng: inout SeededGenerator) -> Promise {
        let p = Promise()
        let owner = people.randomElement(using: &rng)!
        let toCustomer = Bool.random(using: &rng)
        let due = today.adding(days: Int.random(in: -540...60, using: &rng))
        p.text = "Benchmark-løfte"
        p.$owner.id = owner
        p.receiverKind = (toCustomer ? PromiseReceiverKind.customer : .person).rawValue
        p.receiverID = toCustomer ? customers.randomElement(using: &rng)! : people.randomElement(using: &rng)!
        p.$customer.id = toCustomer ? p.receiverID : nil
        p.source = PromiseSource.none.rawValue
        p.due = due.description
        p.dueDay = due.ordinal
        let roll = Int.random(in: 0..<100, using: &rng)
        let state: PromiseState = due >= today ? .made : roll < 80 ? .kept : roll < 88 ? .broken : roll < 94 ? .renegotiated : roll < 97 ? .released : .made
        p.state = state.rawValue
        if state != .made { p.settledOn = min(today, due.adding(days: Int.random(in: -5...4, using: &rng))).description }
        p.note = ""
        p.confirmationNote = ""
        p.chainCounted = false
        p.$createdBy.id = owner
        p.createdAt = now
        p.updatedAt = now
        p.refreshContribution()
        return p
    }
}
