import Fluent
import Foundation
import Testing
import VaporTesting
@testable import LovnadApp

/// Group commit: messages written together keep their numbers, read marks, follows and live events.
@Suite struct PostQueueTests {
    private func draft(_ channel: UUID, _ author: Person, _ body: String, thread: UUID? = nil, mentioned: Set<UUID> = [],
                       at now: Date) -> MessageDraft {
        MessageDraft(id: UUID(), channelID: channel, threadID: thread, author: PersonRef(id: author.id!, name: author.name), body: body,
                        html: "<p>\(body)</p>", isQuestion: false, normDueAt: nil, nudgeAt: nil, mentioned: mentioned, told: [], channelName: "", now: now)
    }

    @Test func oneBatchNumbersEachChannelInOrderAndMarksWhatItsAuthorsRead() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let a = try #require(UUID(uuidString: try await w.newChannel(w.devToken, ["name": "A", "kind": "topic"])))
            let b = try #require(UUID(uuidString: try await w.newChannel(w.leadToken, ["name": "B", "kind": "topic"])))
            _ = try await w.send(.POST, "/api/v1/channels/\(a)/members", w.leadToken, [String: Any]())
            let first = try await w.postMessage(w.devToken, channel: a.uuidString, "Først")
            let root = try #require(UUID(uuidString: first["id"] as? String ?? ""))
            let now = app.clock.now()
            let gone = UUID()
            let drafts = [draft(a, w.dev, "a1", at: now), draft(b, w.lead, "b1", at: now), draft(a, w.lead, "a2", mentioned: [w.dev.id!], at: now),
                          draft(gone, w.dev, "lost", at: now), draft(a, w.lead, "svar", thread: root, at: now), draft(a, w.dev, "a4", at: now)]
            let results = try await app.store.write { ctx in try await PostingActions.write(drafts, ctx, as: .posted) }
            // Numbers per channel continue where the channel was, in the batch's order; a vanished channel fails alone.
            #expect(results.map { (try? $0.get())?.seq } == [2, 1, 3, nil, 4, 5])
            #expect(try await Message.query(on: app.db).filter(\.$channel.$id == a).sort(\.$seq).all().map(\.seq) == [1, 2, 3, 4, 5])
            #expect(try await LovnadApp.Channel.find(a, on: app.db)?.lastSeq == 5)
            // Each author has read up to their own latest root, and follows their roots and the thread they answered.
            let marks = try await ChannelMember.query(on: app.db).filter(\.$channel.$id == a).all()
            #expect(marks.first { $0.$person.id == w.dev.id }?.lastReadSeq == 5)
            #expect(marks.first { $0.$person.id == w.lead.id }?.lastReadSeq == 3)
            #expect(try await ThreadFollow.query(on: app.db).filter(\.$person.$id == w.lead.id!).count() == 3)
            let reply = try #require(try await Message.find(root, on: app.db))
            #expect(reply.replyCount == 1 && reply.firstReplyAt != nil)
            #expect(try await MessageMention.query(on: app.db).filter(\.$person.$id == w.dev.id!).count() == 1)
            // One stored event per message, ids in the order of the batch.
            let events = try await StoredLiveEvent.query(on: app.db).filter(\.$type == "message.created").sort(\.$id).all()
            let bodies = events.compactMap { try? JSONSerialization.jsonObject(with: Data($0.data.utf8)) as? [String: Any] }.map { $0["body"] as? String }
            #expect(Array(bodies.suffix(5)) == ["a1", "b1", "a2", "svar", "a4"])
        }
    }

    @Test func messagesPostedAtOnceAllArriveNumberedOnce() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let a = try await w.newChannel(w.devToken, ["name": "A", "kind": "topic"])
            _ = try await w.send(.POST, "/api/v1/channels/\(a)/members", w.leadToken, [String: Any]())
            let posted = try await withThrowingTaskGroup(of: (String, Int).self) { group in
                for i in 0..<40 {
                    group.addTask {
                        let m = try await w.postMessage(i % 2 == 0 ? w.devToken : w.leadToken, channel: a, "Melding \(i)")
                        return (m["id"] as? String ?? "", m["seq"] as? Int ?? 0)
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(posted.count == 40)
            #expect(Set(posted.values) == Set(1...40))
            let listed = try await w.send(.GET, "/api/v1/channels/\(a)/messages?limit=100", w.devToken).items()
            #expect(listed.count == 40)
            #expect(listed.allSatisfy { posted[$0["id"] as? String ?? ""] == $0["seq"] as? Int })
            #expect(try await StoredLiveEvent.query(on: app.db).filter(\.$type == "message.created").count() == 40)
        }
    }

    /// The history import writes through the posting writer: an imported message and its reply are stored as
    /// posted ones are (HTML, question norm, mentions, reply count, follows), only without events or notices.
    @Test func anImportedMessageIsStoredAsAPostedOne() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let a = try #require(UUID(uuidString: try await w.newChannel(w.devToken, ["name": "A", "kind": "topic"])))
            _ = try await w.send(.POST, "/api/v1/channels/\(a)/members", w.leadToken, [String: Any]())
            let body = "@lars.leveranse Hvem kan **Kotlin**?"
            let posted = try await w.postMessage(w.devToken, channel: a.uuidString, body)
            let postedID = try #require(UUID(uuidString: posted["id"] as? String ?? ""))
            _ = try await w.postMessage(w.leadToken, channel: a.uuidString, "Det kan jeg", thread: postedID.uuidString)
            let events = try await StoredLiveEvent.query(on: app.db).count()
            let notices = try await AppNotification.query(on: app.db).count()

            let at = app.clock.now().addingTimeInterval(-3_600)
            let written = try await HistoryImportActions.importHistory([
                HistoricalMessage(channelID: a, authorID: w.dev.id!, body: body, at: at, replyTo: nil, reactions: [(w.lead.id!, "👍")]),
                HistoricalMessage(channelID: a, authorID: w.lead.id!, body: "Det kan jeg", at: at.addingTimeInterval(60), replyTo: 0, reactions: []),
            ], app: app)
            #expect(written == 2)
            let roots = try await Message.query(on: app.db).filter(\.$channel.$id == a).filter(\.$threadID == nil).sort(\.$seq).all()
            try #require(roots.count == 2)
            let (live, old) = (roots[0], roots[1])
            #expect(old.html == live.html && old.html.contains("<strong>Kotlin</strong>"))
            #expect(old.isQuestion && live.isQuestion && old.normDueAt != nil)
            #expect(old.replyCount == 1 && live.replyCount == 1 && abs((old.firstReplyAt ?? .distantPast).timeIntervalSince(at) - 60) < 1)
            #expect(old.seq == 3, "numbered after the posted messages")
            for root in [live, old] {
                #expect(try await MessageMention.query(on: app.db).filter(\.$message.$id == root.id!).count() == 1)
                let followers = try await ThreadFollow.query(on: app.db).filter(\.$thread.$id == root.id!).all().map { $0.$person.id }
                #expect(Set(followers) == [w.dev.id!, w.lead.id!])
            }
            #expect(try await Reaction.query(on: app.db).filter(\.$message.$id == old.id!).count() == 1)
            // The past makes no noise.
            #expect(try await StoredLiveEvent.query(on: app.db).count() == events)
            #expect(try await AppNotification.query(on: app.db).count() == notices)
        }
    }
}
