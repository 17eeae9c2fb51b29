import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp
@testable import LovnadCore

/// 2026-12-01 09:00 in Oslo.
private let firstOfDecember = ISO8601DateFormatter().date(from: "2026-12-01T08:00:00Z")!

@Suite struct PromiseAPITests {
    @Test func aPromiseToAColleagueIsMadeKeptConfirmedAndCounted() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            // Dina leads Åse; she promises Åse a 1:1 on the 10th.
            let made = try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                        ["text": "Medarbeidersamtale med deg", "due": "2026-12-10", "source": "one_to_one",
                                         "to": ["type": "person", "id": w.dev.id!.uuidString]])
            #expect(made.status == .created, "\(made.text)")
            let id = try #require(try made.json()["id"] as? String)
            #expect(try made.json()["state"] as? String == "made")

            // Before it is kept the receiver cannot confirm it.
            let early = try await w.send(.POST, "/api/v1/promises/\(id)/confirmation", w.devToken, ["kept": true])
            #expect(early.status == .conflict)
            // Kept without evidence is refused, with evidence accepted.
            let bare = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.devLeaderToken, ["to": "kept"])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.errorFields["note"] != nil)
            app.clock.advance(by: 3 * 86_400)
            let kept = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.devLeaderToken,
                                        ["to": "kept", "note": "Samtalen ble holdt 4. desember"])
            #expect(kept.status == .ok, "\(kept.text)")

            // Only the receiver confirms; disputing needs a note and counts as not kept until resolved.
            let notYours = try await w.send(.POST, "/api/v1/promises/\(id)/confirmation", w.devLeaderToken, ["kept": true])
            #expect(notYours.status == .forbidden)
            let noNote = try await w.send(.POST, "/api/v1/promises/\(id)/confirmation", w.devToken, ["kept": false])
            #expect(noNote.status == .unprocessableEntity)
            let disputed = try await w.send(.POST, "/api/v1/promises/\(id)/confirmation", w.devToken,
                                            ["kept": false, "note": "Vi rakk bare ti minutter"])
            #expect(disputed.status == .ok)
            var stats = try await w.send(.GET, "/api/v1/promises/stats?scope=person&id=\(w.devLeader.id!.uuidString)", w.devLeaderToken)
            #expect(try stats.json()["counted"] as? Int == 1)
            #expect(try stats.json()["kept_on_time"] as? Int == 0)
            _ = try await w.send(.POST, "/api/v1/promises/\(id)/confirmation", w.devToken, ["kept": true, "note": "Vi tok resten dagen etter"])
            stats = try await w.send(.GET, "/api/v1/promises/stats?scope=person&id=\(w.devLeader.id!.uuidString)", w.devLeaderToken)
            #expect(try stats.json()["ratio"] as? Double == 1.0)

            // The history tells the whole story.
            let shown = try await w.send(.GET, "/api/v1/promises/\(id)", w.devToken)
            let history = try #require(try shown.json()["history"] as? [[String: Any]])
            #expect(history.map { $0["to"] as? String } == ["made", "kept", "disputed", "confirmed"])
        }
    }

    @Test func badInputIsRefusedAndWritesNothing() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            let to = ["type": "person", "id": w.dev.id!.uuidString]
            let cases: [([String: Any], String)] = [
                (["text": "Noe", "due": "2026-11-30", "to": to], "due"),
                (["text": "Noe", "due": "30.12.2026", "to": to], "due"),
                (["text": "", "due": "2026-12-30", "to": to], "text"),
                (["text": "Noe", "due": "2026-12-30", "to": ["type": "person", "id": UUID().uuidString]], "to.id"),
                (["text": "Noe", "due": "2026-12-30", "to": ["type": "planet", "id": UUID().uuidString]], "to.type"),
                (["text": "Noe", "due": "2026-12-30"], "to.type"),
                (["text": "Noe", "due": "2026-12-30", "to": ["type": "customer", "id": UUID().uuidString]], "to.id"),
                (["text": "Noe", "due": "2026-12-30", "to": to, "recurrence": ["every": 2, "unit": "week", "until": "2028-06-01"]], "recurrence.until"),
            ]
            for (body, field) in cases {
                let r = try await w.send(.POST, "/api/v1/promises", w.devToken, body)
                #expect(r.status == .unprocessableEntity, "\(body)")
                #expect(r.errorFields[field] != nil, "\(field): \(r.text)")
            }
            let malformed = try await app.testing().sendRequest(.POST, "/api/v1/promises", headers: .bearerJSON(w.devToken),
                                                                body: ByteBuffer(string: "{not json"))
            #expect(malformed.status == .badRequest)
            #expect(try await Promise.query(on: app.db).count() == 0)

            // Someone else's engagement in the body does not reveal it exists.
            let engagement = try await w.newEngagement()
            let hidden = try await w.send(.POST, "/api/v1/promises", w.outsiderToken,
                                          ["text": "Noe", "due": "2026-12-30", "engagement_id": engagement, "to": ["type": "customer", "id": w.customerID]])
            #expect(hidden.status == .unprocessableEntity)
            #expect(hidden.errorFields["engagement_id"] != nil)
            // On someone else's behalf only as their leader.
            let behalf = try await w.send(.POST, "/api/v1/promises", w.outsiderToken,
                                          ["text": "Noe", "due": "2026-12-30", "owner_id": w.dev.id!.uuidString, "to": to])
            #expect(behalf.status == .forbidden)
            #expect(try await Promise.query(on: app.db).count() == 0)
        }
    }

    @Test func illegalStepsAreConflictsAndRenegotiationNeedsNewTerms() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            let made = try await w.send(.POST, "/api/v1/promises", w.salesToken,
                                        ["text": "Tilbud på fase 2", "due": "2026-12-15", "to": ["type": "customer", "id": w.customerID]])
            let id = try #require(try made.json()["id"] as? String)
            let noTerms = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.salesToken, ["to": "renegotiated"])
            #expect(noTerms.status == .unprocessableEntity)
            #expect(noTerms.errorFields["new_due"] != nil)
            let same = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.salesToken, ["to": "renegotiated", "new_due": "2026-12-15"])
            #expect(same.status == .unprocessableEntity)
            let noReason = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.salesToken, ["to": "broken"])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.errorFields["note"] != nil)
            let unknown = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.salesToken, ["to": "forgotten"])
            #expect(unknown.status == .unprocessableEntity)

            let renegotiated = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.salesToken,
                                                ["to": "renegotiated", "new_due": "2027-01-15", "note": "Kunden ba om mer tid"])
            #expect(renegotiated.status == .ok, "\(renegotiated.text)")
            let replacement = try #require(try renegotiated.json()["replacement"] as? [String: Any])
            #expect(replacement["due"] as? String == "2027-01-15")
            #expect(replacement["replaces_id"] as? String == id.uppercased() || replacement["replaces_id"] as? String == id)

            // Out of a final state: 409, and nothing changes.
            let again = try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.salesToken, ["to": "kept", "note": "Levert"])
            #expect(again.status == .conflict)
            let stillRenegotiated = try await w.send(.GET, "/api/v1/promises/\(id)", w.salesToken)
            #expect((try stillRenegotiated.json()["promise"] as? [String: Any])?["state"] as? String == "renegotiated")
            #expect(try await Promise.query(on: app.db).count() == 2)
        }
    }

    @Test func someoneElsesPromiseIsNotFound() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            let made = try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                        ["text": "Kurs i Kubernetes", "due": "2027-02-01", "to": ["type": "person", "id": w.dev.id!.uuidString]])
            let id = try #require(try made.json()["id"] as? String)
            for (method, path, body) in [(HTTPMethod.GET, "/api/v1/promises/\(id)", nil),
                                         (.POST, "/api/v1/promises/\(id)/transitions", ["to": "kept", "note": "x"] as [String: Any]?),
                                         (.POST, "/api/v1/promises/\(id)/confirmation", ["kept": true])] {
                let r = try await w.send(method, path, w.outsiderToken, body)
                #expect(r.status == .notFound, "\(path)")
            }
            // Even an admin does not see a promise between two colleagues.
            let admin = try await Fixture.person(app, "Ada Admin", roles: [.admin], department: "Ledelse")
            let adminToken = try await Fixture.token(app, for: admin)
            #expect(try await w.send(.GET, "/api/v1/promises/\(id)", adminToken).status == .notFound)
            // The receiver, the owner and the receiver's leader (here the owner) see it; lists follow the same rule.
            #expect(try await w.send(.GET, "/api/v1/promises/\(id)", w.devToken).status == .ok)
            #expect(try await w.send(.GET, "/api/v1/promises", w.outsiderToken).items().isEmpty)
            #expect(try await w.send(.GET, "/api/v1/promises?to=\(w.dev.id!.uuidString)", w.devToken).items().count == 1)
            // Ratios of people follow the same rule.
            #expect(try await w.send(.GET, "/api/v1/promises/stats?scope=person&id=\(w.dev.id!.uuidString)", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.GET, "/api/v1/promises/stats?scope=person&id=\(w.dev.id!.uuidString)", w.devLeaderToken).status == .ok)
            #expect(try await w.send(.GET, "/api/v1/promises/stats", w.outsiderToken).status == .ok)
            #expect(try await w.send(.GET, "/api/v1/promises/\(UUID().uuidString)", w.devToken).status == .notFound)
        }
    }

    @Test func releasingAColleaguesPromiseIsTheirConsent() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            let made = try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                        ["text": "Fagdag i januar", "due": "2027-01-20", "to": ["type": "person", "id": w.dev.id!.uuidString]])
            let id = try #require(try made.json()["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.devLeaderToken, ["to": "released"]).status == .forbidden)
            #expect(try await w.send(.POST, "/api/v1/promises/\(id)/transitions", w.devToken, ["to": "released", "note": "Greit"]).status == .ok)
        }
    }

    @Test func listsFilterByStateOverdueAndDue() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            for due in ["2026-12-03", "2026-12-20", "2027-01-10"] {
                let r = try await w.send(.POST, "/api/v1/promises", w.salesToken, ["text": "Svar innen \(due)", "due": due,
                                                                                 "to": ["type": "customer", "id": w.customerID]])
                #expect(r.status == .created)
            }
            app.clock.advance(by: 10 * 86_400)
            #expect(try await w.send(.GET, "/api/v1/promises?state=overdue", w.salesToken).items().map { $0["due"] as? String } == ["2026-12-03"])
            #expect(try await w.send(.GET, "/api/v1/promises?due_before=2027-01-01", w.salesToken).items().count == 2)
            #expect(try await w.send(.GET, "/api/v1/promises?owner=\(w.sales.id!.uuidString)&limit=2", w.salesToken).json()["next_cursor"] as? String != nil)
            #expect(try await w.send(.GET, "/api/v1/promises?state=late", w.salesToken).status == .unprocessableEntity)
            #expect(try await w.send(.GET, "/api/v1/promises?owner=nobody", w.salesToken).status == .unprocessableEntity)
            let overdue = try await w.send(.GET, "/api/v1/promises/stats?scope=customer&id=\(w.customerID)", w.salesToken)
            #expect(try overdue.json()["overdue"] as? Int == 1)
            #expect(try overdue.json()["counted"] as? Int == 1)
        }
    }

    @Test func recurringPromisesAreTrackedOneByOne() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            let made = try await w.send(.POST, "/api/v1/promises", w.devLeaderToken,
                                        ["text": "1:1 annenhver uke", "due": "2026-12-03", "source": "one_to_one",
                                         "to": ["type": "person", "id": w.dev.id!.uuidString],
                                         "recurrence": ["every": 2, "unit": "week", "until": "2027-01-31"]])
            #expect(made.status == .created)
            let occurrences = try #require(try made.json()["occurrences"] as? [[String: Any]])
            #expect(occurrences.map { $0["due"] as? String } == ["2026-12-03", "2026-12-17", "2026-12-31", "2027-01-14", "2027-01-28"])
            #expect(Set(occurrences.compactMap { $0["series_id"] as? String }).count == 1)
        }
    }
}

@Suite struct PromiseSourcingTests {
    @Test func anExpectationBecomesAPromiseAndSettlesReadiness() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let base = "/api/v1/engagements/\(id)"
            _ = try await w.send(.POST, "\(base)/transitions", w.salesToken, ["to": "won"])
            var package = w.package()
            package["expectations"] = [["id": "e1", "text": "Pilot før sommeren", "not_a_promise_reason": NSNull(), "promise_id": NSNull()]]
            #expect(try await w.send(.PUT, "\(base)/handover", w.salesToken, package).status == .ok)
            let before = try await w.send(.GET, "\(base)/handover", w.salesToken).json()
            let unsettled = (before["readiness"] as? [[String: Any]])?.first { $0["item"] as? String == "expectations_settled" }
            #expect(unsettled?["passed"] as? Bool == false)

            // Not on the engagement: 404; on it but not steering: 403; unknown expectation: 404.
            #expect(try await w.send(.POST, "\(base)/expectations/e1/promise", w.outsiderToken).status == .notFound)
            #expect(try await w.send(.POST, "\(base)/expectations/nope/promise", w.salesToken).status == .notFound)

            let made = try await w.send(.POST, "\(base)/expectations/e1/promise", w.salesToken)
            #expect(made.status == .created, "\(made.text)")
            let promise = try #require(try made.json()["promise"] as? [String: Any])
            #expect(promise["due"] as? String == "2027-06-25")   // the end of the timeline
            #expect(promise["source"] as? String == "handover")
            #expect((promise["owner"] as? [String: Any])?["id"] as? String == w.sales.id!.uuidString)  // no delivery lead yet
            #expect((promise["to"] as? [String: Any])?["name"] as? String == "Fjellvann kommune")
            #expect(try await w.send(.POST, "\(base)/expectations/e1/promise", w.salesToken).status == .conflict)

            let after = try await w.send(.GET, "\(base)/handover", w.salesToken).json()
            let settled = (after["readiness"] as? [[String: Any]])?.first { $0["item"] as? String == "expectations_settled" }
            #expect(settled?["passed"] as? Bool == true)
            // Saving the package again keeps the link.
            #expect(try await w.send(.PUT, "\(base)/handover", w.salesToken, package).status == .ok)
            let resaved = try await w.send(.GET, "\(base)/handover", w.salesToken).json()
            let expectations = (resaved["package"] as? [String: Any])?["expectations"] as? [[String: Any]]
            #expect(expectations?.first?["promise_id"] as? String == promise["id"] as? String)

            // Making it and keeping it are in the engagement's log, and the log still verifies.
            let pid = try #require(promise["id"] as? String)
            #expect(try await w.send(.POST, "/api/v1/promises/\(pid)/transitions", w.salesToken, ["to": "kept", "note": "Pilot levert"]).status == .ok)
            let log = try await w.send(.GET, "\(base)/log?tag=promise", w.salesToken).items().compactMap { $0["body"] as? String }
            #expect(log.contains { $0.hasPrefix("Løfte gitt til Fjellvann kommune") })
            #expect(log.contains { $0.hasPrefix("Løfte holdt") })
            #expect(try await w.send(.GET, "\(base)/log/verify", w.salesToken).json()["ok"] as? Bool == true)
            let stats = try await w.send(.GET, "/api/v1/promises/stats?scope=engagement&id=\(id)", w.salesToken).json()
            #expect(stats["ratio"] as? Double == 1.0)
        }
    }

    @Test func aLogEntryBecomesAPromiseOnce() async throws {
        try await withLovnad { app in
            app.clock.set(firstOfDecember)
            let w = try await EngagementWorld.make(app)
            let id = try await w.newEngagement()
            let entry = try await w.send(.POST, "/api/v1/engagements/\(id)/log", w.salesToken,
                                         ["kind": "customer_contact", "body": "Vi sender oppdatert estimat før jul"])
            let entryID = try #require(try entry.json()["id"] as? String)
            let noDue = try await w.send(.POST, "/api/v1/engagements/\(id)/log/\(entryID)/promise", w.salesToken, [:] as [String: Any])
            #expect(noDue.status == .unprocessableEntity)
            let made = try await w.send(.POST, "/api/v1/engagements/\(id)/log/\(entryID)/promise", w.salesToken, ["due": "2026-12-20"])
            #expect(made.status == .created, "\(made.text)")
            #expect((try made.json()["promise"] as? [String: Any])?["text"] as? String == "Vi sender oppdatert estimat før jul")
            #expect(try await w.send(.POST, "/api/v1/engagements/\(id)/log/\(entryID)/promise", w.salesToken, ["due": "2026-12-20"]).status == .conflict)
            #expect(try await w.send(.POST, "/api/v1/engagements/\(id)/log/\(UUID().uuidString)/promise", w.salesToken, ["due": "2026-12-20"]).status == .notFound)
            #expect(try await w.send(.POST, "/api/v1/engagements/\(id)/log/\(entryID)/promise", w.outsiderToken, ["due": "2026-12-20"]).status == .notFound)
        }
    }
}
