import Foundation
import Testing
@testable import LovnadApp

/// The hand-written message JSON must say exactly what the API's `JSONEncoder` says.
@Suite struct MessageJSONTests {
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
        #expect(try parsed(MessageDTO.listJSON(items, nextCursor: "abc")) == encoderJSON(ListResponse(items: items, nextCursor: "abc")))
        #expect(try parsed(MessageDTO.listJSON([], nextCursor: nil)) == encoderJSON(ListResponse<MessageDTO>(items: [], nextCursor: nil)))
    }
}
