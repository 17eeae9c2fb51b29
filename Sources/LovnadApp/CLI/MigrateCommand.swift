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
    func migrateAndIndex() async throws {
        try await autoMigrate()
        try await SearchIndexer.rebuildIfStale(self)
    }
}
