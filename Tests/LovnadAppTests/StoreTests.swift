import Fluent
import Foundation
import SQLKit
import Synchronization
import Testing
import Vapor
@testable import LovnadApp

/// The write path: a change commits with its events, jobs, audit and log entries, or none of them does.
@Suite struct StoreTests {
    private struct Refused: Error {}

    /// Rows of the tables a write's side effects land in.
    private func sideEffects(_ app: Application) async throws -> [Int] {
        [try await StoredLiveEvent.query(on: app.db).count(), try await JobRecord.query(on: app.db).count(),
         try await AuditEntry.query(on: app.db).count(), try await LogEntry.query(on: app.db).count()]
    }

    @Test func aWriteThatFailsLeavesNothingBehind() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let engagement = try #require(UUID(uuidString: try await w.newEngagement()))
            let before = try await sideEffects(app)
            await #expect(throws: Refused.self) {
                try await app.store.write { ctx in
                    ctx.emit(.stored(.customerCreated, ["customer_id": "none"]))
                    try await ctx.enqueue(kind: "test", runAt: ctx.now)
                    try await ctx.audit(actorID: nil, action: "test", target: "x")
                    try await ctx.appendLog(to: engagement, kind: .note, body: "Skal ikke bli stående", authorID: nil)
                    throw Refused()
                }
            }
            #expect(try await sideEffects(app) == before)
            #expect(try await w.send(.GET, "/api/v1/engagements/\(engagement)/log/verify", w.salesToken).json()["ok"] as? Bool == true)
        }
    }

    @Test func aWriteInsideAWriteJoinsItAndFailsAlone() async throws {
        try await withLovnad { app in
            let before = try await sideEffects(app)
            try await app.store.write { ctx in
                try await ctx.audit(actorID: nil, action: "outer", target: "kept")
                ctx.emit(.stored(.skillCreated, ["skill_id": "outer"]))
                // The inner write fails; the outer one catches it and goes on.
                _ = try? await app.store.write { inner -> Void in
                    #expect(inner === ctx, "the inner write joins the outer one")
                    try await inner.audit(actorID: nil, action: "inner", target: "undone")
                    inner.emit(.stored(.skillCreated, ["skill_id": "inner"]))
                    throw Refused()
                }
            }
            let after = try await sideEffects(app)
            #expect(after[0] == before[0] + 1 && after[2] == before[2] + 1)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "inner").count() == 0)
            #expect(try await StoredLiveEvent.query(on: app.db).filter(\.$data ~~ "inner").count() == 0)
        }
    }

    /// Group commit (SQLite): writes that arrive together share a transaction, yet one that fails is
    /// undone alone while the others commit, and their events come in commit order.
    @Test func concurrentWritesCommitTogetherAndAFailureStaysItsOwn() async throws {
        try await withLovnad { app in
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for i in 0..<60 {
                    group.addTask {
                        do {
                            try await app.store.write { ctx in
                                try await ctx.audit(actorID: nil, action: "burst", target: String(i))
                                ctx.emit(.stored(.skillUpdated, ["skill_id": String(i)]))
                                if i % 7 == 3 { throw Refused() }
                            }
                            return (i, true)
                        } catch is Refused { return (i, false) }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            let committed = Set(outcomes.filter(\.value).keys)
            #expect(committed.count == 60 - outcomes.values.filter { !$0 }.count)
            let audited = Set(try await AuditEntry.query(on: app.db).filter(\.$action == "burst").all().compactMap { Int($0.target) })
            #expect(audited == committed)
            let events = try await StoredLiveEvent.query(on: app.db).filter(\.$type == "skill.updated").sort(\.$id).all()
            #expect(Set(events.compactMap { ($0.data.split(separator: "\"").dropFirst(3).first).flatMap { Int($0) } }) == committed)
        }
    }

    @Test func readConnectionsRefuseWritesThatBypassTheStore() async throws {
        try await withLovnad { app in
            guard app.sqliteWriter != nil else { return }  // on PostgreSQL the guard test holds the line
            let stray = Person(email: "stray@example.no", name: "Stray", title: nil, departmentID: nil, leaderID: nil,
                               roles: [.consultant], passwordHash: nil, now: Date())
            await #expect(throws: (any Error).self) { try await stray.create(on: app.db) }
            let strays = try await Person.query(on: app.db).filter(\.$email == "stray@example.no").count()
            #expect(strays == 0)
        }
    }

    @Test func eachApplicationHasItsOwnWriter() async throws {
        try await withLovnad { first in
            try await withLovnad { second in
                guard let a = first.sqliteWriter, let b = second.sqliteWriter else { return }
                #expect(a !== b)
            }
        }
    }
}
