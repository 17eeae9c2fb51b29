import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import LovnadApp
import LovnadCore

/// Past a few hundred people a person picker is a field to type into instead of a list of everyone:
/// the page stays small, and what is typed — an address or a handle — is resolved by the server.
@Suite struct PersonLookupTests {
    static func crowd(_ app: Application, _ count: Int) async throws {
        let now = app.clock.now()
        let people = (0..<count).map { i in
            let p = Person(email: "mange\(i)@example.no", name: "Mange \(i)", title: nil, departmentID: nil, leaderID: nil,
                           roles: [.consultant], passwordHash: nil, now: now)
            p.id = UUID()
            return p
        }
        for chunk in stride(from: 0, to: people.count, by: 200) {
            try await BenchDataActions.insert(Array(people[chunk..<min(chunk + 200, people.count)]), app: app)
        }
    }

    @Test func aLargeCompanyTypesWhomItMeansAndTheServerFindsThem() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let id = try await w.inHandover()
            try await Self.crowd(app, PersonChoices.listLimit)
            let sales = Browser(app)
            try await sales.signIn(w.sales.email)
            let page = try await sales.get("/engagements/\(id)")
            let overview = pageSection("overview", of: page.text)
            #expect(overview.contains("<input id=\"delivery_lead_id\" name=\"delivery_lead_id\" type=\"text\" required data-person-lookup"))
            #expect(overview.contains("aria-describedby=\"delivery_lead_id-hint\""))
            #expect(!page.text.contains(">Mange 7</option>"))
            #expect(pageSection("team", of: page.text).contains("<input id=\"staff-person\" name=\"person_id\""))

            // An address, in any case, or a handle.
            let byAddress = try await sales.post("/engagements/\(id)/delivery-lead", form: ["delivery_lead_id": " Mange7@Example.no "])
            #expect(byAddress.status == .seeOther)
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.$deliveryLead.id
                    == Person.query(on: app.db).filter(\.$email == "mange7@example.no").first()?.id)
            try await sales.get("/engagements/\(id)")
            let staffed = try await sales.post("/engagements/\(id)/staff", form: ["profile_id": "p1", "person_id": "mange8"])
            #expect(staffed.status == .seeOther)
            #expect(try await EngagementMember.query(on: app.db).filter(\.$engagement.$id == UUID(uuidString: id)!).count() == 1)

            // Nobody by that name: said in bokmål at the field, nothing changes; "mange1" is not a prefix match for "mange10".
            try await sales.get("/engagements/\(id)")
            let unknown = try await sales.post("/engagements/\(id)/delivery-lead", form: ["delivery_lead_id": "ingen@example.no"])
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.text.contains("ingen aktiv person har e-postadressen eller brukernavnet «ingen@example.no»"))
            try await sales.get("/engagements/\(id)")
            let percent = try await sales.post("/engagements/\(id)/delivery-lead", form: ["delivery_lead_id": "mange%"])
            #expect(percent.status == .unprocessableEntity)
            #expect(try await Engagement.find(UUID(uuidString: id), on: app.db)?.$deliveryLead.id
                    == Person.query(on: app.db).filter(\.$email == "mange7@example.no").first()?.id)

            // A direct conversation with several, typed into one field.
            let direct = try await sales.get("/channels")
            #expect(direct.text.contains("<input id=\"members\" name=\"members[]\" type=\"text\" data-person-lookup spellcheck=\"false\" data-multiple"))
            let made = try await sales.post("/channels/direct", pairs: [("members[]", "mange1@example.no, mange2")])
            #expect(made.status == .seeOther)
            let channelID = try #require(made.headers.first(name: .location).flatMap { UUID(uuidString: String($0.split(separator: "/").last ?? "")) })
            #expect(try await ChannelMember.query(on: app.db).filter(\.$channel.$id == channelID).count() == 3)
            try await sales.get("/channels")
            let refused = try await sales.post("/channels/direct", pairs: [("members[]", "mange1@example.no, ukjent")])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("id=\"members-error\""))

            // A promise to a colleague typed in; departments stay in the list; someone unknown keeps what was typed.
            let promises = try await sales.get("/promises")
            #expect(promises.text.contains("<input id=\"to_person\" name=\"to_person\" type=\"text\" data-person-lookup"))
            #expect(!promises.text.contains(">Mange 3</option>"))
            let due = PromiseActions.today(app).adding(days: 3).description
            let made2 = try await sales.post("/promises", form: ["text": "Sende tilbudet", "due": due, "to": "", "to_person": "mange3"])
            #expect(made2.status == .seeOther)
            let mange3 = try await Person.query(on: app.db).filter(\.$email == "mange3@example.no").first()?.id
            #expect(try await Promise.query(on: app.db).filter(\.$text == "Sende tilbudet").first()?.receiverID == mange3)
            try await sales.get("/promises")
            let nobody = try await sales.post("/promises", form: ["text": "Ringe", "due": due, "to": "", "to_person": "ingen.her"])
            #expect(nobody.status == .unprocessableEntity)
            #expect(nobody.text.contains("value=\"ingen.her\"") && nobody.text.contains("«ingen.her»"))
            #expect(try await Promise.query(on: app.db).filter(\.$text == "Ringe").count() == 0)
            // What was typed goes back into the field's value escaped.
            try await sales.get("/promises")
            let hostile = try await sales.post("/promises", form: ["text": "Ringe", "due": due, "to": "", "to_person": "\"><x-evil onfocus=1>"])
            #expect(hostile.status == .unprocessableEntity)
            #expect(PageSweep.injections(in: HTMLTokenizer.tags(in: hostile.body.string)).isEmpty)
            #expect(hostile.text.contains("value=\"&quot;&gt;&lt;x-evil onfocus=1&gt;\""))
        }
    }
}
