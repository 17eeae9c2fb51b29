import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import NIOSSL
import SQLKit
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
    let schema = app.writerDatabaseID
    app.migrations.add(M001_Foundation(), to: schema)
    app.migrations.add(M002_Indexes(), to: schema)
    app.migrations.add(M003_Engagements(), to: schema)
    app.migrations.add(M004_Promises(), to: schema)
    app.migrations.add(M005_Notifications(), to: schema)
    app.migrations.add(M006_Conversations(), to: schema)
    app.migrations.add(M007_AccessIndexes(), to: schema)
    app.migrations.add(M008_LogLines(), to: schema)
    app.migrations.add(M009_QuestionOutcomes(), to: schema)
    app.migrations.add(M010_PromiseOrder(), to: schema)
    app.migrations.add(M011_FollowActivity(), to: schema)
    app.migrations.add(M012_PromiseLinks(), to: schema)
    app.migrations.add(M013_NoticeSubjects(), to: schema)
    app.migrations.add(M014_UnansweredQuestions(), to: schema)
    app.migrations.add(M015_ActiveDepartments(), to: schema)
    app.migrations.add(M016_Questions(), to: schema)
    app.migrations.add(M017_SearchIndex(), to: schema)
    app.migrations.add(M018_EngagementSkills(), to: schema)
    app.migrations.add(M019_HolderIndexes(), to: schema)

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
    QuestionActions.registerJobs(app)
    app.feedSources.add(ConversationFeed())
    app.feedSources.add(QuestionFeed())
    for source: any SearchSource in [PersonSearchSource(), SkillSearchSource(), MessageSearchSource(), LogSearchSource(), PromiseSearchSource(),
                                        QuestionSearchSource(), AnswerSearchSource()] {
        app.searchSources.add(source)
    }
    _ = app.postQueue  // created before requests arrive: application storage is not for concurrent first use
    _ = app.normRecord
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

private func configureDatabase(_ app: Application, _ database: Settings.Database) throws {
    switch database {
    case .sqliteMemory:
        // A private temporary file, removed at shutdown (SQLite's memory databases cannot be shared
        // between connections in this build), journalled the classic way rather than with WAL.
        let path = NSTemporaryDirectory() + "lovnad-test-\(UUID().uuidString).sqlite"
        app.temporaryDatabasePath = path
        useSQLite(app, path: path)
    case .sqliteFile(let path):
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        useSQLite(app, path: path)
    case .postgres(let url, let searchPath):
        var config = try SQLPostgresConfiguration(url: url)
        if let searchPath { config.searchPath = [searchPath] }
        app.databases.use(.postgres(configuration: config, sqlLogLevel: .trace), as: .psql)
    }
}

/// Reads go through the default pool, opened read-only so a write that bypasses the store fails loudly;
/// writes through the one writer.
private func useSQLite(_ app: Application, path: String) {
    let readOnly = URL(fileURLWithPath: path).absoluteString + "?mode=ro"
    app.databases.use(.sqlite(.file(readOnly), sqlLogLevel: nil), as: .sqlite)
    app.databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqliteWriter, isDefault: false)
    app.sqliteWriter = SQLiteWriter(loop: app.eventLoopGroup.next())
}

extension Application {
    private struct TemporaryDatabaseKey: StorageKey { typealias Value = String }
    /// The file behind `sqliteMemory`, removed at shutdown.
    var temporaryDatabasePath: String? {
        get { storage[TemporaryDatabaseKey.self] }
        set { storage[TemporaryDatabaseKey.self] = newValue }
    }
}

/// On start: WAL for SQLite files, migrations unless turned off, and the job runner.
struct StartupTasks: LifecycleHandler {
    func didBootAsync(_ app: Application) async throws {
        // The writer opens (and creates) the file before any read-only connection does.
        if let sql = app.writerDatabase as? any SQLDatabase, app.sqliteWriter != nil {
            if case .sqliteFile = app.settings.database {
                try await sql.raw("PRAGMA journal_mode=WAL").run()
            } else {
                try await sql.raw("PRAGMA user_version").run()
            }
            try await SQLiteTuning.apply(app)
        }
        // The CLI's own migrate command migrates explicitly; other commands honour the setting.
        let command = app.environment.arguments.dropFirst().first
        if app.settings.autoMigrate, command != "migrate" {
            try await app.migrateAndIndex()
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
        // Both wait for work in progress: a query still running when the pools close leaves a connection
        // that was never closed (SQLiteNIO then stops the process on exit).
        await app.jobs.stop()
        await app.live.stop()
        if let path = app.temporaryDatabasePath {
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
    }
}
