import Testing
import Foundation
@testable import LovnadCore

@Suite struct NorwegianStemmerTests {
    /// Every pair the reference implementation (Snowball 3.1.1, generated for Python) gave for a vocabulary
    /// of the bokmål strings, the demo, the seed articles and the algorithm's corner cases.
    @Test func agreesWithTheReferenceImplementation() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/norwegian-stems.txt")
        let pairs = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map(String.init) }
        #expect(pairs.count > 3000)
        let wrong = pairs.filter { NorwegianStemmer.stem($0[0]) != $0[1] }.map { "\($0[0]) → \(NorwegianStemmer.stem($0[0])), not \($0[1])" }
        #expect(wrong.isEmpty, "\(wrong.prefix(20).joined(separator: "; "))")
    }

    @Test func inflectionsShareAStem() {
        let stems = Set(["leveranse", "leveransen", "leveransene", "leveranser"].map(NorwegianStemmer.stem))
        #expect(stems == ["leverans"])
        #expect(NorwegianStemmer.stem("meldt") == "meld")
        #expect(NorwegianStemmer.stem("vitenskapers") == "vitenskap")
        #expect(NorwegianStemmer.stem("minders") == "minders")
        #expect(NorwegianStemmer.stem("ab") == "ab")
    }
}
