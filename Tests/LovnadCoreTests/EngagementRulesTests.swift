import Foundation
import Testing
@testable import LovnadCore

@Suite struct OrganisationNumberTests {
    @Test func acceptsValidNumbersWithOrWithoutSpaces() {
        for valid in ["923609016", "923 609 016", "974760673"] {
            #expect(OrganisationNumber(valid) != nil, "\(valid)")
        }
        #expect(OrganisationNumber("923609016")?.description == "923 609 016")
    }

    @Test func refusesWrongCheckDigitsLengthsAndLetters() {
        for invalid in ["923609017", "92360901", "9236090161", "92360901a", "", "123456789", "981036040"] {
            #expect(OrganisationNumber(invalid) == nil, "\(invalid)")
        }
    }

    @Test func aRemainderOfTenMeansNoCheckDigitFits() {
        // 4 × 3 = 12, and 12 mod 11 = 1, so 11 - 1 = 10: no digit can complete 40000000.
        #expect(OrganisationNumber.checkDigit([4, 0, 0, 0, 0, 0, 0, 0]) == nil)
        #expect((0...9).allSatisfy { OrganisationNumber("40000000\($0)") == nil })
        // 11 - 0 gives 11, written as 0.
        #expect(OrganisationNumber.checkDigit([0, 0, 0, 0, 0, 0, 0, 0]) == 0)
    }
}

@Suite struct EngagementTransitionTests {
    @Test func onlyTheStepsOfTheLifeAreAllowed() {
        let facts = TransitionFacts(hasDeliveryLead: true, reviewSignedOff: true, reason: "r")
        #expect(EngagementTransitions.refusal(from: .lead, to: .won, facts: facts) == nil)
        #expect(EngagementTransitions.refusal(from: .lead, to: .delivery, facts: facts) == .notAllowed(from: .lead, to: .delivery))
        #expect(EngagementTransitions.refusal(from: .closed, to: .lead, facts: facts) == .notAllowed(from: .closed, to: .lead))
        #expect(EngagementTransitions.refusal(from: .delivery, to: .lost, facts: facts) == .notAllowed(from: .delivery, to: .lost))
        #expect(EngagementTransitions.refusal(from: .won, to: .lost, facts: facts) == nil)
    }

    @Test func namesWhatIsMissing() {
        #expect(EngagementTransitions.refusal(from: .won, to: .handover, facts: .init()) == .missing(["delivery_lead"]))
        #expect(EngagementTransitions.refusal(from: .lead, to: .lost, facts: .init(reason: "  ")) == .missing(["reason"]))
        let notReady = TransitionFacts(hasDeliveryLead: true, unmetReadiness: ["profiles_staffed", "timeline"])
        #expect(EngagementTransitions.refusal(from: .handover, to: .delivery, facts: notReady)
                == .missing(["readiness.profiles_staffed", "readiness.timeline", "review_signed_off"]))
    }

    @Test func aLeadersOverrideStandsInForReadinessAndSignOff() {
        let overridden = TransitionFacts(hasDeliveryLead: true, unmetReadiness: ["risks"], overrideReason: "Kunden startet tidlig")
        #expect(EngagementTransitions.refusal(from: .handover, to: .delivery, facts: overridden) == nil)
        let blank = TransitionFacts(hasDeliveryLead: true, unmetReadiness: ["risks"], reviewSignedOff: true, overrideReason: " ")
        #expect(EngagementTransitions.refusal(from: .handover, to: .delivery, facts: blank) == .missing(["readiness.risks"]))
    }
}

@Suite struct LogChainTests {
    let engagement = UUID()

    func entry(_ n: Int, body: String, tags: [String] = [], corrects: UUID? = nil) -> LogEntryContent {
        LogEntryContent(id: UUID(), engagementID: engagement, sequence: n, kind: .note, authorID: UUID(),
                        createdAtMilliseconds: 1_800_000_000_000 + Int64(n), body: body, tags: tags, corrects: corrects)
    }

    func chain(_ contents: [LogEntryContent]) -> [(content: LogEntryContent, storedHash: String)] {
        var previous = LogChain.genesis
        return contents.map { c in
            let h = LogChain.hash(previous: previous, content: c)
            previous = h
            return (c, h)
        }
    }

    @Test func anIntactChainVerifies() {
        let entries = chain((1...5).map { entry($0, body: "Notat \($0)") })
        #expect(LogChain.verify(entries) == .intact(entries: 5))
        #expect(LogChain.verify([]) == .intact(entries: 0))
        #expect(entries[0].storedHash.count == 64)
    }

    @Test func aChangedBodyBreaksTheChainWhereItWasChanged() {
        var entries = chain((1...5).map { entry($0, body: "Notat \($0)") })
        let tampered = entries[2].content
        entries[2].content = LogEntryContent(id: tampered.id, engagementID: engagement, sequence: 3, kind: .note, authorID: tampered.authorID,
                                             createdAtMilliseconds: tampered.createdAtMilliseconds, body: "Noe annet",
                                             tags: [], corrects: nil)
        #expect(LogChain.verify(entries) == .broken(at: tampered.id))
    }

    @Test func rewritingAHashToMatchIsCaughtByTheNextEntry() {
        var entries = chain((1...4).map { entry($0, body: "Notat \($0)") })
        let original = entries[1].content
        let forged = LogEntryContent(id: original.id, engagementID: engagement, sequence: 2, kind: .decision, authorID: original.authorID,
                                     createdAtMilliseconds: original.createdAtMilliseconds, body: original.body, tags: [], corrects: nil)
        entries[1] = (forged, LogChain.hash(previous: entries[0].storedHash, content: forged))
        #expect(LogChain.verify(entries) == .broken(at: entries[2].content.id))
    }

    @Test func aRemovedEntryBreaksTheSequence() {
        var entries = chain((1...4).map { entry($0, body: "Notat \($0)") })
        let third = entries[2].content.id
        entries.remove(at: 1)
        #expect(LogChain.verify(entries) == .broken(at: third))
    }

    @Test func theCanonicalFormKeepsFieldsApart() {
        let a = entry(1, body: "x", tags: ["b", "a"])
        #expect(a.canonical.contains("tags:a,b"))
        #expect(a.canonical.hasSuffix("body:1:x"))
        // A body that imitates other fields does not collide with real fields.
        let sneaky = entry(1, body: "x\ntags:z")
        #expect(sneaky.canonical != a.canonical)
    }
}

@Suite struct LogCanonicalFormTests {
    @Test func uuidsAreWrittenInLowercaseAsUUIDStringWould() {
        for _ in 0..<20 {
            let id = UUID()
            #expect(LogEntryContent.text(id) == id.uuidString.lowercased())
        }
    }

    @Test func theCanonicalFormIsStable() {
        let content = LogEntryContent(id: UUID(uuidString: "00000000-0000-0000-0000-0000000000AB")!,
                                      engagementID: UUID(uuidString: "11111111-2222-3333-4444-555555555555")!, sequence: 7, kind: .decision,
                                      authorID: nil, createdAtMilliseconds: 1_800_000_000_123, body: "Kotlin", tags: ["b", "a"], corrects: nil)
        #expect(content.canonical == """
            v1
            id:00000000-0000-0000-0000-0000000000ab
            engagement:11111111-2222-3333-4444-555555555555
            seq:7
            kind:decision
            author:-
            at:1800000000123
            corrects:-
            tags:a,b
            body:6:Kotlin
            """)
        // SHA-256 of the genesis hash, a newline and the text above, as computed by Python's hashlib.
        #expect(LogChain.hash(previous: LogChain.genesis, content: content) == "8f236ff0be4443bf23cf46bd5b9cab8b79b32c06ad21104ca9bd966ed318e8b5")
    }
}

/// Lovnad's own log lines: a stored form any value survives, words in each language.
@Suite struct LogLineTests {
    @Test func theStoredFormKeepsAnyValue() {
        let lines = [LogLine(.statusChanged, ["from": "lead", "to": "won"]),
                     LogLine(.note, ["text": "To linjer\nmed\ttab, = og : og «sitat» 🎉"]),
                     LogLine(.handoverSignedOff)]
        let stored = LogLine.stored(lines)
        #expect(stored == "engagement.status\tfrom=4:lead\tto=3:won\nnote\ttext=43:To linjer\nmed\ttab, = og : og «sitat» 🎉\nhandover.signed_off\n")
        #expect(LogLine.parse(stored) == lines)
        #expect(LogLine.parse("") == [])
        #expect(LogLine.parse("no.such.key\n") == nil)
        #expect(LogLine.parse("note\ttext=99:short\n") == nil)
        #expect(LogLine.parse("note\ttext=5:short") == nil)
    }

    @Test func anEntryWithLinesIsHashedInTheirStoredForm() {
        let id = UUID(uuidString: "00000000-0000-0000-0000-0000000000AB")!, engagement = UUID(uuidString: "11111111-2222-3333-4444-555555555555")!
        func content(_ lines: String?) -> LogEntryContent {
            LogEntryContent(id: id, engagementID: engagement, sequence: 1, kind: .system, authorID: nil, createdAtMilliseconds: 5,
                            body: "", tags: [], corrects: nil, lines: lines)
        }
        let won = LogLine.stored([LogLine(.statusChanged, ["from": "lead", "to": "won"])])
        #expect(content(won).canonical.hasPrefix("v2\n"))
        #expect(content(won).canonical.hasSuffix("\nlines:\(won.utf8.count):\(won)\nbody:0:"))
        #expect(content(nil).canonical.hasPrefix("v1\n") && !content(nil).canonical.contains("lines:"))
        let lost = LogLine.stored([LogLine(.statusChanged, ["from": "lead", "to": "lost"])])
        #expect(LogChain.hash(previous: LogChain.genesis, content: content(won)) != LogChain.hash(previous: LogChain.genesis, content: content(lost)))
    }

    @Test func linesReadInTheReadersLanguage() {
        let lines = [LogLine(.handoverSaved, ["revision": "3", "sections": "offer,profiles"]),
                     LogLine(.overridden, ["unmet": "profiles_staffed", "signed": "false", "text": "Kunden venter"]),
                     LogLine(.promiseMadeRepeating, ["receiver": "Kari", "text": "Statusrapport", "count": "4", "first": "2027-01-08", "last": "2027-01-29"])]
        #expect(LogLineText.body(lines, in: .nb) == """
            Overleveringspakken er endret (versjon 3): Tilbud, Kompetanseprofiler.

            **Overstyrt av leder** (sjekklisten var ikke oppfylt: Alle profiler er bemannet; ikke signert). Begrunnelse: Kunden venter

            Løfte gitt til Kari: «Statusrapport» (4 ganger fra 8. januar 2027 til 29. januar 2027).
            """)
        #expect(LogLineText.body(lines, in: .en).hasPrefix("The handover package was changed (revision 3):"))
        #expect(LogLineText.date("2026-12-01", .en) == "1 December 2026")
        #expect(LogLineText.date("ikke en dato", .nb) == nil)
    }

    @Test func aValueHoldingAPlaceholderStaysAsTyped() {
        #expect(Localizer(.nb)(.logStatusChanged, ["from": "{to}", "to": "x"]) == "Status endret fra «{to}» til «x».")
        #expect(Localizer.fill("{a} {b", ["a": "1"]) == "1 {b")
    }
}
