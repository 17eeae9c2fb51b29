import Foundation
import Testing
@testable import LovnadApp

/// Hand-written JSON (messages, people, rankings, engagements) must say exactly what the API's `JSONEncoder` says.
@Suite struct HandWrittenJSONTests {
    private func encoderJSON<T: Encodable>(_ value: T) throws -> NSDictionary {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.dateEncodingStrategy = .iso8601
        return try JSONSerialization.jsonObject(with: e.encode(value)) as! NSDictionary
    }

    private func parsed(_ text: String) throws -> NSDictionary {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as! NSDictionary
    }

    private func message(body: String, edited: Bool, reactions: [ReactionDTO]) -> MessageDTO {
        MessageDTO(id: UUID(), channelId: UUID(), threadId: edited ? UUID() : nil, seq: 42,
                   author: PersonRef(id: UUID(), name: "Åse \"Ø\" Bø\\"), body: body,
                   html: "<p>\(body)</p>", isQuestion: !edited, replyCount: 3,
                   lastReplyAt: edited ? Date(timeIntervalSince1970: 1_780_000_000.987) : nil,
                   createdAt: Date(timeIntervalSince1970: 1_779_999_999.5), editedAt: edited ? Date() : nil,
                   deletedAt: nil, pinnedAt: edited ? Date(timeIntervalSince1970: 0) : nil, reactions: reactions)
    }

    @Test(arguments: [
        "plain", "quote \" backslash \\ slash / </script>", "lines\nand\ttabs\r\u{8}\u{c}", "control \u{1}\u{1f}\u{7f}",
        "æøå ÆØÅ 👍🏽 ❤️ 𝄞", "", "\\u0041 is not A",
    ])
    func aMessageIsWrittenAsTheEncoderWritesIt(body: String) throws {
        let people = [UUID(), UUID()]
        for m in [message(body: body, edited: false, reactions: []),
                  message(body: body, edited: true, reactions: [ReactionDTO(emoji: "👍", count: 2, mine: true, people: people),
                                                                ReactionDTO(emoji: "🎉", count: 1, mine: false, people: [people[1]])])] {
            #expect(try parsed(m.json) == encoderJSON(m))
        }
    }

    @Test func aListIsWrittenAsTheEncoderWritesIt() throws {
        let items = [message(body: "a", edited: false, reactions: []), message(body: "b\"", edited: true, reactions: [])]
        #expect(try parsed(ListResponse(items: items, nextCursor: "abc").json) == encoderJSON(ListResponse(items: items, nextCursor: "abc")))
        #expect(try parsed(ListResponse<MessageDTO>(items: [], nextCursor: nil).json) == encoderJSON(ListResponse<MessageDTO>(items: [], nextCursor: nil)))
    }

    private func person(name: String, full: Bool) -> PersonDTO {
        PersonDTO(id: UUID(), name: name, email: "ase.bo@example.no", title: full ? "Seniorkonsulent \"data\"" : nil,
                  department: full ? DepartmentRef(id: UUID(), name: "Data & analyse") : nil, leaderId: full ? UUID() : nil,
                  roles: full ? [.leader, .consultant] : [], active: full)
    }

    @Test(arguments: ["Åse Bø", "quote \" backslash \\ </script>", "lines\nand\ttabs\u{1}", "👍🏽 𝄞", ""])
    func aPersonIsWrittenAsTheEncoderWritesIt(name: String) throws {
        for p in [person(name: name, full: true), person(name: name, full: false)] {
            #expect(try parsed(p.json) == encoderJSON(p))
        }
    }

    @Test func aRankingIsWrittenAsTheEncoderWritesIt() throws {
        let experts = [
            ExpertDTO(person: person(name: "Åse", full: true), score: 12.5, level: 4, endorsements: 3,
                      reasons: ["nivå 4 i Kubernetes", "5 \"aksepterte\" svar"], acceptedAnswers: 5, engagements: 2,
                      medianMinutesToFirstAnswer: 30, openRouted: 1, availability: "available"),
            ExpertDTO(person: person(name: "Bo", full: false), score: 7, level: 0, endorsements: 0, reasons: [], acceptedAnswers: 0,
                      engagements: 0, medianMinutesToFirstAnswer: nil, openRouted: 0, availability: "on_leave"),
            ExpertDTO(person: person(name: "Cy", full: false), score: 0.1 + 0.2, level: 1, endorsements: 0, reasons: [], acceptedAnswers: 0,
                      engagements: 0, medianMinutesToFirstAnswer: 0, openRouted: 3, availability: "busy"),
        ]
        let list = ListResponse(items: experts, nextCursor: "12.5:åse")
        #expect(try parsed(list.json) == encoderJSON(list))
        #expect(try parsed(ListResponse<ExpertDTO>(items: [], nextCursor: nil).json) == encoderJSON(ListResponse<ExpertDTO>(items: [], nextCursor: nil)))
    }

    @Test(arguments: ["Skyplattform for Fjord Kraft", "quote \" backslash \\ </script>", "lines\nand\ttabs\u{1}", "👍🏽 𝄞", ""])
    func anEngagementIsWrittenAsTheEncoderWritesIt(title: String) throws {
        let customer = UUID(), owner = UUID(), lead = UUID()
        let names = EngagementQueries.Names(customers: [customer: "Kunde \"AS\""], people: [owner: "Åse Bø", lead: title])
        let team = [TeamMemberDTO(person: PersonRef(id: lead, name: title), profileId: "p-1", role: "Arkitekt \"lead\"", allocationPercent: 80),
                    TeamMemberDTO(person: PersonRef(id: UUID(), name: ""), profileId: "", role: "", allocationPercent: 0)]
        for (deliveryLead, team, channel) in [(lead, team, UUID()), (nil, [], nil)] as [(UUID?, [TeamMemberDTO], UUID?)] {
            let e = Engagement(id: UUID(), title: title, customerID: customer, salesOwnerID: owner, deliveryLeadID: deliveryLead,
                               status: "delivery", logHead: "", now: Date(timeIntervalSince1970: 1_779_999_999.5))
            e.logCount = 7
            e.updatedAt = Date(timeIntervalSince1970: 1_780_000_000.987)
            let dto = EngagementDTO(e, names: names, team: team, channelID: channel)
            #expect(try parsed(dto.json) == encoderJSON(dto))
            let list = ListResponse(items: [dto, dto], nextCursor: "x")
            #expect(try parsed(list.json) == encoderJSON(list))
        }
    }
}
