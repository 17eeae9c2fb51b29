import Fluent
import Vapor

/// `lovnad migrate`: applies pending migrations without asking.
struct MigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {}
    var help: String { "Applies pending database migrations." }

    func run(using context: CommandContext, signature: Signature) async throws {
        try await context.application.migrateAndIndex()
        context.console.print("Migrations are up to date.")
    }
}

extension Application {
    /// Pending migrations, then the search index if it was built another way: what `lovnad migrate` and
    /// a start with automatic migration both do, so a deployment that migrates apart from serving has an index too.
    /// When migrations were applied, department and engagement channels are brought in step once (a
    /// database from before channels, or from before a change of who belongs in them); otherwise every
    /// write that changes who may see what keeps them in step, and a start need not look at each of
    /// thousands of engagements (8 s at 2,000, on every start and every CLI command).
    func migrateAndIndex() async throws {
        try await migrator.setupIfNeeded().get()
        let pending = try await migrator.previewPrepareBatch().get()
        try await autoMigrate()
        try await SearchIndexer.rebuildIfStale(self)
        if !pending.isEmpty { try await ChannelSyncActions.all(app: self) }
    }
}
