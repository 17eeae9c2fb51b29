import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import LovnadApp

/// Channels that follow the organisation are brought in step at a start only when migrations were
/// applied (a database from before channels, or from before a change of who belongs in them); a start
/// with nothing to migrate leaves them to the writes that keep them in step, instead of going through
/// every engagement.
@Suite struct ChannelSyncAtStartTests {
    /// Adds nothing; only makes a migration pending.
    struct Pending: AsyncMigration {
        var name: String { "TestPendingMigration" }
        func prepare(on database: any Database) async throws {}
        func revert(on database: any Database) async throws {}
    }

    @Test func onlyAMigratingStartBringsChannelsInStep() async throws {
        try await withLovnad { app in
            let w = try await EngagementWorld.make(app)
            let department = try #require(try await LovnadApp.Channel.query(on: app.db).filter(\.$name == "Utvikling").first())
            func isMember() async throws -> Bool {
                try await ChannelMember.query(on: app.db).filter(\.$channel.$id == department.id!).filter(\.$person.$id == w.dev.id!).first() != nil
            }
            #expect(try await isMember())
            // Out of step, as a database from before a change of membership rules would be.
            try await app.store.write { ctx in
                try await ctx.sql.raw("DELETE FROM channel_members WHERE channel_id = \(bind: department.id!) AND person_id = \(bind: w.dev.id!)").run()
            }
            try await app.migrateAndIndex()
            #expect(try await !isMember(), "nothing to migrate: channels are left to the writes")
            app.migrations.add(Pending(), to: app.writerDatabaseID)
            try await app.migrateAndIndex()
            #expect(try await isMember(), "a start that migrated brings them in step")
        }
    }
}
