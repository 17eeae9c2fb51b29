import Foundation
import Testing
import LovnadCore

/// Ids read and written by hand must be exactly what Foundation reads and writes.
@Suite struct UUIDTextTests {
    @Test func idsRoundTripAsFoundationWritesThem() {
        for _ in 0..<500 {
            let id = UUID()
            #expect(UUIDText.string(id) == id.uuidString)
            #expect(UUIDText.parse(id.uuidString) == id)
            #expect(UUIDText.parse(id.uuidString.lowercased()) == id)
        }
        let edges = [UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)),
                     UUID(uuid: (255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255))]
        for id in edges { #expect(UUIDText.string(id) == id.uuidString && UUIDText.parse(id.uuidString) == id) }
    }

    /// Strict where Foundation on Linux is not: its `sscanf` lets a space or an `0x` inside a group through.
    @Test func anythingButThe36CharacterFormIsRefused() {
        let good = "E621E1F8-C36C-495A-93FC-0C247A3E6E5F"
        var bad = ["", "E621E1F8", good + "0", String(good.dropLast()), good.replacingOccurrences(of: "-", with: ""),
                   "E621E1F8C-36C-495A-93FC-0C247A3E6E5F", "G621E1F8-C36C-495A-93FC-0C247A3E6E5F", "E621E1F8-C36C-495A-93FC-0C247A3E6E5 ",
                   " E621E1F8-C36C-495A-93FC-0C247A3E6E5", "E621E1F8-C36C-495A-93FC-0C247A3E6E5Ø", "{621E1F8-C36C-495A-93FC-0C247A3E6E5}"]
        bad += (0..<good.count).map { i in String(good.prefix(i)) + "x" + String(good.dropFirst(i + 1)) }
        for text in bad { #expect(UUIDText.parse(text) == nil, "\(text)") }
    }
}
