import Testing
@testable import LovnadCore

@Suite struct SearchTextTests {
    @Test func wordsAreLowerCasedStemmedAndKeepWhereTheyStand() {
        let text = "Leveransen til Kunden, 2026: S3-bøtta!"
        let words = SearchText.words(in: text)
        #expect(words.map(\.text) == ["leveransen", "til", "kunden", "2026", "s3", "bøtta"])
        #expect(words.map(\.stem) == ["leverans", "til", "kund", "2026", "s3", "bøtt"])
        #expect(String(text[words[2].range]) == "Kunden")
    }

    @Test func inflectionsShareTheIndexedStem() {
        let indexed = SearchText.indexed("Leveransene og leveransen")
        #expect(indexed.stems == "leverans og leverans")
        #expect(indexed.reversed == "snarevel go snarevel")
        #expect(SearchQuery("leveranse").clauses == [.word("leverans")])
    }

    @Test func theTSVectorWeighsStemsAAndReversedStemsB() {
        #expect(SearchText.indexed("prosjektleder og leder").tsvector
                == "'prosjektled':1A 'deltkejsorp':1B 'og':2A 'go':2B 'led':3A 'del':3B")
    }

    @Test func overlongRunsAreClipped() {
        let run = String(repeating: "a", count: 500)
        #expect(SearchText.words(in: run).first?.text.count == SearchText.longestWord)
    }

    @Test func queriesReadWordsPrefixesAndPhrases() {
        let q = SearchQuery("Kubernetes lev* \"prosjektet vårt\" kunde")
        #expect(q.clauses == [.word("kubernet"), .prefix("lev"), .phrase(["prosjekt", "vårt"]), .word("kund")])
    }

    @Test func syntaxErrorsArePlainText() {
        #expect(SearchQuery("\"ubalansert sitat").clauses == [.word("ubalanser"), .word("sitat")])
        #expect(SearchQuery("*").isEmpty)
        #expect(SearchQuery("AND OR NOT ( ) - +").clauses == [.word("and"), .word("or"), .word("not")])
        #expect(SearchQuery("a\" b \"c\"").clauses.count == 3)
        #expect(SearchQuery("\"\"").isEmpty)
        #expect(SearchQuery("").passes == [])
    }

    @Test func aPrefixMatchesStemsSoInflectionsCount() {
        #expect(SearchQuery("leveranse*").clauses == [.prefix("leverans")])
    }

    @Test func clausesAreCappedAndRepeatsDropped() {
        let many = (1...40).map { "ord\($0)" }.joined(separator: " ")
        #expect(SearchQuery(many).clauses.count == SearchQuery.maxClauses)
        #expect(SearchQuery("kunde kunden kunder").clauses == [.word("kund")])
    }

    @Test func theCompoundPassLooksForTailsAndLeavesOutWholeHits() {
        let q = SearchQuery("leder")
        #expect(q.passes == [.whole, .compound])
        #expect(q.fts5(.whole) == "stems : \"led\"")
        #expect(q.fts5(.compound) == "((stems : \"led\" OR reversed : \"del\" *)) NOT (stems : \"led\")")
        #expect(q.tsquery(.whole) == "'led':A")
        #expect(q.tsquery(.compound) == "(('led':A | 'del':*B)) & !('led':A)")
        #expect(SearchQuery("\"to ord\" ab*").passes == [.whole])
    }

    @Test func phrasesArePositionalInBothForms() {
        let q = SearchQuery("\"god leveranse\"")
        #expect(q.fts5(.whole) == "stems : \"god leverans\"")
        #expect(q.tsquery(.whole) == "('god':A <-> 'leverans':A)")
    }

    @Test func snippetsMarkMatchesInTheOriginalText() {
        let text = String(repeating: "Innledning uten treff. ", count: 10)
            + "Prosjektlederen sa at Leveransene kommer fredag. " + String(repeating: "Mer tekst her. ", count: 20)
        let snippet = SearchSnippet.cut(text, for: SearchQuery("leveranse"))
        #expect(snippet.segments.first?.text.hasPrefix("…") == true)
        #expect(snippet.segments.filter(\.marked).map(\.text) == ["Leveransene"])
        #expect(snippet.text.hasSuffix("…"))
        let mark = snippet.marks[0]
        let utf16 = Array(snippet.text.utf16)
        #expect(String(decoding: utf16[mark[0]..<mark[1]], as: UTF16.self) == "Leveransene")
    }

    @Test func snippetsMarkCompoundTailsAndPrefixes() {
        let snippet = SearchSnippet.cut("Ny prosjektleder og en leder i dag", for: SearchQuery("leder"))
        #expect(snippet.segments.filter(\.marked).map(\.text) == ["prosjektleder", "leder"])
        #expect(SearchSnippet.cut("Kubernetes-klynga", for: SearchQuery("kube*")).segments.filter(\.marked).map(\.text) == ["Kubernetes"])
    }

    @Test func aSnippetWithoutAMatchIsTheStart() {
        let snippet = SearchSnippet.cut("Kort\n\n  tekst", for: SearchQuery("noe annet"))
        #expect(snippet.text == "Kort tekst")
        #expect(snippet.marks.isEmpty)
    }

    @Test func aSimilarQueryKeepsTellingWordsAnyOfWhichMayMatchAndTheWordBeingTyped() {
        let typing = SimilarQuery("Hvordan konfigurerer vi Kotlin-kompilat")
        #expect(typing.terms == [.word(SearchText.stem("konfigurerer")), .word("kotlin"), .prefix("kompilat")])
        #expect(typing.fts5 == "stems : \"\(SearchText.stem("konfigurerer"))\" OR stems : \"kotlin\" OR stems : \"kompilat\" *")
        #expect(typing.tsquery == "'\(SearchText.stem("konfigurerer"))':A | 'kotlin':A | 'kompilat':*A")
        // A finished word (a space after it) is whole; small and common words are left out; so is nothing at all.
        #expect(SimilarQuery("Hva er S3? ").terms == [.word("s3")])
        #expect(SimilarQuery("hvordan").isEmpty)
        #expect(SimilarQuery("\"* OR (").isEmpty)
        #expect(SimilarQuery(String(repeating: "ord ", count: 40) + "ordene flere mange lange setninger uten ende her").terms.count <= SimilarQuery.maxTerms)
    }
}
