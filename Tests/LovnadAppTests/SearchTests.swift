import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

/// One corpus, searched the same way on every database the suite runs on (in-memory SQLite, a SQLite
/// file, PostgreSQL): inflections, prefixes, phrases, tails of compounds after whole words, snippets,
/// and every hit filtered by what the searcher may see.
@Suite struct SearchTests {
    struct Corpus {
        let w: EngagementWorld
        let open: String
        let secret: String
        let engagement: String
        let messages: [String: String]
    }

    static func corpus(_ app: Application) async throws -> Corpus {
        let w = try await EngagementWorld.make(app)
        let open = try await w.newChannel(w.leadToken, ["name": "Arkitekturfag", "kind": "topic"])
        let secret = try await w.newChannel(w.leadToken, ["name": "Hemmelig", "kind": "topic", "private": true])
        var messages: [String: String] = [:]
        for (key, channel, body) in [
            ("inflected", open, "Leveransen til kunden er klar."),
            ("plural", open, "Leveransene kommer fredag, sier Lars."),
            ("compound", open, "Ny prosjektleder er på plass."),
            ("whole", open, "Vi trenger en leder for teamet."),
            ("kube", open, "Kubernetes-klyngen er oppe igjen."),
            ("secret", secret, "Hemmelig leveranse til styret."),
        ] {
            messages[key] = try await w.postMessage(w.leadToken, channel: channel, body)["id"] as? String
        }
        let engagement = try await w.newEngagement(title: "Fjellvann byggesak")
        let logged = try await w.send(.POST, "/api/v1/engagements/\(engagement)/log", w.salesToken,
                                      ["kind": "note", "body": "Konfidensiell leveranse avtalt med kommunen."])
        #expect(logged.status == .created, "\(logged.text)")
        let promised = try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                        ["text": "Leveranse av designskisser til deg", "due": "2027-01-10", "source": "one_to_one",
                                         "to": ["type": "person", "id": w.dev.id!.uuidString]])
        #expect(promised.status == .created, "\(promised.text)")
        return Corpus(w: w, open: open, secret: secret, engagement: engagement, messages: messages)
    }

    static func search(_ w: EngagementWorld, _ token: String, _ q: String, _ extra: String = "") async throws -> [[String: Any]] {
        let encoded = q.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? q
        let r = try await w.send(.GET, "/api/v1/search?q=\(encoded)\(extra)", token)
        guard r.status == .ok else { throw TestFailure("search \(q): \(r.status) \(r.text)") }
        return try r.items()
    }

    @Test func inflectionsPrefixesPhrasesAndCompoundsAreFoundAlikeOnEveryDatabase() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            let w = c.w
            func ids(_ items: [[String: Any]]) -> [String] { items.compactMap { $0["id"] as? String } }

            // "leveranse" finds "Leveransen" and "Leveransene" (and the lead's private channel), newest first.
            let lead = try await Self.search(w, w.leadToken, "leveranse", "&type=message")
            #expect(ids(lead) == [c.messages["secret"]!, c.messages["plural"]!, c.messages["inflected"]!])
            let first = try #require(lead.last)
            #expect(first["snippet"] as? String == "Leveransen til kunden er klar.")
            #expect(first["snippet_marks"] as? [[Int]] == [[0, 10]])
            #expect(first["title"] as? String == "Arkitekturfag")
            #expect((first["url"] as? String)?.hasPrefix("/channels/\(c.open)#m-") == true)

            // A trailing * is a prefix; a phrase keeps its order.
            #expect(ids(try await Self.search(w, w.leadToken, "kube*", "&type=message")) == [c.messages["kube"]!])
            #expect(ids(try await Self.search(w, w.leadToken, "\"leveransen til kunden\"")) == [c.messages["inflected"]!])
            #expect(try await Self.search(w, w.leadToken, "\"kunden til leveransen\"").isEmpty)

            // Part of a compound comes after whole words.
            let leder = try await Self.search(w, w.leadToken, "leder", "&type=message")
            #expect(ids(leder) == [c.messages["whole"]!, c.messages["compound"]!])
            #expect(leder.map { $0["partial"] as? Bool } == [false, true])
            #expect((leder.last?["snippet_marks"] as? [[Int]]) == [[3, 16]])

            // People and skills are found by name.
            let people = try await Self.search(w, w.outsiderToken, "utvikler", "&type=person")
            #expect(people.compactMap { $0["title"] as? String } == ["Åse Utvikler"])
        }
    }

    @Test func everyHitIsOneTheSearcherMaySee() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            let w = c.w
            // The sales owner sees the engagement's log; the leader and the receiver the promise.
            let sales = try await Self.search(w, w.salesToken, "leveranse")
            #expect(sales.contains { $0["type"] as? String == "log" && ($0["url"] as? String)?.contains(c.engagement) == true })
            #expect(try await Self.search(w, w.devToken, "designskisser").map { $0["type"] as? String } == ["promise"])
            #expect(try await Self.search(w, w.devLeaderToken, "designskisser").count == 1)

            // An outsider sees neither the private channel, nor the log, nor the promise.
            let outsider = try await Self.search(w, w.outsiderToken, "leveranse")
            #expect(Set(outsider.filter { $0["type"] as? String != "person" }.compactMap { $0["id"] as? String })
                    == [c.messages["plural"]!, c.messages["inflected"]!])
            #expect(outsider.filter { $0["type"] as? String == "person" }.compactMap { $0["title"] as? String } == ["Lars Leveranse"])
            #expect(try await Self.search(w, w.outsiderToken, "konfidensiell").isEmpty)
            #expect(try await Self.search(w, w.outsiderToken, "designskisser").isEmpty)
            #expect(try await Self.search(w, w.outsiderToken, "hemmelig").isEmpty)
        }
    }

    @Test func aRenamedSkillFindsItsHoldersByTheNewNameOnly() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let cobol = try await Fixture.skill(app, "Cobolskriving")
            try await PeopleActions.setSkills(personID: w.dev.id!, [.init(skill: "Cobolskriving", level: 4, wantsToGrow: false, lastUsedYear: nil)], app: app)
            #expect(try await Self.search(w, w.outsiderToken, "cobolskriving", "&type=person").compactMap { $0["title"] as? String } == ["Åse Utvikler"])
            let admin = try await Fixture.token(app, for: try await Fixture.person(app, "Anne Admin", roles: [.admin]))
            #expect(try await w.send(.PATCH, "/api/v1/skills/\(cobol.id!)", admin, ["name": "Stormaskinkoding"]).status == .ok)
            #expect(try await Self.search(w, w.outsiderToken, "stormaskinkoding", "&type=person").compactMap { $0["title"] as? String } == ["Åse Utvikler"])
            #expect(try await Self.search(w, w.outsiderToken, "cobolskriving", "&type=person").isEmpty)
        }
    }

    @Test func theIndexFollowsEditsAndDeletionsInTheSameWrite() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            let w = c.w
            let id = c.messages["kube"]!
            #expect(try await w.send(.PATCH, "/api/v1/messages/\(id)", w.leadToken, ["body": "Terraform-planen er klar."]).status == .ok)
            #expect(try await Self.search(w, w.leadToken, "kubernetes", "&type=message").isEmpty)
            #expect(try await Self.search(w, w.leadToken, "terraform", "&type=message").compactMap { $0["id"] as? String } == [id])
            #expect(try await w.send(.DELETE, "/api/v1/messages/\(id)", w.leadToken).status.code < 300)
            #expect(try await Self.search(w, w.leadToken, "terraform").isEmpty)
            let sql = app.db as! any SQLDatabase
            struct Count: Decodable { let n: Int }
            let left = try await sql.raw("SELECT COUNT(*) AS n FROM search_documents WHERE ref_id = \(bind: UUID(uuidString: id)!)")
                .first(decoding: Count.self)
            #expect(left?.n == 0)
        }
    }

    @Test func fewMatchesAndManyArePagedAlike() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            let lead = CurrentUser(person: c.w.lead, credential: .commandLine)
            // Paged a hit at a time, from the list of matches (PostgreSQL when they are few) and by walking
            // the index (when they are many); SQLite has one way, so both are that.
            for text in ["leveranse", "leder", "kube*", "\"leveransen til kunden\""] {
                var ways: [[String]] = []
                for few in [SearchQueries.fewMatches, 0] {
                    var seen: [String] = []
                    var cursor: String?
                    repeat {
                        let (hits, next) = try await SearchQueries.search(SearchQuery(text), kinds: [], for: lead,
                                                                          page: ListPage(limit: 1, cursor: cursor)!, fewMatches: few, on: app.db)
                        seen += hits.map { "\($0.kind.rawValue) \($0.refID) \($0.pass)" }
                        cursor = next
                    } while cursor != nil && seen.count < 50
                    ways.append(seen)
                }
                #expect(!ways[0].isEmpty && ways[0] == ways[1], "\(text): \(ways)")
            }
        }
    }

    @Test func pagesRunFromWholeWordsIntoCompoundsWithoutRepeats() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            let w = c.w
            var seen: [String] = []
            var cursor: String?
            repeat {
                let r = try await w.send(.GET, "/api/v1/search?q=leder&type=message&limit=1" + (cursor.map { "&cursor=\($0)" } ?? ""), w.leadToken)
                #expect(r.status == .ok)
                seen += try r.items().compactMap { $0["id"] as? String }
                cursor = try r.json()["next_cursor"] as? String
            } while cursor != nil && seen.count < 10
            #expect(seen == [c.messages["whole"]!, c.messages["compound"]!])
        }
    }

    @Test func syntaxErrorsArePlainTextAndBadRequestsAreRefused() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            let w = c.w
            for q in ["\"leveransen", "*", "AND (", "NOT", "leveranse\" OR \"", "-", "\"\"", "NEAR(a b)", "kube**"] {
                let r = try await w.send(.GET, "/api/v1/search?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", w.leadToken)
                #expect(r.status == .ok, "\(q): \(r.text)")
            }
            #expect(try await Self.search(w, w.leadToken, "\"leveransen", "&type=message").count == 3)
            let empty = try await w.send(.GET, "/api/v1/search?q=%20", w.leadToken)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.errorFields["q"] != nil)
            let long = try await w.send(.GET, "/api/v1/search?q=" + String(repeating: "a", count: 10_000), w.leadToken)
            #expect(long.status == .unprocessableEntity)
            #expect(try await w.send(.GET, "/api/v1/search?q=x&type=planet", w.leadToken).status == .unprocessableEntity)
            #expect(try await w.send(.GET, "/api/v1/search?q=x&cursor=nonsense", w.leadToken).status == .unprocessableEntity)
            // A cursor another list issued does not page a search (it restarted from the top).
            let other = PageCursor.encode(ListPage.Position(key: "60:åse utvikler", id: UUID().uuidString))
            let foreign = try await w.send(.GET, "/api/v1/search?q=leveranse&cursor=\(other)", w.leadToken)
            #expect(foreign.status == .unprocessableEntity)
            #expect(foreign.errorFields["cursor"] != nil)
            #expect(try await app.testing().sendRequest(.GET, "/api/v1/search?q=x").status == .unauthorized)
        }
    }

    @Test func importedHistoryIsIndexedInTimeOrderAndAStaleIndexIsRebuiltInTimeOrder() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            let w = c.w
            // Imported in one write, given out of order: found newest first by their own times.
            let now = app.clock.now()
            let days = [3, 6, 1, 5, 2, 4]
            let imported = days.map { d in
                HistoricalMessage(channelID: UUID(uuidString: c.open)!, authorID: w.lead.id!, body: "Budsjettnotat \(d): lisenser for Oracle",
                                  at: now.addingTimeInterval(-Double(d) * 86_400), replyTo: nil, reactions: [])
            }
            #expect(try await HistoryImportActions.importHistory(imported, app: app) == days.count)
            func bodies(_ q: String, _ extra: String = "&type=message") async throws -> [String] {
                try await Self.search(w, w.leadToken, q, extra).compactMap { $0["snippet"] as? String }
            }
            let newestFirst = days.sorted().map { "Budsjettnotat \($0): lisenser for Oracle" }
            #expect(try await bodies("lisenser") == newestFirst)
            let live = try await Self.search(w, w.salesToken, "leveranse").compactMap { $0["id"] as? String }
            #expect(live.count == 4, "a log entry, two messages and a person")

            // An index built another way (or before search came) is emptied and built again, in time
            // order across kinds, so the order hits come in is the order a live index gives.
            try await app.store.write { ctx in
                try await ctx.sql.raw("UPDATE search_state SET version = 0").run()
                try await SearchIndex.removeAll(.message, on: ctx.sql)
            }
            #expect(try await bodies("lisenser").isEmpty)
            try await SearchIndexer.rebuildIfStale(app)
            #expect(try await bodies("lisenser") == newestFirst)
            #expect(try await Self.search(w, w.salesToken, "leveranse").compactMap { $0["id"] as? String } == live)
        }
    }

    @Test func theMigrateCommandBuildsAStaleIndexToo() async throws {
        try await withLovnad { app in
            let c = try await Self.corpus(app)
            try await app.store.write { ctx in
                try await ctx.sql.raw("UPDATE search_state SET version = 0").run()
                try await SearchIndex.removeAll(.message, on: ctx.sql)
            }
            var context = CommandContext(console: Terminal(), input: CommandInput(arguments: ["lovnad", "migrate"]))
            context.application = app
            try await MigrateCommand().run(using: context, signature: .init())
            #expect(try await Self.search(c.w, c.w.leadToken, "leveranse", "&type=message").count == 3)
        }
    }
}
