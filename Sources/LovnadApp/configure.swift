import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import NIOSSL
import Vapor

/// The one place the application is put together, for the server, the CLI and the tests.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.signingKeys = SigningKeys(secret: settings.sessionSecret)
    app.useDummyPasswordHash(cost: settings.passwordHashCost)
    app.http.server.configuration.hostname = settings.host
    app.http.server.configuration.port = settings.port
    // Forms such as the handover editor outgrow Vapor's default of 16 KiB.
    app.routes.defaultMaxBodySize = ByteCount(value: CSRFMiddleware.maxFormBytes)

    // SQLite statements run on this pool, and a statement that meets another connection's write lock
    // spins its thread until the lock is free (SQLiteNIO's busy handler); the lock's holder needs a
    // thread of its own to finish, so two threads (one per core) could wait on each other for ever.
    // Twice the cores: with eight threads on two cores, posting's tail latency doubled.
    app.threadPool = NIOThreadPool(numberOfThreads: max(4, 2 * System.coreCount))
    try configureDatabase(app, settings.database)
    app.migrations.add(M001_Foundation())
    app.migrations.add(M002_Indexes())
    app.migrations.add(M003_Engagements())
    app.migrations.add(M004_Promises())
    app.migrations.add(M005_Notifications())
    app.migrations.add(M006_Conversations())

    let json = JSONEncoder()
    json.keyEncodingStrategy = .convertToSnakeCase
    json.dateEncodingStrategy = .iso8601
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    decoder.dateDecodingStrategy = .iso8601
    ContentConfiguration.global.use(encoder: json, for: .json)
    ContentConfiguration.global.use(decoder: decoder, for: .json)

    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware(environment: app.environment))
    app.middleware.use(AssetsMiddleware())

    Housekeeping.register(app)
    PromiseReminderJobs.register(app)
    ResponseNormJobs.register(app)
    app.feedSources.add(ConversationFeed())
    _ = app.notificationChannels
    _ = app.postQueue  // created before requests arrive: application storage is not for concurrent first use
    try routes(app)
    app.allowedMethods = AllowedMethods(routes: app.routes.all)

    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(UserCommand(), as: "user")
    app.asyncCommands.use(PeopleCommand(), as: "people")
    app.asyncCommands.use(TokenCommand(), as: "token")
    app.asyncCommands.use(LogCommand(), as: "log")
    app.asyncCommands.use(BenchDataCommand(), as: "bench-data")

    app.lifecycle.use(StartupTasks())
}

extension DatabaseID {
    /// A second pool on the same SQLite file (Fluent's SQLite pools hold one connection per event loop).
    static let sqlitePosting = DatabaseID(string: "sqlite-posting")
}

extension Application {
    /// Where `PostQueue` writes: its own pool on a SQLite file, otherwise the one database.
    var postingDB: any Database {
        if case .sqliteFile = settings.database { return db(.sqlitePosting) }
        return db
    }
}

private func configureDatabase(_ app: Application, _ database: Settings.Database) throws {
    switch database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
    case .sqliteFile(let path):
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        // Posting writes through connections of its own, so a batch being written never holds up reads.
        app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlitePosting, isDefault: false)
    case .postgres(let url, let searchPath):
        var config = try SQLPostgresConfiguration(url: url)
        if let searchPath { config.searchPath = [searchPath] }
        app.databases.use(.postgres(configuration: config, sqlLogLevel: .trace), as: .psql)
    }
}

/// On start: WAL for SQLite files, migrations unless turned off, and the job runner.
struct StartupTasks: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        if case .sqliteFile = app.settings.database, let sql = app.db as? any SQLDatabase {
            try await sql.raw("PRAGMA journal_mode=WAL").run()
        }
        // The CLI's own migrate command migrates explicitly; other commands honour the setting.
        let command = app.environment.arguments.dropFirst().first
        if app.settings.autoMigrate, command != "migrate" {
            try await app.autoMigrate()
            try await ChannelSync.all(app: app)
        }
        // Everything but the one-shot CLI commands serves, and so shares live events (tests included).
        let oneShot = ["migrate", "user", "people", "token", "log", "bench-data"].contains(command ?? "")
        if case .postgres(let url, let searchPath) = app.settings.database, !oneShot {
            await app.live.usePostgres(try PostgresLiveListener(url: url, searchPath: searchPath), app: app)
        }
        if !oneShot { app.live.startCredentialChecks(app: app, every: app.settings.liveCheckSeconds) }
        if app.settings.runJobs, command == nil || command == "serve" || command == "demo" {
            try await Housekeeping.ensureScheduled(app)
            app.jobs.start(app: app)
        }
    }

    func shutdownAsync(_ app: Application) async {
        app.jobs.stop()
        app.live.stop()
    }
}
