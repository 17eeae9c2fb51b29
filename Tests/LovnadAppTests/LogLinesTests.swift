import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// What Lovnad writes into an engagement log is stored as a key with values, hashed in that form, and
/// read in the reader's language; entries people wrote keep their text.
@Suite struct LogLinesTests {
    @Test func aStatusChangeReadsInEachReadersLanguageAndItsStoredFormIsHashed() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement(title: "Søknad {to} «portal»")
            let base = "/api/v1/engagements/\(id)"
            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won", "reason": "Signert avtale"]).status == .ok)
            #expect(try await w.send(.POST, "\(base)/log", w.salesToken, ["kind": "note", "body": "Kunden ringte"]).status == .created)

            func log(_ language: String) async throws -> [[String: Any]] {
                var headers = HTTPHeaders.bearer(w.salesToken)
                headers.replaceOrAdd(name: .acceptLanguage, value: language)
                return try await app.testing().sendRequest(.GET, "\(base)/log?limit=10", headers: headers).items()
            }
            let nb = try await log("nb"), en = try await log("en")
            let bodies = (nb: nb.map { $0["body"] as? String ?? "" }, en: en.map { $0["body"] as? String ?? "" })
            #expect(bodies.nb.contains("Status endret fra «Lead» til «Vunnet».\n\nBegrunnelse: Signert avtale"))
            #expect(bodies.en.contains("Status changed from “Lead” to “Won”.\n\nReason: Signert avtale"))
            // A title holding a placeholder's name stays as typed.
            #expect(bodies.nb.contains("Oppdraget «Søknad {to} «portal»» er opprettet som lead."))
            #expect(bodies.en.contains("The engagement “Søknad {to} «portal»” was created as a lead."))
            // What a person wrote is the same in both, and has no lines.
            #expect(bodies.nb.contains("Kunden ringte") && bodies.en.contains("Kunden ringte"))
            let note = try #require(nb.first { $0["kind"] as? String == "note" })
            #expect(note["lines"] is NSNull)

            let stored = try #require(try await LogEntry.query(on: app.db).filter(\.$engagement.$id == UUID(uuidString: id)!)
                .filter(\.$sequence == 2).first())
            #expect(stored.body == "")
            #expect(LogLine.parse(try #require(stored.lines)) == [LogLine(.statusChanged, ["from": "lead", "to": "won"]),
                                                                 LogLine(.reason, ["text": "Signert avtale"])])
            #expect(try await w.send(.GET, "\(base)/log/verify", w.salesToken).json()["ok"] as? Bool == true)

            // Changing what a line says (here: which status it moved to) breaks the chain at that entry.
            let forged = LogLine.stored([LogLine(.statusChanged, ["from": "lead", "to": "lost"]), LogLine(.reason, ["text": "Signert avtale"])])
            let writer = try #require(app.writerDatabase as? any SQLDatabase)
            try await writer.raw("UPDATE log_entries SET lines = \(bind: forged) WHERE id = \(bind: stored.id!)").run()
            let verdict = try await w.send(.GET, "\(base)/log/verify", w.salesToken).json()
            #expect(verdict["ok"] as? Bool == false)
            #expect((verdict["broken_at"] as? String)?.lowercased() == stored.id!.uuidString.lowercased())
        }
    }

    /// The engagement page says each step in bokmål: no status code, no ISO date.
    @Test func theEngagementPageShowsLovnadsLinesInBokmål() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            #expect(try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"]).status == .ok)
            #expect(try await w.send(.POST, "/api/v1/promises", w.salesToken,
                                     ["text": "Sende tilbud", "due": "2027-03-05", "to": ["type": "customer", "id": w.customerID],
                                      "engagement_id": id]).status == .created)
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let page = try await sales.get("/engagements/\(id)")
            #expect(page.text.contains("Status endret fra «Lead» til «Vunnet»."))
            #expect(page.text.contains("Løfte gitt til Fjellvann kommune: «Sende tilbud» (innen 5. mars 2027)."))
            #expect(!page.text.contains("fra lead til won") && !page.text.contains("2027-03-05)"))
        }
    }
}
